#pragma once
// RemoteSchemaCatalogs: what the engine knows of each remote schema — the answer of its service to
// the introspection query and the schema built from it — remembered with the definition it was
// read with (URL, headers and timeout, environment read), so a metadata change that leaves a
// remote schema alone does not introspect it again (a changed customization does not either:
// the service answers the same). The counterpart of SourceCatalogs
// (source_catalogs.h): introspection is the control plane's I/O, resolving is pure.
//
//   RemoteSchemaCatalogs known = …;
//   RemoteSchemaCatalogs::Missing missing;
//   metadata::RemoteSchemaCatalogs catalogs = known.For(metadata, &missing);    // pure
//   if (!missing.empty()) known.Merge(co_await RemoteSchemaCatalogs::Introspect(missing));
//
// A remote schema that cannot be introspected gets an Error as its catalog, with Hasura's message
// and code remote-schema-error: "HTTP exception occurred while sending the request to
// \"http://…\"" (unreachable, timed out; `internal` says what failed), "Error in $: …" for an
// answer that is not JSON or has no data.__schema, or what graphql::BuildClientSchema found
// wrong. It is an inconsistent object until a reload introspects it successfully. An entry whose
// definition cannot be read (an unset environment variable) gets that Error without any I/O.

#include <map>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "metadata/metadata.h"
#include "metadata/remote_schema.h"

namespace junction::server {

class RemoteSchemaCatalogs {
 public:
  // Remote schemas to introspect: name → its remote_schemas entry.
  using Missing = std::map<std::string, metadata::Json, std::less<>>;

  // The catalogs of `metadata`'s remote schemas that are known for their current definition (and
  // the Errors of those whose definition cannot be read). The others are added to `missing` (when
  // not null).
  metadata::RemoteSchemaCatalogs For(const metadata::Metadata& metadata, Missing* missing) const;

  // The catalogs of `remote_schemas`, introspected concurrently, each bounded by its
  // timeout_seconds.
  static boost::asio::awaitable<RemoteSchemaCatalogs> Introspect(const Missing& remote_schemas);

  // The last catalog (or Error) read for remote schema `name`, whatever definition it was read
  // with; null when it was never read.
  const Result<metadata::RemoteSchemaCatalog>* Find(std::string_view name) const;

  // Forgets the remote schemas `metadata` no longer has, and the catalogs read with definitions
  // it no longer uses.
  void Retain(const metadata::Metadata& metadata);

  // Takes the entries of `fresh`, replacing those of the same remote schemas read with the same
  // definitions.
  void Merge(RemoteSchemaCatalogs fresh);

 private:
  struct Entry {
    metadata::RemoteSchemaDefinition definition;
    Result<metadata::RemoteSchemaCatalog> catalog;
  };
  // Per remote schema, the catalogs read with each definition, the latest last: while a change
  // is checked, the metadata before it and the metadata after it are resolved side by side.
  std::map<std::string, std::vector<Entry>, std::less<>> entries_;

  // The entry of `name` read with `definition` (or one the service answers the same), or null.
  const Entry* FindEntry(std::string_view name,
                         const metadata::RemoteSchemaDefinition& definition) const;
};

}  // namespace junction::server
