#pragma once
// SourceCatalogs: what the engine knows of each source's database (DESIGN.md §6: introspect each
// source into a catalog), remembered with the configuration it was read with, so a metadata change
// that leaves a source alone does not introspect it again. Introspection is the control plane's
// only I/O; resolving metadata against the catalogs is pure (schema::BuildSnapshot).
//
//   SourceCatalogs known = …;
//   SourceCatalogs::Missing missing;
//   metadata::Catalogs catalogs = known.For(metadata, &missing);    // pure
//   if (!missing.empty()) known.Merge(co_await SourceCatalogs::Introspect(missing, pools));
//
// A source that cannot be reached gets an Error as its catalog: it is an inconsistent object until
// a reload introspects it successfully.

#include <map>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "execute/source_pools.h"
#include "metadata/catalog.h"
#include "metadata/metadata.h"

namespace junction::server {

class SourceCatalogs {
 public:
  // Sources to introspect: name → the source's metadata entry.
  using Missing = std::map<std::string, metadata::Json, std::less<>>;

  // The catalogs of `metadata`'s Postgres sources that are known for their current
  // configuration. The other Postgres sources are added to `missing` (when not null).
  metadata::Catalogs For(const metadata::Metadata& metadata, Missing* missing) const;

  // The catalogs of `sources`, introspected concurrently through `pools`, which must have been
  // made for them (SourcePools::Update).
  static boost::asio::awaitable<SourceCatalogs> Introspect(const Missing& sources,
                                                          const execute::SourcePools& pools);

  // The last catalog read from `source` (whatever configuration it was read with); null when it
  // was never read or could not be.
  const metadata::Catalog* Find(std::string_view source) const;

  // Forgets the sources `metadata` no longer has.
  void Retain(const metadata::Metadata& metadata);

  // Takes the entries of `fresh`, replacing those of the same sources.
  void Merge(SourceCatalogs fresh);

 private:
  struct Entry {
    metadata::Json configuration;
    Result<metadata::Catalog> catalog;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace junction::server
