-- Two roles (issue 18): the service's runtime role may read everything and append bills, but it may not write the
-- chain or the log itself. Sealing runs in these two functions, which belong to the owner (the role that runs the
-- migrations) and run with its rights (SECURITY DEFINER): the runtime role can ask for the waiting bills to be
-- sealed, and nothing else. Each takes the sealer's advisory lock (AuditSql.SEALER_LOCK, "ARCHIVE"), so there is one
-- sealer at a time whoever calls. search_path is fixed, with pg_temp last, so that no one can slip an object of their
-- own in front of the tables these functions write.

-- Nobody but the owner creates objects in the archive's schema (PostgreSQL 14 and older grant CREATE on public to
-- every role). Without effect, and only a warning, when the migration role does not own the schema: the README says
-- to run this statement as the schema's owner then.
REVOKE CREATE ON SCHEMA "${flyway:defaultSchema}" FROM PUBLIC;

-- A timestamp in whole microseconds since the epoch, from integer fields only: extract(epoch) is a double before
-- PostgreSQL 14 and cannot carry 16 digits exactly. AuditLink.micros is the same number.
CREATE FUNCTION archive_epoch_micros(ts timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT extract(epoch FROM date_trunc('second', ts))::bigint * 1000000
           + (extract(microseconds FROM ts)::bigint % 1000000)
$$;

-- Seals up to p_max waiting bills, oldest first: each link's fields come from the stored row. The hashes are
-- computed in the loop (each needs the one before) and the links inserted in one statement. Returns the new links,
-- for the caller to append their leaves to the log (archive_append_tree) in the same transaction.
CREATE FUNCTION archive_seal(p_max integer, p_sealed_at timestamptz) RETURNS SETOF audit_chain
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
DECLARE
    v_seq    bigint;
    v_prev   text;
    v_seqs   bigint[] := '{}';
    v_ids    bigint[] := '{}';
    v_prevs  text[] := '{}';
    v_hashes text[] := '{}';
    r        record;
BEGIN
    IF p_max IS NULL OR p_max < 1 OR p_sealed_at IS NULL THEN
        RAISE EXCEPTION 'archive_seal needs a positive batch size and a seal time' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(18386322415244869); -- AuditSql.SEALER_LOCK
    SELECT c.seq, c.entry_hash INTO v_seq, v_prev FROM audit_chain c ORDER BY c.seq DESC LIMIT 1;
    v_seq := coalesce(v_seq, 0);
    v_prev := coalesce(v_prev, repeat('0', 64));
    FOR r IN SELECT s.id, s.content_sha256, s.record_sha256, s.archived_at
               FROM audit_pending p
               JOIN billing_snapshots s ON s.id = p.snapshot_id
              ORDER BY p.snapshot_id
              LIMIT p_max
    LOOP
        v_seq := v_seq + 1;
        v_seqs := v_seqs || v_seq;
        v_ids := v_ids || r.id;
        v_prevs := v_prevs || v_prev;
        -- AuditLink.hash: sha256(prev_hash | seq | content_sha256 | record_sha256 | archived_at in µs), hex.
        v_prev := encode(sha256(convert_to(v_prev || '|' || v_seq || '|' || r.content_sha256 || '|'
                || r.record_sha256 || '|' || archive_epoch_micros(r.archived_at), 'UTF8')), 'hex');
        v_hashes := v_hashes || v_prev;
    END LOOP;
    RETURN QUERY
        INSERT INTO audit_chain (seq, snapshot_id, invoice_number, content_sha256, record_sha256, archived_at,
                                 prev_hash, entry_hash, sealed_at)
        SELECT t.seq, s.id, s.invoice_number, s.content_sha256, s.record_sha256, s.archived_at, t.prev, t.hash,
               p_sealed_at
          FROM unnest(v_seqs, v_ids, v_prevs, v_hashes) AS t(seq, id, prev, hash)
          JOIN billing_snapshots s ON s.id = t.id
        RETURNING *;
    DELETE FROM audit_pending WHERE snapshot_id = ANY (v_ids);
END
$$;

-- Appends stored hashes of the transparency log (TreeAppend computes them) right after the last one: the log only
-- grows at its end, and only under the sealer's lock.
CREATE FUNCTION archive_append_tree(p_first bigint, p_hashes bytea[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS $$
DECLARE
    v_next bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(18386322415244869); -- AuditSql.SEALER_LOCK
    SELECT coalesce(max(idx) + 1, 0) INTO v_next FROM tlog_hashes;
    IF p_first IS DISTINCT FROM v_next THEN
        RAISE EXCEPTION 'the log stores % hashes: the next one is %, not %', v_next, v_next, p_first
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO tlog_hashes (idx, hash)
    SELECT p_first + t.o - 1, t.h FROM unnest(p_hashes) WITH ORDINALITY AS t(h, o);
END
$$;

-- Functions run for every role unless told otherwise; these run for the roles the owner grants them to.
REVOKE ALL ON FUNCTION archive_seal(integer, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION archive_append_tree(bigint, bytea[]) FROM PUBLIC;
