package org.ocn.node.registry.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.NetworkRegistry;
import org.ocn.node.registry.NodeListing;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.registry.ServiceAgreement;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.health.HealthIndicator;
import org.ocn.node.spi.health.HealthState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The embedded registry, for a node that is not on a chain: the network is this node alone. Its parties are those
 * the operator named when issuing registration tokens (decisions §12): a registration token admits exactly the
 * parties named when it was issued, and a party is listed once it is planned or connected here.
 *
 * <p>The services running here ({@link ServiceDirectory}) are listed too, with role OTHER, this node's URL and their
 * address, and a party's agreements are those it made with them through the admin API ({@code /admin/agreements}),
 * for the services that run now. A platform registered here with the same identity as a service wins.
 */
@Component(name = "ocn.registry.local", configurationPid = NodeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {NetworkRegistry.class, HealthIndicator.class},
        property = {NetworkRegistry.NAME + "=local", HealthIndicator.NAME + "=registry", "service.ranking:Integer=0"})
public class LocalRegistry implements NetworkRegistry, HealthIndicator {

    private final PartyDirectory directory;
    private volatile String nodeUrl;

    /** The services of this node; optional and dynamic, so that no reference cycle can form through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ServiceDirectory services;

    @Activate
    public LocalRegistry(@Reference PartyDirectory directory, NodeConfiguration config) {
        this.directory = directory;
        this.nodeUrl = config.ocn_node_url();
    }

    @Modified
    void modified(NodeConfiguration config) {
        nodeUrl = config.ocn_node_url();
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Admission admit(CredentialsRole role, Set<PartyId> namedWhenIssued) {
        if (namedWhenIssued.contains(role.party())) {
            return Admission.granted();
        }
        return Admission.refused("party " + role.party() + " (role " + role.role()
                + ") was not named when the registration token was issued (named: "
                + namedWhenIssued.stream().map(PartyId::toString).sorted().collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public Optional<PartyListing> findParty(PartyId party) {
        Optional<PartyListing> platform = directory.findByParty(party)
                .filter(p -> p.status() != org.ocn.node.api.ocpi.ConnectionStatus.SUSPENDED)
                .map(p -> new PartyListing(party, rolesOf(p, party), nodeUrl, null, null));
        if (platform.isPresent()) {
            return platform;
        }
        ServiceDirectory current = services;
        return current == null ? Optional.empty() : current.find(party).map(this::listing);
    }

    /** @return the parties planned (named on a registration token) or connected here, and the services running here */
    @Override
    public List<PartyListing> parties() {
        List<PartyListing> listings = new ArrayList<>(directory.platforms().stream()
                .filter(p -> p.status() != org.ocn.node.api.ocpi.ConnectionStatus.SUSPENDED)
                .flatMap(p -> (p.status() == org.ocn.node.api.ocpi.ConnectionStatus.PLANNED ? p.admitted()
                        : p.roles().stream().map(CredentialsRole::party).collect(Collectors.toSet())).stream()
                        .map(party -> new PartyListing(party, rolesOf(p, party), nodeUrl, null, null)))
                .toList());
        ServiceDirectory current = services;
        if (current != null) {
            Set<PartyId> listed = listings.stream().map(PartyListing::party).collect(Collectors.toSet());
            current.services().stream().filter(s -> !listed.contains(s.descriptor().party()))
                    .forEach(s -> listings.add(listing(s)));
        }
        return listings;
    }

    /**
     * @return the services running here that the party agreed to through the admin API, with their permissions (an
     *         agreement with a service that does not run now counts again once it runs)
     */
    @Override
    public List<ServiceAgreement> agreementsOf(PartyId user) {
        ServiceDirectory current = services;
        if (current == null) {
            return List.of();
        }
        List<PartyId> services = current.localAgreementsOf(user);
        if (services.isEmpty()) {
            return List.of(); // asked for every routed request (service copies): most parties agreed to none
        }
        return services.stream().map(current::find).flatMap(Optional::stream)
                .map(s -> new ServiceAgreement(listing(s), s.descriptor().name(), s.descriptor().url(),
                        s.descriptor().permissions()))
                .toList();
    }

    private PartyListing listing(RunningService service) {
        return new PartyListing(service.descriptor().party(), Set.of(Role.OTHER), nodeUrl, null, service.address());
    }

    private static Set<org.ocn.node.api.ocpi.Role> rolesOf(Platform platform, PartyId party) {
        return platform.roles().stream().filter(r -> r.party().equals(party)).map(CredentialsRole::role)
                .collect(Collectors.toSet());
    }

    @Override
    public List<NodeListing> nodes() {
        return List.of(new NodeListing(nodeUrl, null));
    }

    @Override
    public HealthState check() {
        return HealthState.up("local");
    }
}
