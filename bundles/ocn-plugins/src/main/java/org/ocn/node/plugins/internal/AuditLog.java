package org.ocn.node.plugins.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The plugins audit log: one JSON object per line in {@code <dataDir>/ocn/plugins-audit.log}, and the same event as
 * an INFO line in the node's log. The file is opened for each event and closed again (events are rare), so that
 * nothing stays open when the bundle stops.
 */
public final class AuditLog {

    /** Who made a change. */
    public static final String ADMIN_API = "admin API";
    public static final String SHELL = "shell";
    public static final String DEPLOY_FOLDER = "deploy folder";
    public static final String FRAMEWORK = "framework";

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final ObjectMapper mapper;
    private final Clock clock;

    AuditLog(Path file, ObjectMapper mapper, Clock clock) {
        this.file = file;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * One event.
     *
     * @param actor   who: {@link #ADMIN_API}, {@link #SHELL}, {@link #DEPLOY_FOLDER} or {@link #FRAMEWORK}
     * @param action  install, update or uninstall
     * @param plugin  the plugin id (symbolic name, or the features repository / KAR name), when known
     * @param version the version, when known
     * @param source  where the artifact came from (upload, Maven coordinate, file, URL), when there is one
     * @param result  {@code ok}, {@code failed} (done, but the plugin does not run) or {@code refused}
     * @param detail  the error or what was done, when there is more to say
     */
    void record(String actor, String action, String plugin, String version, String source, String result,
                String detail) {
        ObjectNode line = mapper.createObjectNode();
        line.put("time", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("actor", actor);
        line.put("action", action);
        line.put("plugin", plugin);
        line.put("version", version);
        line.put("source", source);
        line.put("result", result);
        line.put("detail", detail);
        String text;
        try {
            text = mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings is always JSON", e);
        }
        LOG.info("Plugins audit: {}", text);
        synchronized (this) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                LOG.error("Plugins audit: could not append to {}: {}", file, e.toString());
            }
        }
    }

    /**
     * The events of a change that was done: one per plugin it left installed, {@code failed} with the reason for one
     * that does not run; one {@code ok} event with the artifact's name when it left no plugin.
     */
    void recordDone(String actor, String action, String name, String version, String source, List<Plugin> plugins) {
        if (plugins.isEmpty()) {
            record(actor, action, name, version, source, "ok", "no bundle installed");
        }
        for (Plugin p : plugins) {
            record(actor, action, p.id(), p.version(), source, p.error() == null ? "ok" : "failed",
                    p.error() == null ? p.state() : p.error());
        }
    }

    /** @return the last {@code count} events, oldest first (lines that are not JSON are skipped) */
    synchronized List<JsonNode> last(int count) {
        Deque<String> tail = new ArrayDeque<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                if (!l.isBlank()) {
                    tail.addLast(l);
                    if (tail.size() > count) {
                        tail.removeFirst();
                    }
                }
            });
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | UncheckedIOException e) {
            LOG.error("Plugins audit: could not read {}: {}", file, e.toString());
            return List.of();
        }
        List<JsonNode> events = new ArrayList<>();
        for (String l : tail) {
            try {
                events.add(mapper.readTree(l));
            } catch (JsonProcessingException e) {
                // a line cut short by a crash: the rest of the log still counts
            }
        }
        return events;
    }
}
