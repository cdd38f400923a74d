#include "execute/remote_filters.h"

#include <vector>

#include <nlohmann/json.hpp>

#include "execute/execute.h"

namespace junction::execute {
namespace {

namespace asio = boost::asio;

// Collects the remote filters of a plan's IR: in every boolean expression a query holds (its
// rows' filters, the filters of its sort keys), at every level, remote joins included.
class Collector {
 public:
  std::vector<const ir::RemoteExists*> found;

  void Visit(const ir::BoolExp& exp) {
    if (const auto* all = std::get_if<ir::And>(&exp.node)) {
      for (const ir::BoolExp& operand : all->operands) Visit(operand);
    } else if (const auto* any = std::get_if<ir::Or>(&exp.node)) {
      for (const ir::BoolExp& operand : any->operands) Visit(operand);
    } else if (const auto* negation = std::get_if<ir::Not>(&exp.node)) {
      Visit(*negation->operand);
    } else if (const auto* exists = std::get_if<ir::Exists>(&exp.node)) {
      Visit(*exists->where);
    } else if (const auto* exists_table = std::get_if<ir::ExistsTable>(&exp.node)) {
      Visit(*exists_table->where);
    } else if (const auto* remote = std::get_if<ir::RemoteExists>(&exp.node)) {
      found.push_back(remote);
    }
  }

  void Visit(const ir::SelectArgs& args) {
    if (args.where) Visit(*args.where);
    for (const ir::OrderBy& key : args.order_by) {
      for (const auto& filter : key.path_filters) {
        if (filter != nullptr) Visit(*filter);
      }
      const auto* aggregate = std::get_if<ir::OrderByAggregate>(&key.target);
      if (aggregate != nullptr && aggregate->filter != nullptr) Visit(*aggregate->filter);
    }
  }

  void Visit(const std::vector<ir::Field>& fields) {
    for (const ir::Field& field : fields) Visit(field);
  }

  void Visit(const ir::Field& field) {
    if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
      Visit(object->select);
    } else if (const auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
      Visit(array->select);
    } else if (const auto* aggregate = std::get_if<ir::ArrayAggregate>(&field.value)) {
      Visit(aggregate->select);
    }
  }

  void Visit(const ir::Select& select) {
    Visit(select.args);
    Visit(select.fields);
  }

  void Visit(const ir::AggregateSelect& aggregate) {
    Visit(aggregate.args);
    if (aggregate.nodes_args) Visit(*aggregate.nodes_args);
    for (const ir::AggregateField& field : aggregate.fields) {
      if (const auto* nodes = std::get_if<ir::Nodes>(&field.value)) Visit(nodes->fields);
    }
  }

  void Visit(const plan::JoinTree& tree) {
    for (const plan::RemoteJoin& join : tree.joins) {
      Visit(join.field);
      Visit(join.tree);
    }
    for (const plan::ChildJoins& child : tree.children) Visit(child.tree);
  }

  void Visit(const plan::Plan& plan) {
    for (const plan::RootEntry& entry : plan.root) {
      // A remote schema's answer holds tables only through its remote joins.
      if (const auto* remote = std::get_if<plan::RemoteStep>(&entry.value)) Visit(remote->joins);
      const auto* step = std::get_if<plan::Step>(&entry.value);
      if (step == nullptr) continue;
      if (step->field.kind == ir::RootField::Kind::kSelectAggregate) {
        Visit(step->field.aggregate);
      } else {
        Visit(step->field.select);
      }
      Visit(step->joins);
    }
  }
};

std::vector<const ir::RemoteExists*> RemoteFilters(const plan::Plan& plan) {
  Collector collector;
  collector.Visit(plan);
  return std::move(collector.found);
}

// The keys a lookup answered: its rows' "k0", "k1", … as arrays.
Result<std::vector<nlohmann::ordered_json>> KeyRows(const std::string& json, size_t columns) {
  const nlohmann::ordered_json rows = nlohmann::ordered_json::parse(json, nullptr, false);
  if (!rows.is_array()) {
    return Error(ErrorCode::kUnexpected, "a remote permission filter's lookup is not a list");
  }
  std::vector<nlohmann::ordered_json> keys;
  keys.reserve(rows.size());
  for (const nlohmann::ordered_json& row : rows) {
    if (!row.is_object()) {
      return Error(ErrorCode::kUnexpected, "a remote permission filter's lookup row is no object");
    }
    nlohmann::ordered_json key = nlohmann::ordered_json::array();
    for (size_t i = 0; i < columns; ++i) {
      const auto value = row.find("k" + std::to_string(i));
      key.push_back(value == row.end() ? nlohmann::ordered_json() : *value);
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace

bool HasRemoteFilters(const plan::Plan& plan) { return !RemoteFilters(plan).empty(); }

asio::awaitable<Status> ResolveRemoteFilters(const plan::Plan& plan, const SourcePools& pools,
                                             const StatementObserver& observer) {
  for (const ir::RemoteExists* filter : RemoteFilters(plan)) {
    Result<backends::sql::Statement> statement = TranslateRootField(*filter->lookup);
    if (!statement) co_return std::move(statement).error();
    Result<std::string> json =
        co_await RunStatement(pools, filter->lookup->source, *statement, "$", observer);
    if (!json) co_return std::move(json).error();
    auto rows = KeyRows(*json, filter->columns.size());
    if (!rows) co_return std::move(rows).error();
    filter->keys->rows = std::move(rows).value();
    filter->keys->resolved = true;
  }
  co_return Status();
}

}  // namespace junction::execute
