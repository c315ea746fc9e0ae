package org.ocn.node.examples.greenenergy.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.services.ServiceKeys;

/**
 * A signed green-energy certificate: its canonical JSON ({@link CanonicalJson}) and the service's EIP-191 signature
 * over exactly those bytes. Anyone holding the service's address checks it as Ethereum's {@code personal_sign}
 * messages are checked, for example {@code ethers.verifyMessage(json, signature) == signer}.
 *
 * @param id        the certificate's id
 * @param cpo       the CPO that delivered the energy
 * @param emsp      the eMSP whose customer charged
 * @param cdrId     the CDR it certifies
 * @param issuedAt  when it was issued
 * @param json      the canonical JSON: its UTF-8 bytes are what was signed
 * @param signature the signature, {@code 0x} and 130 hex characters
 * @param signer    the address of the key that signed, {@code 0x...}
 */
record Certificate(String id, PartyId cpo, PartyId emsp, String cdrId, Instant issuedAt, String json,
                   String signature, String signer) {

    /** Identifies the certificate format, so that readers can tell later versions apart. */
    static final String FORMAT = "ocn-green-energy-certificate/1";

    Certificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signer, "signer");
    }

    /**
     * Writes and signs the certificate of a CDR.
     *
     * @param issuer the service's identity, whose key signs
     * @param keys   the node's keys for the services of this bundle
     */
    static Certificate issue(String id, PartyId issuer, CertifiedCdr cdr, EnergyMix mix, Instant issuedAt,
                             ServiceKeys keys) {
        byte[] signed = CanonicalJson.bytes(content(id, issuer, cdr, mix, issuedAt));
        String signature = keys.sign(issuer, signed);
        return new Certificate(id, cdr.cpo(), cdr.emsp(), cdr.cdrId(), issuedAt,
                new String(signed, StandardCharsets.UTF_8), signature, keys.address(issuer));
    }

    /** @return the UTF-8 bytes that were signed */
    byte[] signedBytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The certificate's content. Every field is always present ({@code null} or {@code []} when not known), so that
     * every certificate has the same shape. Each source's {@code energy_kwh} is the CDR's energy times its
     * percentage, exactly; the percentages are the CPO's as declared, so they add up to what the CPO declared.
     */
    static Map<String, Object> content(String id, PartyId issuer, CertifiedCdr cdr, EnergyMix mix, Instant issuedAt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("format", FORMAT);
        c.put("certificate_id", id);
        c.put("issuer", party(issuer));
        c.put("issued_at", issuedAt.toString());
        c.put("cdr_id", cdr.cdrId());
        c.put("cpo", party(cdr.cpo()));
        c.put("emsp", party(cdr.emsp()));
        c.put("location_id", cdr.locationId());
        c.put("start_date_time", cdr.startDateTime());
        c.put("end_date_time", cdr.endDateTime());
        c.put("energy_kwh", cdr.energyKwh());
        c.put("energy_mix_status", mix.status().name());
        c.put("is_green_energy", mix.isGreenEnergy());
        List<Object> sources = new ArrayList<>();
        for (EnergyMix.Source s : mix.sources()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", s.source());
            source.put("percentage", s.percentage());
            source.put("energy_kwh", attributed(cdr.energyKwh(), s.percentage()));
            sources.add(source);
        }
        c.put("energy_sources", sources);
        List<Object> impacts = new ArrayList<>();
        for (EnergyMix.Impact i : mix.impacts()) {
            Map<String, Object> impact = new LinkedHashMap<>();
            impact.put("category", i.category());
            impact.put("amount", i.amount());
            impacts.add(impact);
        }
        c.put("environ_impact", impacts);
        c.put("supplier_name", mix.supplierName());
        c.put("energy_product_name", mix.productName());
        return c;
    }

    /** @return the share of the energy: {@code energy * percentage / 100}, exact (no rounding is ever needed) */
    static BigDecimal attributed(BigDecimal energyKwh, BigDecimal percentage) {
        return energyKwh.multiply(percentage).movePointLeft(2);
    }

    private static Map<String, Object> party(PartyId party) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("country_code", party.countryCode());
        p.put("party_id", party.partyId());
        return p;
    }
}
