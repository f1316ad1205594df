package io.hivematrix.archive.adapter.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of the server Archive writes to that decide whether a committed bill survives a power cut or an OS
 * crash, as this service's own sessions see them (a role or database may override the server's default).
 *
 * @param settings each setting by name, as PostgreSQL spells its value ({@code on}, {@code off}, {@code local}, …)
 */
public record ServerDurability(Map<String, String> settings) {
    /** The settings read, in the order they are reported. */
    public static final List<String> NAMES = List.of("fsync", "synchronous_commit", "full_page_writes");

    public ServerDurability {
        settings = new TreeMap<>(settings);
    }

    /**
     * The settings that trade safety for speed, as {@code name=value}: {@code fsync=off} (a crash can corrupt the
     * cluster), {@code synchronous_commit=off} (a commit is acknowledged before its WAL is on disk), and
     * {@code full_page_writes=off} (torn pages after a crash). A setting the server did not report counts too: it
     * cannot be vouched for. {@code synchronous_commit=local} or {@code remote_write} still flush locally, so they
     * are durable here.
     */
    public List<String> weakened() {
        List<String> weak = new ArrayList<>();
        for (String name : NAMES) {
            String value = settings.get(name);
            if (value == null || "off".equalsIgnoreCase(value)) {
                weak.add(name + "=" + (value == null ? "unknown" : value));
            }
        }
        return weak;
    }

    public boolean durable() {
        return weakened().isEmpty();
    }

    /** {@code durable}, or {@code degraded (fsync=off, …)}: what readiness shows. */
    public String describe() {
        return durable() ? "durable" : "degraded (" + String.join(", ", weakened()) + ")";
    }
}
