/**
 * The command line: {@link io.hivematrix.archive.cli.Main} parses it; {@code serve} starts what boot wires, and each
 * other command is one class that opens the database through boot and prints what an operator reads.
 */
package io.hivematrix.archive.cli;
