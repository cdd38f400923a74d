// The functions Junction registers on SQLite connections: POSIX regular expressions (case
// sensitive and not, a malformed pattern), SIMILAR TO by Postgres's rules, and the variance and
// standard deviation aggregates against the values Postgres gives, NULLs included.

#include "backends/sqlite/functions.h"

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace junction::backends::sqlite {
namespace {

class FunctionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_EQ(RegisterFunctions(db_), SQLITE_OK);
  }
  void TearDown() override { sqlite3_close(db_); }

  // The first column of the first row as text ("NULL" for NULL), or "error: <message>".
  std::string Eval(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      return std::string("error: ") + sqlite3_errmsg(db_);
    }
    std::string value;
    const int stepped = sqlite3_step(statement);
    if (stepped == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      value = text ? text : "NULL";
    } else {
      value = std::string("error: ") + sqlite3_errmsg(db_);
    }
    sqlite3_finalize(statement);
    return value;
  }

  double EvalDouble(const std::string& sql) { return std::stod(Eval(sql)); }

  sqlite3* db_ = nullptr;
};

TEST_F(FunctionsTest, RegexIsPosixExtendedAndCaseSensitiveUnlessAsked) {
  EXPECT_EQ(Eval("SELECT junction_regex('Hello world', '^h.*o W', 0)"), "0");
  EXPECT_EQ(Eval("SELECT junction_regex('Hello world', '^h.*o W', 1)"), "1");
  EXPECT_EQ(Eval("SELECT junction_regex('Hello world', 'o w', 0)"), "1");  // unanchored
  EXPECT_EQ(Eval("SELECT junction_regex('order-42', '-[0-9]+$', 0)"), "1");
  EXPECT_EQ(Eval("SELECT junction_regex('order-42', '^(order|invoice)-\\d{2}$', 0)"), "1");
  EXPECT_EQ(Eval("SELECT junction_regex('order-4x', '\\d\\D', 0)"), "1");
  EXPECT_EQ(Eval("SELECT junction_regex(42, '^4', 0)"), "1");  // a number is matched as text
}

TEST_F(FunctionsTest, RegexOverRowsReusesTheCompiledPattern) {
  EXPECT_EQ(Eval("SELECT group_concat(junction_regex(v, '^a', 0), '') FROM "
                 "(SELECT 'ab' AS v UNION ALL SELECT 'ba' UNION ALL SELECT 'aa')"),
            "101");
}

TEST_F(FunctionsTest, AMalformedRegexIsAnError) {
  const std::string result = Eval("SELECT junction_regex('a', '(a', 0)");
  EXPECT_EQ(result.rfind("error: invalid regular expression: ", 0), 0u) << result;
}

TEST_F(FunctionsTest, NumberWritesRealsExactlyIntoJson) {
  // SQLite's own writer keeps 15 digits: 3.14285714285714.
  EXPECT_EQ(Eval("SELECT json_object('v', junction_number(22.0 / 7))"),
            R"({"v":3.142857142857143})");
  EXPECT_EQ(Eval("SELECT json_object('v', junction_number(12345678901234567890.123))"),
            R"({"v":1.2345678901234567e+19})");
  EXPECT_EQ(Eval("SELECT json_object('v', junction_number(10.0))"), R"({"v":10})");
  EXPECT_EQ(Eval("SELECT json_array(junction_number(0.0), junction_number(-0.5), "
                 "junction_number(0.00001), junction_number(123456789012345.0), "
                 "junction_number(1e15))"),
            "[0,-0.5,1e-05,123456789012345,1e+15]");
  EXPECT_EQ(Eval("SELECT json_object('v', junction_number(9e999))"), R"({"v":"Infinity"})");
  // Integers, text and NULL are unchanged.
  EXPECT_EQ(Eval("SELECT json_array(junction_number(7), junction_number('7'), "
                 "junction_number(NULL))"),
            R"([7,"7",null])");
}

TEST_F(FunctionsTest, NullArgumentsGiveNull) {
  EXPECT_EQ(Eval("SELECT junction_regex(NULL, 'a', 0)"), "NULL");
  EXPECT_EQ(Eval("SELECT junction_regex('a', NULL, 0)"), "NULL");
  EXPECT_EQ(Eval("SELECT junction_regex('a', 'a', NULL)"), "NULL");
  EXPECT_EQ(Eval("SELECT junction_similar(NULL, 'a')"), "NULL");
  EXPECT_EQ(Eval("SELECT junction_similar('a', NULL)"), "NULL");
}

