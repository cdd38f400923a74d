// RemoteSchemaCatalogs against tiny GraphQL services on loopback (a blocking thread each): a
// service that answers the introspection query, one that answers something else, and a closed
// port; and how For tells what must be introspected.

#include "server/remote_schema_catalogs.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "graphql/client_schema.h"

namespace junction::server {
namespace {

using metadata::Json;

// A loopback socket whose one connection gets `answer` (a JSON body, status 200) once the request
// is read; the request is kept.
class OneShotService {
 public:
  explicit OneShotService(std::string body) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 1);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this, body = std::move(body)] {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      request_.set_value(ReadRequest(client));
      const std::string answer =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          "Content-Length: " +
          std::to_string(body.size()) + "\r\n\r\n" + body;
      ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
      ::close(client);
    });
  }
  ~OneShotService() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/graphql"; }
  std::string request() { return request_.get_future().get(); }

 private:
  static std::string ReadRequest(int client) {
    std::string request;
    char buffer[4096];
    size_t wanted = std::string::npos;
    while (request.size() < wanted) {
      const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      request.append(buffer, static_cast<size_t>(got));
      const size_t end = request.find("\r\n\r\n");
      const size_t length = request.find("Content-Length: ");
      if (end != std::string::npos && length != std::string::npos && length < end) {
        wanted = end + 4 + std::stoul(request.substr(length + 16));
      }
    }
    return request;
  }

  int fd_;
  uint16_t port_ = 0;
  std::promise<std::string> request_;
  std::thread thread_;
};

// The smallest schema a service can answer: type Query { hello: String }.
constexpr std::string_view kIntrospection = R"({"__schema":{"queryType":{"name":"Query"},
  "mutationType":null,"subscriptionType":null,"types":[
  {"kind":"OBJECT","name":"Query","description":null,"fields":[{"name":"hello","description":null,
   "args":[],"type":{"kind":"SCALAR","name":"String","ofType":null},"isDeprecated":false,
   "deprecationReason":null}],"inputFields":null,"interfaces":[],"enumValues":null,
   "possibleTypes":null},
  {"kind":"SCALAR","name":"String","description":null,"fields":null,"inputFields":null,
   "interfaces":null,"enumValues":null,"possibleTypes":null}],"directives":[]}})";

metadata::Metadata WithRemoteSchemas(const std::string& entries) {
  Result<metadata::Metadata> metadata = metadata::Metadata::FromJson(
      Json::parse(R"({"version":3,"sources":[],"remote_schemas":)" + entries + "}"));
  EXPECT_TRUE(metadata) << metadata.error().message;
  return *metadata;
}

std::string Entry(const std::string& name, const std::string& url) {
  return R"({"name":")" + name + R"(","definition":{"url":")" + url +
         R"(","headers":[{"name":"x-api-key","value":"k1"}],"timeout_seconds":5}})";
}

RemoteSchemaCatalogs Introspect(const RemoteSchemaCatalogs::Missing& missing) {
  boost::asio::io_context io;
  std::optional<RemoteSchemaCatalogs> fresh;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        fresh.emplace(co_await RemoteSchemaCatalogs::Introspect(missing));
      },
      boost::asio::detached);
  io.run();
  return std::move(*fresh);
}

// What `metadata`'s only remote schema "rs" introspects to.
Result<metadata::RemoteSchemaCatalog> IntrospectOnly(const metadata::Metadata& metadata) {
  RemoteSchemaCatalogs known;
  RemoteSchemaCatalogs::Missing missing;
  known.For(metadata, &missing);
  EXPECT_EQ(missing.size(), 1u);
  known.Merge(Introspect(missing));
  metadata::RemoteSchemaCatalogs catalogs = known.For(metadata, nullptr);
  EXPECT_EQ(catalogs.size(), 1u);
  return catalogs.at("rs");
}

TEST(RemoteSchemaCatalogsTest, IntrospectsWithTheConfiguredHeaders) {
  OneShotService service(R"({"data":)" + std::string(kIntrospection) + "}");
  const metadata::Metadata metadata = WithRemoteSchemas("[" + Entry("rs", service.url()) + "]");
  Result<metadata::RemoteSchemaCatalog> catalog = IntrospectOnly(metadata);
  ASSERT_TRUE(catalog) << catalog.error().message;
  EXPECT_EQ(catalog->introspection, Json::parse(kIntrospection));
  ASSERT_NE(catalog->schema, nullptr);

  const std::string request = service.request();
  EXPECT_TRUE(request.starts_with("POST /graphql HTTP/1.1\r\n")) << request;
  EXPECT_NE(request.find("x-api-key: k1\r\n"), std::string::npos) << request;
  EXPECT_NE(request.find("x-hasura-role: admin\r\n"), std::string::npos) << request;
  EXPECT_NE(request.find("content-type: application/json\r\n"), std::string::npos) << request;
  const Json body = Json::parse(request.substr(request.find("\r\n\r\n") + 4));
  EXPECT_EQ(body["query"], std::string(graphql::IntrospectionQuery()));
}

