package org.ocn.node.plugins.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.ocn.node.spi.routing.OcpiModuleHandler;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Describes plugin bundles as the admin API shows them: state, the reason of a failure, the OCPI modules and OCN
 * services they register. Start failures are remembered here (from our own starts and from the framework's error
 * events, which it listens to) until the bundle starts, is updated or goes; resolution failures are read from the
 * framework each time.
 */
final class BundleReports implements SynchronousBundleListener, FrameworkListener {

    /** Service property with which an OCN service plugin names its party, for example {@code CH/STL}. */
    static final String SERVICE_PARTY = "ocn.service.party";

    private final FrameworkWiring wiring;
    private final Map<Long, String> startFailures = new ConcurrentHashMap<>();

    BundleReports(FrameworkWiring wiring) {
        this.wiring = wiring;
    }

    Plugin describe(Bundle bundle) {
        String error = error(bundle);
        String state;
        if (error != null) {
            state = "FAILED";
        } else if (bundle.getState() == Bundle.ACTIVE) {
            state = "ACTIVE";
        } else if (bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.UNINSTALLED) {
            state = "INSTALLED";
        } else {
            state = "RESOLVED";
        }
        TreeSet<String> modules = new TreeSet<>();
        TreeSet<String> services = new TreeSet<>();
        ServiceReference<?>[] registered = bundle.getState() == Bundle.UNINSTALLED ? null
                : bundle.getRegisteredServices();
        for (ServiceReference<?> ref : registered == null ? new ServiceReference<?>[0] : registered) {
            String[] classes = (String[]) ref.getProperty(Constants.OBJECTCLASS);
            if (classes != null && List.of(classes).contains(OcpiModuleHandler.class.getName())) {
                modules.add(ref.getProperty(OcpiModuleHandler.MODULE) + "/" + ref.getProperty(OcpiModuleHandler.ROLE));
            }
            services.addAll(strings(ref.getProperty(SERVICE_PARTY)));
        }
        return new Plugin(bundle.getSymbolicName(), bundle.getVersion().toString(), state, error,
                new ArrayList<>(modules), new ArrayList<>(services), bundle.getBundleId());
    }

    /** Starts a bundle (resolves a fragment), remembering why it failed. */
    void start(Bundle bundle) {
        if (isFragment(bundle)) {
            wiring.resolveBundles(List.of(bundle));
            return;
        }
        try {
            bundle.start();
            startFailures.remove(bundle.getBundleId());
        } catch (BundleException | IllegalStateException | SecurityException e) {
            failed(bundle, e);
        }
    }

    void failed(Bundle bundle, Throwable failure) {
        startFailures.put(bundle.getBundleId(), message(failure));
    }

    void forget(Bundle bundle) {
        startFailures.remove(bundle.getBundleId());
    }

    /** A start failure no longer holds once the bundle started, was updated or went, whoever did it. */
    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STARTED, BundleEvent.UPDATED, BundleEvent.UNINSTALLED -> forget(event.getBundle());
            default -> { }
        }
    }

    /** Remembers why a bundle did not start when the framework started it (start levels, refreshes). */
    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null && event.getBundle().getBundleId() != 0
                && event.getThrowable() != null) {
            failed(event.getBundle(), event.getThrowable());
        }
    }

    /** @return why the bundle does not run, or {@code null} when it runs or simply was not started */
    String error(Bundle bundle) {
        int state = bundle.getState();
        if (state == Bundle.ACTIVE || state == Bundle.UNINSTALLED) {
            return null;
        }
        String remembered = startFailures.get(bundle.getBundleId());
        if (state == Bundle.INSTALLED) {
            String missing = missingRequirements(bundle);
            return missing != null ? missing : remembered;
        }
        return isFragment(bundle) ? null : remembered;
    }

    /**
     * @return the requirements of an unresolved bundle that nothing in the framework provides, as the resolver
     *         states them ({@code missing requirement osgi.wiring.package; (&(osgi.wiring.package=x)(version>=1.0.0))}),
     *         or {@code null} when every requirement has a provider
     */
    String missingRequirements(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            Map<String, String> directives = requirement.getDirectives();
            String resolution = directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            String effective = directives.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE,
                    Namespace.EFFECTIVE_RESOLVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution)
                    || !Namespace.EFFECTIVE_RESOLVE.equals(effective)) {
                continue;
            }
            Collection<BundleCapability> providers = wiring.findProviders(requirement);
            if (providers.isEmpty()) {
                missing.add("missing requirement " + requirement.getNamespace() + "; "
                        + directives.getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""));
            }
        }
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** @return the exception's message with its causes (an activator's exception is the cause) */
    static String message(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause);
        }
        return text.toString();
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }
}
