-- Cross-database benchmark, DB A (orders, order_items): used by bench/cross_db_compare.
-- Copied verbatim from the peer rig's engine-neutral files (../shared/peer-bench/common/
-- schema_a.sql, data_a.sql; its gen_common.sql is cross_db_common.sql, included first) so that
-- the repository stands on its own. psql variables: users, orders, items (items per order);
-- defaults there 10000, 200000, 2.
-- Deterministic: the same variables give byte-identical data on any machine.

\ir cross_db_common.sql

-- DB A: orders side. Engine-neutral; shared by every rig.
\set ON_ERROR_STOP on
drop table if exists public.order_items;
drop table if exists public.orders;
create schema if not exists bench;

create table public.orders (
  id          integer primary key,
  user_id     integer not null,            -- refers to users.id in DB B (no FK possible across databases)
  amount      numeric(12,2) not null,
  status      text not null,
  created_at  timestamptz not null
);
create index orders_user_id_idx on public.orders (user_id);

create table public.order_items (
  id          integer primary key,
  order_id    integer not null references public.orders (id),
  product_id  integer not null,
  quantity    integer not null,
  unit_price  numeric(10,2) not null
);
create index order_items_order_id_idx on public.order_items (order_id);

-- DB A data. psql variables: users, orders, items (items per order).
\set ON_ERROR_STOP on
begin;
truncate public.order_items, public.orders;
insert into public.orders (id, user_id, amount, status, created_at)
select g.id,
       1 + bench.mix32(g.id::bigint * 8 + 1) % :users,                       -- uniform over 1..users
       (100 + bench.mix32(g.id::bigint * 8 + 2) % 99901) / 100.0,            -- 1.00 .. 1000.00
       (array['pending','paid','shipped','delivered','cancelled'])[1 + bench.mix32(g.id::bigint * 8 + 3) % 5],
       timestamptz '2024-01-01 00:00:00+00' + g.id * interval '97 seconds'
from generate_series(1, :orders) as g(id);

insert into public.order_items (id, order_id, product_id, quantity, unit_price)
select g.id,
       (g.id - 1) / greatest(:items, 1) + 1,
       1 + bench.mix32(g.id::bigint * 8 + 4) % 5000,
       1 + bench.mix32(g.id::bigint * 8 + 5) % 5,
       (100 + bench.mix32(g.id::bigint * 8 + 6) % 19901) / 100.0
from generate_series(1, :orders * :items) as g(id);

delete from bench.meta;
insert into bench.meta values ('users', :'users'), ('orders', :'orders'), ('items_per_order', :'items'),
                              ('generator', 'bench.mix32 v1');
commit;
vacuum (analyze) public.orders, public.order_items;
