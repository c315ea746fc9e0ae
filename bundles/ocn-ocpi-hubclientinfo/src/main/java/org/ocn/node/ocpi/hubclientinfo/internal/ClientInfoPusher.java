package org.ocn.node.ocpi.hubclientinfo.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.Endpoint;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.ModuleId;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.PartyListener;
import org.ocn.node.parties.Platform;
import org.ocn.node.rules.OcnRules;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the parties of this node about each other and about the network (OCPI hubclientinfo, push mode): when a
 * platform registers, updates its credentials, unregisters or changes status (still-alive check), and when a party of
 * the network changes ({@link #push}: reported by another node, or planned here), every other connected platform
 * with a hubclientinfo Receiver endpoint gets {@code PUT {endpoint}/{country_code}/{party_id}} with the ClientInfo of
 * each role that changed, with the node's token B towards it and no routing headers. Platforms that are OFFLINE get
 * nothing (OCPI: send nothing to an offline party; it re-syncs with GET). Sent in the background; a failure is
 * logged and not retried.
 */
@Component(name = "ocn.ocpi.hubclientinfo.push", service = {PartyListener.class, ClientInfoPusher.class})
public class ClientInfoPusher implements PartyListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientInfoPusher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BackgroundHttp http = new BackgroundHttp("ocn-hubclientinfo-push", 2, TIMEOUT);

    /** A recipient's OcnRules keep news of the parties its whitelist does not name from it. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile OcnRules rules;

    @Deactivate
    void deactivate() throws InterruptedException {
        http.close();
    }

    @Override
    public void platformChanged(PartyDirectory directory, Platform before, Platform after) {
        push(directory, ClientInfos.changes(before, after), after.id());
    }

    /**
     * Pushes ClientInfos to every connected platform with a hubclientinfo Receiver endpoint, except the one they are
     * about.
     *
     * @param exceptPlatformId the platform that changed, or {@code -1} when the news comes from the network
     */
    void push(PartyDirectory directory, List<ClientInfos.ClientInfo> infos, long exceptPlatformId) {
        if (infos.isEmpty()) {
            return;
        }
        for (Platform recipient : directory.platforms()) {
            if (recipient.id() == exceptPlatformId || recipient.status() != ConnectionStatus.CONNECTED) {
                continue;
            }
            Optional<Endpoint> endpoint = recipient.endpoint(ModuleId.HUB_CLIENT_INFO.identifier(), InterfaceRole.RECEIVER);
            if (endpoint.isEmpty()) {
                continue;
            }
            OcnRules current = rules;
            for (ClientInfos.ClientInfo info : infos) {
                if (!recipient.hosts(info.party()) && (current == null
                        || current.mayKnowOf(recipient.roles().get(0).party(), info.party()))) {
                    push(recipient, endpoint.get().url(), info);
                }
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
        http.fireAndForget(request, LOG, "Push of ClientInfo " + info.party() + " " + info.role() + " " + info.status()
                + " to platform " + recipient.id() + " at " + url);
    }
}
