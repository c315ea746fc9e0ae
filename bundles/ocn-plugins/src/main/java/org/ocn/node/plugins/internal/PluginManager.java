package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.kar.KarService;
import org.ocn.node.plugins.internal.NodeBundles.Distribution;
import org.ocn.node.plugins.internal.PluginException.Reason;
import org.ocn.node.settings.NodeConfiguration;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Installs, updates and uninstalls plugins in the running node, for the admin API and the shell alike (one
 * implementation, one result, one audit log). It coordinates: artifacts are fetched by {@link ArtifactFetcher},
 * installed by the installer of their kind ({@link BundleInstaller}, {@link FeaturesInstaller},
 * {@link KarInstaller}), traced back to their features by {@link PluginFeatures}, and every change is written to the
 * {@link AuditLog}, those made by others too ({@link OutsideChangesAudit}). Plugins are the bundles that are not
 * part of the distribution ({@link PluginBundles}). One change runs at a time; reading the list never waits for a
 * change.
 */
@Component(name = "ocn.plugins", service = PluginManager.class, configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class PluginManager {

    private final BundleContext context;
    private final BundleReports reports;
    private final PluginBundles bundles;
    private final PluginFeatures pluginFeatures;
    private final ArtifactFetcher fetcher;
    private final BundleInstaller bundleInstaller;
    private final FeaturesInstaller featuresInstaller;
    private final KarInstaller karInstaller;
    private final AuditLog audit;
    private final OutsideChangesAudit outsideChanges;
    /** One change at a time: the conflict checks and the framework's view stay consistent. */
    private final Object changeLock = new Object();
    private volatile boolean uploadAllowed;

    @Activate
    public PluginManager(BundleContext context, @Reference FeaturesService features, @Reference KarService kars,
                         NodeConfiguration config) throws IOException {
        this.context = context;
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        this.reports = new BundleReports(wiring);
        this.bundles = new PluginBundles(context, new NodeBundles(features, Path.of(context.getProperty("karaf.etc"))),
                reports);
        Path ocnData = Path.of(config.ocn_node_dataDir()).resolve("ocn");
        PluginFolder folder = new PluginFolder(ocnData.resolve("plugins"));
        Path deployFolder = Path.of(context.getProperty("karaf.base")).resolve("deploy").toAbsolutePath().normalize();
        Path karFolder = Path.of(context.getProperty("karaf.data")).resolve("kar").toAbsolutePath().normalize();
        this.pluginFeatures = new PluginFeatures(features, kars, folder, karFolder);
        this.fetcher = new ArtifactFetcher(folder.file("incoming"), config.ocn_node_plugins_repositories());
        this.bundleInstaller = new BundleInstaller(context, wiring, bundles, reports, folder, deployFolder);
        this.featuresInstaller = new FeaturesInstaller(features, pluginFeatures, bundles, folder);
        this.karInstaller = new KarInstaller(kars, pluginFeatures, bundles, folder);
        this.audit = new AuditLog(ocnData.resolve("plugins-audit.log"), new ObjectMapper(), Clock.systemUTC());
        this.outsideChanges = new OutsideChangesAudit(bundles, audit, deployFolder);
        modified(config);
        context.addBundleListener(reports);
        context.addFrameworkListener(reports);
        outsideChanges.open(context);
    }

    @Modified
    void modified(NodeConfiguration config) {
        fetcher.repositories(config.ocn_node_plugins_repositories());
        this.uploadAllowed = config.ocn_node_plugins_upload();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeBundleListener(reports);
        context.removeFrameworkListener(reports);
        outsideChanges.close(context);
    }

    /** @return whether the admin API may change plugins ({@code ocn.node.plugins.upload}) */
    public boolean uploadAllowed() {
        return uploadAllowed;
    }

    /** @return every plugin, by id */
    public List<Plugin> list() throws PluginException {
        return bundles.list();
    }

    /** @return the plugin with that id (bundle symbolic name) */
    public Optional<Plugin> find(String id) throws PluginException {
        return bundles.plugin(id, bundles.distribution()).map(bundles::describe);
    }

    /** @return the last {@code count} audit events, oldest first */
    public List<JsonNode> audit(int count) {
        return audit.last(count);
    }

    /**
     * Streams an upload into the data folder, at most 50 MB; {@link #install} and {@link #update} delete it.
     *
     * @param declaredLength the body's length as announced, or -1
     */
    public FetchedArtifact receive(InputStream body, long declaredLength) throws IOException, PluginException {
        return fetcher.receive(body, declaredLength);
    }

    /**
     * Fetches what a shell user names: a Maven coordinate ({@code g:a:v} or {@code mvn:g/a/v}), from the
     * configured repositories; a URL ({@code file:}, {@code http:}, {@code https:}); or a file path.
     *
     * @return the fetched file (in the data folder) and a description of the source for the audit log
     */
    public FetchedArtifact fetch(String source) throws PluginException {
        return fetcher.fetch(source);
    }

    /** Downloads a Maven artifact from the repositories of {@code ocn.node.plugins.repositories}. */
    public FetchedArtifact fetchMaven(String coordinate) throws PluginException {
        return fetcher.fetchMaven(coordinate);
    }

    /** What a change did: the kind of artifact it took and the plugins it left installed. */
    public record Outcome(Artifact.Kind kind, List<Plugin> plugins) {
    }

    /**
     * Installs a bundle, a features XML or a KAR.
     *
     * @param artifact the file (in the data folder; deleted or moved in every case)
     * @param source   where it came from, for the audit log
     * @param actor    who asks: {@link AuditLog#ADMIN_API} or {@link AuditLog#SHELL}
     * @return the plugins it installed (one for a bundle, the bundles of the features for a features XML or KAR);
     *         a bundle that does not resolve or start is installed all the same and reported {@code FAILED}
     */
    public Outcome install(Path artifact, String source, String actor) throws PluginException {
        Artifact what = null;
        try {
            what = Artifact.inspect(artifact);
            Artifact inspected = what;
            List<Plugin> installed = change(() -> switch (inspected.kind()) {
                case BUNDLE -> List.of(bundleInstaller.install(inspected, artifact));
                case FEATURES -> featuresInstaller.install(inspected, artifact);
                case KAR -> karInstaller.install(inspected, artifact);
            });
            audit.recordDone(actor, "install", what.name(), what.version(), source, installed);
            return new Outcome(what.kind(), installed);
        } catch (PluginException e) {
            audit.record(actor, "install", what == null ? null : what.name(), what == null ? null : what.version(),
                    source, "refused", e.getMessage());
            throw e;
        } finally {
            PluginFolder.delete(artifact);
        }
    }

    /**
     * Updates a plugin: a bundle jar updates the bundle in place (same bundle id), whatever installed it; a features
     * XML or KAR replaces the features (or KAR) the plugin came from.
     *
     * @param artifact the new artifact, or {@code null} to update the bundle from its own location (shell only)
     */
    public Outcome update(String id, Path artifact, String source, String actor) throws PluginException {
        Artifact[] what = {null};
        try {
            List<Plugin> updated = change(() -> {
                Distribution distribution = bundles.distribution();
                Bundle bundle = bundles.plugin(id, distribution).orElseThrow(() -> notFound(id));
                what[0] = artifact == null ? null : Artifact.inspect(artifact);
                if (what[0] == null || what[0].kind() == Artifact.Kind.BUNDLE) {
                    return List.of(bundleInstaller.update(bundle, what[0], artifact));
                }
                boolean kar = what[0].kind() == Artifact.Kind.KAR;
                Feature owner = pluginFeatures.owner(bundle, distribution).orElseThrow(() -> new PluginException(
                        Reason.BAD_REQUEST, "plugin " + id + " is a bundle installed on its own: update it"
                        + " with a bundle jar, not a " + (kar ? "KAR" : "features XML")));
                // a feature plugin is replaced: Karaf installs the new features with their dependencies
                pluginFeatures.uninstall(owner);
                return kar ? karInstaller.install(what[0], artifact) : featuresInstaller.install(what[0], artifact);
            });
            String version = what[0] == null ? null : what[0].version();
            audit.recordDone(actor, "update", id, version, source, updated);
            return new Outcome(what[0] == null ? Artifact.Kind.BUNDLE : what[0].kind(), updated);
        } catch (PluginException e) {
            audit.record(actor, "update", id, what[0] == null ? null : what[0].version(), source,
                    e.reason() == Reason.FAILED ? "failed" : "refused", e.getMessage());
            throw e;
        } finally {
            if (artifact != null) {
                PluginFolder.delete(artifact);
            }
        }
    }

    /**
     * Uninstalls a plugin and refreshes, so that no class loader of it stays behind. A bundle that a plugin feature
     * installed goes with its feature (and the features XML or KAR it came from); a bundle from {@code deploy/}
     * goes with its file there.
     *
     * @return the plugin as it was
     */
    public Plugin uninstall(String id, String actor) throws PluginException {
        try {
            Plugin[] before = {null};
            String detail = change(() -> {
                Distribution distribution = bundles.distribution();
                Bundle bundle = bundles.plugin(id, distribution).orElseThrow(() -> notFound(id));
                before[0] = bundles.describe(bundle);
                Optional<Feature> owner = pluginFeatures.owner(bundle, distribution);
                String done = owner.isPresent() ? pluginFeatures.uninstall(owner.get())
                        : bundleInstaller.uninstall(bundle);
                reports.forget(bundle);
                return done;
            });
            audit.record(actor, "uninstall", before[0].id(), before[0].version(), null, "ok", detail);
            return before[0];
        } catch (PluginException e) {
            audit.record(actor, "uninstall", id, null, null, e.reason() == Reason.FAILED ? "failed" : "refused",
                    e.getMessage());
            throw e;
        }
    }

    /** A change of plugins, which may be refused. */
    private interface Change<T> {
        T run() throws PluginException;
    }

    /** Runs a change after any other, with the bundle events it causes known as ours (it audits them itself). */
    private <T> T change(Change<T> change) throws PluginException {
        synchronized (changeLock) {
            outsideChanges.ourChange(true);
            try {
                return change.run();
            } finally {
                outsideChanges.ourChange(false);
            }
        }
    }

    private static PluginException notFound(String id) {
        return new PluginException(Reason.NOT_FOUND, "no plugin " + id + " (GET /admin/plugins lists them)");
    }
}
