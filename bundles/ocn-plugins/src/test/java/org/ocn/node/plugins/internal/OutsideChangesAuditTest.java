package org.ocn.node.plugins.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class OutsideChangesAuditTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void changesOfPluginsMadeByOthersAreAuditedWithWhoMadeThem() throws Exception {
        Path etc = tmp.newFolder("etc").toPath();
        Files.writeString(etc.resolve("startup.properties"), "mvn\\:org.ocn.node/ocn-api/0.1.0 = 10\n");
        Path deploy = tmp.newFolder("deploy").toPath();
        AuditLog audit = new AuditLog(tmp.getRoot().toPath().resolve("plugins-audit.log"), new ObjectMapper(),
                Clock.systemUTC());
        BundleContext context = context();
        // the distribution is read from etc/ alone when no boot feature is named
        PluginBundles bundles = new PluginBundles(context, new NodeBundles(null, etc), new BundleReports(null));
        OutsideChangesAudit outside = new OutsideChangesAudit(bundles, audit, deploy);
        outside.open(context);

        String dropped = deploy.resolve("echo.jar").toUri().toString();
        outside.bundleChanged(new BundleEvent(BundleEvent.INSTALLED, bundle("org.example.echo", "1.0.0", dropped)));
        outside.bundleChanged(new BundleEvent(BundleEvent.STARTED, bundle("org.example.echo", "1.0.0", dropped)));
        outside.bundleChanged(new BundleEvent(BundleEvent.UPDATED, bundle("org.example.other", "2.0.0",
                "mvn:org.example/other/2.0.0")));
        outside.bundleChanged(new BundleEvent(BundleEvent.UNINSTALLED, bundle("org.ocn.node.ocn-api", "0.1.0",
                "mvn:org.ocn.node/ocn-api/0.1.0")));
        outside.ourChange(true);
        outside.bundleChanged(new BundleEvent(BundleEvent.INSTALLED, bundle("org.example.ours", "1.0.0",
                "file:/data/ocn/plugins/org.example.ours.jar")));
        outside.ourChange(false);
        outside.bundleChanged(new BundleEvent(BundleEvent.UNINSTALLED, bundle("org.example.echo", "1.0.0", dropped)));
        outside.close(context);

        List<JsonNode> events = audit.last(10);
        assertEquals(events.toString(), 3, events.size());
        assertEvent(events.get(0), "deploy folder", "install", "org.example.echo", "1.0.0", dropped);
        assertEvent(events.get(1), "framework", "update", "org.example.other", "2.0.0", "mvn:org.example/other/2.0.0");
        assertEvent(events.get(2), "deploy folder", "uninstall", "org.example.echo", "1.0.0", dropped);
    }

    private static void assertEvent(JsonNode event, String actor, String action, String plugin, String version,
                                    String source) {
        assertEquals(actor, event.get("actor").asText());
        assertEquals(action, event.get("action").asText());
        assertEquals(plugin, event.get("plugin").asText());
        assertEquals(version, event.get("version").asText());
        assertEquals(source, event.get("source").asText());
        assertEquals("ok", event.get("result").asText());
    }

    private static Bundle bundle(String symbolicName, String version, String location) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getVersion" -> Version.parseVersion(version);
                    case "getLocation" -> location;
                    case "getBundleId" -> 42L;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    // the audit reads these four only: anything else it asks for fails the test
                    default -> throw new AssertionError("the audit asked a bundle for " + method.getName());
                });
    }

    /** A context that only takes and drops listeners. */
    private static BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "addBundleListener", "removeBundleListener" -> null;
                    default -> throw new AssertionError("the audit asked the bundle context for " + method.getName());
                });
    }
}
