#include "metadata/catalog.h"

#include <algorithm>

namespace junction::metadata {

const CatalogColumn* CatalogTable::FindColumn(std::string_view column) const {
  const auto it = std::ranges::find(columns, column, &CatalogColumn::name);
  return it == columns.end() ? nullptr : &*it;
}

const CatalogTable* Catalog::FindTable(const QualifiedName& table) const {
  const auto it = tables.find(table);
  return it == tables.end() ? nullptr : &it->second;
}

}  // namespace junction::metadata
