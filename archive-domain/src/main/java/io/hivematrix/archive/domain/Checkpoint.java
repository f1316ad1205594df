package io.hivematrix.archive.domain;

import java.util.Objects;

/**
 * A transparency log checkpoint in the C2SP tlog-checkpoint form: the log's origin, its size and its root hash, one
 * per line ({@code archive.hivematrix/archive\n1234\n<base64 root>\n}). Signed, it is the text of a {@link SignedNote}.
 */
public record Checkpoint(String origin, long size, LogHash root) {
    public Checkpoint {
        SignedNote.requireValidName(Objects.requireNonNull(origin, "origin"), "origin");
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative");
        }
        Objects.requireNonNull(root, "root");
    }

    /** The checkpoint's text, each line ending with a newline. */
    public String text() {
        return origin + "\n" + size + "\n" + root.base64() + "\n";
    }

    /** Parses a checkpoint's text (extension lines after the third are allowed and ignored, as the format says). */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint ends with a newline");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash, one per line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("a checkpoint's size is a decimal number: " + lines[1]);
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), LogHash.fromBase64(lines[2]));
    }
}
