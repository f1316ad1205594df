package io.hivematrix.archive.cli;

import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.keyfiles.LogKeyFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code archive log-key}: prints the transparency log's verifier key, creating the signing key on first use. */
@Command(name = "log-key", description = "Print the verifier key of the transparency log's checkpoints "
        + "(<name>+<key id>+<base64 key>), for auditors and witnesses. Creates ARCHIVE_LOG_KEY when absent.")
final class LogKeyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ArchiveSettings settings = ArchiveSettings.load();
        System.out.println(LogKeyFile.loadOrCreate(settings.logKey(), settings.logOrigin()).verifierKey());
        return 0;
    }
}
