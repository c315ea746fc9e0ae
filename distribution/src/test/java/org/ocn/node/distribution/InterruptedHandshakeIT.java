package org.ocn.node.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * No party is left stuck by a node that dies in the middle of its credentials handshake. One node of the built
 * distribution (local mode), twenty handshakes; in each the operator issues token A, the party posts its credentials,
 * and the node is killed with SIGKILL at a random point: while it waits for the party's (slow) version details,
 * within 250 ms after the party answered them (before, during or after the commit, before or after the answer), or
 * within 40 ms after the node answered the POST. Then
 * the node starts again on the same data folder and the party recovers as a real one would: it posts again with the
 * same token A and gets 1000 and a working token C (a token C it got before, never used, is then dead), or, when it
 * did get a token C, it checks it and keeps it; every fourth party is recovered by the operator instead: it
 * unregisters the party if the node shows it CONNECTED ({@code DELETE /admin/parties/{cc}/{pid}}), issues a new
 * token A, and the party registers with it. In the end all twenty are CONNECTED with a working token C.
 * <p>
 * The kill points come from a fixed seed, printed; {@code -Docn.it.seed=<n>} replays another run's choices.
 */
public class InterruptedHandshakeIT {

    private static final int HANDSHAKES = 20;
    private static final long SEED = Long.getLong("ocn.it.seed", 20_261_204L);
    private static final int DETAILS_DELAY_MS = 300;
    private static final String ADMIN = "Token " + NodeProcess.ADMIN_KEY;

    /** Where in the handshake the node is killed. */
    private enum Kill { WAITING_FOR_DETAILS, AFTER_DETAILS, AFTER_ANSWER }

    private record Outcome(String party, MockParty platform, String tokenC) {
    }

    @Test
    public void aHandshakeKilledAnywhereIsCompletedByTheParty() throws Exception {
        System.out.println("InterruptedHandshakeIT: seed " + SEED + " (replay with -Docn.it.seed=" + SEED + ")");
        Random random = new Random(SEED);
        Path home = NodeProcess.unpack("interrupted-handshake");
        ExecutorService poster = Executors.newSingleThreadExecutor();
        List<MockParty> platforms = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        try (NodeProcess node = NodeProcess.in(home, home.resolve("data")).start()) {
            for (int i = 0; i < HANDSHAKES; i++) {
                String party = String.format("DE/K%02d", i);
                Kill kill = Kill.values()[random.nextInt(Kill.values().length)];
                int delay = random.nextInt(kill == Kill.AFTER_ANSWER ? 40 : kill == Kill.AFTER_DETAILS ? 250 : DETAILS_DELAY_MS);
                MockParty platform = new MockParty(List.of("2.2.1"), true);
                platforms.add(platform);
                platform.delayDetails(DETAILS_DELAY_MS);
                String tokenA = Registration.tokenA(node, party);
                Future<Http.Answer> post = poster.submit(() -> post(node, platform, party, tokenA));
                switch (kill) {
                    case WAITING_FOR_DETAILS -> platform.awaitServed("/ocpi/versions");
                    case AFTER_DETAILS -> platform.awaitServed("/ocpi/2.2.1");
                    case AFTER_ANSWER -> post.get(60, TimeUnit.SECONDS);
                }
                Thread.sleep(delay); // the kill point, not a wait for the node
                node.kill();
                Http.Answer answer = post.get(60, TimeUnit.SECONDS);
                String answeredC = answer != null && answer.statusCode() == 1000 ? answer.json().at("/data/token").asText() : null;
                node.start();
                String status = Registration.connectionStatus(node, party);
                String what = String.format("%s killed %s +%d ms: %s, after restart %s", party, kill, delay,
                        answer == null ? "no answer" : "answered " + answer.statusCode(), status);
                System.out.println("InterruptedHandshakeIT: " + what);
                seen.merge((answeredC == null ? "no token C, " : "token C, ") + status, 1, Integer::sum);
                boolean byOperator = i % 4 == 3;
                try {
                    String tokenC = byOperator ? recoverByOperator(node, platform, party, answeredC)
                            : recoverByParty(node, platform, party, tokenA, answeredC, i % 2 == 0);
                    outcomes.add(new Outcome(party, platform, tokenC));
                } catch (AssertionError | RuntimeException e) {
                    problems.add(what + ", recovered by " + (byOperator ? "the operator" : "the party") + ": " + e);
                }
            }
            System.out.printf("InterruptedHandshakeIT: %d handshakes in %d s; outcomes %s%n", HANDSHAKES,
                    (System.nanoTime() - started) / 1_000_000_000, seen);
            assertTrue("the kill points covered a handshake killed before its commit and one after: " + seen,
                    seen.keySet().stream().anyMatch(k -> k.endsWith("PLANNED"))
                            && seen.keySet().stream().anyMatch(k -> k.endsWith("CONNECTED")));
            assertTrue(problems.size() + " of " + HANDSHAKES + " handshakes not recovered (seed " + SEED + "):\n"
                    + String.join("\n", problems), problems.isEmpty());
            for (Outcome o : outcomes) {
                assertEquals(o.party(), "200 CONNECTED", Registration.connectionStatus(node, o.party()));
                assertTokenCWorks(node, o.tokenC());
            }
            Map<String, String> listed = new LinkedHashMap<>();
            for (JsonNode p : Http.get(node.url() + "/admin/parties", ADMIN).json()) {
                listed.put(p.path("country_code").asText() + "/" + p.path("party_id").asText(), p.path("status").asText());
            }
            for (Outcome o : outcomes) {
                assertEquals("GET /admin/parties: " + listed, "CONNECTED", listed.get(o.party()));
            }
        } finally {
            poster.shutdownNow();
            platforms.forEach(MockParty::close);
        }
    }

