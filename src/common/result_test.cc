#include "common/result.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace junction {
namespace {

Result<int> ParsePositive(int n) {
  if (n <= 0) return Error(ErrorCode::kValidationFailed, "not positive", "$.n");
  return n;
}

Result<std::string> Describe(int n) {
  auto value = ParsePositive(n);
  if (!value) return value.error();  // the forwarding idiom of STYLE.md rule 2
  return "n=" + std::to_string(*value);
}

TEST(ResultTest, HoldsAValueOrAnError) {
  EXPECT_EQ(*Describe(3), "n=3");
  Result<std::string> failed = Describe(-1);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(failed.error().message, "not positive");
  EXPECT_EQ(failed.error().path, "$.n");
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r);
  std::unique_ptr<int> taken = *std::move(r);
  EXPECT_EQ(*taken, 7);
}

TEST(ResultTest, StatusIsSuccessByDefault) {
  Status ok;
  EXPECT_TRUE(ok);
  Status failed = Error(ErrorCode::kNotFound, "gone");
  EXPECT_FALSE(failed);
  EXPECT_EQ(ToString(failed.error().code), "not-found");
}

TEST(ErrorCodeTest, PrintsHasurasKebabCaseCodes) {
  EXPECT_EQ(ToString(ErrorCode::kAccessDenied), "access-denied");
  EXPECT_EQ(ToString(ErrorCode::kInvalidConfiguration), "invalid-configuration");
  EXPECT_EQ(ToString(ErrorCode::kValidationFailed), "validation-failed");
  EXPECT_EQ(ToString(ErrorCode::kPostgresError), "postgres-error");
}

}  // namespace
}  // namespace junction
