/**
 * Outgoing HTTP adapter for the monthly snapshot run: lists companies from Codex
 * ({@code CompanyDirectory}), asks Ledger to accept a company's bill ({@code LedgerGateway}), and
 * obtains service tokens from Core for both. {@link io.hivematrix.archive.adapter.ledger.LedgerClients}
 * is the one entry point; it wires both clients over one {@code HttpClient} and one token cache.
 *
 * <p>Without {@code CORE_SERVICE_URL} no {@code Authorization} header is sent at all (dev set-ups
 * where Codex and Ledger are open); a neighbour that insists on a token then answers 401, which
 * the clients report like any other refusal.
 *
 * <p>It also holds the {@code CheckpointWitness} adapters that keep the transparency log's checkpoints outside the
 * database: {@link io.hivematrix.archive.adapter.ledger.HttpCheckpointWitness} (a witness service) and
 * {@link io.hivematrix.archive.adapter.ledger.DirectoryWitness} (a directory of files).
 */
package io.hivematrix.archive.adapter.ledger;
