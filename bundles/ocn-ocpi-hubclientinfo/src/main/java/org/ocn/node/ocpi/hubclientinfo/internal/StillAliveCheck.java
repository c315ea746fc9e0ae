package org.ocn.node.ocpi.hubclientinfo.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.parties.DirectoryException;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.settings.NodeConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The still-alive check ({@code ocn.node.stillAliveEnabled}, every {@code ocn.node.stillAliveRate} ms, the first one
 * period after start): every registered platform gets {@code GET} on its versions URL with the node's token B
 * towards it. A platform that does not answer with 2xx within {@value #TIMEOUT_SECONDS} s (connection refused,
 * timeout, any other status) becomes OFFLINE; an OFFLINE one that answers becomes CONNECTED again. The change goes
 * through the party directory, so its listeners push it to the parties of this node and broadcast it to the other
 * nodes. An OFFLINE platform keeps its tokens and is still routed to (as the reference node does).
 */
@Component(name = "ocn.ocpi.hubclientinfo.stillalive", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public class StillAliveCheck {

    private static final Logger LOG = LoggerFactory.getLogger(StillAliveCheck.class);
    static final int TIMEOUT_SECONDS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private final PartyDirectory directory;
    private final BackgroundHttp http;
    private final Schedule schedule;

    @Activate
    public StillAliveCheck(NodeConfiguration config, @Reference PartyDirectory directory) {
        this.directory = directory;
        if (!config.ocn_node_stillAliveEnabled()) {
            http = null;
            schedule = null;
            LOG.info("Still-alive check off (ocn.node.stillAliveEnabled=false)");
            return;
        }
        long rate = config.ocn_node_stillAliveRate();
        http = new BackgroundHttp("ocn-hubclientinfo-stillalive", 2, TIMEOUT);
        schedule = new Schedule("ocn-hubclientinfo-stillalive-schedule", this::checkAll, LOG);
        schedule.every(rate, rate);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (schedule != null) {
            schedule.close();
            http.close();
        }
    }

    /** Checks every registered platform at once and waits for the answers; then sets the statuses that changed. */
    void checkAll() {
        Map<Platform, CompletableFuture<Boolean>> checks = new LinkedHashMap<>();
        for (Platform p : directory.platforms()) {
            if (p.isRegistered() && p.versionsUrl() != null && p.tokenB() != null && p.tokenEncoding() != null) {
                checks.put(p, answers(p));
            }
        }
        try {
            CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new))
                    .get(2L * TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // each check completes with false on failure; a hang is taken as an answer missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        checks.forEach((platform, alive) -> {
            ConnectionStatus status = alive.getNow(false) ? ConnectionStatus.CONNECTED : ConnectionStatus.OFFLINE;
            if (status != platform.status()) {
                setStatus(platform, status);
            }
        });
    }

    private CompletableFuture<Boolean> answers(Platform platform) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(platform.versionsUrl())).timeout(TIMEOUT).GET()
                    .header("Authorization", platform.tokenEncoding().authorizationHeader(platform.tokenB()))
                    .header("X-Request-ID", UUID.randomUUID().toString())
                    .header("X-Correlation-ID", UUID.randomUUID().toString())
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(false);
        }
        return http.send(request).handle((response, error) -> {
            boolean ok = error == null && response.statusCode() / 100 == 2;
            if (!ok) {
                LOG.debug("Platform {} at {}: {}", platform.id(), platform.versionsUrl(),
                        error != null ? error.toString() : "HTTP " + response.statusCode());
            }
            return ok;
        });
    }

    private void setStatus(Platform platform, ConnectionStatus status) {
        try {
            directory.setStatus(platform.id(), status);
        } catch (DirectoryException e) {
            // unregistered meanwhile, or the store failed: the next check tries again
            LOG.debug("Platform {} not set {}: {}", platform.id(), status, e.getMessage());
        }
    }
}
