package io.hivematrix.archive.cli;

import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.boot.ArchiveDatabase;
import io.hivematrix.archive.boot.DatabaseRoles;
import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import io.hivematrix.archive.boot.RunningArchive;
import io.hivematrix.archive.boot.StartRefusedException;
import io.helidon.logging.common.LogConfig;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Archive's command line: {@code serve} (the default) runs the service; {@code migrate} only updates the schema. */
@Command(name = "archive", mixinStandardHelpOptions = true, version = "Archive " + Main.VERSION,
        description = "The permanent, tamper-evident record of finalized monthly bills.",
        subcommands = {Main.Serve.class, Main.Migrate.class, TokenCommand.class, VerifyCommand.class, LogKeyCommand.class,
            SnapshotsCommand.class,
            BackupCommand.class, RestoreCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** This build's version, as {@code --version} shows it and a backup's manifest records it. */
    static final String VERSION = "0.1.0";
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        if (args.length == 0 || (args.length == 1 && "serve".equals(args[0]))) {
            // The service's own start goes straight to serve, which takes no options: building picocli's command
            // tree (every command's annotations, by reflection) would cost each restart about a quarter second.
            System.exit(serve());
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Runs serve as picocli would: an exception is printed and the exit status is 1. */
    private static int serve() {
        try {
            return new Serve().call();
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        }
    }

    @Override
    public Integer call() {
        return new Serve().call();
    }

    /** Starts the service and runs until the process is stopped. */
    @Command(name = "serve", description = "Run the service (embedded PostgreSQL unless ARCHIVE_DB_URL is set).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            ArchiveSettings settings = ArchiveSettings.load();
            String authProblem = settings.authProblem();
            if (authProblem != null) {
                System.err.println("archive: refusing to start: " + authProblem);
                return 2;
            }
            LOG.log(Level.INFO, "Starting " + Main.class.getAnnotation(Command.class).version()[0]
                    + " with (secrets masked): " + String.join(" ", settings.describe()));
            RunningArchive archive;
            try {
                archive = RunningArchive.start(settings);
            } catch (StartRefusedException e) {
                System.err.println("archive: refusing to start: " + e.getMessage());
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.log(Level.INFO, "Stopping Archive");
                archive.close();
                stopped.countDown();
            }, "archive-shutdown"));
            LOG.log(Level.INFO, "Archive listening on " + archive.url()
                    + " (database: " + settings.dbUrl().map(ArchiveSettings::masked)
                    .orElse("embedded PostgreSQL in " + settings.dataDir()) + ")");
            if (settings.coreServiceUrl().isPresent()) {
                LOG.log(Level.INFO, "Verifying tokens against the keys of Core at "
                        + ArchiveSettings.masked(settings.coreServiceUrl().get().toString()));
            } else {
                LOG.log(Level.WARNING, "Dev auth (ARCHIVE_AUTH=dev): tokens signed with "
                        + settings.dataDir().resolve(DevSigningKey.FILE_NAME) + " (key "
                        + DevSigningKey.loadOrCreate(settings.dataDir()).fingerprint() + ") are trusted, for at most "
                        + DevSigningKey.MAX_LIFETIME.toHours() + " h each; anyone who can read that file can mint "
                        + "admin tokens. Get one with 'archive token --level admin' or 'archive token --service "
                        + "ledger' (./archive in a checkout, bin/archive in the distribution). Never in production: "
                        + "set CORE_SERVICE_URL there");
            }
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /** Applies pending Flyway migrations and exits. */
    @Command(name = "migrate", description = "Apply pending database migrations, then exit.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            ArchiveSettings settings = ArchiveSettings.load();
            try (ArchiveDatabase database = ArchiveDatabase.open(settings)) {
                DatabaseRoles roles = database.roles();
                int applied = database.migrate();
                System.out.println("Applied " + applied + " migration(s); the schema is up to date."
                        + (roles.separate() ? " Granted " + roles.runtime().user() + " the runtime role's rights." : ""));
                return 0;
            }
        }
    }
}
