package org.ocn.node.examples.greenenergy.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ocn.node.api.ocpi.InterfaceRole;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.PartyId;
import org.ocn.node.spi.client.OcpiClient;
import org.ocn.node.spi.client.OutgoingRequest;
import org.ocn.node.spi.routing.OcpiReply;
import org.ocn.node.spi.routing.OcpiRequest;

/**
 * The energy mixes of the CPOs' locations: learned from the locations traffic the node routes (pushes to eMSPs,
 * answers to their GETs) and, when not known or too old, asked of the CPO with the node's OCPI client, as the
 * service: {@code GET /ocpi/sender/2.2.1/locations/{location_id}}. Known mixes are kept for a while, per CPO and
 * location, in memory.
 */
final class LocationMixes {

    /**
     * What asking for a mix gave.
     *
     * @param mix    the mix to certify with ({@link EnergyMix#UNAVAILABLE} when the location could not be obtained)
     * @param retry  whether the failure may pass (the CPO could not be reached, or answered with a server error):
     *               asking again later may give the mix
     * @param reason why the mix is unavailable, for the log; {@code null} when it is known
     */
    record Lookup(EnergyMix mix, boolean retry, String reason) {

        static Lookup known(EnergyMix mix) {
            return new Lookup(mix, false, null);
        }

        static Lookup unavailable(String reason) {
            return new Lookup(EnergyMix.UNAVAILABLE, false, reason);
        }

        static Lookup failed(String reason) {
            return new Lookup(EnergyMix.UNAVAILABLE, true, reason);
        }
    }

    private record Key(PartyId cpo, String locationId) {
    }

    private record Known(EnergyMix mix, Instant learnedAt) {
    }

    /** Bound on the locations remembered, so that a large network cannot grow the cache without end. */
    static final int MAX_LOCATIONS = 10_000;

    private final OcpiClient client;
    private final PartyId service;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<Key, Known> known = new ConcurrentHashMap<>();
    /** The questions to CPOs under way, by location. */
    private final Map<Key, CompletableFuture<Lookup>> asking = new ConcurrentHashMap<>();

    LocationMixes(OcpiClient client, PartyId service, ObjectMapper json, Clock clock, Duration maxAge) {
        this.client = client;
        this.service = service;
        this.json = json;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** @return the mix learned for a location, if it is not older than the maximum age */
    Optional<EnergyMix> cached(PartyId cpo, String locationId) {
        Known k = known.get(new Key(cpo, locationId));
        if (k == null || k.learnedAt().plus(maxAge).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(k.mix());
    }

    /**
     * @return the location's mix: the one learned when fresh, else the CPO's answer; CDRs of the same location that
     *         arrive while the CPO is being asked share that one question
     */
    CompletionStage<Lookup> mixOf(PartyId cpo, String locationId) {
        Optional<EnergyMix> cached = cached(cpo, locationId);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(Lookup.known(cached.get()));
        }
        Key key = new Key(cpo, locationId);
        CompletableFuture<Lookup> mine = new CompletableFuture<>();
        CompletableFuture<Lookup> underWay = asking.putIfAbsent(key, mine);
        if (underWay != null) {
            return underWay;
        }
        ask(cpo, locationId).whenComplete((lookup, error) -> {
            // forgotten first: whoever asks once this completes finds the mix learned (or asks anew after a failure)
            asking.remove(key, mine);
            mine.complete(lookup != null ? lookup : Lookup.failed("no answer: " + error));
        });
        return mine;
    }

    private CompletionStage<Lookup> ask(PartyId cpo, String locationId) {
        String path = "/" + URLEncoder.encode(locationId, StandardCharsets.UTF_8).replace("+", "%20");
        CompletionStage<OcpiReply> sent;
        try {
            sent = client.send(OutgoingRequest.get(service, cpo, "locations", InterfaceRole.SENDER, path));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Lookup.failed("the request could not be sent: " + e));
        }
        return sent.handle((reply, error) -> error != null
                ? Lookup.failed("no answer: " + error)
                : fromAnswer(cpo, locationId, reply));
    }

    private Lookup fromAnswer(PartyId cpo, String locationId, OcpiReply reply) {
        JsonNode answer;
        try {
            answer = json.readTree(reply.body());
        } catch (IOException e) {
            return Lookup.failed("HTTP " + reply.status() + ", not JSON");
        }
        int status = answer.path("status_code").asInt(-1);
        if (status == OcpiStatus.SUCCESS.code()) {
            JsonNode location = answer.get("data");
            if (location == null || !location.isObject()) {
                return Lookup.unavailable("the CPO's answer has no location");
            }
            EnergyMix mix = EnergyMix.read(location.get("energy_mix"));
            learn(cpo, locationId, mix);
            return Lookup.known(mix);
        }
        String message = answer.path("status_message").asText("");
        String reason = "status " + status + (message.isBlank() ? "" : " " + message);
        // 2xxx: the CPO (or the node) refused or does not know the location; asking again will not change that
        return status >= 2000 && status < 3000 ? Lookup.unavailable(reason) : Lookup.failed(reason);
    }

    /**
     * Learns mixes from routed locations traffic the recipient accepted: a location pushed to an eMSP ({@code PUT},
     * or a {@code PATCH} that sets {@code energy_mix}), and the locations in the answers to an eMSP's {@code GET}.
     */
    void observe(OcpiRequest request, OcpiReply reply) throws IOException {
        JsonNode answer = json.readTree(reply.body());
        if (answer == null || answer.path("status_code").asInt(-1) != OcpiStatus.SUCCESS.code()) {
            return;
        }
        List<String> path = request.pathSegments();
        if (request.role() == InterfaceRole.RECEIVER && path.size() == 3) {
            JsonNode body = json.readTree(request.body());
            if (body == null || !body.isObject()) {
                return;
            }
            PartyId owner = partyOr(path.get(0), path.get(1), request.sender());
            if (request.method().equals("PUT")) {
                learn(owner, path.get(2), EnergyMix.read(body.get("energy_mix")));
            } else if (request.method().equals("PATCH") && body.has("energy_mix")) {
                learn(owner, path.get(2), EnergyMix.read(body.get("energy_mix")));
            }
        } else if (request.role() == InterfaceRole.SENDER && request.method().equals("GET")) {
            JsonNode data = answer.path("data");
            if (data.isArray()) {
                data.forEach(location -> learnFrom(location, request.receiver()));
            } else if (data.isObject() && path.size() == 1) {
                learnFrom(data, request.receiver());
            }
        }
    }

    private void learnFrom(JsonNode location, PartyId cpo) {
        if (location.path("id").isTextual()) {
            PartyId owner = partyOr(location.path("country_code").asText(""), location.path("party_id").asText(""), cpo);
            learn(owner, location.get("id").asText(), EnergyMix.read(location.get("energy_mix")));
        }
    }

    private void learn(PartyId cpo, String locationId, EnergyMix mix) {
        Instant now = clock.instant();
        if (known.size() >= MAX_LOCATIONS) {
            known.values().removeIf(k -> k.learnedAt().plus(maxAge).isBefore(now));
            if (known.size() >= MAX_LOCATIONS) {
                known.clear();
            }
        }
        known.put(new Key(cpo, locationId), new Known(mix, now));
    }

    /** @return the party named in a location (or its path), or the one routing it when that is not a party */
    private static PartyId partyOr(String countryCode, String partyId, PartyId fallback) {
        try {
            return PartyId.of(countryCode, partyId);
        } catch (IllegalArgumentException notAParty) {
            return fallback;
        }
    }
}
