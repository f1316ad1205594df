package io.hivematrix.archive.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The C2SP signed-note form: a text that ends with a newline, a blank line, and signature lines
 * {@code — <key name> <base64 of the 4-byte key id and the signature>}. Archive signs each checkpoint with one
 * Ed25519 key ({@link NoteKey}).
 */
public final class SignedNote {
    private static final String SIGNATURE_PREFIX = "\u2014 ";

    private SignedNote() {
    }

    /** The text, signed by the key. */
    public static String sign(String text, NoteKey.Signer key) {
        requireText(text);
        byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
        return text + "\n" + SIGNATURE_PREFIX + key.name() + " " + Base64.getEncoder().encodeToString(
                concat(NoteKey.keyIdBytes(key.keyId()), signature)) + "\n";
    }

    /**
     * The note's text if it carries a valid signature by this key (other signers' lines are ignored); empty if it does
     * not, or is no signed note at all.
     */
    public static Optional<String> verifiedText(String note, NoteKey.Verifier key) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            return Optional.empty();
        }
        String text = note.substring(0, split + 1);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                return Optional.empty();
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
            if (parts.length != 2 || !parts[0].equals(key.name())) {
                continue;
            }
            byte[] signed;
            try {
                signed = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (signed.length > 4 && NoteKey.keyId(signed) == key.keyId()
                    && key.verify(message, java.util.Arrays.copyOfRange(signed, 4, signed.length))) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** A key or origin name: not empty, no '+', no white space (as the signed-note form requires). */
    static void requireValidName(String name, String what) {
        if (name.isEmpty() || name.contains("+") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " must be non-empty, without '+' or white space: " + name);
        }
    }

    private static void requireText(String text) {
        if (!text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text ends with a newline and has no blank line");
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
