package org.ocn.node.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.crypto.EcSignature;
import org.ocn.node.crypto.Ethereum;
import org.ocn.node.store.testing.TemporaryDerby;

/** The SPI's ServiceKeys: a bundle signs with the keys of its own services only; anyone verifies. */
public class BundleServiceKeysTest {

    private static final PartyId SRV = PartyId.of("CH", "SRV");
    private static final long PLUGIN_BUNDLE = 42;
    private static final byte[] MESSAGE = "{\"kwh\":12.5}".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryDerby derby = new TemporaryDerby();

    @Rule
    public TemporaryFolder data = new TemporaryFolder();

    private RunningServices services;

    @Before
    public void start() throws Exception {
        services = new RunningServices(TestConfig.node(Map.of("ocn_node_dataDir", data.getRoot().toString())),
                new LocalAgreements(derby.dataSource()));
        Map<String, Object> p = new HashMap<>();
        p.put("service.id", 7L);
        p.put("service.bundleid", PLUGIN_BUNDLE);
        p.put("ocn.service.party", "CH/SRV");
        p.put("ocn.service.name", "Certificates");
        services.bindService(request -> CompletableFuture.completedFuture(null), p);
    }

    @After
    public void stop() throws Exception {
        services.deactivate();
    }

    @Test
    public void theRegisteringBundleSignsWithTheServicesKeyAndAnyoneVerifiesAgainstItsAddress() {
        BundleServiceKeys plugin = new BundleServiceKeys(services, PLUGIN_BUNDLE);
        String address = plugin.address(SRV);
        assertEquals(services.find(SRV).orElseThrow().address(), address);
        String signature = plugin.sign(SRV, MESSAGE);
        assertTrue(signature, signature.matches("0x[0-9a-f]{130}"));
        assertEquals("EIP-191, recoverable to the service's address", address,
                Ethereum.recoverPrefixedMessageSigner(MESSAGE, EcSignature.fromHex(signature)).orElseThrow());

        BundleServiceKeys other = new BundleServiceKeys(services, 99);
        assertTrue(other.verify(MESSAGE, signature, address));
        assertTrue("any case of the address", other.verify(MESSAGE, signature, address.toLowerCase()));
        assertFalse("another message", other.verify("{}".getBytes(StandardCharsets.UTF_8), signature, address));
        assertFalse("another address", other.verify(MESSAGE, signature, "0x627306090abaB3A6e1400e9345bC60c78a8BEf57"));
        assertFalse("not a signature", other.verify(MESSAGE, "0x1234", address));
        assertEquals(address, other.address(SRV));
        try {
            other.sign(SRV, MESSAGE);
            fail("another bundle must not sign for the service");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("CH/SRV"));
        }
    }

    @Test
    public void noKeyForAnIdentityThatDoesNotRunHere() {
        BundleServiceKeys plugin = new BundleServiceKeys(services, PLUGIN_BUNDLE);
        try {
            plugin.address(PartyId.of("CH", "NON"));
            fail();
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("CH/NON"));
        }
        services.unbindService(null, Map.of("service.id", 7L));
        try {
            plugin.sign(SRV, MESSAGE);
            fail("stopped: no longer its service");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("CH/SRV"));
        }
    }
}
