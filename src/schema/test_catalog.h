#pragma once
// Test helpers for schema/ tests: metadata from JSON text and a hand-built Postgres catalog (no
// database needed):
//
//   public.users(id int4 pk, name text not null, email varchar, age int2, score float8,
//                balance numeric, active bool, tags text[], data jsonb, meta json,
//                created_at timestamptz, mood public.mood (enum), address inet)
//   public.orders(id int4 pk, user_id int4 not null → users.id, total numeric)
//   app.items(id uuid pk, order_id int4 → orders.id)
//   public.notes(body text)                                       (no primary key)

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "metadata/catalog.h"
#include "metadata/json_text.h"
#include "metadata/metadata.h"

namespace junction::schema::testing {

inline metadata::Metadata MetadataFrom(std::string_view text) {
  Result<metadata::Json> json = metadata::ParseJsonText(text);
  EXPECT_TRUE(json);
  Result<metadata::Metadata> parsed = metadata::Metadata::FromJson(*json);
  EXPECT_TRUE(parsed) << parsed.error().message;
  return *parsed;
}

// A source "default" tracking `tables` (a JSON array's text).
inline metadata::Metadata DefaultSource(std::string_view tables) {
  return MetadataFrom(R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":)" +
                      std::string(tables) + R"(,"configuration":{}}]})");
}

inline metadata::CatalogColumn Col(std::string name, std::string type, bool nullable = true,
                                   bool is_array = false) {
  metadata::CatalogColumn column;
  column.name = std::move(name);
  column.type = std::move(type);
  column.nullable = nullable;
  column.is_array = is_array;
  return column;
}

inline metadata::Catalog ShopCatalog() {
  metadata::Catalog catalog;
  metadata::CatalogTable users;
  users.name = {"public", "users"};
  users.columns = {
      Col("id", "int4", false), Col("name", "text", false),       Col("email", "varchar"),
      Col("age", "int2"),       Col("score", "float8"),           Col("balance", "numeric"),
      Col("active", "bool"),    Col("tags", "text", true, true),  Col("data", "jsonb"),
      Col("meta", "json"),      Col("created_at", "timestamptz"), Col("mood", "mood"),
      Col("address", "inet")};
  users.columns[11].type_schema = "public";
  users.primary_key = {"id"};
  catalog.tables[users.name] = users;
  catalog.enums[{"public", "mood"}] = {{"public", "mood"}, {"happy", "sad"}};

  metadata::CatalogTable orders;
  orders.name = {"public", "orders"};
  orders.columns = {Col("id", "int4", false), Col("user_id", "int4", false),
                    Col("total", "numeric")};
  orders.primary_key = {"id"};
  orders.foreign_keys = {{"orders_user_id_fkey", {"public", "users"}, {{"user_id", "id"}}}};
  catalog.tables[orders.name] = orders;

  metadata::CatalogTable items;
  items.name = {"app", "items"};
  items.columns = {Col("id", "uuid", false), Col("order_id", "int4")};
  items.primary_key = {"id"};
  items.foreign_keys = {{"items_order_id_fkey", {"public", "orders"}, {{"order_id", "id"}}}};
  catalog.tables[items.name] = items;

  metadata::CatalogTable notes;
  notes.name = {"public", "notes"};
  notes.columns = {Col("body", "text")};
  catalog.tables[notes.name] = notes;
  return catalog;
}

inline metadata::Catalogs ShopCatalogs() {
  metadata::Catalogs catalogs;
  catalogs.emplace("default", ShopCatalog());
  return catalogs;
}

}  // namespace junction::schema::testing
