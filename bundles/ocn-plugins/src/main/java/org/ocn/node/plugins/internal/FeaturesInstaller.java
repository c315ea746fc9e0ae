package org.ocn.node.plugins.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.ocn.node.plugins.internal.PluginException.Reason;

/**
 * Features XMLs, with Karaf's {@link FeaturesService}: kept as {@code <plugins folder>/<name>-features.xml}, added
 * as a repository, and its features (all but those marked {@code install="manual"}) installed with their
 * dependencies through Karaf's resolver. All or nothing: what Karaf refuses is rolled back.
 */
final class FeaturesInstaller {

    private final FeaturesService features;
    private final PluginFeatures bookkeeping;
    private final PluginBundles bundles;
    private final PluginFolder folder;

    FeaturesInstaller(FeaturesService features, PluginFeatures bookkeeping, PluginBundles bundles,
                      PluginFolder folder) {
        this.features = features;
        this.bookkeeping = bookkeeping;
        this.bundles = bundles;
        this.folder = folder;
    }

    /** @return the plugin bundles the features installed (at least one: otherwise the features are rolled back) */
    List<Plugin> install(Artifact what, Path artifact) throws PluginException {
        if (KarafCalls.ask(() -> features.getRepository(what.name())) != null) {
            throw new PluginException(Reason.CONFLICT, "features repository " + what.name()
                    + " is installed already; update one of its plugins with PUT to replace it");
        }
        Path kept = folder.keep(artifact, PluginFolder.safeFileName(what.name()) + "-features.xml");
        URI uri = kept.toUri();
        try {
            features.addRepository(uri, false);
        } catch (Exception e) {
            PluginFolder.delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "Karaf could not read features repository " + what.name()
                    + ": " + e.getMessage(), e);
        }
        List<Feature> wanted = new ArrayList<>();
        try {
            Repository repository = features.getRepository(uri);
            for (Feature f : repository == null ? new Feature[0] : repository.getFeatures()) {
                if (!"manual".equals(f.getInstall())) {
                    if (features.isInstalled(f)) {
                        throw new PluginException(Reason.CONFLICT, "feature " + f.getId() + " is installed already");
                    }
                    wanted.add(f);
                }
            }
            if (wanted.isEmpty()) {
                throw new PluginException(Reason.BAD_REQUEST, "features repository " + what.name()
                        + " has no feature to install (none, or all install=\"manual\")");
            }
            Set<String> ids = new LinkedHashSet<>();
            wanted.forEach(f -> ids.add(f.getName() + "/" + f.getVersion()));
            features.installFeatures(ids, EnumSet.noneOf(FeaturesService.Option.class));
            List<Plugin> installed = bundles.installedBy(wanted);
            if (installed.isEmpty()) {
                // nothing a plugin id could name later: it could never be updated or uninstalled here
                features.uninstallFeatures(ids, EnumSet.noneOf(FeaturesService.Option.class));
                throw new PluginException(Reason.BAD_REQUEST, "features repository " + what.name()
                        + " installs no bundle that is not already part of the node");
            }
            return installed;
        } catch (PluginException e) {
            bookkeeping.removeRepository(uri);
            PluginFolder.delete(kept);
            throw e;
        } catch (Exception e) {
            bookkeeping.removeRepository(uri);
            PluginFolder.delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "Karaf could not install the features of " + what.name()
                    + ": " + e.getMessage(), e);
        }
    }
}