TEST_F(FunctionsTest, SimilarMatchesTheWholeValueWithSqlWildcards) {
  EXPECT_EQ(Eval("SELECT junction_similar('abc', 'a%')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('abc', 'b%')"), "0");
  EXPECT_EQ(Eval("SELECT junction_similar('abc', 'a_c')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('abbc', 'a_c')"), "0");
  EXPECT_EQ(Eval("SELECT junction_similar('abc', 'b')"), "0");  // the whole value must match
  EXPECT_EQ(Eval("SELECT junction_similar('abc', '%(b|d)%')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('abc', 'x|abc')"), "1");  // | inside the anchors
  EXPECT_EQ(Eval("SELECT junction_similar('abd', 'x|abc')"), "0");
  EXPECT_EQ(Eval("SELECT junction_similar('aaa', 'a+')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('ab', 'a{2}')"), "0");
  EXPECT_EQ(Eval("SELECT junction_similar('b9', '[a-c][0-9]')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('Abc', 'abc')"), "0");  // case sensitive
}

TEST_F(FunctionsTest, SimilarTreatsDotCaretDollarAndEscapesAsLiterals) {
  EXPECT_EQ(Eval("SELECT junction_similar('a.c', 'a.c')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('abc', 'a.c')"), "0");
  EXPECT_EQ(Eval("SELECT junction_similar('^a$', '^a$')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('50%', '50\\%')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('50x', '50\\%')"), "0");
  EXPECT_EQ(Eval("SELECT junction_similar('a_b', 'a\\_b')"), "1");
  EXPECT_EQ(Eval("SELECT junction_similar('a+', 'a\\+')"), "1");
}

TEST_F(FunctionsTest, AMalformedSimilarPatternIsAnError) {
  const std::string result = Eval("SELECT junction_similar('a', 'a(b')");
  EXPECT_EQ(result.rfind("error: invalid regular expression: ", 0), 0u) << result;
}

// Postgres: SELECT var_samp(x), var_pop(x), stddev_samp(x), stddev_pop(x)
//           FROM (VALUES (1), (2), (3), (4)) v(x)
//   → 1.6666666666666667 | 1.2500000000000000 | 1.2909944487358056 | 1.1180339887498949
TEST_F(FunctionsTest, VarianceAndStandardDeviationMatchPostgres) {
  const std::string rows =
      " FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT NULL "
      "UNION ALL SELECT 3 UNION ALL SELECT 4.0)";
  EXPECT_NEAR(EvalDouble("SELECT junction_var_samp(x)" + rows), 1.6666666666666667, 1e-12);
  EXPECT_NEAR(EvalDouble("SELECT junction_var_pop(x)" + rows), 1.25, 1e-12);
  EXPECT_NEAR(EvalDouble("SELECT junction_stddev_samp(x)" + rows), 1.2909944487358056, 1e-12);
  EXPECT_NEAR(EvalDouble("SELECT junction_stddev_pop(x)" + rows), 1.1180339887498949, 1e-12);
}

TEST_F(FunctionsTest, VarianceIsStableFarFromZero) {
  // Welford's algorithm: the naive sum of squares loses every digit here.
  const std::string rows =
      " FROM (SELECT 1e9 + 1 AS x UNION ALL SELECT 1e9 + 2 "
      "UNION ALL SELECT 1e9 + 3 UNION ALL SELECT 1e9 + 4)";
  EXPECT_NEAR(EvalDouble("SELECT junction_var_samp(x)" + rows), 1.6666666666666667, 1e-6);
}

TEST_F(FunctionsTest, TooFewValuesGiveNullAsInPostgres) {
  const std::string one = " FROM (SELECT 5 AS x UNION ALL SELECT NULL)";
  EXPECT_EQ(Eval("SELECT junction_var_samp(x)" + one), "NULL");
  EXPECT_EQ(Eval("SELECT junction_stddev_samp(x)" + one), "NULL");
  EXPECT_EQ(Eval("SELECT junction_var_pop(x)" + one), "0.0");
  EXPECT_EQ(Eval("SELECT junction_stddev_pop(x)" + one), "0.0");
  const std::string none = " FROM (SELECT NULL AS x) WHERE x IS NOT NULL";
  for (const char* function :
       {"junction_var_samp", "junction_var_pop", "junction_stddev_samp", "junction_stddev_pop"}) {
    EXPECT_EQ(Eval(std::string("SELECT ") + function + "(x)" + none), "NULL") << function;
  }
}

TEST_F(FunctionsTest, AggregatesGroupIndependently) {
  EXPECT_EQ(Eval("SELECT group_concat(v, ',') FROM (SELECT junction_var_pop(x) AS v FROM "
                 "(SELECT 1 AS g, 1 AS x UNION ALL SELECT 1, 3 UNION ALL SELECT 2, 10 "
                 "UNION ALL SELECT 2, 20) GROUP BY g ORDER BY g)"),
            "1.0,25.0");
}

}  // namespace
}  // namespace junction::backends::sqlite
