package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * The built node started as a process ({@code bin/ocn-node}) with {@code ocn.node.plugins.upload=false}: the admin
 * API lists plugins but changes none (403), while the operator shell ({@code bin/client} over SSH, the packaged
 * {@code ocn:} commands) still installs and uninstalls them. Also: a node without plugins lists none, so every
 * bundle of the distribution is recognised as the node's own.
 */
public class PluginUploadDisabledIT {

    private static final String KEY = "Token " + NodeProcess.ADMIN_KEY;
    private static final Map<String, String> JAR = Map.of("Content-Type", "application/java-archive");

    @Test
    public void withUploadsOffTheAdminApiOnlyListsAndTheShellStillChangesPlugins() throws Exception {
        Path home = NodeProcess.unpack("plugins-upload-off");
        String bsn = "org.ocn.node.it.offecho";
        byte[] jar = TestPlugins.echoJar(bsn, "1.0.0", "offecho", "from the shell", null);
        try (NodeProcess node = NodeProcess.in(home, home.resolve("data"), List.of("-Docn.node.apikey="
                + NodeProcess.ADMIN_KEY, "-Docn.node.plugins.upload=false"), Map.of()).start()) {
            String plugins = node.url() + "/admin/plugins";
            Http.Answer none = Http.get(plugins, KEY);
            assertEquals(none.toString(), 200, none.status());
            assertEquals("the distribution's own bundles are no plugins", "[]", none.body());
            assertEquals(401, Http.get(plugins, null).status());

            Http.Answer post = Http.sendBytes("POST", plugins, KEY, jar, JAR);
            assertEquals(post.toString(), 403, post.status());
            assertEquals(2000, post.statusCode());
            assertTrue(post.message(), post.message().contains("ocn.node.plugins.upload=false"));
            assertEquals(403, Http.send("POST", plugins, KEY, "{\"maven\":\"org.example:echo:1.0.0\"}").status());
            assertEquals(403, Http.sendBytes("PUT", plugins + "/" + bsn, KEY, jar, JAR).status());
            assertEquals(403, Http.send("DELETE", plugins + "/" + bsn, KEY, null).status());
            assertEquals("[]", Http.get(plugins, KEY).body());

            Path file = home.resolve("offecho.jar");
            Files.write(file, jar);
            String installed = shell(node, "ocn:plugin-install " + file);
            assertTrue(installed, installed.contains("Installed " + bsn + " 1.0.0") && installed.contains("ACTIVE"));
            Http.Answer listed = Http.get(plugins, KEY);
            assertEquals(bsn, listed.json().get(0).get("id").asText());
            assertEquals("[\"offecho/RECEIVER\"]", listed.json().get(0).get("modules").toString());
            String table = shell(node, "ocn:plugins");
            assertTrue(table, table.contains(bsn) && table.contains("ACTIVE"));
            String uninstalled = shell(node, "ocn:plugin-uninstall " + bsn);
            assertTrue(uninstalled, uninstalled.contains("Uninstalled " + bsn));
            assertEquals("[]", Http.get(plugins, KEY).body());
            String audit = Http.get(plugins + "/audit", KEY).body();
            assertTrue(audit, audit.contains("\"actor\":\"shell\",\"action\":\"install\",\"plugin\":\"" + bsn));
            assertTrue(Files.readString(home.resolve("data/ocn/plugins-audit.log")).contains("\"action\":\"uninstall\""));
        }
    }

    private static String shell(NodeProcess node, String command) throws IOException, InterruptedException {
        return Shell.run(node, command);
    }
}
