package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ocn.node.plugins.internal.PluginException.Reason;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundle jars, with the framework's bundle API: installed with {@link BundleContext#installBundle} from the jar kept
 * as {@code <plugins folder>/<symbolic name>.jar} (its location) and started; updated in place with
 * {@link Bundle#update(InputStream)} (same bundle id); uninstalled; refreshed through {@link FrameworkWiring} when
 * an old revision would otherwise stay behind. A bundle that does not resolve or start stays installed, reported
 * {@code FAILED} by {@link BundleReports}.
 */
final class BundleInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(BundleInstaller.class);
    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    private final BundleContext context;
    private final FrameworkWiring wiring;
    private final PluginBundles bundles;
    private final BundleReports reports;
    private final PluginFolder folder;
    private final Path deployFolder;

    BundleInstaller(BundleContext context, FrameworkWiring wiring, PluginBundles bundles, BundleReports reports,
                    PluginFolder folder, Path deployFolder) {
        this.context = context;
        this.wiring = wiring;
        this.bundles = bundles;
        this.reports = reports;
        this.folder = folder;
        this.deployFolder = deployFolder;
    }

    /** @return the plugin, {@code FAILED} with the reason when it does not resolve or start */
    Plugin install(Artifact what, Path artifact) throws PluginException {
        Optional<Bundle> existing = bundles.named(what.name()).stream().findFirst();
        if (existing.isPresent()) {
            boolean node = bundles.distribution().isNodeBundle(existing.get().getLocation());
            throw new PluginException(Reason.CONFLICT, node
                    ? "bundle " + what.name() + " is part of the node and cannot be installed as a plugin"
                    : "plugin " + what.name() + " is installed already (version " + existing.get().getVersion()
                    + "); update it with PUT /admin/plugins/" + what.name() + " or ocn:plugin-update");
        }
        Path kept = folder.keep(artifact, PluginFolder.safeFileName(what.name()) + ".jar");
        Bundle bundle;
        try (InputStream in = Files.newInputStream(kept)) {
            bundle = context.installBundle(kept.toUri().toString(), in);
        } catch (BundleException e) {
            PluginFolder.delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "the framework refused bundle " + what.name() + ": "
                    + BundleReports.message(e), e);
        } catch (IOException e) {
            PluginFolder.delete(kept);
            throw new PluginException(Reason.FAILED, "could not read " + kept + ": " + e.getMessage(), e);
        }
        reports.start(bundle);
        return reports.describe(bundle);
    }

    /**
     * Updates the bundle in place (same bundle id), whatever installed it, except from the deploy folder, which owns
     * its bundles.
     *
     * @param what     the new jar's description, or {@code null} with {@code artifact} to update from the location
     * @param artifact the new jar, or {@code null}
     */
    Plugin update(Bundle bundle, Artifact what, Path artifact) throws PluginException {
        String id = bundle.getSymbolicName();
        if (what != null && !what.name().equals(id)) {
            throw new PluginException(Reason.BAD_REQUEST, "the jar is bundle " + what.name() + ", not " + id
                    + ": install it with POST, or uninstall " + id + " first");
        }
        if (PluginFolder.isUnder(bundle.getLocation(), deployFolder)) {
            throw new PluginException(Reason.CONFLICT, "plugin " + id + " comes from the deploy folder ("
                    + bundle.getLocation() + "): replace the file there to update it");
        }
        reports.forget(bundle);
        try {
            if (artifact == null) {
                bundle.update();
            } else {
                try (InputStream in = Files.newInputStream(artifact)) {
                    bundle.update(in);
                }
            }
        } catch (BundleException e) {
            throw new PluginException(Reason.BAD_REQUEST, "the framework refused the update of " + id + ": "
                    + BundleReports.message(e), e);
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "could not read the new jar: " + e.getMessage(), e);
        }
        Optional<Path> kept = PluginFolder.filePath(bundle.getLocation()).filter(folder::holds);
        if (artifact != null && kept.isPresent()) {
            // the kept jar is the bundle's location: a restart or bundle:update reads the new version
            try {
                Files.copy(artifact, kept.get(), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warn("Plugin {} updated, but {} could not be replaced: {}", id, kept.get(), e.toString());
            }
        }
        // the old revision lingers only while other bundles are wired to it; refreshing then rewires them. Otherwise
        // a refresh would only stop and start the plugin a second time: a second moment without its services.
        if (wiring.getRemovalPendingBundles().contains(bundle)) {
            refresh(List.of(bundle));
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            reports.start(bundle);
        }
        return reports.describe(bundle);
    }

    /**
     * Uninstalls the bundle and refreshes, so that no class loader of it stays behind; its kept jar, or its file in
     * the deploy folder, goes too.
     *
     * @return what was done, for the audit log
     */
    String uninstall(Bundle bundle) throws PluginException {
        String location = bundle.getLocation();
        Optional<Path> file = PluginFolder.filePath(location);
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new PluginException(Reason.FAILED, "the framework could not uninstall " + bundle.getSymbolicName()
                    + ": " + BundleReports.message(e), e);
        }
        refresh(List.of(bundle));
        if (file.isPresent() && (folder.holds(file.get()) || file.get().startsWith(deployFolder))) {
            // a file left in deploy/ would be installed again by the deploy folder
            PluginFolder.delete(file.get());
            return "bundle " + bundle.getBundleId() + " uninstalled and refreshed; " + file.get() + " deleted";
        }
        return "bundle " + bundle.getBundleId() + " uninstalled and refreshed";
    }

    /** Refreshes bundles (and what is wired to them) and waits until the framework has done so. */
    private void refresh(List<Bundle> refreshed) throws PluginException {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(refreshed, event -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new PluginException(Reason.FAILED, "the framework did not finish refreshing within "
                        + REFRESH_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(Reason.FAILED, "interrupted while the framework refreshed", e);
        }
    }
}
