package org.ocn.node.ocpi.hubclientinfo.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.PartyListener;
import org.ocn.node.parties.Platform;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the parties about each other (OCPI hubclientinfo, push mode): when a platform registers, updates its
 * credentials or unregisters, every other registered platform with a hubclientinfo Receiver endpoint gets
 * {@code PUT {endpoint}/{country_code}/{party_id}} with the ClientInfo of each role that changed, with the node's
 * token B towards it and no routing headers. Sent in the background; a failure is logged and not retried (OCPI: the
 * party re-syncs with GET).
 */
@Component(name = "ocn.ocpi.hubclientinfo.push", service = PartyListener.class)
public class ClientInfoPusher implements PartyListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientInfoPusher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService threads;
    private final HttpClient client;

    @Activate
    public ClientInfoPusher() {
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ocn-hubclientinfo-push");
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder().executor(threads).connectTimeout(TIMEOUT).build();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void platformChanged(PartyDirectory directory, Platform before, Platform after) {
        List<ClientInfos.ClientInfo> changes = ClientInfos.changes(before, after);
        if (changes.isEmpty()) {
            return;
        }
        for (Platform recipient : directory.platforms()) {
            if (recipient.id() == after.id() || !recipient.isRegistered()) {
                continue;
            }
            Optional<Endpoint> endpoint = recipient.endpoint(ModuleId.HUB_CLIENT_INFO.identifier(), InterfaceRole.RECEIVER);
            if (endpoint.isEmpty()) {
                continue;
            }
            for (ClientInfos.ClientInfo info : changes) {
                push(recipient, endpoint.get().url(), info);
            }
        }
    }

    private void push(Platform recipient, String base, ClientInfos.ClientInfo info) {
        String url = (base.endsWith("/") ? base : base + "/") + info.party().countryCode() + "/" + info.party().partyId();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", recipient.tokenEncoding().authorizationHeader(recipient.tokenB()))
                    .header("X-Request-ID", UUID.randomUUID().toString())
                    .header("X-Correlation-ID", UUID.randomUUID().toString())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(info.toJson().toString()))
                    .build();
        } catch (IllegalArgumentException e) {
            LOG.warn("ClientInfo of {} not pushed to platform {}: bad endpoint URL {}", info.party(), recipient.id(), url);
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("ClientInfo {} {} not pushed to platform {} at {}: {}", info.party(), info.status(),
                        recipient.id(), url, error.toString());
            } else if (response.statusCode() >= 300) {
                LOG.warn("ClientInfo {} {} pushed to platform {} at {}: HTTP {}", info.party(), info.status(),
                        recipient.id(), url, response.statusCode());
            } else {
                LOG.debug("ClientInfo {} {} pushed to platform {}", info.party(), info.status(), recipient.id());
            }
        });
    }
}
