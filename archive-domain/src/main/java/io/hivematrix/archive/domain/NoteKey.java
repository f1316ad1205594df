package io.hivematrix.archive.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys of signed notes, in the texts the signed-note form gives them (those of Go's
 * golang.org/x/mod/sumdb/note): the signer's {@code PRIVATE+KEY+<name>+<key id>+<base64 0x01‖seed>} and the
 * verifier's {@code <name>+<key id>+<base64 0x01‖public key>}, the key id being the first 4 bytes of
 * SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key). The signing itself is the JDK's Ed25519.
 */
public final class NoteKey {
    private static final byte ED25519 = 0x01;
    private static final String PRIVATE = "PRIVATE+KEY+";
    /** DER of an X.509 SubjectPublicKeyInfo for Ed25519, up to the 32 bytes of the key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private NoteKey() {
    }

    /** A new signer key text for {@code name}, from the random source. */
    public static String generate(String name, SecureRandom random) {
        SignedNote.requireValidName(name, "a key name");
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        byte[] publicKey = rawPublicKey(keyPair(seed).getPublic());
        return PRIVATE + name + "+" + hex(keyId(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(SignedNote.concat(new byte[] {ED25519}, seed));
    }

    /** A signer, from its key text; refuses text that is malformed or whose key id does not match. */
    public static Signer signer(String keyText) {
        if (!keyText.startsWith(PRIVATE)) {
            throw new IllegalArgumentException("a signer key starts with " + PRIVATE);
        }
        Parts parts = Parts.of(keyText.substring(PRIVATE.length()));
        KeyPair pair = keyPair(parts.key());
        byte[] publicKey = rawPublicKey(pair.getPublic());
        parts.requireKeyId(publicKey);
        return new Signer(parts.name(), parts.keyId(), pair.getPrivate(), publicKey);
    }

    /** A verifier, from its key text; refuses text that is malformed or whose key id does not match. */
    public static Verifier verifier(String keyText) {
        Parts parts = Parts.of(keyText);
        parts.requireKeyId(parts.key());
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(SignedNote.concat(X509_PREFIX, parts.key())));
            return new Verifier(parts.name(), parts.keyId(), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** Signs for one key name. */
    public static final class Signer {
        private final String name;
        private final int keyId;
        private final PrivateKey key;
        private final byte[] publicKey;

        private Signer(String name, int keyId, PrivateKey key, byte[] publicKey) {
            this.name = name;
            this.keyId = keyId;
            this.key = key;
            this.publicKey = publicKey;
        }

        public String name() {
            return name;
        }

        public int keyId() {
            return keyId;
        }

        /** The verifier key text that checks this signer's signatures: what may be published. */
        public String verifierKey() {
            return name + "+" + hex(keyId) + "+"
                    + Base64.getEncoder().encodeToString(SignedNote.concat(new byte[] {ED25519}, publicKey));
        }

        byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed", e);
            }
        }

        @Override
        public String toString() {
            return "NoteKey.Signer[" + verifierKey() + "]"; // never the private key
        }
    }

    /** Checks signatures of one key name. */
    public static final class Verifier {
        private final String name;
        private final int keyId;
        private final PublicKey key;

        private Verifier(String name, int keyId, PublicKey key) {
            this.name = name;
            this.keyId = keyId;
            this.key = key;
        }

        public String name() {
            return name;
        }

        public int keyId() {
            return keyId;
        }

        boolean verify(byte[] message, byte[] signatureBytes) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initVerify(key);
                signature.update(message);
                return signature.verify(signatureBytes);
            } catch (GeneralSecurityException e) {
                return false; // a malformed signature is no valid one
            }
        }
    }

    /** {@code <name>+<8 hex digits>+<base64 0x01‖32 bytes>}, split and checked. */
    private record Parts(String name, int keyId, byte[] key) {
        static Parts of(String text) {
            String[] parts = text.split("\\+", 3); // base64 may hold "+" too
            if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("a note key is <name>+<8 hex digits>+<base64 key>");
            }
            SignedNote.requireValidName(parts[0], "a key name");
            byte[] typed;
            try {
                typed = Base64.getDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a note key's key is base64", e);
            }
            if (typed.length != 33 || typed[0] != ED25519) {
                throw new IllegalArgumentException("a note key is an Ed25519 key (0x01 and 32 bytes)");
            }
            return new Parts(parts[0], (int) Long.parseLong(parts[1], 16), Arrays.copyOfRange(typed, 1, 33));
        }

        void requireKeyId(byte[] publicKey) {
            if (NoteKey.keyId(name, publicKey) != keyId) {
                throw new IllegalArgumentException("the note key's id does not match its name and key");
            }
        }
    }

    static int keyId(String name, byte[] publicKey) {
        byte[] hash = Sha256.digest(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', ED25519}, publicKey);
        return keyId(hash);
    }

    /** The big-endian int in the first 4 bytes. */
    static int keyId(byte[] bytes) {
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    static byte[] keyIdBytes(int keyId) {
        return new byte[] {(byte) (keyId >>> 24), (byte) (keyId >>> 16), (byte) (keyId >>> 8), (byte) keyId};
    }

    private static String hex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    /**
     * The key pair of a seed. The JDK derives an Ed25519 key pair only from a random source, so the seed is given as
     * that source: its 32 bytes are the private key (RFC 8032 §5.1.5).
     */
    private static KeyPair keyPair(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    if (bytes.length != seed.length) {
                        throw new IllegalStateException("Ed25519 asked for " + bytes.length + " random bytes");
                    }
                    System.arraycopy(seed, 0, bytes, 0, seed.length);
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime of 15 or later has Ed25519", e);
        }
    }

    private static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
