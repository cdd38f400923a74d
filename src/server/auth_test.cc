#include "server/auth.h"

#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "server/auth_webhook.h"

namespace junction::server {
namespace {

HttpRequest WithHeaders(std::map<std::string, std::string, std::less<>> headers) {
  HttpRequest request;
  request.method = "POST";
  request.target = "/v1/graphql";
  request.headers = std::move(headers);
  return request;
}

TEST(AuthTest, WithoutASecretEveryoneIsAdminUnlessARoleIsAsked) {
  Result<schema::Session> session = Authenticate("", WithHeaders({}));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "admin");
  EXPECT_TRUE(session->IsAdmin());

  session = Authenticate("", WithHeaders({{"x-hasura-role", "user"}, {"x-hasura-user-id", "7"}}));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "user");
  EXPECT_FALSE(session->IsAdmin());
  EXPECT_EQ(session->variables.at("x-hasura-user-id"), "7");
  EXPECT_EQ(session->variables.at("x-hasura-role"), "user");
}

TEST(AuthTest, MissingSecretIsDenied) {
  Result<schema::Session> session =
      Authenticate("s3cret", WithHeaders({{"x-hasura-role", "admin"}}));
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code, ErrorCode::kAccessDenied);
  EXPECT_EQ(session.error().path, "$");
  EXPECT_EQ(session.error().message,
            "x-hasura-admin-secret/x-hasura-access-key required, but not found");
}

TEST(AuthTest, WrongSecretIsDenied) {
  for (const char* wrong : {"", "s3cre", "s3cret!", "S3CRET", "x"}) {
    Result<schema::Session> session =
        Authenticate("s3cret", WithHeaders({{"x-hasura-admin-secret", wrong}}));
    ASSERT_FALSE(session) << wrong;
    EXPECT_EQ(session.error().code, ErrorCode::kAccessDenied);
    EXPECT_EQ(session.error().message, "invalid x-hasura-admin-secret/x-hasura-access-key");
  }
}

TEST(AuthTest, RightSecretIsAdminOrTheAskedRole) {
  Result<schema::Session> session =
      Authenticate("s3cret", WithHeaders({{"x-hasura-admin-secret", "s3cret"}}));
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->IsAdmin());
  EXPECT_EQ(session->variables.count("x-hasura-admin-secret"), 0u) << "the secret is no variable";

  session = Authenticate(
      "s3cret", WithHeaders({{"x-hasura-admin-secret", "s3cret"}, {"x-hasura-role", "editor"}}));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "editor");
}

TEST(AuthTest, DeprecatedAccessKeyHeaderWorksToo) {
  EXPECT_TRUE(Authenticate("k", WithHeaders({{"x-hasura-access-key", "k"}})));
  EXPECT_FALSE(Authenticate("k", WithHeaders({{"x-hasura-access-key", "j"}})));
  // The admin secret header wins when both are sent.
  EXPECT_FALSE(Authenticate(
      "k", WithHeaders({{"x-hasura-admin-secret", "j"}, {"x-hasura-access-key", "k"}})));
}

TEST(AuthTest, EmptyRoleHeaderMeansAdmin) {
  Result<schema::Session> session = Authenticate("", WithHeaders({{"x-hasura-role", ""}}));
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->IsAdmin());
}

TEST(AuthTest, SecretEqualsComparesWholeStrings) {
  EXPECT_TRUE(SecretEquals("abc", "abc"));
  EXPECT_TRUE(SecretEquals("", ""));
  EXPECT_FALSE(SecretEquals("abc", "abd"));
  EXPECT_FALSE(SecretEquals("ab", "abc"));
  EXPECT_FALSE(SecretEquals("abcd", "abc"));
  EXPECT_FALSE(SecretEquals(std::string_view("ab\0", 3), "ab"));
}

constexpr int64_t kNow = 1'700'000'000;
constexpr char kJwtKey[] = "a-jwt-secret-of-at-least-thirty-two-chars";

std::string Hs256(const nlohmann::json& payload) {
  const std::string input =
      Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + "." + Base64UrlEncode(payload.dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), kJwtKey, static_cast<int>(sizeof(kJwtKey) - 1),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." + Base64UrlEncode(std::string(reinterpret_cast<char*>(mac), length));
}

nlohmann::json UserClaims() {
  return {{"exp", kNow + 60},
          {"https://hasura.io/jwt/claims",
           {{"x-hasura-allowed-roles", {"user", "editor"}},
            {"x-hasura-default-role", "user"},
            {"x-hasura-user-id", "42"},
            {"x-hasura-org-ids", {1, 2}}}}};
}

