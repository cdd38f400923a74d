#pragma once
// Test support for the source, table and relationship commands: runs /v1/metadata bodies against
// a Metadata the fixture keeps, with the engine's two callbacks played by catalogs the test writes
// (metadata/ sits below schema/, so schema::FindInconsistentObjects cannot be linked here). The
// stand-in reports, with reasons worded like Hasura's:
//   a source with no catalog                    "Inconsistent object: could not connect to source"
//   a tracked table its catalog lacks           "Inconsistent object: no such table/view exists
//                                                in source: \"t\""
//   an object relationship on a column with no foreign key, or one pointing to an untracked table.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "metadata/commands.h"
#include "metadata/json_text.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {

class CommandFixture : public testing::Test {
 protected:
  CommandFixture() {
    context_.find_inconsistent_objects = [this](const Metadata& m) { return Inconsistent(m); };
    context_.find_catalog = [this](std::string_view source) { return FindCatalog(source); };
  }

  Result<MetadataResponse> Run(std::string_view body) {
    Result<Json> json = ParseJsonText(body);
    EXPECT_TRUE(json) << body;
    Result<MetadataResponse> response = RunMetadataRequest(current_, *json, context_);
    if (response && response->modified) current_ = response->metadata;
    return response;
  }

  std::string Ok(std::string_view body) {
    Result<MetadataResponse> response = Run(body);
    EXPECT_TRUE(response) << body << " → " << response.error().path << " "
                          << response.error().message;
    return response ? DumpJson(response->body) : "";
  }

  Error Fails(std::string_view body) {
    const Metadata before = current_;
    Result<MetadataResponse> response = Run(body);
    EXPECT_FALSE(response) << body;
    EXPECT_EQ(current_, before) << "a failed request changed the metadata";
    return response ? Error() : response.error();
  }

  // The sources section of the current document, as text.
  std::string Sources() const { return DumpJson(current_.sources()); }

  // A source "default" whose database has public.authors(id, name), public.books(id, author_id →
  // authors.id, title) and library.shelves(id).
  void AddLibrary() {
    Catalog& catalog = catalogs_["default"];
    catalog.tables[{"public", "authors"}] = Table({"public", "authors"}, {"id", "name"}, {});
    catalog.tables[{"public", "books"}] =
        Table({"public", "books"}, {"id", "author_id", "title"},
              {ForeignKey{"books_author_id_fkey", {"public", "authors"}, {{"author_id", "id"}}}});
    catalog.tables[{"library", "shelves"}] = Table({"library", "shelves"}, {"id"}, {});
    Ok(R"({"type":"pg_add_source","args":{"name":"default",)"
       R"("configuration":{"connection_info":{"database_url":"postgres://db"}}}})");
  }

  // AddLibrary, with public.authors and public.books tracked.
  void AddTrackedLibrary() {
    AddLibrary();
    Ok(R"({"type":"bulk","args":[{"type":"pg_track_table","args":{"table":"authors"}},)"
       R"({"type":"pg_track_table","args":{"table":"books"}}]})");
  }

  // The table entry of public.<name> in the first source, as text ("" when not tracked).
  std::string TrackedTable(std::string_view name) const {
    for (const Json& table : current_.sources()[0]["tables"]) {
      if (table["table"]["name"] == name) return DumpJson(table);
    }
    return "";
  }

  static CatalogTable Table(QualifiedName name, std::vector<std::string> columns,
                            std::vector<ForeignKey> keys) {
    CatalogTable table;
    table.name = std::move(name);
    for (size_t i = 0; i < columns.size(); ++i) {
      CatalogColumn column;
      column.name = columns[i];
      column.position = static_cast<int>(i + 1);
      column.type = "int4";
      table.columns.push_back(std::move(column));
    }
    table.foreign_keys = std::move(keys);
    return table;
  }

  Metadata current_;
  CommandContext context_;
  std::map<std::string, Catalog, std::less<>> catalogs_;
  bool catalog_visible_ = true;  // whether context_.find_catalog answers

 private:
  const Catalog* FindCatalog(std::string_view source) const {
    const auto it = catalogs_.find(source);
    return catalog_visible_ && it != catalogs_.end() ? &it->second : nullptr;
  }

  std::vector<InconsistentObject> Inconsistent(const Metadata& metadata) const {
    std::vector<InconsistentObject> objects;
    for (size_t i = 0; i < metadata.sources().size(); ++i) {
      const Json& source = metadata.sources()[i];
      const std::string name = source["name"].get<std::string>();
      const auto catalog = catalogs_.find(name);
      if (catalog == catalogs_.end()) {
        objects.push_back({"source", SourceObjectName(name),
                           "Inconsistent object: could not connect to source", source, "sources", i,
                           ""});
        continue;
      }
      AddTableInconsistencies(source, i, catalog->second, objects);
    }
    return objects;
  }

  void AddTableInconsistencies(const Json& source, size_t index, const Catalog& catalog,
                               std::vector<InconsistentObject>& objects) const {
    const std::string name = source["name"].get<std::string>();
    const Json& tables = source["tables"];
    for (size_t t = 0; t < tables.size(); ++t) {
      const QualifiedName table = EntryTableName(tables[t]);
      const std::string pointer = "/tables/" + std::to_string(t);
      if (catalog.FindTable(table) == nullptr) {
        objects.push_back({"table", TableObjectName(name, table),
                           "Inconsistent object: no such table/view exists in source: " +
                               Quoted(TableText(table)),
                           tables[t]["table"], "sources", index, pointer});
        continue;
      }
      const auto relationships = tables[t].find("object_relationships");
      if (relationships == tables[t].end()) continue;
      for (size_t r = 0; r < relationships->size(); ++r) {
        const Json& relationship = (*relationships)[r];
        const std::string reason = RelationshipProblem(source, table, relationship, catalog);
        if (reason.empty()) continue;
        objects.push_back(
            {"object_relation",
             RelationshipObjectName(name, table, "object", relationship["name"].get<std::string>()),
             "Inconsistent object: " + reason, relationship, "sources", index,
             pointer + "/object_relationships/" + std::to_string(r)});
      }
    }
  }

  std::string RelationshipProblem(const Json& source, const QualifiedName& table,
                                  const Json& relationship, const Catalog& catalog) const {
    CommandContext lookup;
    lookup.find_catalog = [&catalog](std::string_view) { return &catalog; };
    const std::optional<QualifiedName> target =
        RelationshipTarget(relationship, source["name"].get<std::string>(), table, lookup);
    if (!target) return "no foreign constraint exists on the given column";
    Json copy = source;
    if (FindTable(copy, *target) == nullptr) {
      return "table " + Quoted(TableText(*target)) + " is not tracked";
    }
    return "";
  }
};

}  // namespace junction::metadata
