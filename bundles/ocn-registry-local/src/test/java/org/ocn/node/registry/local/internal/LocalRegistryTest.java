package org.ocn.node.registry.local.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.Test;
import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.registry.ServiceAgreement;
import org.ocn.node.services.RunningService;
import org.ocn.node.services.ServiceDirectory;
import org.ocn.node.settings.NodeConfiguration;
import org.ocn.node.spi.services.ServiceDescriptor;
import org.ocn.node.spi.services.ServicePermission;

public class LocalRegistryTest {

    @Test
    public void admitsExactlyThePartiesNamedOnTheToken() {
        LocalRegistry registry = new LocalRegistry(null, config("http://localhost:8080"));
        Set<PartyId> named = Set.of(PartyId.of("DE", "MSP"), PartyId.of("DE", "CPO"));
        assertTrue(registry.admit(role("de", "msp"), named).admitted());
        Admission refused = registry.admit(role("NL", "XYZ"), named);
        assertFalse(refused.admitted());
        assertTrue(refused.reason(), refused.reason().contains("NL/XYZ")
                && refused.reason().contains("DE/CPO, DE/MSP"));
    }

    @Test
    public void listsThePartiesPlannedOrConnectedHereWithoutOperator() {
        List<Platform> platforms = List.of(
                platform(1, ConnectionStatus.CONNECTED, Set.of(), List.of(role("DE", "MSP"))),
                platform(2, ConnectionStatus.PLANNED, Set.of(PartyId.of("NL", "NEW")), List.of()),
                platform(3, ConnectionStatus.SUSPENDED, Set.of(), List.of(role("CH", "OLD"))));
        List<PartyListing> listed = new LocalRegistry(directory(platforms), config("http://node.example")).parties().stream()
                .sorted(java.util.Comparator.comparing(l -> l.party().toString())).toList();
        assertEquals(List.of(
                new PartyListing(PartyId.of("DE", "MSP"), Set.of(Role.EMSP), "http://node.example", null, null),
                new PartyListing(PartyId.of("NL", "NEW"), Set.of(), "http://node.example", null, null)), listed);
    }

    @Test
    public void listsTheServicesRunningHereAndTheAgreementsMadeWithThemThroughTheAdminApi() {
        PartyId msp = PartyId.of("DE", "MSP");
        PartyId srv = PartyId.of("CH", "SRV");
        RunningService settlement = new RunningService(new ServiceDescriptor(srv, "Settlement", "https://stl.example",
                Set.of(ServicePermission.FORWARD_MODULE_CDRS_RECEIVER), List.of("settlement")), request -> null,
                "0x2932b7A2355D6fecc4b5c0B6BD44cC31df247a2e");
        LocalRegistry registry = new LocalRegistry(directory(List.of(
                platform(1, ConnectionStatus.CONNECTED, Set.of(), List.of(role("DE", "MSP"))))),
                config("http://node.example"));
        assertEquals(List.of(), registry.agreementsOf(msp));
        registry.services = services(List.of(settlement), List.of(srv, PartyId.of("CH", "GON")));

        PartyListing listing = new PartyListing(srv, Set.of(Role.OTHER), "http://node.example", null,
                "0x2932b7A2355D6fecc4b5c0B6BD44cC31df247a2e");
        assertEquals(Optional.of(listing), registry.findParty(srv));
        assertEquals(Optional.empty(), registry.findParty(PartyId.of("CH", "GON")));
        assertTrue(registry.parties().contains(listing));
        assertEquals(2, registry.parties().size());

        List<ServiceAgreement> agreements = registry.agreementsOf(msp);
        assertEquals("CH/GON does not run: its agreement does not count now", 1, agreements.size());
        assertEquals(listing, agreements.get(0).provider());
        assertEquals("Settlement", agreements.get(0).name());
        assertTrue(agreements.get(0).covers("cdrs", InterfaceRole.RECEIVER));
        assertFalse(agreements.get(0).covers("cdrs", InterfaceRole.SENDER));
    }

    private static PartyDirectory directory(List<Platform> platforms) {
        return (PartyDirectory) Proxy.newProxyInstance(PartyDirectory.class.getClassLoader(),
                new Class<?>[] {PartyDirectory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("platforms")) {
                        return platforms;
                    }
                    if (method.getName().equals("findByParty")) {
                        return platforms.stream().filter(p -> p.roles().stream()
                                .anyMatch(r -> r.party().equals(args[0]))).findFirst();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ServiceDirectory services(List<RunningService> running, List<PartyId> agreedTo) {
        return new ServiceDirectory() {
            @Override
            public Optional<RunningService> find(PartyId party) {
                return running.stream().filter(s -> s.descriptor().party().equals(party)).findFirst();
            }

            @Override
            public List<RunningService> services() {
                return running;
            }

            @Override
            public CompletionStage<Optional<RunningService>> awaitReturn(PartyId party, Duration grace) {
                return CompletableFuture.completedFuture(find(party));
            }

            @Override
            public List<PartyId> localAgreementsOf(PartyId user) {
                return user.equals(PartyId.of("DE", "MSP")) ? agreedTo : List.of();
            }
        };
    }

    private static Platform platform(long id, ConnectionStatus status, Set<PartyId> admitted, List<CredentialsRole> roles) {
        return new Platform(id, status, admitted, roles, null, null, List.of(), null, null, Instant.EPOCH, Instant.EPOCH);
    }

    /** A configuration as DS would hand it over: an annotation instance answering from a map. */
    static NodeConfiguration config(String url) {
        return (NodeConfiguration) Proxy.newProxyInstance(NodeConfiguration.class.getClassLoader(),
                new Class<?>[] {NodeConfiguration.class}, (proxy, method, args) ->
                        "ocn_node_url".equals(method.getName()) ? url : method.getDefaultValue());
    }

    private static CredentialsRole role(String cc, String pid) {
        return new CredentialsRole(Role.EMSP, BusinessDetails.named("x"), PartyId.of(cc, pid));
    }
}
