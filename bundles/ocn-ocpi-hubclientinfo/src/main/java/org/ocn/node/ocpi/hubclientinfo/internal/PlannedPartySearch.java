package org.ocn.node.ocpi.hubclientinfo.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.crypto.EthereumKey;
import org.ocn.node.ocpi.hubclientinfo.internal.ClientInfos.ClientInfo;
import org.ocn.node.ocpi.hubclientinfo.internal.NetworkClientInfos.Reported;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.PartyListing;
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
 * The planned-party search ({@code ocn.node.plannedPartySearchEnabled}, every {@code ocn.node.plannedPartySearchRate}
 * ms, and shortly after the network registry appears): parties the registry lists with this node's operator address
 * that have never registered here, and are not a service running here (which is listed with this node by the node
 * itself), are PLANNED. A party newly found is stored, pushed to this node's parties and
 * broadcast to the other nodes; a PLANNED entry is dropped once its party registered here, left the registry or is
 * listed with another node. Only on a network (a registry other than the embedded local one, whose listings carry no
 * operator): in local mode the search does nothing.
 */
@Component(name = "ocn.ocpi.hubclientinfo.plannedpartysearch", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public class PlannedPartySearch {

    private static final Logger LOG = LoggerFactory.getLogger(PlannedPartySearch.class);
    /** A search runs this long after the network registry appears (its index is there by then). */
    static final long AFTER_REGISTRY_MS = 1000;

    /**
     * What one search changes.
     *
     * @param found the PLANNED ClientInfos to store and tell of
     * @param gone  the PLANNED entries to drop
     */
    record Plan(List<ClientInfo> found, List<ClientInfo.Key> gone) {
    }

    private final PartyDirectory directory;
    private final NetworkClientInfos stored;
    private final ClientInfoPusher pusher;
    private final ClientInfoBroadcaster broadcaster;
    private final ServiceClientInfos services;
    private final String address;
    private final Schedule schedule;
    private volatile NetworkRegistry network;

    @Activate
    public PlannedPartySearch(NodeConfiguration config, @Reference PartyDirectory directory,
                              @Reference NetworkClientInfos stored, @Reference ClientInfoPusher pusher,
                              @Reference ClientInfoBroadcaster broadcaster, @Reference ServiceClientInfos services) {
        this.directory = directory;
        this.stored = stored;
        this.pusher = pusher;
        this.broadcaster = broadcaster;
        this.services = services;
        this.address = EthereumKey.fromPrivateKey(config.ocn_node_privateKey()).address();
        if (!config.ocn_node_plannedPartySearchEnabled()) {
            schedule = null;
            LOG.info("Planned-party search off (ocn.node.plannedPartySearchEnabled=false)");
            return;
        }
        long rate = config.ocn_node_plannedPartySearchRate();
        schedule = new Schedule("ocn-hubclientinfo-plannedpartysearch", this::searchOnce, LOG);
        schedule.every(rate, rate);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (schedule != null) {
            schedule.close();
        }
    }

    @Reference(target = ClientInfoBroadcaster.NETWORK_REGISTRY, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindNetwork(NetworkRegistry registry) {
        network = registry;
        if (schedule != null) {
            schedule.once(AFTER_REGISTRY_MS);
        }
    }

    void unbindNetwork(NetworkRegistry registry) {
        if (network == registry) {
            network = null;
        }
    }

    /** One search: a no-op in local mode. */
    void searchOnce() {
        NetworkRegistry registry = network;
        if (registry == null) {
            return;
        }
        Plan plan = plan(registry.parties(), address,
                party -> services.isRunning(party)
                        || directory.findByParty(party).map(p -> p.status() != ConnectionStatus.PLANNED).orElse(false),
                stored.all(), Instant.now());
        List<ClientInfo> told = new ArrayList<>();
        try {
            for (ClientInfo info : plan.found()) {
                if (stored.record(info, Ethereum.checksum(address)).isNews()) {
                    told.add(info);
                }
            }
            for (ClientInfo.Key key : plan.gone()) {
                stored.remove(key);
            }
        } catch (SQLException e) {
            LOG.warn("Planned-party search could not store its findings: {}", e.toString());
        }
        if (!told.isEmpty() || !plan.gone().isEmpty()) {
            LOG.info("Planned-party search: {} planned, {} no longer planned",
                    told.stream().map(i -> i.party() + " " + i.role()).toList(),
                    plan.gone().stream().map(k -> k.party() + " " + k.role()).toList());
        }
        pusher.push(directory, told, -1);
        broadcaster.broadcast(told);
    }

    /**
     * @param listings    the registry's parties
     * @param address     this node's operator address
     * @param knownHere   whether a party has registered here (connected, offline, or left since)
     * @param stored      the network ClientInfos stored
     * @param now         the time of the search
     * @return the planned parties not stored as such yet (one ClientInfo per listed role), and this node's PLANNED
     *         entries whose party is no longer planned
     */
    static Plan plan(Collection<PartyListing> listings, String address, Predicate<PartyId> knownHere,
                     Collection<Reported> stored, Instant now) {
        Set<ClientInfo.Key> planned = new LinkedHashSet<>();
        for (PartyListing listing : listings) {
            if (listing.operatorAddress() != null && Ethereum.sameAddress(listing.operatorAddress(), address)
                    && !knownHere.test(listing.party())) {
                listing.roles().stream().sorted()
                        .forEach(role -> planned.add(new ClientInfo.Key(listing.party(), role)));
            }
        }
        Map<ClientInfo.Key, Reported> byKey = stored.stream()
                .collect(Collectors.toMap(r -> r.info().key(), Function.identity()));
        Predicate<Reported> plannedByMe = r -> r.info().status() == ConnectionStatus.PLANNED
                && Ethereum.sameAddress(r.reportedBy(), address);
        List<ClientInfo> found = planned.stream()
                .filter(key -> byKey.get(key) == null || !plannedByMe.test(byKey.get(key)))
                .map(key -> new ClientInfo(key.party(), key.role(), ConnectionStatus.PLANNED, now))
                .toList();
        List<ClientInfo.Key> gone = stored.stream().filter(plannedByMe)
                .map(r -> r.info().key()).filter(key -> !planned.contains(key)).toList();
        return new Plan(found, gone);
    }
}
