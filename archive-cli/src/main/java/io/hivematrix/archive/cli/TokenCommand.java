package io.hivematrix.archive.cli;

import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code archive token}: mints a dev token with the data directory's key (only without CORE_SERVICE_URL). */
@Command(name = "token", description = {
    "Print a dev bearer token signed with the key in ARCHIVE_DATA_DIR (dev auth, no CORE_SERVICE_URL).",
    "Examples: token --level admin   |   token --service ledger --ttl 1h"})
final class TokenCommand implements Callable<Integer> {
    private static final Pattern TTL = Pattern.compile("(\\d{1,6})([smhd])");

    @ArgGroup(multiplicity = "1")
    Who who;

    @Option(names = "--email", description = "User e-mail (default: <level>@localhost).")
    String email;

    @Option(names = "--name", description = "User display name.")
    String name;

    @Option(names = "--ttl", defaultValue = "8h", description = "Lifetime, e.g. 30m, 8h, 7d (default: ${DEFAULT-VALUE}).")
    String ttl;

    /** Either a user level or a service name. */
    static final class Who {
        @Option(names = "--level", description = "User permission level: admin, billing, technician or client.")
        String level;

        @Option(names = "--service", description = "Calling service name, e.g. ledger.")
        String service;
    }

    @Override
    public Integer call() {
        try {
            return mint();
        } catch (IllegalArgumentException e) {
            System.err.println("archive token: " + e.getMessage());
            return 2;
        }
    }

    private int mint() {
        ArchiveSettings settings = ArchiveSettings.load();
        if (settings.coreServiceUrl().isPresent()) {
            System.err.println("CORE_SERVICE_URL is set: tokens come from Core, not from this command.");
            return 2;
        }
        Duration lifetime = parseTtl(ttl);
        if (lifetime.compareTo(DevSigningKey.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("--ttl must be at most " + DevSigningKey.MAX_LIFETIME.toHours()
                    + "h: dev auth accepts no token that lives longer");
        }
        DevSigningKey key = DevSigningKey.loadOrCreate(settings.dataDir());
        if (who.service != null) {
            System.out.println(key.serviceToken(who.service, lifetime));
        } else {
            if (!who.level.matches("admin|billing|technician|client")) {
                throw new IllegalArgumentException("--level must be admin, billing, technician or client");
            }
            String mail = email != null ? email : who.level + "@localhost";
            System.out.println(key.userToken(mail, name != null ? name : mail, who.level, lifetime));
        }
        return 0;
    }

    static Duration parseTtl(String text) {
        Matcher m = TTL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--ttl must look like 30m, 8h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
