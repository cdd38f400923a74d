// IntrospectDatabase over a real database: tables and views, declared types as written, rowid
// aliases, composite and WITHOUT ROWID keys, named and unnamed foreign keys (also ones naming no
// columns), unique constraints, and what is left out (sqlite_ tables, broken views).

#include "backends/sqlite/introspection.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace junction::backends::sqlite {
namespace {

using metadata::CatalogColumn;
using metadata::CatalogTable;
using Mapping = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kSchemaSql = R"sql(
CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name varchar(20) NOT NULL,
                        email TEXT UNIQUE, created DATETIME DEFAULT CURRENT_TIMESTAMP,
                        photo BLOB, misc);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL
                     REFERENCES customers (id), total NUMERIC, note VARCHAR(20));
CREATE TABLE products (code TEXT PRIMARY KEY, price REAL);
CREATE TABLE lines (order_id INTEGER, line INT,
                    product TEXT CONSTRAINT line_product REFERENCES products,
                    PRIMARY KEY (order_id, line),
                    CONSTRAINT line_order FOREIGN KEY (order_id) REFERENCES Orders (ID),
                    UNIQUE (product, line));
CREATE TABLE pairs (a TEXT, b TEXT, c TEXT AS (a || b), PRIMARY KEY (b, a)) WITHOUT ROWID;
CREATE TABLE pair_refs (x TEXT, y TEXT, FOREIGN KEY (x, y) REFERENCES pairs,
                        FOREIGN KEY (y) REFERENCES nowhere (id));
CREATE VIEW big_orders AS SELECT id, total, total * 2 AS double_total FROM orders
  WHERE total > 100;
CREATE TABLE gone (a INTEGER);
CREATE VIEW broken AS SELECT a FROM gone;
DROP TABLE gone;
INSERT INTO customers (name) VALUES ('x');
)sql";

class IntrospectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, kSchemaSql, nullptr, nullptr, &message), SQLITE_OK) << message;
    Result<metadata::Catalog> catalog = IntrospectDatabase(db_);
    ASSERT_TRUE(catalog) << catalog.error().message;
    catalog_ = std::move(catalog).value();
  }
  void TearDown() override { sqlite3_close(db_); }

  const CatalogTable& Table(const std::string& name) {
    const CatalogTable* table = catalog_.FindTable({"main", name});
    if (table == nullptr) throw std::runtime_error("no table " + name);
    return *table;
  }

  sqlite3* db_ = nullptr;
  metadata::Catalog catalog_;
};

TEST_F(IntrospectionTest, ListsTablesAndViewsButNotInternalOrBrokenOnes) {
  std::vector<std::string> names;
  for (const auto& [name, table] : catalog_.tables) {
    EXPECT_EQ(name.schema, "main");
    names.push_back(name.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"big_orders", "customers", "lines", "orders",
                                             "pair_refs", "pairs", "products"}));
  EXPECT_EQ(Table("big_orders").kind, CatalogTable::Kind::kView);
  EXPECT_EQ(Table("orders").kind, CatalogTable::Kind::kTable);
}

TEST_F(IntrospectionTest, KeepsDeclaredTypesAsSqliteReportsThem) {
  const CatalogTable& customers = Table("customers");
  std::vector<std::string> types;
  for (const CatalogColumn& column : customers.columns) {
    types.push_back(column.type);
    EXPECT_EQ(column.type_schema, "sqlite");
  }
  EXPECT_EQ(types,
            (std::vector<std::string>{"INTEGER", "varchar(20)", "TEXT", "DATETIME", "BLOB", ""}));
  EXPECT_EQ(customers.columns[1].position, 2);
  EXPECT_FALSE(customers.columns[1].nullable);
  EXPECT_TRUE(customers.columns[2].nullable);
  EXPECT_TRUE(customers.columns[3].has_default);
  EXPECT_FALSE(customers.columns[2].has_default);

  const CatalogTable& view = Table("big_orders");
  ASSERT_EQ(view.columns.size(), 3u);
  EXPECT_EQ(view.columns[1].type, "NUMERIC");  // a column's type carries through a view
  EXPECT_EQ(view.columns[2].type, "");         // an expression has none
  EXPECT_TRUE(view.primary_key.empty());
}

