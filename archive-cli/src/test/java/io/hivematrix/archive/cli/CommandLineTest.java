package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The commands the distribution's launcher and the systemd units call exist under the names they use. */
class CommandLineTest {

    @Test
    void everyCommandTheDistributionCalls_exists() {
        Map<String, CommandLine> commands = new CommandLine(new Main()).getSubcommands();
        for (String name : List.of("serve", "migrate", "token", "verify", "log-key", "snapshots", "snapshot-run",
                "backup", "restore")) {
            assertTrue(commands.containsKey(name), name + " is not a command: " + commands.keySet());
        }
    }

    @Test
    void snapshotRun_isTheSnapshotsCommand() {
        CommandLine main = new CommandLine(new Main());
        assertSame(main.getSubcommands().get("snapshots"), main.getSubcommands().get("snapshot-run"));

        ParseResult parsed = main.parseArgs("snapshot-run", "--year", "2025", "--month", "10", "--all");
        CommandLine sub = parsed.subcommand().commandSpec().commandLine();
        assertEquals("snapshots", sub.getCommandName());
        SnapshotsCommand command = assertInstanceOf(SnapshotsCommand.class, sub.getCommand());
        assertEquals(2025, command.year);
        assertEquals(10, command.month);
        assertTrue(command.all);
    }

    @Test
    void help_listsSnapshotRun() {
        String usage = new CommandLine(new Main()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(usage.contains("snapshots, snapshot-run"), usage);
    }
}
