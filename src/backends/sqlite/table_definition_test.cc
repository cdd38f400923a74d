// ReadTableDefinition: foreign key constraint names from CREATE TABLE text, in the forms SQLite
// accepts (column and table constraints, quoted names, comments), and WITHOUT ROWID.

#include "backends/sqlite/table_definition.h"

#include <gtest/gtest.h>

namespace junction::backends::sqlite {
namespace {

TEST(TableDefinitionTest, ReadsNamedAndUnnamedForeignKeys) {
  TableDefinition definition = ReadTableDefinition(R"sql(CREATE TABLE orders (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL CONSTRAINT buyer REFERENCES customers (id),
      seller INTEGER CONSTRAINT positive CHECK (seller > 0) REFERENCES "people",  -- a comment
      note VARCHAR(20) DEFAULT ('a, b'),
      a INT, b INT,
      FOREIGN KEY (a, b) REFERENCES pairs,
      CONSTRAINT [the pair] FOREIGN KEY (b COLLATE nocase, a) REFERENCES `pairs` (y, x),
      /* CONSTRAINT ghost FOREIGN KEY (a) REFERENCES nowhere */
      UNIQUE (a, b))
  )sql");
  ASSERT_EQ(definition.foreign_keys.size(), 4u);
  EXPECT_EQ(definition.foreign_keys[0].constraint, "buyer");
  EXPECT_EQ(definition.foreign_keys[0].columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(definition.foreign_keys[0].foreign_table, "customers");
  // CONSTRAINT names the CHECK right after it, not the foreign key.
  EXPECT_EQ(definition.foreign_keys[1].constraint, std::nullopt);
  EXPECT_EQ(definition.foreign_keys[1].foreign_table, "people");
  EXPECT_EQ(definition.foreign_keys[2].constraint, std::nullopt);
  EXPECT_EQ(definition.foreign_keys[2].columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(definition.foreign_keys[3].constraint, "the pair");
  EXPECT_EQ(definition.foreign_keys[3].columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(definition.foreign_keys[3].foreign_table, "pairs");
  EXPECT_FALSE(definition.without_rowid);
}

TEST(TableDefinitionTest, ReadsWithoutRowid) {
  EXPECT_TRUE(ReadTableDefinition("CREATE TABLE k (a TEXT PRIMARY KEY) STRICT, without rowid")
                  .without_rowid);
  EXPECT_FALSE(ReadTableDefinition("CREATE TABLE k (\"without rowid\" TEXT)").without_rowid);
  EXPECT_TRUE(ReadTableDefinition("CREATE TABLE k AS SELECT 1").foreign_keys.empty());
}

}  // namespace
}  // namespace junction::backends::sqlite
