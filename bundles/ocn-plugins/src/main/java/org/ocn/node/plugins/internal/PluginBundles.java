package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.features.Feature;
import org.ocn.node.plugins.internal.NodeBundles.Distribution;
import org.ocn.node.plugins.internal.PluginException.Reason;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Which of the framework's bundles are plugins: every bundle that is not part of the distribution
 * ({@link NodeBundles}), described as the admin API shows it ({@link BundleReports}). Reads only: it never waits for
 * a change.
 */
final class PluginBundles {

    private final BundleContext context;
    private final NodeBundles nodeBundles;
    private final BundleReports reports;

    PluginBundles(BundleContext context, NodeBundles nodeBundles, BundleReports reports) {
        this.context = context;
        this.nodeBundles = nodeBundles;
        this.reports = reports;
    }

    /** @return what the distribution is made of, as read now */
    Distribution distribution() throws PluginException {
        try {
            return nodeBundles.read();
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "the distribution's bundle list could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** @return every plugin, by id */
    List<Plugin> list() throws PluginException {
        Distribution distribution = distribution();
        return Arrays.stream(context.getBundles()).filter(b -> isPlugin(b, distribution)).map(reports::describe)
                .sorted(Comparator.comparing(Plugin::id).thenComparing(Plugin::bundleId)).toList();
    }

    /** @return the plugin bundle with that id (symbolic name); bundles of the node are no plugins */
    Optional<Bundle> plugin(String id, Distribution distribution) {
        return named(id).stream().filter(b -> isPlugin(b, distribution)).findFirst();
    }

    /** @return the bundles with that symbolic name, plugins or not */
    List<Bundle> named(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).toList();
    }

    /** @return the plugins that these features installed */
    List<Plugin> installedBy(List<Feature> installed) throws PluginException {
        Distribution distribution = distribution();
        Set<String> locations = new LinkedHashSet<>();
        installed.forEach(f -> locations.addAll(NodeBundles.bundleLocations(f)));
        return Arrays.stream(context.getBundles())
                .filter(b -> locations.contains(b.getLocation()) && isPlugin(b, distribution))
                .map(reports::describe).toList();
    }

    Plugin describe(Bundle bundle) {
        return reports.describe(bundle);
    }

    private static boolean isPlugin(Bundle bundle, Distribution distribution) {
        return bundle.getBundleId() != 0 && bundle.getSymbolicName() != null
                && !distribution.isNodeBundle(bundle.getLocation());
    }
}
