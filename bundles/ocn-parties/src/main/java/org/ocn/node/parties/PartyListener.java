package org.ocn.node.parties;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service told about every change to a platform after it was committed: a registration token issued,
 * a registration, a credentials update, an unregistration, a change of connection status (CONNECTED, OFFLINE).
 *
 * <p>Called on the thread that made the change, outside the directory's lock, once per change; a listener must
 * return quickly (hand slow work, such as HTTP calls, to an executor of its own) and must not throw. The directory
 * is passed in, so that a listener needs no service reference back to it (which would be a cycle: the directory
 * binds its listeners while it activates).
 */
@ConsumerType
public interface PartyListener {

    /**
     * @param directory the directory that changed, for further lookups
     * @param before    the platform before the change, or {@code null} when it is new
     * @param after     the platform after the change
     */
    void platformChanged(PartyDirectory directory, Platform before, Platform after);
}
