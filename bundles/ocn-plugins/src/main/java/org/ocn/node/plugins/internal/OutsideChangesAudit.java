package org.ocn.node.plugins.internal;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits the changes of plugin bundles that {@link PluginManager} did not make: a bundle the deploy folder
 * installed, updated or removed ({@link AuditLog#DEPLOY_FOLDER}), or any other ({@link AuditLog#FRAMEWORK}: Karaf's
 * {@code bundle:} and {@code feature:} commands, a feature file in {@code deploy/}). Listens from {@link #open} to
 * {@link #close}.
 */
final class OutsideChangesAudit implements SynchronousBundleListener {

    private static final Logger LOG = LoggerFactory.getLogger(OutsideChangesAudit.class);

    private final PluginBundles bundles;
    private final AuditLog audit;
    private final Path deployFolder;
    private final ExecutorService classifier;
    /** A change of ours is under way: the bundle events it causes are ours, audited by the change itself. */
    private volatile boolean ourChange;

    OutsideChangesAudit(PluginBundles bundles, AuditLog audit, Path deployFolder) {
        this.bundles = bundles;
        this.audit = audit;
        this.deployFolder = deployFolder;
        this.classifier = Executors.newSingleThreadExecutor(r -> new Thread(r, "ocn-plugins-audit"));
    }

    void open(BundleContext context) {
        context.addBundleListener(this);
    }

    /** Stops listening, and audits what was already seen (for a few seconds at most). */
    void close(BundleContext context) throws InterruptedException {
        context.removeBundleListener(this);
        classifier.shutdown();
        classifier.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Called around each change of ours, which runs one at a time. */
    void ourChange(boolean underway) {
        this.ourChange = underway;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String action = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "install";
            case BundleEvent.UPDATED -> "update";
            case BundleEvent.UNINSTALLED -> "uninstall";
            default -> null;
        };
        if (ourChange || action == null) {
            return;
        }
        Bundle bundle = event.getBundle();
        String location = bundle.getLocation();
        String id = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        // classified outside the framework's event delivery: reading the distribution asks the features service
        try {
            classifier.execute(() -> {
                try {
                    if (!bundles.distribution().isNodeBundle(location)) {
                        String actor = PluginFolder.isUnder(location, deployFolder) ? AuditLog.DEPLOY_FOLDER
                                : AuditLog.FRAMEWORK;
                        audit.record(actor, action, id, version, location, "ok", null);
                    }
                } catch (PluginException e) {
                    LOG.warn("Plugins audit: could not classify bundle {}: {}", location, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }
}