TEST_F(IntrospectionTest, AnIntegerPrimaryKeyIsTheRowid) {
  const CatalogColumn& id = Table("orders").columns[0];
  EXPECT_EQ(id.name, "id");
  EXPECT_FALSE(id.nullable);
  EXPECT_TRUE(id.has_default);
  EXPECT_EQ(Table("orders").primary_key, std::vector<std::string>{"id"});

  // Neither a TEXT key nor a column of a composite key is the rowid.
  const CatalogColumn& code = Table("products").columns[0];
  EXPECT_FALSE(code.has_default);
  EXPECT_EQ(Table("products").primary_key, std::vector<std::string>{"code"});
  const CatalogTable& lines = Table("lines");
  EXPECT_EQ(lines.primary_key, (std::vector<std::string>{"order_id", "line"}));
  EXPECT_TRUE(lines.columns[0].nullable);
  EXPECT_FALSE(lines.columns[0].has_default);
}

TEST_F(IntrospectionTest, ReadsWithoutRowidKeysInKeyOrderAndGeneratedColumns) {
  const CatalogTable& pairs = Table("pairs");
  EXPECT_EQ(pairs.primary_key, (std::vector<std::string>{"b", "a"}));
  EXPECT_FALSE(pairs.columns[0].nullable);  // WITHOUT ROWID enforces NOT NULL on its key
  EXPECT_TRUE(pairs.columns[2].has_default);
}

TEST_F(IntrospectionTest, NamesForeignKeysAsDeclaredOrAsPostgresWould) {
  const CatalogTable& orders = Table("orders");
  ASSERT_EQ(orders.foreign_keys.size(), 1u);
  EXPECT_EQ(orders.foreign_keys[0].constraint, "orders_customer_id_fkey");
  EXPECT_EQ(orders.foreign_keys[0].foreign_table, (metadata::QualifiedName{"main", "customers"}));
  EXPECT_EQ(orders.foreign_keys[0].column_mapping, (Mapping{{"customer_id", "id"}}));

  const CatalogTable& lines = Table("lines");
  ASSERT_EQ(lines.foreign_keys.size(), 2u);
  EXPECT_EQ(lines.foreign_keys[0].constraint, "line_product");
  // No columns named: the target's primary key.
  EXPECT_EQ(lines.foreign_keys[0].column_mapping, (Mapping{{"product", "code"}}));
  EXPECT_EQ(lines.foreign_keys[1].constraint, "line_order");
  // Written `Orders (ID)`: the names as the target spells them.
  EXPECT_EQ(lines.foreign_keys[1].foreign_table, (metadata::QualifiedName{"main", "orders"}));
  EXPECT_EQ(lines.foreign_keys[1].column_mapping, (Mapping{{"order_id", "id"}}));
}

TEST_F(IntrospectionTest, ACompositeForeignKeyWithoutColumnsFollowsThePrimaryKeyOrder) {
  const CatalogTable& refs = Table("pair_refs");
  ASSERT_EQ(refs.foreign_keys.size(), 1u);  // the key to a missing table is left out
  EXPECT_EQ(refs.foreign_keys[0].constraint, "pair_refs_x_y_fkey");
  EXPECT_EQ(refs.foreign_keys[0].column_mapping, (Mapping{{"x", "b"}, {"y", "a"}}));
}

TEST_F(IntrospectionTest, ReadsUniqueConstraints) {
  const CatalogTable& customers = Table("customers");
  ASSERT_EQ(customers.unique_constraints.size(), 1u);
  EXPECT_EQ(customers.unique_constraints[0].constraint, "customers_email_key");
  EXPECT_EQ(customers.unique_constraints[0].columns, std::vector<std::string>{"email"});
  const CatalogTable& lines = Table("lines");
  ASSERT_EQ(lines.unique_constraints.size(), 1u);
  EXPECT_EQ(lines.unique_constraints[0].columns, (std::vector<std::string>{"product", "line"}));
  EXPECT_TRUE(Table("products").unique_constraints.empty());  // the primary key is not one
}

}  // namespace
}  // namespace junction::backends::sqlite