AuthModes JwtModes(nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json config = {{"type", "HS256"}, {"key", kJwtKey}};
  config.update(extra);
  AuthModes modes;
  modes.jwt = *JwtVerifier::Create(config.dump());
  return modes;
}

TEST(AuthJwtTest, ATokenGivesItsDefaultRoleAndClaimsAsVariables) {
  Result<schema::Session> session =
      AuthenticateNow("s3cret", JwtModes(),
                      WithHeaders({{"authorization", "Bearer " + Hs256(UserClaims())},
                                   {"x-hasura-user-id", "sent-by-the-client"}}),
                      kNow);
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_EQ(session->role, "user");
  EXPECT_EQ(session->variables.at("x-hasura-user-id"), "42") << "claims, not client headers";
  EXPECT_EQ(session->variables.at("x-hasura-org-ids"), "[1,2]");
  EXPECT_EQ(session->variables.at("x-hasura-role"), "user");
  EXPECT_EQ(session->variables.count("x-hasura-allowed-roles"), 0u);
  EXPECT_EQ(session->variables.count("x-hasura-default-role"), 0u);
}

TEST(AuthJwtTest, TheRequestedRoleMustBeAllowed) {
  const std::string bearer = "Bearer " + Hs256(UserClaims());
  Result<schema::Session> session =
      AuthenticateNow("s3cret", JwtModes(),
                      WithHeaders({{"authorization", bearer}, {"x-hasura-role", "editor"}}), kNow);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "editor");
  for (const char* role : {"admin", "other"}) {
    session =
        AuthenticateNow("s3cret", JwtModes(),
                        WithHeaders({{"authorization", bearer}, {"x-hasura-role", role}}), kNow);
    ASSERT_FALSE(session);
    EXPECT_EQ(session.error().code, ErrorCode::kAccessDenied);
    EXPECT_EQ(session.error().message, "Your requested role is not in allowed roles");
    EXPECT_EQ(AuthErrorStatus(session.error()), 400u);
  }
}

TEST(AuthJwtTest, TheAdminSecretStillWorksAndAWrongOneIsDenied) {
  Result<schema::Session> session = AuthenticateNow(
      "s3cret", JwtModes(),
      WithHeaders({{"x-hasura-admin-secret", "s3cret"}, {"authorization", "Bearer garbage"}}),
      kNow);
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->IsAdmin());
  session = AuthenticateNow("s3cret", JwtModes(),
                            WithHeaders({{"x-hasura-admin-secret", "no"},
                                         {"authorization", "Bearer " + Hs256(UserClaims())}}),
                            kNow);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().message, "invalid x-hasura-admin-secret/x-hasura-access-key");
  EXPECT_EQ(AuthErrorStatus(session.error()), 401u);
}

TEST(AuthJwtTest, NoTokenIsTheUnauthorizedRoleOrAnError) {
  Result<schema::Session> session = AuthenticateNow("s3cret", JwtModes(), WithHeaders({}), kNow);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().code, ErrorCode::kInvalidHeaders);
  EXPECT_EQ(session.error().message, "Missing Authorization header in JWT authentication mode");
  AuthModes modes = JwtModes();
  modes.unauthorized_role = "anonymous";
  session = AuthenticateNow("s3cret", modes, WithHeaders({{"x-hasura-foo", "bar"}}), kNow);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "anonymous");
  EXPECT_EQ(session->variables.at("x-hasura-foo"), "bar");
  // A token that is there but bad is not anonymous.
  session =
      AuthenticateNow("s3cret", modes, WithHeaders({{"authorization", "Bearer x.y.z"}}), kNow);
  EXPECT_FALSE(session);
}

TEST(AuthJwtTest, MalformedHeadersAndBadTokens) {
  for (const char* header : {"Bearer", "bearer abc", "Basic abc", "Bearer a b"}) {
    Result<schema::Session> session =
        AuthenticateNow("s3cret", JwtModes(), WithHeaders({{"authorization", header}}), kNow);
    ASSERT_FALSE(session) << header;
    EXPECT_EQ(session.error().code, ErrorCode::kInvalidHeaders);
    EXPECT_EQ(session.error().message, "Malformed Authorization header");
  }
  nlohmann::json expired = UserClaims();
  expired["exp"] = kNow - 5;
  Result<schema::Session> session = AuthenticateNow(
      "s3cret", JwtModes(), WithHeaders({{"authorization", "Bearer " + Hs256(expired)}}), kNow);
  ASSERT_FALSE(session);
  EXPECT_EQ(ToString(session.error().code), "invalid-jwt");
  EXPECT_EQ(session.error().message, "Could not verify JWT: JWTExpired");
  EXPECT_EQ(AuthErrorStatus(session.error()), 400u);
}

