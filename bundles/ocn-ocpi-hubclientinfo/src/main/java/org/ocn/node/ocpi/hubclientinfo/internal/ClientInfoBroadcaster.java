package org.ocn.node.ocpi.hubclientinfo.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.PartyListener;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.NodeListing;
import org.ocn.node.settings.NodeConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes of the network about the parties of this node (the reference node's client-info broadcast):
 * when a party registers here (CONNECTED), leaves (SUSPENDED), stops or starts answering the still-alive check
 * (OFFLINE, CONNECTED), or is found planned here ({@link #broadcast}), every node the registry lists except this one
 * gets {@code PUT {node}/ocn/client-info} with the ClientInfo of each role that changed, signed with this node's key
 * ({@link ClientInfoMessage}). Sent in the background; any 2xx is success (the reference answers an empty body, this
 * node an OCPI envelope); a failure is logged and not retried.
 *
 * <p>Only a network registry other than the embedded local one is used: the local registry lists this node alone, so
 * in local mode nothing is sent. (That restriction also keeps this party listener clear of a reference cycle: the
 * local registry depends on the party directory, which binds its listeners while it activates.)
 */
@Component(name = "ocn.ocpi.hubclientinfo.broadcast", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {PartyListener.class, ClientInfoBroadcaster.class})
public class ClientInfoBroadcaster implements PartyListener {

    /** Target of a reference to the network registry when the node is on a network. */
    static final String NETWORK_REGISTRY = "(!(" + NetworkRegistry.NAME + "=local))";

    private static final Logger LOG = LoggerFactory.getLogger(ClientInfoBroadcaster.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EthereumKey key;
    private final String ownUrl;
    private final BackgroundHttp http = new BackgroundHttp("ocn-hubclientinfo-broadcast", 2, TIMEOUT);

    @Reference(target = NETWORK_REGISTRY, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile NetworkRegistry network;

    @Activate
    public ClientInfoBroadcaster(NodeConfiguration config) {
        this.key = EthereumKey.fromPrivateKey(config.ocn_node_privateKey());
        this.ownUrl = withoutTrailingSlash(config.ocn_node_url());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        http.close();
    }

    @Override
    public void platformChanged(PartyDirectory directory, Platform before, Platform after) {
        broadcast(ClientInfos.changes(before, after));
    }

    /** Sends the ClientInfos to every other node of the network; returns at once. */
    void broadcast(List<ClientInfo> infos) {
        NetworkRegistry registry = network;
        if (infos.isEmpty() || registry == null) {
            return;
        }
        List<String> nodes = otherNodes(registry.nodes());
        for (ClientInfo info : infos) {
            byte[] body = ClientInfoMessage.body(info);
            String signature = ClientInfoMessage.sign(body, key);
            for (String node : nodes) {
                send(node, body, signature, info);
            }
        }
    }

    /** @return the URLs of the nodes listed, without this one */
    List<String> otherNodes(List<NodeListing> listed) {
        return listed.stream()
                .filter(n -> !n.url().isBlank())
                .filter(n -> !withoutTrailingSlash(n.url()).equalsIgnoreCase(ownUrl))
                .filter(n -> n.operatorAddress() == null || !Ethereum.sameAddress(n.operatorAddress(), key.address()))
                .map(n -> withoutTrailingSlash(n.url()))
                .toList();
    }

    private void send(String node, byte[] body, String signature, ClientInfo info) {
        String url = node + ClientInfoMessage.PATH;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(ClientInfoMessage.SIGNATURE_HEADER, signature)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            LOG.warn("ClientInfo of {} not sent to node {}: bad URL", info.party(), url);
            return;
        }
        http.fireAndForget(request, LOG, "ClientInfo " + info.party() + " " + info.role() + " " + info.status()
                + " to node " + node);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
