package org.ocn.node.services;

import java.time.Instant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears when the services of this node start and stop (whiteboard: register an implementation as a service and the
 * {@link ServiceDirectory} binds it). Called on the thread that registered or unregistered the plugin's service, in
 * the order the changes happened, one call at a time: return quickly and hand slow work (HTTP, transactions) to a
 * thread of your own.
 */
@ConsumerType
public interface ServiceDirectoryListener {

    /**
     * A service with a new identity runs, or the service that counts for an identity changed (one with a higher
     * ranking came or went, its configuration changed). When the listener is bound, it is called once for every service
     * already running, with the time that service started.
     *
     * @param service the service that counts for its party now
     * @param since   when a service with that party started running here (unchanged by a replacement)
     */
    void serviceStarted(RunningService service, Instant since);

    /**
     * The last service with that identity stopped (its plugin is being updated or was removed).
     *
     * @param service the service that counted for the party until now
     * @param at      when it stopped
     */
    void serviceStopped(RunningService service, Instant at);
}
