package org.ocn.node.ocpi.credentials.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ocn.node.api.ocpi.OcpiResponse;
import org.ocn.node.api.ocpi.OcpiStatus;
import org.ocn.node.api.ocpi.TokenEncoding;
import org.ocn.node.api.ocpi.Version;
import org.ocn.node.api.ocpi.VersionDetails;
import org.ocn.node.api.ocpi.VersionNumber;
import org.ocn.node.web.json.InvalidPayloadException;
import org.ocn.node.web.json.OcpiJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The node's side of a handshake towards a party: reads the party's versions and the details of the version agreed,
 * with the party's token B (OCPI 2.2.1 §credentials, step 5). Every failure becomes a {@link HandshakeException}
 * with the status the node answers: 3001 when the party's API cannot be used, 3002 when there is no version in
 * common. A party may offer any modules, none included (decisions §12a: the OCN's own client library lists no
 * {@code credentials} endpoint): the node records what it offers, and a request routed to a module it does not offer
 * is answered as such.
 */
final class PartyApiClient {

    /** How the version is chosen. */
    enum Selection {
        /** Registration: the highest version both sides support. */
        HIGHEST_COMMON,
        /** Credentials update: the version of the endpoint that was called (OCPI: PUT switches to it). */
        OF_ENDPOINT
    }

    /**
     * What the party offers.
     *
     * @param version the version agreed
     * @param details that version's details
     */
    record Offer(VersionNumber version, VersionDetails details) {
    }

    private final HttpClient client;
    private final OcpiJson json;
    private final Duration timeout;

    PartyApiClient(HttpClient client, OcpiJson json, Duration timeout) {
        this.client = client;
        this.json = json;
        this.timeout = timeout;
    }

    Offer fetch(String versionsUrl, String tokenB, TokenEncoding encoding, List<VersionNumber> supported,
                Selection selection, VersionNumber endpointVersion) throws HandshakeException {
        JsonNode versionsData = get(versionsUrl, tokenB, encoding, "versions");
        List<Version> offered;
        try {
            offered = json.readVersions(versionsData);
        } catch (InvalidPayloadException e) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API,
                    "the versions at " + versionsUrl + " are not valid: " + e.getMessage());
        }
        Optional<Version> chosen = choose(offered, supported, selection, endpointVersion);
        if (chosen.isEmpty()) {
            String theirs = offered.stream().map(Version::version).collect(Collectors.joining(", "));
            String ours = selection == Selection.OF_ENDPOINT ? endpointVersion.text()
                    : supported.stream().map(VersionNumber::text).collect(Collectors.joining(", "));
            throw new HandshakeException(OcpiStatus.UNSUPPORTED_VERSION, "no version in common: the party offers ["
                    + theirs + "], the node " + (selection == Selection.OF_ENDPOINT ? "was called on " : "supports ")
                    + "[" + ours + "]");
        }
        Version version = chosen.get();
        JsonNode detailsData = get(version.url(), tokenB, encoding, "version " + version.version() + " details");
        VersionDetails details;
        try {
            details = json.readVersionDetails(detailsData);
        } catch (InvalidPayloadException e) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API,
                    "the version details at " + version.url() + " are not valid: " + e.getMessage());
        }
        return new Offer(version.number().orElseThrow(), details);
    }

    private static Optional<Version> choose(List<Version> offered, List<VersionNumber> supported, Selection selection,
                                            VersionNumber endpointVersion) {
        return offered.stream()
                .filter(v -> v.number().isPresent())
                .filter(v -> selection == Selection.OF_ENDPOINT ? v.number().get() == endpointVersion
                        : supported.contains(v.number().get()))
                .max((a, b) -> a.number().get().compareTo(b.number().get()));
    }

    private JsonNode get(String url, String tokenB, TokenEncoding encoding, String what) throws HandshakeException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                    .header("Authorization", encoding.authorizationHeader(tokenB))
                    .header("Accept", "application/json")
                    .header("X-Request-ID", UUID.randomUUID().toString())
                    .header("X-Correlation-ID", UUID.randomUUID().toString())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "cannot request " + what + " from '"
                    + url + "': " + e.getMessage());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "requesting " + what + " from " + url
                    + " timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "cannot reach " + url + " for " + what
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "interrupted while requesting " + what);
        }
        if (response.statusCode() != 200) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "requesting " + what + " from " + url
                    + " with token B answered HTTP " + response.statusCode());
        }
        OcpiResponse<JsonNode> envelope;
        try {
            envelope = json.readEnvelope(json.parse(response.body()));
        } catch (InvalidPayloadException e) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "the answer of " + url + " for "
                    + what + " is not an OCPI response: " + e.getMessage());
        }
        if (!envelope.isSuccess()) {
            throw new HandshakeException(OcpiStatus.UNABLE_TO_USE_CLIENT_API, "requesting " + what + " from " + url
                    + " answered status " + envelope.statusCode()
                    + (envelope.statusMessage() == null ? "" : " (" + envelope.statusMessage() + ")"));
        }
        return envelope.data();
    }
}
