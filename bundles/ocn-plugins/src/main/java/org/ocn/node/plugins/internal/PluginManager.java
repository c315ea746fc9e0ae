package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.apache.karaf.kar.KarService;
import org.ocn.node.plugins.internal.NodeBundles.Distribution;
import org.ocn.node.plugins.internal.PluginException.Reason;
import org.ocn.node.settings.NodeConfiguration;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Installs, updates and uninstalls plugins in the running node, for the admin API and the shell alike (one
 * implementation, one result, one audit log). Built on what Karaf and the framework already do:
 * <ul>
 * <li>a bundle jar is installed with {@link BundleContext#installBundle}, kept as
 * {@code <dataDir>/ocn/plugins/<symbolic name>.jar} (its location), started, updated in place with
 * {@link Bundle#update(InputStream)} (same bundle id) and refreshed with {@link FrameworkWiring} after an update
 * that left its old revision wired to other bundles, and after an uninstall, so that no old class loader stays
 * behind;</li>
 * <li>a features XML is added as a repository of Karaf's {@link FeaturesService}, which installs its features
 * (those not marked {@code install="manual"}) with their dependencies, through Karaf's resolver;</li>
 * <li>a KAR is handed to Karaf's {@link KarService}.</li>
 * </ul>
 * Plugins are the bundles that are not part of the distribution ({@link NodeBundles}). One change runs at a time;
 * reading the list never waits for a change.
 */
@Component(name = "ocn.plugins", service = PluginManager.class, configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class PluginManager {

    /** The largest plugin artifact accepted: 50 MB. */
    public static final long MAX_ARTIFACT_BYTES = 50L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PluginManager.class);
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:/.*");
    private static final long REFRESH_TIMEOUT_SECONDS = 60;

    private final BundleContext context;
    private final FeaturesService features;
    private final KarService kars;
    private final FrameworkWiring wiring;
    private final NodeBundles nodeBundles;
    private final BundleReports reports;
    private final AuditLog audit;
    private final Path pluginsFolder;
    private final Path incomingFolder;
    private final Path deployFolder;
    private final Path karFolder;
    private final ExecutorService auditOfOthers;
    private final SynchronousBundleListener bundleListener = this::bundleChanged;
    private final FrameworkListener frameworkListener = this::frameworkEvent;
    /** One change at a time: the conflict checks and the framework's view stay consistent. */
    private final Object changeLock = new Object();
    /** A change of ours is under way: the bundle events it causes are ours, not another actor's. */
    private volatile boolean changing;
    private volatile MavenRepositories maven;
    private volatile boolean uploadAllowed;

    @Activate
    public PluginManager(BundleContext context, @Reference FeaturesService features, @Reference KarService kars,
                         NodeConfiguration config) throws IOException {
        this.context = context;
        this.features = features;
        this.kars = kars;
        this.wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        this.nodeBundles = new NodeBundles(features, Path.of(context.getProperty("karaf.etc")));
        this.reports = new BundleReports(wiring);
        Path ocnData = Path.of(config.ocn_node_dataDir()).resolve("ocn");
        this.audit = new AuditLog(ocnData.resolve("plugins-audit.log"), new ObjectMapper(), Clock.systemUTC());
        this.pluginsFolder = ocnData.resolve("plugins");
        this.incomingFolder = pluginsFolder.resolve("incoming");
        this.deployFolder = Path.of(context.getProperty("karaf.base")).resolve("deploy").toAbsolutePath().normalize();
        this.karFolder = Path.of(context.getProperty("karaf.data")).resolve("kar").toAbsolutePath().normalize();
        Files.createDirectories(incomingFolder);
        // what an interrupted upload left behind
        try (var leftovers = Files.list(incomingFolder)) {
            for (Path p : leftovers.toList()) {
                Files.deleteIfExists(p);
            }
        }
        modified(config);
        this.auditOfOthers = Executors.newSingleThreadExecutor(r -> new Thread(r, "ocn-plugins-audit"));
        context.addBundleListener(bundleListener);
        context.addFrameworkListener(frameworkListener);
    }

    @Modified
    void modified(NodeConfiguration config) {
        this.maven = new MavenRepositories(config.ocn_node_plugins_repositories(), MAX_ARTIFACT_BYTES);
        this.uploadAllowed = config.ocn_node_plugins_upload();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeBundleListener(bundleListener);
        context.removeFrameworkListener(frameworkListener);
        auditOfOthers.shutdown();
        auditOfOthers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** @return whether the admin API may change plugins ({@code ocn.node.plugins.upload}) */
    public boolean uploadAllowed() {
        return uploadAllowed;
    }

    /** @return every plugin, by id */
    public List<Plugin> list() throws PluginException {
        Distribution distribution = distribution();
        return Arrays.stream(context.getBundles()).filter(b -> isPlugin(b, distribution)).map(reports::describe)
                .sorted(Comparator.comparing(Plugin::id).thenComparing(Plugin::bundleId)).toList();
    }

    /** @return the plugin with that id (bundle symbolic name) */
    public Optional<Plugin> find(String id) throws PluginException {
        return pluginBundle(id, distribution()).map(reports::describe);
    }

    /** @return the last {@code count} audit events, oldest first */
    public List<JsonNode> audit(int count) {
        return audit.last(count);
    }

    /** @return a new empty file in the data folder to stream an artifact into; {@link #install} and {@link #update} delete it */
    public Path newIncomingFile() throws IOException {
        Files.createDirectories(incomingFolder);
        return Files.createTempFile(incomingFolder, "artifact-", ".part");
    }

    /**
     * Fetches what a shell user names: a Maven coordinate ({@code g:a:v} or {@code mvn:g/a/v}), from the
     * configured repositories; a URL ({@code file:}, {@code http:}, {@code https:}); or a file path.
     *
     * @return the fetched file (in the data folder) and a description of the source for the audit log
     */
    public Fetched fetch(String source) throws PluginException {
        String s = source.trim();
        if (s.startsWith("mvn:") || (!URL.matcher(s).matches() && s.contains(":"))) {
            return fetchMaven(s);
        }
        Path target = incoming();
        try {
            if (URL.matcher(s).matches()) {
                if (!maven.fetch(URI.create(s), target)) {
                    throw new PluginException(Reason.BAD_REQUEST, "nothing at " + s);
                }
            } else {
                try (InputStream in = Files.newInputStream(Path.of(s))) {
                    Transfers.copy(in, target, MAX_ARTIFACT_BYTES);
                }
            }
            return new Fetched(target, s);
        } catch (IOException | IllegalArgumentException e) {
            delete(target);
            throw new PluginException(Reason.BAD_REQUEST, "could not read " + s + ": " + e.getMessage(), e);
        } catch (PluginException e) {
            delete(target);
            throw e;
        }
    }

    /** Downloads a Maven artifact from the repositories of {@code ocn.node.plugins.repositories}. */
    public Fetched fetchMaven(String coordinate) throws PluginException {
        MavenCoordinate parsed = MavenCoordinate.parse(coordinate);
        Path target = incoming();
        try {
            URI from = maven.download(parsed, target);
            return new Fetched(target, "maven " + parsed + " (" + from + ")");
        } catch (PluginException e) {
            delete(target);
            throw e;
        }
    }

    /** A fetched artifact: the file, and where it came from (for the audit log). */
    public record Fetched(Path file, String source) {
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
            List<Plugin> installed;
            synchronized (changeLock) {
                changing = true;
                try {
                    installed = switch (what.kind()) {
                        case BUNDLE -> List.of(installBundle(what, artifact));
                        case FEATURES -> installFeatures(what, artifact);
                        case KAR -> installKar(what, artifact);
                    };
                } finally {
                    changing = false;
                }
            }
            recordResult(actor, "install", what, source, installed);
            return new Outcome(what.kind(), installed);
        } catch (PluginException e) {
            audit.record(actor, "install", what == null ? null : what.name(), what == null ? null : what.version(),
                    source, "refused", e.getMessage());
            throw e;
        } finally {
            delete(artifact);
        }
    }

    /**
     * Updates a plugin: a bundle jar updates the bundle in place (same bundle id), whatever installed it; a features
     * XML or KAR replaces the features (or KAR) the plugin came from.
     *
     * @param artifact the new artifact, or {@code null} to update the bundle from its own location (shell only)
     */
    public Outcome update(String id, Path artifact, String source, String actor) throws PluginException {
        Artifact what = null;
        try {
            List<Plugin> updated;
            synchronized (changeLock) {
                changing = true;
                try {
                    Distribution distribution = distribution();
                    Bundle bundle = pluginBundle(id, distribution).orElseThrow(() -> notFound(id));
                    what = artifact == null ? null : Artifact.inspect(artifact);
                    if (what == null || what.kind() == Artifact.Kind.BUNDLE) {
                        updated = List.of(updateBundle(bundle, what, artifact));
                    } else {
                        boolean kar = what.kind() == Artifact.Kind.KAR;
                        Feature owner = owningFeature(bundle, distribution).orElseThrow(() -> new PluginException(
                                Reason.BAD_REQUEST, "plugin " + id + " is a bundle installed on its own: update it"
                                + " with a bundle jar, not a " + (kar ? "KAR" : "features XML")));
                        // a feature plugin is replaced: Karaf installs the new features with their dependencies
                        uninstallFeatures(owner);
                        updated = kar ? installKar(what, artifact) : installFeatures(what, artifact);
                    }
                } finally {
                    changing = false;
                }
            }
            recordResult(actor, "update", new Artifact(Artifact.Kind.BUNDLE, id, what == null ? null : what.version()),
                    source, updated);
            return new Outcome(what == null ? Artifact.Kind.BUNDLE : what.kind(), updated);
        } catch (PluginException e) {
            audit.record(actor, "update", id, what == null ? null : what.version(), source,
                    e.reason() == Reason.FAILED ? "failed" : "refused", e.getMessage());
            throw e;
        } finally {
            if (artifact != null) {
                delete(artifact);
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
            Plugin before;
            String detail;
            synchronized (changeLock) {
                changing = true;
                try {
                    Distribution distribution = distribution();
                    Bundle bundle = pluginBundle(id, distribution).orElseThrow(() -> notFound(id));
                    before = reports.describe(bundle);
                    Optional<Feature> owner = owningFeature(bundle, distribution);
                    if (owner.isPresent()) {
                        detail = uninstallFeatures(owner.get());
                    } else {
                        detail = uninstallBundle(bundle);
                    }
                    reports.forget(bundle);
                } finally {
                    changing = false;
                }
            }
            audit.record(actor, "uninstall", before.id(), before.version(), null, "ok", detail);
            return before;
        } catch (PluginException e) {
            audit.record(actor, "uninstall", id, null, null, e.reason() == Reason.FAILED ? "failed" : "refused",
                    e.getMessage());
            throw e;
        }
    }

    // --- bundles ----------------------------------------------------------------------------------------------------

    private Plugin installBundle(Artifact what, Path artifact) throws PluginException {
        Optional<Bundle> existing = bundlesNamed(what.name()).stream().findFirst();
        if (existing.isPresent()) {
            boolean node = distribution().isNodeBundle(existing.get().getLocation());
            throw new PluginException(Reason.CONFLICT, node
                    ? "bundle " + what.name() + " is part of the node and cannot be installed as a plugin"
                    : "plugin " + what.name() + " is installed already (version " + existing.get().getVersion()
                    + "); update it with PUT /admin/plugins/" + what.name() + " or ocn:plugin-update");
        }
        Path kept = keep(artifact, safeFileName(what.name()) + ".jar");
        Bundle bundle;
        try (InputStream in = Files.newInputStream(kept)) {
            bundle = context.installBundle(kept.toUri().toString(), in);
        } catch (BundleException e) {
            delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "the framework refused bundle " + what.name() + ": "
                    + BundleReports.message(e), e);
        } catch (IOException e) {
            delete(kept);
            throw new PluginException(Reason.FAILED, "could not read " + kept + ": " + e.getMessage(), e);
        }
        reports.start(bundle);
        return reports.describe(bundle);
    }

    private Plugin updateBundle(Bundle bundle, Artifact what, Path artifact) throws PluginException {
        String id = bundle.getSymbolicName();
        if (what != null && !what.name().equals(id)) {
            throw new PluginException(Reason.BAD_REQUEST, "the jar is bundle " + what.name() + ", not " + id
                    + ": install it with POST, or uninstall " + id + " first");
        }
        if (isUnder(bundle.getLocation(), deployFolder)) {
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
        Optional<Path> kept = filePath(bundle.getLocation()).filter(p -> p.startsWith(pluginsFolder));
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

    private String uninstallBundle(Bundle bundle) throws PluginException {
        String location = bundle.getLocation();
        Optional<Path> file = filePath(location);
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new PluginException(Reason.FAILED, "the framework could not uninstall " + bundle.getSymbolicName()
                    + ": " + BundleReports.message(e), e);
        }
        refresh(List.of(bundle));
        if (file.isPresent() && (file.get().startsWith(pluginsFolder) || file.get().startsWith(deployFolder))) {
            // a file left in deploy/ would be installed again by the deploy folder
            delete(file.get());
            return "bundle " + bundle.getBundleId() + " uninstalled and refreshed; " + file.get() + " deleted";
        }
        return "bundle " + bundle.getBundleId() + " uninstalled and refreshed";
    }

    /** Refreshes bundles (and what is wired to them) and waits until the framework has done so. */
    private void refresh(List<Bundle> bundles) throws PluginException {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> done.countDown());
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

    // --- features and KARs ------------------------------------------------------------------------------------------

    /** Adds a features XML as a repository and installs its features (those not marked {@code install="manual"}). */
    private List<Plugin> installFeatures(Artifact what, Path artifact) throws PluginException {
        if (karaf(() -> features.getRepository(what.name())) != null) {
            throw new PluginException(Reason.CONFLICT, "features repository " + what.name()
                    + " is installed already; update one of its plugins with PUT to replace it");
        }
        Path kept = keep(artifact, safeFileName(what.name()) + "-features.xml");
        URI uri = kept.toUri();
        try {
            features.addRepository(uri, false);
        } catch (Exception e) {
            delete(kept);
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
            List<Plugin> installed = pluginsOf(wanted);
            if (installed.isEmpty()) {
                // nothing a plugin id could name later: it could never be updated or uninstalled here
                features.uninstallFeatures(ids, EnumSet.noneOf(FeaturesService.Option.class));
                throw new PluginException(Reason.BAD_REQUEST, "features repository " + what.name()
                        + " installs no bundle that is not already part of the node");
            }
            return installed;
        } catch (PluginException e) {
            removeRepository(uri);
            delete(kept);
            throw e;
        } catch (Exception e) {
            removeRepository(uri);
            delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "Karaf could not install the features of " + what.name()
                    + ": " + e.getMessage(), e);
        }
    }

    private List<Plugin> installKar(Artifact what, Path artifact) throws PluginException {
        String name = safeFileName(what.name());
        if (karaf(kars::list).contains(name)) {
            throw new PluginException(Reason.CONFLICT, "KAR " + name
                    + " is installed already; update one of its plugins with PUT to replace it");
        }
        Path kept = keep(artifact, name + ".kar");
        try {
            kars.install(kept.toUri());
        } catch (Exception e) {
            try {
                if (kars.list().contains(name)) {
                    kars.uninstall(name);
                }
            } catch (Exception ignored) {
                LOG.warn("KAR {} could not be rolled back: {}", name, ignored.toString());
            }
            delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "Karaf could not install KAR " + name + ": "
                    + e.getMessage(), e);
        }
        List<Feature> installed = new ArrayList<>();
        for (Feature f : karaf(features::listInstalledFeatures)) {
            if (karOf(f).filter(name::equals).isPresent()) {
                installed.add(f);
            }
        }
        List<Plugin> plugins = pluginsOf(installed);
        if (plugins.isEmpty()) {
            // Karaf skips a KAR's features marked install="manual", and logs (not throws) their failures
            karaf(() -> {
                kars.uninstall(name);
                return null;
            });
            delete(kept);
            throw new PluginException(Reason.BAD_REQUEST, "KAR " + name + " installed no bundle: Karaf installs"
                    + " a KAR's features unless they are marked install=\"manual\", and logs why one failed");
        }
        return plugins;
    }

    /**
     * Uninstalls a plugin feature with what it came with: the whole KAR, the whole features XML installed here,
     * or the one feature when it was installed otherwise (shell, deploy folder).
     */
    private String uninstallFeatures(Feature owner) throws PluginException {
        try {
            Optional<String> kar = karOf(owner);
            if (kar.isPresent() && kars.list().contains(kar.get())) {
                kars.uninstall(kar.get());
                delete(pluginsFolder.resolve(kar.get() + ".kar"));
                return "KAR " + kar.get() + " uninstalled";
            }
            Optional<Path> file = filePath(owner.getRepositoryUrl()).filter(p -> p.startsWith(pluginsFolder));
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
                delete(file.get());
                return "features " + ids + " uninstalled and repository " + uri + " removed";
            }
            features.uninstallFeature(owner.getName(), owner.getVersion());
            return "feature " + owner.getId() + " uninstalled";
        } catch (Exception e) {
            throw new PluginException(Reason.FAILED, "Karaf could not uninstall feature " + owner.getId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the installed feature, not one of the node's, that installed this bundle */
    private Optional<Feature> owningFeature(Bundle bundle, Distribution distribution) throws PluginException {
        for (Feature f : karaf(features::listInstalledFeatures)) {
            if (!distribution.isNodeFeature(f) && NodeBundles.bundleLocations(f).contains(bundle.getLocation())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * @return the name of the KAR a feature came from: Karaf unpacks a KAR's Maven repository into
     *         {@code data/kar/<name>/} and adds its features repositories from there (as {@code mvn:} URIs)
     */
    private Optional<String> karOf(Feature feature) throws PluginException {
        String url = feature.getRepositoryUrl();
        Optional<Path> file = filePath(url).filter(p -> p.startsWith(karFolder) && !p.equals(karFolder));
        if (file.isPresent()) {
            return Optional.of(karFolder.relativize(file.get()).getName(0).toString());
        }
        if (url == null || !url.startsWith("mvn:")) {
            return Optional.empty();
        }
        MavenCoordinate repository;
        try {
            repository = MavenCoordinate.parse(url);
        } catch (PluginException notAnArtifact) {
            return Optional.empty();
        }
        String stored = repository.versionFolder() + repository.fileName(repository.version());
        for (String kar : karaf(kars::list)) {
            Path unpacked = karFolder.resolve(kar);
            if (Files.exists(unpacked.resolve(stored)) || Files.exists(unpacked.resolve("repository").resolve(stored))) {
                return Optional.of(kar);
            }
        }
        return Optional.empty();
    }

    private List<Plugin> pluginsOf(List<Feature> installed) throws PluginException {
        Distribution distribution = distribution();
        Set<String> locations = new LinkedHashSet<>();
        installed.forEach(f -> locations.addAll(NodeBundles.bundleLocations(f)));
        return Arrays.stream(context.getBundles())
                .filter(b -> locations.contains(b.getLocation()) && isPlugin(b, distribution))
                .map(reports::describe).toList();
    }

    private void removeRepository(URI uri) {
        try {
            features.removeRepository(uri, false);
        } catch (Exception e) {
            LOG.warn("Features repository {} could not be removed: {}", uri, e.toString());
        }
    }

    // --- audit of changes made by others ----------------------------------------------------------------------------

    private void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTED, BundleEvent.UPDATED, BundleEvent.UNINSTALLED -> reports.forget(bundle);
            default -> { }
        }
        if (changing || (event.getType() != BundleEvent.INSTALLED && event.getType() != BundleEvent.UPDATED
                && event.getType() != BundleEvent.UNINSTALLED)) {
            return;
        }
        String action = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "install";
            case BundleEvent.UPDATED -> "update";
            default -> "uninstall";
        };
        String location = bundle.getLocation();
        String id = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        // classified outside the framework's event delivery: reading the distribution asks the features service
        try {
            auditOfOthers.execute(() -> {
                try {
                    if (!distribution().isNodeBundle(location)) {
                        String actor = isUnder(location, deployFolder) ? AuditLog.DEPLOY_FOLDER : AuditLog.FRAMEWORK;
                        audit.record(actor, action, id, version, location, "ok", null);
                    }
                } catch (PluginException e) {
                    LOG.warn("Plugins audit: could not classify bundle {}: {}", location, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null && event.getBundle().getBundleId() != 0
                && event.getThrowable() != null) {
            reports.failed(event.getBundle(), event.getThrowable());
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private void recordResult(String actor, String action, Artifact what, String source, List<Plugin> plugins) {
        if (plugins.isEmpty()) {
            audit.record(actor, action, what.name(), what.version(), source, "ok", "no bundle installed");
        }
        for (Plugin p : plugins) {
            audit.record(actor, action, p.id(), p.version(), source, p.error() == null ? "ok" : "failed",
                    p.error() == null ? p.state() : p.error());
        }
    }

    private boolean isPlugin(Bundle bundle, Distribution distribution) {
        return bundle.getBundleId() != 0 && bundle.getSymbolicName() != null
                && !distribution.isNodeBundle(bundle.getLocation());
    }

    private Optional<Bundle> pluginBundle(String id, Distribution distribution) {
        return bundlesNamed(id).stream().filter(b -> isPlugin(b, distribution)).findFirst();
    }

    private List<Bundle> bundlesNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).toList();
    }

    private Distribution distribution() throws PluginException {
        try {
            return nodeBundles.read();
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "the distribution's bundle list could not be read: "
                    + e.getMessage(), e);
        }
    }

    private Path incoming() throws PluginException {
        try {
            return newIncomingFile();
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "no room for the artifact in " + incomingFolder + ": "
                    + e.getMessage(), e);
        }
    }

    /** Moves an incoming artifact to the file it is kept as (a bundle's location, a repository's URI). */
    private Path keep(Path artifact, String fileName) throws PluginException {
        Path kept = pluginsFolder.resolve(fileName);
        try {
            Files.move(artifact, kept, StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            throw new PluginException(Reason.FAILED, "could not keep the artifact as " + kept + ": " + e.getMessage(), e);
        }
    }

    static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9_.\\-]", "_").replaceAll("^\\.+", "_");
    }

    private static boolean isUnder(String location, Path folder) {
        return filePath(location).filter(p -> p.startsWith(folder)).isPresent();
    }

    /** @return the file a {@code file:} location or URI names, normalized */
    static Optional<Path> filePath(String location) {
        if (location == null || !location.toLowerCase(Locale.ROOT).startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(location)).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    private static PluginException notFound(String id) {
        return new PluginException(Reason.NOT_FOUND, "no plugin " + id + " (GET /admin/plugins lists them)");
    }

    /** A call to Karaf's services, which declare {@code throws Exception}. */
    private interface KarafCall<T> {
        T call() throws Exception;
    }

    private static <T> T karaf(KarafCall<T> call) throws PluginException {
        try {
            return call.call();
        } catch (Exception e) {
            throw new PluginException(Reason.FAILED, "Karaf failed: " + e.getMessage(), e);
        }
    }
}
