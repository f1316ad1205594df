/**
 * Secrets in files: {@link io.hivematrix.archive.keyfiles.OwnerOnly} makes and checks files and directories only
 * their owner may read (the embedded database's passwords, the dev signing key, the log key), and
 * {@link io.hivematrix.archive.keyfiles.LogKeyFile} keeps the transparency log's signing key in one.
 */
package io.hivematrix.archive.keyfiles;
