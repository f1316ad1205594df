package io.hivematrix.archive.domain;

import java.time.Instant;

/**
 * The audit chain's newest link and its totals: what the head route shows and what seal lag is measured from.
 *
 * @param last      the newest link, or null while nothing is sealed
 * @param sealedAt  when the newest link was sealed, or null
 * @param snapshots how many snapshots are archived
 * @param pending   how many of them wait to be sealed
 */
public record AuditHead(AuditLink last, Instant sealedAt, long snapshots, long pending) {
}
