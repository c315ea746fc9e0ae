package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Conditional;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;

/**
 * Tells the node's own bundles from plugins, by Karaf's own records of what the distribution is: the bundles of
 * {@code etc/startup.properties} (the framework's start-up bundles) and every bundle of the boot features of
 * {@code etc/org.apache.karaf.features.cfg} ({@code featuresBoot}) and of the features they depend on, conditionals
 * included. Everything else (bundles from {@code deploy/}, installed through the admin API or the shell, or by a
 * feature that is not a boot feature) is a plugin. The distribution's files are read each time, so the answer never
 * goes stale; they are small.
 */
final class NodeBundles {

    private final FeaturesService features;
    private final Path karafEtc;

    NodeBundles(FeaturesService features, Path karafEtc) {
        this.features = features;
        this.karafEtc = karafEtc;
    }

    /** What the distribution is made of, as read now. */
    record Distribution(Set<String> bundleLocations, Set<String> featureNames) {

        boolean isNodeBundle(String location) {
            return bundleLocations.contains(location);
        }

        boolean isNodeFeature(Feature feature) {
            return featureNames.contains(feature.getName());
        }
    }

    Distribution read() throws IOException {
        Set<String> locations = new HashSet<>(properties("startup.properties").stringPropertyNames());
        Set<String> names = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(bootFeatureNames(properties("org.apache.karaf.features.cfg")
                .getProperty("featuresBoot", "")));
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (!names.add(name)) {
                continue;
            }
            for (Feature f : lookUp(name)) {
                locations.addAll(bundleLocations(f));
                for (Dependency d : f.getDependencies()) {
                    pending.addLast(d.getName());
                }
                for (Conditional c : f.getConditional()) {
                    for (Dependency d : c.getDependencies()) {
                        pending.addLast(d.getName());
                    }
                }
            }
        }
        return new Distribution(Set.copyOf(locations), Set.copyOf(names));
    }

    /** @return every bundle location of a feature, those of its conditionals included */
    static Set<String> bundleLocations(Feature f) {
        Set<String> locations = new HashSet<>();
        for (BundleInfo b : f.getBundles()) {
            locations.add(b.getLocation());
            if (b.getOriginalLocation() != null) {
                locations.add(b.getOriginalLocation());
            }
        }
        for (Conditional c : f.getConditional()) {
            for (BundleInfo b : c.getBundles()) {
                locations.add(b.getLocation());
            }
        }
        return locations;
    }

    private Feature[] lookUp(String name) throws IOException {
        try {
            Feature[] found = features.getFeatures(name);
            return found == null ? new Feature[0] : found;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Karaf could not look up feature " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param featuresBoot the {@code featuresBoot} value: names with optional {@code /version}, comma-separated,
     *                     stages in parentheses
     * @return the feature names
     */
    static List<String> bootFeatureNames(String featuresBoot) {
        List<String> names = new ArrayList<>();
        // version ranges first (their commas and brackets are not the list's), then stage parentheses
        String list = featuresBoot.replaceAll("/\\s*[\\[(][^\\])]*[\\])]", "");
        for (String item : list.replace('(', ',').replace(')', ',').split(",")) {
            String name = item.trim();
            int slash = name.indexOf('/');
            if (slash >= 0) {
                name = name.substring(0, slash).trim();
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private Properties properties(String name) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(karafEtc.resolve(name), StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            // a framework started without Karaf's files (unit tests): nothing belongs to it
        }
        return p;
    }
}
