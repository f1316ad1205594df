/**
 * Outgoing HTTP adapter for the monthly snapshot run: lists companies from Codex, asks Ledger to
 * accept a company's bill, and obtains service tokens from Core. Implements the application's
 * {@code CompanyDirectory}, {@code LedgerGateway} and {@code ServiceTokens} out-ports once they exist.
 */
package io.hivematrix.archive.adapter.ledger;
