package org.ocn.node.health.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.health.HealthState;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports once how long the node took to start: from the launch of {@code bin/ocn-node} (framework property
 * {@value #LAUNCHED_AT}, epoch milliseconds; the JVM's start when absent) to the first 200 of {@code GET /health},
 * measured by asking {@code /health} over the loopback like any client would (decisions §11).
 */
@Component(name = "ocn.health.startup", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class StartupReport {

    static final String LAUNCHED_AT = "ocn.node.launchedAt";
    private static final long GIVE_UP_MS = 120_000;
    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final Thread poller;

    @Activate
    public StartupReport(NodeConfiguration config, BundleContext context, @Reference HealthReport health) {
        long launchedAt = launchedAt(context);
        String host = config.server_address();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        URI probe = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + config.server_port() + "/health");
        poller = new Thread(() -> poll(probe, launchedAt, config, health), "ocn-startup-report");
        poller.setDaemon(true);
        poller.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        poller.interrupt();
        poller.join(2000);
    }

    private static long launchedAt(BundleContext context) {
        String value = context.getProperty(LAUNCHED_AT);
        if (value != null) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                LOG.debug("ignoring {}={}", LAUNCHED_AT, value);
            }
        }
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static void poll(URI probe, long launchedAt, NodeConfiguration config, HealthReport health) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MS;
        while (!Thread.currentThread().isInterrupted()) {
            if (answers200(probe)) {
                long took = System.currentTimeMillis() - launchedAt;
                LOG.info("OCN node ready in {} ms (launch to first 200 of /health): {} (HTTP on {}:{}), "
                                + "OCPI identity {}/{} \"{}\"", took, config.ocn_node_url(), config.server_address(),
                        config.server_port(), config.ocn_node_countryCode(), config.ocn_node_partyId(),
                        config.ocn_node_name());
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                Map<String, HealthState> states = health.states();
                LOG.error("OCN node not serving {} after {} s; down: {}", probe, GIVE_UP_MS / 1000,
                        states.entrySet().stream().filter(e -> !e.getValue().up())
                                .map(e -> e.getKey() + " (" + e.getValue().detail() + ")")
                                .collect(Collectors.joining(", ")));
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean answers200(URI probe) {
        try {
            HttpURLConnection c = (HttpURLConnection) probe.toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                int status = c.getResponseCode();
                try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                return status == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
