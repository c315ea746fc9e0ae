package org.ocn.node.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The operator shell of a running node, used as a script would ({@code bin/client -b}, README "Operating the node"). */
final class Shell {

    private Shell() {
    }

    /** Runs one command and returns what the shell printed. */
    static String run(NodeProcess node, String command) throws IOException, InterruptedException {
        Properties users = new Properties();
        try (var in = Files.newBufferedReader(node.home().resolve("etc/users.properties"))) {
            users.load(in);
        }
        String password = users.getProperty("ocn").split(",")[0].trim();
        ProcessBuilder pb = new ProcessBuilder(node.home().resolve("bin/client").toString(), "-a",
                String.valueOf(node.shellPort()), "-u", "ocn", "-p", password, "-r", "30", "-d", "1", "-b")
                .redirectErrorStream(true); // -r: the shell starts just after /health answers (README)
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = pb.start();
        try (OutputStream in = client.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("bin/client did not finish: " + output);
        }
        return output;
    }
}