TEST(AuthJwtTest, MissingOrInvalidRoleClaims) {
  nlohmann::json claims = UserClaims();
  claims["https://hasura.io/jwt/claims"].erase("x-hasura-default-role");
  Result<schema::Session> session = AuthenticateNow(
      "s3cret", JwtModes(), WithHeaders({{"authorization", "Bearer " + Hs256(claims)}}), kNow);
  ASSERT_FALSE(session);
  EXPECT_EQ(ToString(session.error().code), "jwt-missing-role-claims");
  EXPECT_EQ(session.error().message, "JWT claim does not contain x-hasura-default-role");
  claims = UserClaims();
  claims["https://hasura.io/jwt/claims"]["x-hasura-allowed-roles"] = "user";
  session = AuthenticateNow("s3cret", JwtModes(),
                            WithHeaders({{"authorization", "Bearer " + Hs256(claims)}}), kNow);
  ASSERT_FALSE(session);
  EXPECT_EQ(ToString(session.error().code), "jwt-invalid-claims");
}

TEST(AuthJwtTest, TheTokenMayComeInACookie) {
  AuthModes modes = JwtModes({{"header", {{"type", "Cookie"}, {"name", "jwt"}}}});
  Result<schema::Session> session =
      AuthenticateNow("s3cret", modes,
                      WithHeaders({{"cookie", "a=b; jwt=" + Hs256(UserClaims()) + "; c=d"}}), kNow);
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_EQ(session->role, "user");
  session = AuthenticateNow("s3cret", modes, WithHeaders({{"cookie", "a=b"}}), kNow);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().message, "Could not find jwt in Cookie header");
  session = AuthenticateNow("s3cret", modes, WithHeaders({}), kNow);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().message, "Missing Cookie header in JWT authentication mode");
}

TEST(AuthModesTest, UnauthorizedRoleWithAnAdminSecretOnly) {
  AuthModes modes;
  modes.unauthorized_role = "public";
  Result<schema::Session> session = AuthenticateNow("s3cret", modes, WithHeaders({}), kNow);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->role, "public");
  session = AuthenticateNow("s3cret", modes, WithHeaders({{"x-hasura-admin-secret", "x"}}), kNow);
  EXPECT_FALSE(session) << "a wrong secret is no anonymous request";
}

TEST(AuthModesTest, HasurasStartUpChecks) {
  AuthModes jwt = JwtModes();
  EXPECT_TRUE(CheckAuthModes("s", jwt));
  EXPECT_EQ(CheckAuthModes("", jwt).error().message,
            "Fatal Error : --jwt-secret (HASURA_GRAPHQL_JWT_SECRET) requires --admin-secret "
            "(HASURA_GRAPHQL_ADMIN_SECRET) to be set");
  AuthModes hook;
  hook.webhook = WebhookOptions{"http://127.0.0.1:1/"};
  EXPECT_TRUE(CheckAuthModes("s", hook));
  EXPECT_FALSE(CheckAuthModes("", hook));
  AuthModes both = jwt;
  both.webhook = hook.webhook;
  EXPECT_EQ(CheckAuthModes("s", both).error().message,
            "Fatal Error: Both webhook and JWT mode cannot be enabled at the same time");
  hook.unauthorized_role = "anonymous";
  EXPECT_FALSE(CheckAuthModes("s", hook));
  AuthModes anonymous;
  anonymous.unauthorized_role = "anonymous";
  EXPECT_FALSE(CheckAuthModes("", anonymous));
  EXPECT_TRUE(CheckAuthModes("s", anonymous));
  EXPECT_TRUE(CheckAuthModes("", AuthModes{}));
}

TEST(AuthWebhookTest, TheHooksAnswerIsTheSession) {
  Result<schema::Session> session =
      SessionFromHookResponse(R"({"X-Hasura-Role": "user", "X-Hasura-User-Id": 7, "other": 1})");
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_EQ(session->role, "user");
  EXPECT_EQ(session->variables.at("x-hasura-user-id"), "7");
  EXPECT_EQ(session->variables.count("other"), 0u);
  session = SessionFromHookResponse(R"({"x-hasura-user-id": "7"})");
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().message, "x-hasura-role not found in session variables");
  session = SessionFromHookResponse("[1]");
  ASSERT_FALSE(session);
  EXPECT_EQ(AuthErrorStatus(session.error()), 500u);
}

TEST(AuthWebhookTest, ErrorStatuses) {
  EXPECT_EQ(AuthErrorStatus(
                Error(ErrorCode::kAccessDenied, "Authentication hook unauthorized this request")),
            401u);
  EXPECT_EQ(AuthErrorStatus(Error(ErrorCode::kUnexpected, "webhook authentication request failed")),
            500u);
}

}  // namespace
}  // namespace junction::server