TEST(RemoteSchemaCatalogsTest, AnUnreachableServiceIsAnHttpException) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);  // a port nothing listens on
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/g";
  ::close(fd);

  Result<metadata::RemoteSchemaCatalog> catalog =
      IntrospectOnly(WithRemoteSchemas("[" + Entry("rs", url) + "]"));
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().code, ErrorCode::kRemoteSchemaError);
  EXPECT_EQ(catalog.error().message,
            "HTTP exception occurred while sending the request to \"" + url + "\"");
  EXPECT_EQ(catalog.error().internal["type"], "http_exception");

  // Read from the environment, the service is named by its variable, as in Hasura.
  ::setenv("RS_CATALOGS_TEST_URL", url.c_str(), 1);
  catalog = IntrospectOnly(
      WithRemoteSchemas(R"([{"name":"rs","definition":{"url_from_env":"RS_CATALOGS_TEST_URL"}}])"));
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().message,
            "HTTP exception occurred while sending the request to \"RS_CATALOGS_TEST_URL\"");
}

TEST(RemoteSchemaCatalogsTest, AnswersThatAreNotASchemaAreErrors) {
  const std::pair<std::string, std::string> cases[] = {
      {"<html>down</html>", "Error in $: Failed reading: not a valid json value"},
      {R"({"errors":[{"message":"no introspection"}]})", "Error in $: key \"data\" not found"},
      {R"({"data":null})",
       "Error in $.data: parsing KeyMap failed, expected Object, but encountered Null"},
      {R"({"data":{}})", "Error in $.data: key \"__schema\" not found"},
  };
  for (const auto& [body, message] : cases) {
    OneShotService service(body);
    Result<metadata::RemoteSchemaCatalog> catalog =
        IntrospectOnly(WithRemoteSchemas("[" + Entry("rs", service.url()) + "]"));
    ASSERT_FALSE(catalog) << body;
    EXPECT_EQ(catalog.error().code, ErrorCode::kRemoteSchemaError);
    EXPECT_EQ(catalog.error().message, message);
  }
  // BuildClientSchema's own complaint.
  OneShotService service(R"({"data":{"__schema":{"types":[]}}})");
  Result<metadata::RemoteSchemaCatalog> catalog =
      IntrospectOnly(WithRemoteSchemas("[" + Entry("rs", service.url()) + "]"));
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().code, ErrorCode::kRemoteSchemaError);
  EXPECT_FALSE(catalog.error().message.empty());
}

TEST(RemoteSchemaCatalogsTest, ForKnowsWhatWasIntrospectedForWhichDefinition) {
  OneShotService service(R"({"data":)" + std::string(kIntrospection) + "}");
  RemoteSchemaCatalogs known;
  const metadata::Metadata metadata = WithRemoteSchemas("[" + Entry("rs", service.url()) + "]");
  RemoteSchemaCatalogs::Missing missing;
  EXPECT_TRUE(known.For(metadata, &missing).empty());
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(known.Find("rs"), nullptr);
  known.Merge(Introspect(missing));
  ASSERT_NE(known.Find("rs"), nullptr);
  EXPECT_TRUE(*known.Find("rs"));

  missing.clear();
  EXPECT_EQ(known.For(metadata, &missing).size(), 1u);
  EXPECT_TRUE(missing.empty());

  // A customization or a comment changes nothing the service answers; a header does.
  Json document = metadata.document();
  document["remote_schemas"][0]["definition"]["customization"] =
      Json::parse(R"({"type_names":{"prefix":"p_"}})");
  document["remote_schemas"][0]["comment"] = "c";
  EXPECT_EQ(known.For(*metadata::Metadata::FromJson(document), &missing).size(), 1u);
  EXPECT_TRUE(missing.empty());
  document["remote_schemas"][0]["definition"]["headers"][0]["value"] = "k2";
  EXPECT_TRUE(known.For(*metadata::Metadata::FromJson(document), &missing).empty());
  EXPECT_EQ(missing.size(), 1u);

  // A definition that cannot be read is its own Error, with nothing to introspect.
  ::unsetenv("RS_CATALOGS_TEST_UNSET");
  missing.clear();
  metadata::RemoteSchemaCatalogs catalogs =
      known.For(WithRemoteSchemas(
                    R"([{"name":"rs","definition":{"url_from_env":"RS_CATALOGS_TEST_UNSET"}}])"),
                &missing);
  EXPECT_TRUE(missing.empty());
  ASSERT_FALSE(catalogs.at("rs"));
  EXPECT_EQ(catalogs.at("rs").error().message,
            "environment variable 'RS_CATALOGS_TEST_UNSET' not set");

  known.Retain(WithRemoteSchemas("[]"));
  EXPECT_EQ(known.Find("rs"), nullptr);
}

}  // namespace
}  // namespace junction::server
