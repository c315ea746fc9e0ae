package org.ocn.node.registry.local.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Set;

import org.junit.Test;
import org.ocn.node.api.ocpi.BusinessDetails;
import org.ocn.node.api.ocpi.CredentialsRole;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.api.ocpi.Role;
import org.ocn.node.registry.Admission;
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
