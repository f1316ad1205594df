package io.hivematrix.archive.keyfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks that a secret's file and its directory belong to this process's user and to no one else (modes 0600 and
 * 0700): a key that another user could read, or a directory in which another user could swap the file, is refused
 * before it is used, with the command that fixes it.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** Creates the directory with mode 0700 when missing (parents as usual), then checks it. */
    public static void directory(Path dir) throws IOException {
        create(dir);
        check(dir, "700");
    }

    /** Creates the directory with mode 0700 when missing (parents as usual); an existing one is left as it is. */
    public static void create(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process made it first: checked below like any existing directory
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
        }
    }

    /**
     * Creates {@code file} with mode 0600 from the start (never readable by others, not even briefly) and writes
     * {@code text} and a newline into it; leaves a file that exists already (another process made it first) as it is.
     */
    public static void createSecret(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, text + "\n", java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.WRITE);
    }

    /** Sets a directory of this user's back to mode 0700, where the file system has POSIX modes. */
    public static void restrict(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to restrict on this file system
        }
    }

    /** Refuses a file or directory that is a link, belongs to another user, or grants anything to group or others. */
    public static void check(Path path, String mode) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException notPosix) {
            return; // no POSIX modes to check on this file system
        }
        if (Files.isSymbolicLink(path)) {
            throw new IllegalStateException(path + " is a symbolic link; a secret must be a plain file or directory");
        }
        String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new IllegalStateException(path + " belongs to " + owner + ", not to " + me
                    + " who runs Archive; chown " + me + " " + path);
        }
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new IllegalStateException(path + " is open to other users (mode "
                    + PosixFilePermissions.toString(permissions) + "); chmod " + mode + " " + path);
        }
    }
}
