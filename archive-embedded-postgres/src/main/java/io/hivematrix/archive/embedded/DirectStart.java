package io.hivematrix.archive.embedded;

import io.hivematrix.archive.keyfiles.OwnerOnly;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts an existing cluster's postmaster directly, with the binaries a start through zonky unpacked and remembered.
 * zonky's own start, right for a first one, costs a restart about half a second it need not: it reads and hashes
 * its 15 MB binary archive each time to find where it unpacked it, and waits on {@code pg_ctl}, which looks for the
 * server every 100 ms. The binaries are remembered with the archive they came from, so a new bundle on the class
 * path (another PostgreSQL release) goes through zonky again. Linux only, where every start this way was tested.
 */
final class DirectStart {
    private static final System.Logger LOG = System.getLogger(DirectStart.class.getName());
    /** In the binaries directory, which is the data directory owner's alone (0700), as are the binaries. */
    static final String FILE = "direct-start.properties";
    private static final String BUNDLE = "bundle";
    private static final String POSTGRES = "postgres";
    private static final String UNSHARE = "unshare";
    /** util-linux's, as pg_ctl does with setsid(2): the terminal's Ctrl-C reaches Archive, which stops the server. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    /** What a direct start runs: the postgres binary, as a user of its own namespace when Archive runs as root. */
    record Binaries(Path postgres, boolean unshare) {
        /** The postmaster's command line for a cluster, port and settings (as zonky passes them: {@code -c k=v}). */
        List<String> command(Path pgData, int port, Map<String, String> settings) {
            List<String> command = new ArrayList<>();
            setsid().ifPresent(setsid -> command.add(setsid.toString()));
            if (unshare) {
                // As zonky does for root: PostgreSQL refuses to run as root, but runs in a user namespace of its own.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(postgres.toString(), "-D", pgData.toString(), "-p", Integer.toString(port)));
            settings.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
            return command;
        }
    }

    private DirectStart() {
    }

    /** The binaries to start the server with directly, when a start through zonky left them for this bundle. */
    static Optional<Binaries> remembered(Path binariesDir) {
        Path file = binariesDir.resolve(FILE);
        Optional<String> bundle = bundle();
        if (bundle.isEmpty() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties remembered = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            remembered.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: zonky's start writes it again
        }
        String postgres = remembered.getProperty(POSTGRES, "");
        if (!bundle.get().equals(remembered.getProperty(BUNDLE)) || postgres.isEmpty()) {
            return Optional.empty();
        }
        Path binary = Path.of(postgres);
        // Inside this binaries directory, and still unpacked whole (zonky's marker is written after the unpacking).
        if (!binary.startsWith(binariesDir) || !Files.isExecutable(binary)
                || !Files.exists(binary.getParent().resolveSibling(".exists"))) {
            return Optional.empty();
        }
        return Optional.of(new Binaries(binary, Boolean.parseBoolean(remembered.getProperty(UNSHARE))));
    }

    /**
     * Remembers the binaries of a server zonky started (read from its running postmaster), for the next start; a
     * failure to write is logged, not thrown.
     */
    static void remember(Path binariesDir, Path postgres, boolean unshare) {
        Optional<String> bundle = bundle();
        if (bundle.isEmpty() || !postgres.startsWith(binariesDir)) {
            return;
        }
        Properties remembered = new Properties();
        remembered.setProperty(BUNDLE, bundle.get());
        remembered.setProperty(POSTGRES, postgres.toString());
        remembered.setProperty(UNSHARE, Boolean.toString(unshare));
        Path written = binariesDir.resolve(FILE + ".new");
        try {
            StringWriter text = new StringWriter();
            remembered.store(text, "Written by Archive at each start through zonky; see DirectStart");
            Files.deleteIfExists(written);
            OwnerOnly.createSecret(written, text.toString());
            Files.move(written, binariesDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Never fails the start it follows (the server runs by now): the next start goes through zonky again.
            LOG.log(System.Logger.Level.WARNING, "could not write " + binariesDir.resolve(FILE)
                    + "; the next start unpacks the embedded PostgreSQL's binaries again: " + e.getMessage());
        }
    }

    /**
     * Which binary archive zonky would unpack here: the class-path locations of this platform's archives (the jar
     * names carry the PostgreSQL release) and their sizes; empty off Linux, or when there is none.
     */
    static Optional<String> bundle() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        String arch = System.getProperty("os.arch", "");
        arch = "amd64".equals(arch) ? "x86_64" : arch;
        ClassLoader loader = DirectStart.class.getClassLoader();
        List<String> found = new ArrayList<>();
        try {
            for (String name : List.of("postgres-linux-" + arch + ".txz", "postgres-linux-" + arch + "-alpine_linux.txz")) {
                for (URL url : Collections.list(loader.getResources(name))) {
                    found.add(url + " " + url.openConnection().getContentLengthLong());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", found));
    }

    private static Optional<Path> setsid() {
        return SETSID.stream().filter(Files::isExecutable).findFirst();
    }
}
