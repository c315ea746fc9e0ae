package org.ocn.node.registry.local.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.ConnectionStatus;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.parties.PartyDirectory;
import org.ocn.node.parties.Platform;
import org.ocn.node.registry.Admission;
import org.ocn.node.registry.PartyListing;
import org.ocn.node.settings.NodeConfiguration;

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
        PartyDirectory directory = (PartyDirectory) Proxy.newProxyInstance(PartyDirectory.class.getClassLoader(),
                new Class<?>[] {PartyDirectory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("platforms")) {
                        return platforms;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        List<PartyListing> listed = new LocalRegistry(directory, config("http://node.example")).parties().stream()
                .sorted(java.util.Comparator.comparing(l -> l.party().toString())).toList();
        assertEquals(List.of(
                new PartyListing(PartyId.of("DE", "MSP"), Set.of(Role.EMSP), "http://node.example", null, null),
                new PartyListing(PartyId.of("NL", "NEW"), Set.of(), "http://node.example", null, null)), listed);
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
