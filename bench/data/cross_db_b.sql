-- Cross-database benchmark, DB B (users): used by bench/cross_db_compare.
-- Copied verbatim from the peer rig's engine-neutral files (../shared/peer-bench/common/
-- schema_b.sql, data_b.sql; its gen_common.sql is cross_db_common.sql, included first) so that
-- the repository stands on its own. psql variables: users, orders, items (items per order);
-- defaults there 10000, 200000, 2.
-- Deterministic: the same variables give byte-identical data on any machine.

\ir cross_db_common.sql

-- DB B: users side. Engine-neutral; shared by every rig.
\set ON_ERROR_STOP on
drop table if exists public.users;
create schema if not exists bench;

create table public.users (
  id          integer primary key,
  name        text not null,
  email       text not null,
  created_at  timestamptz not null
);

-- DB B data. psql variables: users, orders, items.
\set ON_ERROR_STOP on
begin;
truncate public.users;
insert into public.users (id, name, email, created_at)
select g.id,
       'user_' || lpad(g.id::text, 7, '0'),
       'user' || g.id || '@example.test',
       timestamptz '2023-01-01 00:00:00+00' + (bench.mix32(g.id::bigint * 8 + 7) % 31536000) * interval '1 second'
from generate_series(1, :users) as g(id);

delete from bench.meta;
insert into bench.meta values ('users', :'users'), ('orders', :'orders'), ('items_per_order', :'items'),
                              ('generator', 'bench.mix32 v1');
commit;
vacuum (analyze) public.users;
