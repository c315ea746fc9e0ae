package org.ocn.node.plugins.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.kar.KarService;
import org.ocn.node.plugins.internal.PluginException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KARs, with Karaf's {@link KarService}: kept as {@code <plugins folder>/<name>.kar} and installed by Karaf, whose
 * KAR's own Maven repository serves its bundles. What Karaf cannot install, or a KAR that installs no plugin bundle,
 * is uninstalled again.
 */
final class KarInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(KarInstaller.class);

    private final KarService kars;
    private final PluginFeatures bookkeeping;
    private final PluginBundles bundles;
    private final PluginFolder folder;

    KarInstaller(KarService kars, PluginFeatures bookkeeping, PluginBundles bundles, PluginFolder folder) {
        this.kars = kars;
        this.bookkeeping = bookkeeping;
        this.bundles = bundles;
        this.folder = folder;
    }

    /** @return the plugin bundles the KAR's features installed (at least one) */
    List<Plugin> install(Artifact what, Path artifact) throws PluginException {
        String name = PluginFolder.safeFileName(what.name());
        if (KarafCalls.ask(kars::list).contains(name)) {
            throw new PluginException(Reason.CONFLICT, "KAR " + name
                    + " is installed already; update one of its plugins with PUT to replace it");
        }
        Path kept = folder.keep(artifact, name + ".kar");
        try {
            kars.install(kept.toUri());
        } catch (Exception e) {
            try {
                if (kars.list().contains(name)) {
                    kars.uninstall(name);
                }
            } catch (Exception rollback) {
                LOG.warn("KAR {} could not be rolled back: {}", name, rollback.toString());
            }
            PluginFolder.delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "Karaf could not install KAR " + name + ": "
                    + e.getMessage(), e);
        }
        List<Plugin> plugins = bundles.installedBy(bookkeeping.installedFromKar(name));
        if (plugins.isEmpty()) {
            // Karaf skips a KAR's features marked install="manual", and logs (not throws) their failures
            KarafCalls.ask(() -> {
                kars.uninstall(name);
                return null;
            });
            PluginFolder.delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "KAR " + name + " installed no bundle: Karaf installs"
                    + " a KAR's features unless they are marked install=\"manual\", and logs why one failed");
        }
        return plugins;
    }
}
