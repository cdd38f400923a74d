-- Cross-database benchmark, both databases: the deterministic hash the data generators use.
-- Copied verbatim from the peer rig's engine-neutral ../shared/peer-bench/common/gen_common.sql;
-- cross_db_a.sql and cross_db_b.sql include it.

-- Deterministic integer hash used by the data generator (no random(): the same
-- parameters always produce byte-identical data on any machine).
-- Knuth multiplicative step followed by two xor-shift-multiply rounds; result in [0, 2^32).
\set ON_ERROR_STOP on
create schema if not exists bench;
create or replace function bench.mix32(x bigint) returns bigint
language sql immutable strict parallel safe as $$
  select (h2 # (h2 >> 16)) & 4294967295
  from (select ((h1 # (h1 >> 16)) * 73244475) & 4294967295 as h2
        from (select ((h0 # (h0 >> 16)) * 73244475) & 4294967295 as h1
              from (select (x * 2654435761) & 4294967295 as h0) s0) s1) s2
$$;
create table if not exists bench.meta (key text primary key, value text not null);
