package org.ocn.node.plugins.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.apache.karaf.kar.KarService;
import org.ocn.node.plugins.internal.NodeBundles.Distribution;
import org.ocn.node.plugins.internal.PluginException.Reason;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karaf's records of plugin features, read back: which installed feature a plugin bundle came with, which KAR a
 * feature came from, and how a plugin feature goes with what it came with. Karaf keeps no link from a bundle to the
 * artifact a plugin was installed from; these answers are what links them.
 */
final class PluginFeatures {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFeatures.class);

    private final FeaturesService features;
    private final KarService kars;
    private final PluginFolder folder;
    private final Path karFolder;

    /** @param karFolder where Karaf unpacks KARs ({@code data/kar}) */
    PluginFeatures(FeaturesService features, KarService kars, PluginFolder folder, Path karFolder) {
        this.features = features;
        this.kars = kars;
        this.folder = folder;
        this.karFolder = karFolder;
    }

    /** @return the installed feature, not one of the node's, that installed this bundle */
    Optional<Feature> owner(Bundle bundle, Distribution distribution) throws PluginException {
        for (Feature f : KarafCalls.ask(features::listInstalledFeatures)) {
            if (!distribution.isNodeFeature(f) && NodeBundles.bundleLocations(f).contains(bundle.getLocation())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** @return the installed features that came from that KAR */
    List<Feature> installedFromKar(String kar) throws PluginException {
        List<Feature> installed = new ArrayList<>();
        for (Feature f : KarafCalls.ask(features::listInstalledFeatures)) {
            if (karOf(f).filter(kar::equals).isPresent()) {
                installed.add(f);
            }
        }
        return installed;
    }

    /**
     * Uninstalls a plugin feature with what it came with: the whole KAR, the whole features XML installed here,
     * or the one feature when it was installed otherwise (shell, deploy folder).
     *
     * @return what was done, for the audit log
     */
    String uninstall(Feature owner) throws PluginException {
        try {
            Optional<String> kar = karOf(owner);
            if (kar.isPresent() && kars.list().contains(kar.get())) {
                kars.uninstall(kar.get());
                PluginFolder.delete(folder.file(kar.get() + ".kar"));
                return "KAR " + kar.get() + " uninstalled";
            }
            Optional<Path> file = PluginFolder.filePath(owner.getRepositoryUrl()).filter(folder::holds);
            if (file.isPresent()) {
                URI uri = URI.create(owner.getRepositoryUrl());
                Repository repository = features.getRepository(uri);
                Set<String> ids = new LinkedHashSet<>();
                for (Feature f : repository == null ? new Feature[] {owner} : repository.getFeatures()) {
                    if (features.isInstalled(f)) {
                        ids.add(f.getName() + "/" + f.getVersion());
                    }
                }
                if (!ids.isEmpty()) {
                    features.uninstallFeatures(ids, EnumSet.noneOf(FeaturesService.Option.class));
                }
                removeRepository(uri);
                PluginFolder.delete(file.get());
                return "features " + ids + " uninstalled and repository " + uri + " removed";
            }
            features.uninstallFeature(owner.getName(), owner.getVersion());
            return "feature " + owner.getId() + " uninstalled";
        } catch (Exception e) {
            throw new PluginException(Reason.FAILED, "Karaf could not uninstall feature " + owner.getId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Removes a features repository; what cannot be removed is logged, since it is only left over. */
    void removeRepository(URI uri) {
        try {
            features.removeRepository(uri, false);
        } catch (Exception e) {
            LOG.warn("Features repository {} could not be removed: {}", uri, e.toString());
        }
    }

    private Optional<String> karOf(Feature feature) throws PluginException {
        return karOf(feature.getRepositoryUrl(), karFolder, kars::list);
    }

    /**
     * @param repositoryUrl the URL of a feature's repository
     * @param karFolder     where Karaf unpacks KARs
     * @param installed     the installed KARs' names (asked only for a {@code mvn:} URL)
     * @return the name of the KAR a feature came from: Karaf unpacks a KAR's Maven repository into
     *         {@code data/kar/<name>/} and adds its features repositories from there (as {@code mvn:} URIs)
     */
    static Optional<String> karOf(String repositoryUrl, Path karFolder,
                                  KarafCalls.KarafCall<? extends Collection<String>> installed) throws PluginException {
        Optional<Path> file = PluginFolder.filePath(repositoryUrl)
                .filter(p -> p.startsWith(karFolder) && !p.equals(karFolder));
        if (file.isPresent()) {
            return Optional.of(karFolder.relativize(file.get()).getName(0).toString());
        }
        if (repositoryUrl == null || !repositoryUrl.startsWith("mvn:")) {
            return Optional.empty();
        }
        MavenCoordinate repository;
        try {
            repository = MavenCoordinate.parse(repositoryUrl);
        } catch (PluginException notAnArtifact) {
            return Optional.empty();
        }
        String stored = repository.versionFolder() + repository.fileName(repository.version());
        for (String kar : KarafCalls.ask(installed)) {
            Path unpacked = karFolder.resolve(kar);
            if (Files.exists(unpacked.resolve(stored)) || Files.exists(unpacked.resolve("repository").resolve(stored))) {
                return Optional.of(kar);
            }
        }
        return Optional.empty();
    }
}
