-- Compacts the name pairs that V15 rewrote (issue 22). V15 set every pair's newest time in one UPDATE, on pages that
-- were still full: none of those updates could stay on its page, so the table kept a dead copy of every row and the
-- trigram index an entry for both. Vacuum frees the dead rows but does not shrink a GIN index. On the ten-million
-- set (169,373 pairs) the trigram index was 27 MB where a fresh one is 7.8 MB, and the look-up of a company text,
-- the largest part of a rare fragment's search, took 4.4 ms on average where the rewritten table takes 1.7 ms.
--
-- Rewriting the table (in key order, at V15's fillfactor of 70) rebuilds its indexes. From here each pair's row
-- changes about once a month and the room left on its page keeps that update there (HOT), touching no index.
-- CLUSTER holds an exclusive lock on this table only while it copies it: at 169,373 pairs that took ~2 s, during
-- which searches by company text and new bills wait (other reads go on). On a new archive the table is empty.
CLUSTER snapshot_company_names USING snapshot_company_names_pkey;
-- A one-off rewrite, not an order to keep: a later bare CLUSTER of the database need not touch this table.
ALTER TABLE snapshot_company_names SET WITHOUT CLUSTER;
ANALYZE snapshot_company_names;