    /** The party's credentials POST with token A; null when the node died before answering. */
    private static Http.Answer post(NodeProcess node, MockParty platform, String party, String tokenA) {
        try {
            return Registration.post(node, "2.2.1", "Token " + Http.base64(tokenA), platform, "EMSP", party);
        } catch (UncheckedIOException connectionLost) {
            return null;
        }
    }

    /**
     * A party that got a token C (and kept it) checks it, as the OCN bridge does before registering; one that got
     * none, or did not keep it, posts again with its token A.
     */
    private static String recoverByParty(NodeProcess node, MockParty platform, String party, String tokenA,
                                         String answeredC, boolean keepsAnsweredC) {
        if (answeredC != null && keepsAnsweredC) {
            Http.Answer mine = credentials(node, answeredC);
            assertEquals("a registration the node answered with 1000 survives SIGKILL: " + mine, 200, mine.status());
            return answeredC;
        }
        Http.Answer again = post(node, platform, party, tokenA);
        assertTrue("the same token A again: " + again, again != null && again.statusCode() == 1000);
        String tokenC = again.json().at("/data/token").asText();
        assertTokenCWorks(node, tokenC);
        if (answeredC != null) {
            assertEquals("the token C of the interrupted handshake, never used", 401, credentials(node, answeredC).status());
        }
        return tokenC;
    }

    /** The operator unregisters the party if the node shows it connected, and issues a new token A. */
    private static String recoverByOperator(NodeProcess node, MockParty platform, String party, String answeredC) {
        Http.Answer shown = Http.get(node.url() + "/admin/parties/" + party, ADMIN);
        assertEquals("GET /admin/parties/" + party + ": " + shown, 200, shown.status());
        if (shown.json().path("status").asText().equals("CONNECTED")) {
            Http.Answer deleted = Http.send("DELETE", node.url() + "/admin/parties/" + party, ADMIN, null);
            assertEquals("DELETE: " + deleted, 200, deleted.status());
            assertEquals("DELETE: " + deleted, "SUSPENDED", deleted.json().path("status").asText());
            if (answeredC != null) {
                assertEquals("its token C after DELETE", 401, credentials(node, answeredC).status());
            }
        }
        String tokenA = Registration.tokenA(node, party);
        Http.Answer registered = post(node, platform, party, tokenA);
        assertTrue("a new token A from the operator: " + registered, registered != null && registered.statusCode() == 1000);
        String tokenC = registered.json().at("/data/token").asText();
        assertTokenCWorks(node, tokenC);
        return tokenC;
    }

    private static Http.Answer credentials(NodeProcess node, String tokenC) {
        return Http.get(node.url() + "/ocpi/2.2.1/credentials", "Token " + Http.base64(tokenC));
    }

    private static void assertTokenCWorks(NodeProcess node, String tokenC) {
        Http.Answer mine = credentials(node, tokenC);
        assertEquals("credentials GET with token C: " + mine, 200, mine.status());
        assertEquals("credentials GET with token C: " + mine, tokenC, mine.json().at("/data/token").asText());
    }
}
