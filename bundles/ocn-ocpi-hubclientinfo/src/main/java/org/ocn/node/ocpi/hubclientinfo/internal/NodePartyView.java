package org.ocn.node.ocpi.hubclientinfo.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.parties.PartyInfo;
import org.ocn.node.spi.parties.PartyView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The SPI's read-only view of the parties, for plugins: exactly the parties the hubclientinfo list shows (parties
 * registered here, services running or stopped here, parties of the network as their nodes reported them), one
 * {@link PartyInfo} per party with all its roles, plus the parties a registration token was issued for here and that
 * have not registered yet ({@code PLANNED}, no roles). Everything comes from memory: the party directory's index, the
 * network's ClientInfos and the registry's listings are all kept there.
 */
@Component(name = "ocn.parties.view", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = PartyView.class)
public class NodePartyView implements PartyView {

    private final PartyDirectory directory;
    private final NetworkClientInfos network;
    private final ServiceClientInfos services;
    private final String ownUrl;

    /** Where the parties of other nodes are connected; without a registry, their node is unknown (empty URL). */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile NetworkRegistry registry;

    @Activate
    public NodePartyView(@Reference PartyDirectory directory, @Reference NetworkClientInfos network,
                         @Reference ServiceClientInfos services, NodeConfiguration config) {
        this(directory, network, services, config.ocn_node_url());
    }

    NodePartyView(PartyDirectory directory, NetworkClientInfos network, ServiceClientInfos services, String ownUrl) {
        this.directory = directory;
        this.network = network;
        this.services = services;
        this.ownUrl = ownUrl;
    }

    void setRegistry(NetworkRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<PartyInfo> parties() {
        List<Platform> platforms = directory.platforms();
        List<ClientInfo> running = services.infos();
        List<ClientInfo> shown = ClientInfos.combined(platforms, running, network.infos());

        Set<ClientInfo> local = new HashSet<>(ClientInfos.of(platforms));
        Set<ClientInfo> runningHere = new HashSet<>(running);
        Map<PartyId, Aggregate> byParty = new LinkedHashMap<>();
        for (ClientInfo info : shown) {
            byParty.computeIfAbsent(info.party(), p -> new Aggregate()).add(info);
        }
        List<PartyInfo> out = new ArrayList<>(byParty.size() + 4);
        for (Map.Entry<PartyId, Aggregate> e : byParty.entrySet()) {
            PartyId party = e.getKey();
            Aggregate a = e.getValue();
            PartyInfo.Where where = where(a.latest, local, runningHere);
            out.add(new PartyInfo(party, a.roles, a.latest.status(), where,
                    where == PartyInfo.Where.OTHER_NODE ? nodeOf(party) : ownUrl));
        }
        for (Platform p : platforms) {
            if (p.status() != ConnectionStatus.PLANNED) {
                continue;
            }
            for (PartyId party : p.admitted()) {
                if (!byParty.containsKey(party)) {
                    out.add(new PartyInfo(party, Set.of(), ConnectionStatus.PLANNED, PartyInfo.Where.THIS_NODE, ownUrl));
                }
            }
        }
        out.sort(Comparator.comparing(i -> i.party().toString()));
        return out;
    }

    @Override
    public Optional<PartyInfo> party(PartyId party) {
        return parties().stream().filter(i -> i.party().equals(party)).findFirst();
    }

    /** @return where the entry the list shows for the party comes from */
    private static PartyInfo.Where where(ClientInfo shown, Set<ClientInfo> local, Set<ClientInfo> running) {
        if (local.contains(shown)) {
            return PartyInfo.Where.THIS_NODE;
        }
        return running.contains(shown) ? PartyInfo.Where.SERVICE : PartyInfo.Where.OTHER_NODE;
    }

    private String nodeOf(PartyId party) {
        NetworkRegistry current = registry;
        if (current == null) {
            return "";
        }
        return current.findParty(party).map(PartyListing::nodeUrl).orElse("");
    }

    /** The roles of one party and its most recent entry. */
    private static final class Aggregate {
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        ClientInfo latest;

        void add(ClientInfo info) {
            roles.add(info.role());
            if (latest == null || info.lastUpdated().isAfter(latest.lastUpdated())) {
                latest = info;
            }
        }
    }
}
