package org.ocn.node.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The OCPI bodies the mock CPO answers: a realistic location (about 1 KB) and a page of them (about 100 KB); and how
 * the benchmark's Jetty handlers (mock parties, bare proxy) answer a body of their own.
 */
final class Payloads {

    static final byte[] UNAUTHORIZED = envelope(2000, "null");
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private Payloads() {
    }

    static byte[] envelope(String data) {
        return envelope(1000, data);
    }

    static byte[] envelope(int status, String data) {
        return ("{\"data\":" + data + ",\"status_code\":" + status + ",\"status_message\":\"Success\","
                + "\"timestamp\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** @return the envelope of one location, about 1 KB */
    static byte[] smallLocation() {
        return envelope(location(1));
    }

    /** @return the envelope of a page of 100 locations, about 100 KB */
    static byte[] locationPage() {
        StringBuilder page = new StringBuilder("[");
        for (int i = 1; i <= 100; i++) {
            page.append(i > 1 ? "," : "").append(location(i));
        }
        return envelope(page.append(']').toString());
    }

    /** One OCPI 2.2.1 location with one EVSE and one connector (about 950 bytes). */
    static String location(int n) {
        return String.format(Locale.ROOT, "{\"country_code\":\"CH\",\"party_id\":\"CPO\",\"id\":\"LOC%05d\","
                + "\"publish\":true,\"name\":\"Benchmark charging station %d\",\"address\":\"Bahnhofstrasse %d\","
                + "\"city\":\"Zurich\",\"postal_code\":\"8001\",\"country\":\"CHE\","
                + "\"coordinates\":{\"latitude\":\"47.3%05d\",\"longitude\":\"8.5%05d\"},"
                + "\"parking_type\":\"ON_STREET\",\"evses\":[{\"uid\":\"CH*CPO*E%05d*1\",\"evse_id\":\"CH*CPO*E%05d*1\","
                + "\"status\":\"AVAILABLE\",\"capabilities\":[\"RFID_READER\",\"REMOTE_START_STOP_CAPABLE\"],"
                + "\"connectors\":[{\"id\":\"1\",\"standard\":\"IEC_62196_T2\",\"format\":\"SOCKET\","
                + "\"power_type\":\"AC_3_PHASE\",\"max_voltage\":400,\"max_amperage\":32,\"max_electric_power\":22000,"
                + "\"tariff_ids\":[\"AC-STANDARD\"],\"last_updated\":\"2026-01-01T00:00:00Z\"}],"
                + "\"floor_level\":\"0\",\"physical_reference\":\"%d\",\"last_updated\":\"2026-01-01T00:00:00Z\"}],"
                + "\"operator\":{\"name\":\"Benchmark CPO\",\"website\":\"https://cpo.example.com\"},"
                + "\"time_zone\":\"Europe/Zurich\",\"opening_times\":{\"twentyfourseven\":true},"
                + "\"charging_when_closed\":true,\"last_updated\":\"2026-01-01T00:00:00Z\"}",
                n, n, n, n, n, n, n, n);
    }

    /** Answers a JSON body of bytes computed before, with its Content-Length. @return true (handled) */
    static boolean answer(Response response, int status, byte[] body, Callback callback) {
        response.setStatus(status);
        response.getHeaders().add(JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
