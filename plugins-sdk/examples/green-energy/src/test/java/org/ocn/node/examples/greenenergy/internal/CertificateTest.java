package org.ocn.node.examples.greenenergy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.Test;
import org.ocn.node.api.ocpi.PartyId;

import com.fasterxml.jackson.databind.JsonNode;

/** The certificate of the specification's example CDR at its example location, with each energy mix example. */
public class CertificateTest {

    private static final PartyId ISSUER = PartyId.of("CH", "GEC");
    private static final PartyId CPO = PartyId.of("BE", "BEC");
    private static final PartyId EMSP = PartyId.of("DE", "MSP");
    private static final String ID = "00000000-0000-0000-0000-000000000001";
    private static final Instant ISSUED = Instant.parse("2026-11-24T10:00:00Z");

    private static CertifiedCdr exampleCdr() {
        return CertifiedCdr.read(CPO, EMSP, Examples.cdr("12345"));
    }

    private static EnergyMix mix(String example) {
        return EnergyMix.read(Examples.location(example).get("energy_mix"));
    }

    @Test
    public void theCanonicalFormIsExactlyThis() {
        String expected = "{\"cdr_id\":\"12345\",\"certificate_id\":\"" + ID + "\","
                + "\"cpo\":{\"country_code\":\"BE\",\"party_id\":\"BEC\"},"
                + "\"emsp\":{\"country_code\":\"DE\",\"party_id\":\"MSP\"},"
                + "\"end_date_time\":\"2015-06-29T23:37:32Z\",\"energy_kwh\":15.342,"
                + "\"energy_mix_status\":\"DECLARED\",\"energy_product_name\":\"E.ON DirektStrom eco\","
                + "\"energy_sources\":["
                + "{\"energy_kwh\":5.507778,\"percentage\":35.9,\"source\":\"GENERAL_GREEN\"},"
                + "{\"energy_kwh\":0.966546,\"percentage\":6.3,\"source\":\"GAS\"},"
                + "{\"energy_kwh\":5.093544,\"percentage\":33.2,\"source\":\"COAL\"},"
                + "{\"energy_kwh\":0.444918,\"percentage\":2.9,\"source\":\"GENERAL_FOSSIL\"},"
                + "{\"energy_kwh\":3.329214,\"percentage\":21.7,\"source\":\"NUCLEAR\"}],"
                + "\"environ_impact\":[{\"amount\":0.0006,\"category\":\"NUCLEAR_WASTE\"},"
                + "{\"amount\":372,\"category\":\"CARBON_DIOXIDE\"}],"
                + "\"format\":\"ocn-green-energy-certificate/1\",\"is_green_energy\":false,"
                + "\"issued_at\":\"2026-11-24T10:00:00Z\",\"issuer\":{\"country_code\":\"CH\",\"party_id\":\"GEC\"},"
                + "\"location_id\":\"LOC1\",\"start_date_time\":\"2015-06-29T21:39:09Z\","
                + "\"supplier_name\":\"E.ON Energy Deutschland\"}";
        assertEquals(expected, CanonicalJson.write(Certificate.content(ID, ISSUER, exampleCdr(),
                mix("location_energymix_example_complete.json"), ISSUED)));
    }

    @Test
    public void theEnergyIsAttributedToTheSourcesExactly() {
        JsonNode content = Examples.read(CanonicalJson.write(Certificate.content(ID, ISSUER, exampleCdr(),
                mix("location_energymix_example_complete.json"), ISSUED)));
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode source : content.get("energy_sources")) {
            sum = sum.add(source.get("energy_kwh").decimalValue());
        }
        assertEquals("the declared percentages add up to 100, so the shares add up to the CDR's energy",
                0, sum.compareTo(new BigDecimal("15.342")));
        assertEquals(new BigDecimal("0.000001"), Certificate.attributed(new BigDecimal("0.001"), new BigDecimal("0.1")));
    }

    @Test
    public void aMixWithoutSourcesAndNoMixAreStatedAsSuch() {
        JsonNode simple = Examples.read(CanonicalJson.write(Certificate.content(ID, ISSUER, exampleCdr(),
                mix("location_energymix_example_simple.json"), ISSUED)));
        assertEquals("DECLARED", simple.get("energy_mix_status").asText());
        assertTrue(simple.get("is_green_energy").asBoolean());
        assertEquals(0, simple.get("energy_sources").size());
        assertTrue(simple.get("supplier_name").isNull());

        JsonNode provider = Examples.read(CanonicalJson.write(Certificate.content(ID, ISSUER, exampleCdr(),
                mix("location_energymix_example_energy_provider.json"), ISSUED)));
        assertEquals("Greenpeace Energy eG", provider.get("supplier_name").asText());
        assertEquals("eco-power", provider.get("energy_product_name").asText());

        JsonNode none = Examples.read(CanonicalJson.write(Certificate.content(ID, ISSUER, exampleCdr(),
                mix(null), ISSUED)));
        assertEquals("NOT_DECLARED", none.get("energy_mix_status").asText());
        assertTrue(none.get("is_green_energy").isNull());
        assertEquals(0, none.get("energy_sources").size());
        assertEquals("the energy is certified all the same", "15.342", none.get("energy_kwh").decimalValue().toPlainString());
        assertNull(EnergyMix.UNAVAILABLE.isGreenEnergy());
    }

    @Test
    public void theSignatureHoldsForTheExactBytesAndTheServicesKeyOnly() throws Exception {
        FakeServiceKeys keys = new FakeServiceKeys(ISSUER);
        Certificate c = Certificate.issue(ID, ISSUER, exampleCdr(), mix("location_energymix_example_complete.json"),
                ISSUED, keys);
        assertEquals(keys.address(ISSUER), c.signer());
        assertEquals(CPO, c.cpo());
        assertEquals(EMSP, c.emsp());
        assertTrue(keys.verify(c.json().getBytes(StandardCharsets.UTF_8), c.signature(), c.signer()));
        assertTrue(keys.verify(c.signedBytes(), c.signature(), c.signer()));
        String tampered = c.json().replace("\"energy_kwh\":15.342", "\"energy_kwh\":25.342");
        assertFalse(keys.verify(tampered.getBytes(StandardCharsets.UTF_8), c.signature(), c.signer()));
        FakeServiceKeys other = new FakeServiceKeys(ISSUER);
        assertFalse(keys.verify(c.signedBytes(), c.signature(), other.address(ISSUER)));
    }

    @Test
    public void malformedCdrsAreRefusedNamingTheField() {
        for (String[] c : new String[][] {{"id", "{\"id\":1}"}, {"cdr_location.id", "{\"cdr_location\":{}}"},
                {"start_date_time", "{\"start_date_time\":null}"}, {"total_energy", "{\"total_energy\":\"3\"}"}}) {
            com.fasterxml.jackson.databind.node.ObjectNode cdr = Examples.cdr("1");
            cdr.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Examples.read(c[1]));
            IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
                    () -> CertifiedCdr.read(CPO, EMSP, cdr));
            assertTrue(e.getMessage(), e.getMessage().startsWith(c[0]));
        }
    }
}
