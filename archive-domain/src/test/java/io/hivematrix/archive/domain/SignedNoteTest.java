package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Signed notes and their keys, against the published vectors of Go's golang.org/x/mod/sumdb/note (note_test.go): the
 * same key texts must give the same verifier key and, Ed25519 being deterministic, the very same signed note.
 */
class SignedNoteTest {
    private static final String GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void goesPublishedKeyAndNote_areReproducedExactly() {
        NoteKey.Signer signer = NoteKey.signer(GO_SIGNER);
        assertEquals(GO_VERIFIER, signer.verifierKey());
        assertEquals(0xc74f20a3, signer.keyId());
        assertEquals(GO_NOTE, SignedNote.sign(GO_TEXT, signer));
        assertEquals(Optional.of(GO_TEXT), SignedNote.verifiedText(GO_NOTE, NoteKey.verifier(GO_VERIFIER)));
    }

    @Test
    void aChangedText_aChangedSignature_orAnotherKey_isNotVerified() {
        NoteKey.Verifier verifier = NoteKey.verifier(GO_VERIFIER);
        assertEquals(Optional.empty(), SignedNote.verifiedText(GO_NOTE.replace("problem,", "problem;"), verifier));
        assertEquals(Optional.empty(), SignedNote.verifiedText(GO_NOTE.replace("x08go", "x08gp"), verifier));
        NoteKey.Signer other = NoteKey.signer(NoteKey.generate("PeterNeumann", new SecureRandom()));
        assertEquals(Optional.empty(), SignedNote.verifiedText(GO_NOTE,
                NoteKey.verifier(other.verifierKey())));
        assertEquals(Optional.empty(), SignedNote.verifiedText(SignedNote.sign(GO_TEXT, other), verifier));
        assertEquals(Optional.empty(), SignedNote.verifiedText(GO_TEXT, verifier));
    }

    @Test
    void aGeneratedKey_signsWhatItsVerifierKeyVerifies_andNeverShowsItsPrivatePart() {
        String keyText = NoteKey.generate("archive.hivematrix/billing", new SecureRandom());
        NoteKey.Signer signer = NoteKey.signer(keyText);
        Checkpoint checkpoint = new Checkpoint("archive.hivematrix/billing", 3,
                MerkleLog.leafHash(new byte[] {1}));
        String note = SignedNote.sign(checkpoint.text(), signer);
        String text = SignedNote.verifiedText(note, NoteKey.verifier(signer.verifierKey())).orElseThrow();
        assertEquals(checkpoint, Checkpoint.parse(text));
        // PRIVATE+KEY+<name>+<key id>+<base64 seed>: the seed is the fifth part (base64 may itself hold a '+').
        String seed = keyText.split("\\+", 5)[4];
        assertEquals(44, seed.length(), "0x01 and a 32-byte seed (33 bytes) in base64");
        assertTrue(!signer.toString().contains(seed));
    }

    @Test
    void malformedKeys_areRefused() {
        for (String bad : List.of(GO_VERIFIER.replace("c74f20a3", "c74f20a4"), GO_VERIFIER + "A",
                "PeterNeumann+c74f20a3", "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                "PeterNeumann+c74f20a3+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")) {
            assertThrows(IllegalArgumentException.class, () -> NoteKey.verifier(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> NoteKey.signer(GO_VERIFIER));
        assertThrows(IllegalArgumentException.class, () -> NoteKey.signer(GO_SIGNER.replace("c74f20a3", "c74f20a4")));
    }

    @Test
    void aCheckpoint_isThreeLinesOfOriginSizeAndRoot() {
        LogHash root = LogHash.fromBase64("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        Checkpoint checkpoint = new Checkpoint("example.com/log", 0, root);
        assertEquals("example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", checkpoint.text());
        assertEquals(checkpoint, Checkpoint.parse(checkpoint.text() + "an extension line\n"));
        for (String bad : List.of("example.com/log\n0\n", "example.com/log\n-1\n" + root.base64() + "\n",
                "example.com/log\n01\n" + root.base64() + "\n", "example.com/log\n1\nnot-base64\n",
                "example.com/log\n1\n" + root.base64())) {
            assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(bad), bad);
        }
    }

    @Test
    void onlyATextThatEndsWithANewlineAndHasNoBlankLine_isSigned() {
        NoteKey.Signer signer = NoteKey.signer(GO_SIGNER);
        for (String text : List.of("no newline at the end", "a blank\n\nline\n")) {
            assertEquals("a note's text ends with a newline and has no blank line",
                    Rejection.of(() -> SignedNote.sign(text, signer)));
        }
    }

    @Test
    void namesWithAPlusOrWhiteSpace_areRefused_forKeysAndCheckpoints() {
        for (String name : List.of("", "a+b", "with space", "tab\there")) {
            assertThrows(IllegalArgumentException.class, () -> NoteKey.generate(name, new SecureRandom()), name);
            assertThrows(IllegalArgumentException.class,
                    () -> new Checkpoint(name, 1, LogHash.EMPTY_TREE), name);
        }
        assertEquals("origin must be non-empty, without '+' or white space: a b", assertThrows(
                IllegalArgumentException.class, () -> new Checkpoint("a b", 1, LogHash.EMPTY_TREE)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NoteKey.signer("PRIVATE+KEY+bad name+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"));
    }

    @Test
    void generatedKeys_comeFromTheRandomSource() {
        // Two keys of one name from a real random source differ; the same seed would give the same key.
        assertTrue(!NoteKey.generate("archive.test", new SecureRandom())
                .equals(NoteKey.generate("archive.test", new SecureRandom())));
    }

    @Test
    void aSignerPrintsItsPublicKey_neverItsPrivateOne() {
        NoteKey.Signer signer = NoteKey.signer(GO_SIGNER);
        assertEquals("NoteKey.Signer[" + GO_VERIFIER + "]", signer.toString());
        assertTrue(!signer.toString().contains("AYEKFALVFGyNhPJEMzD1QIDr"), signer.toString());
    }

    @Test
    void aSignatureOfTheWrongShape_isNoValidSignature() {
        // The right signer name and key id, then ten bytes that are no Ed25519 signature.
        byte[] keyIdAndJunk = new byte[14];
        int keyId = 0xc74f20a3;
        for (int i = 0; i < 4; i++) {
            keyIdAndJunk[i] = (byte) (keyId >>> (24 - 8 * i));
        }
        String forged = GO_TEXT + "\n\u2014 PeterNeumann " + java.util.Base64.getEncoder().encodeToString(keyIdAndJunk)
                + "\n";
        assertEquals(Optional.empty(), SignedNote.verifiedText(forged, NoteKey.verifier(GO_VERIFIER)));
    }

    @Test
    void aKeyWhoseNameIsInvalid_isRefused_evenWithAnIdComputedOverThatName() {
        String key = GO_VERIFIER.substring(GO_VERIFIER.lastIndexOf('+') + 1);
        byte[] publicKey = java.util.Arrays.copyOfRange(java.util.Base64.getDecoder().decode(key), 1, 33);
        String text = "bad name+" + String.format("%08x", NoteKey.keyId("bad name", publicKey)) + "+" + key;
        assertEquals("a key name must be non-empty, without '+' or white space: bad name",
                Rejection.of(() -> NoteKey.verifier(text)));
    }
}
