#include "execute/remote_join.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "backends/postgres/translate.h"
#include "backends/remote_graphql/translate.h"
#include "backends/sql/translate_common.h"
#include "backends/sqlite/translate.h"
#include "common/json_cursor.h"
#include "common/when_all.h"
#include "execute/run_statement.h"

namespace junction::execute {
namespace {

namespace asio = boost::asio;

// The argument of an object whose join key has a null: the field is null, nothing is sent. Also
// the slot of an object without the join's placeholder, which Stitch never reads.
constexpr int64_t kNullKey = -1;
// A slot whose placeholder Collect has met in the object it is reading.
constexpr int64_t kPlaced = -2;

// What one RemoteJoin collects from a value, and what its target answers.
struct JoinBatch {
  const plan::RemoteJoin* join = nullptr;
  // A key tuple (its values' JSON texts, comma-separated) → its argument id.
  std::unordered_map<std::string, int64_t> ids;
  // Argument id → the JSON texts of its key values (views into the value being joined), in the
  // order of the relationship's mapping.
  std::vector<std::vector<std::string_view>> arguments;
  // Argument id → the joined value, when the target answered one.
  std::vector<std::optional<std::string>> values;
};

Error Unexpected(const std::string& message) { return Error(ErrorCode::kUnexpected, message); }

const plan::JoinTree* ChildOf(const plan::JoinTree& tree, std::string_view key) {
  for (const plan::ChildJoins& child : tree.children) {
    if (child.key == key) return &child.tree;
  }
  return nullptr;
}

const plan::RemoteJoin* JoinAt(const plan::JoinTree& tree, std::string_view key) {
  for (const plan::RemoteJoin& join : tree.joins) {
    if (join.alias == key) return &join;
  }
  return nullptr;
}

bool IsJoinKey(const plan::JoinTree& tree, std::string_view key) {
  return std::ranges::any_of(tree.joins, [&](const plan::RemoteJoin& join) {
    return std::ranges::find(join.keys, key) != join.keys.end();
  });
}

bool IsPhantom(const plan::JoinTree& tree, std::string_view key) {
  return std::ranges::find(tree.phantoms, key) != tree.phantoms.end();
}

// A join key of an object and the JSON text of its value.
using KeyValue = std::pair<std::string_view, std::string_view>;

// The remote joins of one value: collected, then stitched, in the same walk order (every object
// the tree reaches takes a slot per join of its level, in document order).
class ValueJoins {
 public:
  explicit ValueJoins(const plan::JoinTree& tree) { AddBatches(tree); }

  std::vector<JoinBatch>& batches() { return batches_; }

  Status Collect(JsonCursor& in, const plan::JoinTree& tree) {
    const char next = in.Peek();
    if (next == '[') return Elements(in, [&] { return Collect(in, tree); });
    if (next != '{') return Skip(in);  // null: nothing to join
    in.BeginObject();
    const size_t slot = slots_.size();
    slots_.resize(slot + tree.joins.size(), kNullKey);
    // This object's join keys are keys_[begin, end): objects nested in it push theirs after and
    // take them off again, so one vector serves the whole walk without allocating per object.
    const size_t begin = keys_.size();
    bool first = true;
    for (;;) {
      Result<std::optional<std::string_view>> key = in.NextKey(&first);
      if (!key) return std::move(key).error();
      if (!*key) break;
      if (const plan::JoinTree* child = ChildOf(tree, **key)) {
        if (Status collected = Collect(in, *child); !collected) return collected;
        continue;
      }
      if (const plan::RemoteJoin* join = JoinAt(tree, **key)) {
        slots_[slot + (join - tree.joins.data())] = kPlaced;
      }
      Result<std::string_view> value = in.Value();
      if (!value) return std::move(value).error();
      if (IsJoinKey(tree, **key)) keys_.emplace_back(**key, *value);
    }
    const std::span<const KeyValue> keys(keys_.data() + begin, keys_.size() - begin);
    for (size_t j = 0; j < tree.joins.size(); ++j) {
      // An object without the placeholder is not one the join applies to (a union's other
      // members): it takes no part, and keeps kNullKey.
      if (slots_[slot + j] != kPlaced) continue;
      Result<int64_t> id = Argument(tree.joins[j], keys);
      if (!id) return std::move(id).error();
      slots_[slot + j] = *id;
    }
    keys_.resize(begin);
    return {};
  }

  Status Stitch(JsonCursor& in, const plan::JoinTree& tree, std::string& out) {
    const char next = in.Peek();
    if (next == '[') {
      out += '[';
      bool any = false;
      Status stitched = Elements(in, [&] {
        if (std::exchange(any, true)) out += ',';
        return Stitch(in, tree, out);
      });
      out += ']';
      return stitched;
    }
    if (next != '{') return Copy(in, out);
    in.BeginObject();
    const size_t slot = next_slot_;
    next_slot_ += tree.joins.size();
    out += '{';
    bool any = false;
    bool first = true;
    for (;;) {
      Result<std::optional<std::string_view>> key = in.NextKey(&first);
      if (!key) return std::move(key).error();
      if (!*key) break;
      if (IsPhantom(tree, **key)) {
        if (Status skipped = Skip(in); !skipped) return skipped;
        continue;
      }
      if (std::exchange(any, true)) out += ',';
      out += '"';
      out += **key;
      out += "\":";
      Status done;
      if (const plan::RemoteJoin* join = JoinAt(tree, **key)) {
        done = Skip(in);  // the placeholder
        out += Joined(*join, slots_[slot + (join - tree.joins.data())]);
      } else if (const plan::JoinTree* child = ChildOf(tree, **key)) {
        done = Stitch(in, *child, out);
      } else {
        done = Copy(in, out);
      }
      if (!done) return done;
    }
    out += '}';
    return {};
  }

 private:
  void AddBatches(const plan::JoinTree& tree) {
    for (const plan::RemoteJoin& join : tree.joins) {
      index_.emplace(&join, batches_.size());
      batches_.push_back(JoinBatch{&join, {}, {}, {}});
    }
    for (const plan::ChildJoins& child : tree.children) AddBatches(child.tree);
  }

  template <typename Each>
  static Status Elements(JsonCursor& in, Each each) {
    in.BeginArray();
    bool first = true;
    for (;;) {
      Result<bool> more = in.NextElement(&first);
      if (!more) return std::move(more).error();
      if (!*more) return {};
      if (Status done = each(); !done) return done;
    }
  }

  static Status Skip(JsonCursor& in) {
    Result<std::string_view> value = in.Value();
    if (!value) return std::move(value).error();
    return {};
  }

  static Status Copy(JsonCursor& in, std::string& out) {
    Result<std::string_view> value = in.Value();
    if (!value) return std::move(value).error();
    out += *value;
    return {};
  }

  // The argument id of an object's key tuple for `join` (new tuples get the next id). The tuple
  // of one integer key fits std::string's inline buffer: no allocation for a known key.
  Result<int64_t> Argument(const plan::RemoteJoin& join, std::span<const KeyValue> keys) {
    std::string tuple;
    for (const std::string& alias : join.keys) {
      const auto found = std::ranges::find(keys, std::string_view(alias), &KeyValue::first);
      if (found == keys.end()) {
        return Unexpected("a join column is missing from the response: " + alias);
      }
      if (found->second == "null") return kNullKey;
      if (!tuple.empty()) tuple += ',';
      tuple += found->second;
    }
    JoinBatch& batch = batches_[index_.at(&join)];
    const auto [entry, added] =
        batch.ids.emplace(std::move(tuple), static_cast<int64_t>(batch.arguments.size()));
    if (added) {
      std::vector<std::string_view>& values = batch.arguments.emplace_back();
      for (const std::string& alias : join.keys) {
        values.push_back(
            std::ranges::find(keys, std::string_view(alias), &KeyValue::first)->second);
      }
    }
    return entry->second;
  }

  // The JSON of `join`'s field for argument `id`.
  std::string_view Joined(const plan::RemoteJoin& join, int64_t id) const {
    if (id == kNullKey) return "null";
    const std::optional<std::string>& value =
        batches_[index_.at(&join)].values[static_cast<size_t>(id)];
    if (value) return *value;
    if (const auto* relation = std::get_if<ir::RemoteSchemaRelation>(&join.field.value)) {
      const auto& batch = relation->relationship->batch;
      return batch && batch->array ? "[]" : "null";
    }
    return std::holds_alternative<ir::ArrayRelation>(join.field.value) ? "[]" : "null";
  }

  std::vector<JoinBatch> batches_;
  std::unordered_map<const plan::RemoteJoin*, size_t> index_;
  std::vector<KeyValue> keys_;  // the join keys of the objects being read (Collect)
  std::vector<int64_t> slots_;  // argument ids, one per join per object, in document order
  size_t next_slot_ = 0;
};

// `statement` with the keys of arguments [begin, end) in its execution slots: their ids (unless
// keyed), then the values of each join column (TranslateRemoteJoin).
Result<backends::sql::Statement> WithKeys(backends::sql::Statement statement,
                                          const JoinBatch& batch, size_t begin, size_t end) {
  const schema::Relationship& relationship = *ir::RelationshipOf(batch.join->field);
  if (relationship.target->backend == schema::Backend::kSqlite ||
      relationship.target->backend == schema::Backend::kBigQuery) {
    // One JSON parameter holds every argument (backends/sqlite/translate.h,
    // backends/bigquery/translate.h).
    if (statement.execution_parameters.size() != 1) {
      return Unexpected("a remote join's statement does not take its keys");
    }
    statement.params[statement.execution_parameters[0]] =
        backends::sql::KeysJson(batch.arguments, begin, end);
    return statement;
  }
  const size_t columns = relationship.mapping.size();
  // A keyed join (backends/postgres KeyedJoinColumn) takes its one column's keys alone, in slot 0;
  // any other, the argument ids in slot 0 and each column's keys after.
  const bool keyed = backends::postgres::KeyedJoinColumn(batch.join->field) != nullptr;
  const size_t first_column_slot = keyed ? 0 : 1;
  if (statement.execution_parameters.size() != columns + first_column_slot) {
    return Unexpected("a remote join's statement does not take its keys");
  }
  if (!keyed) {
    std::string ids = "{";
    for (size_t id = begin; id < end; ++id) {
      if (id > begin) ids += ',';
      ids += std::to_string(id);
    }
    statement.params[statement.execution_parameters[0]] = ids + "}";
  }
  std::vector<std::string_view> values(end - begin);
  for (size_t column = 0; column < columns; ++column) {
    for (size_t id = begin; id < end; ++id) values[id - begin] = batch.arguments[id][column];
    const schema::Column* compared_with =
        relationship.target->FindColumnByName(relationship.mapping[column].second);
    if (compared_with == nullptr) return Unexpected("a remote join maps to an unknown column");
    Result<std::string> array = backends::postgres::KeyArrayText(values, *compared_with);
    if (!array) return std::move(array).error();
    statement.params[statement.execution_parameters[column + first_column_slot]] =
        std::move(*array);
  }
  return statement;
}

Error MalformedAnswer() {
  return Unexpected("a remote join's answer is not a list of [argument id, value]");
}

// One `[argument id, value]` of a join statement's answer, into `batch.values`.
Status ReadPair(JsonCursor& in, JoinBatch& batch) {
  if (!in.BeginArray()) return MalformedAnswer();
  bool first = true;
  std::string_view parts[2];
  for (std::string_view& part : parts) {
    Result<bool> more = in.NextElement(&first);
    if (!more || !*more) return MalformedAnswer();
    Result<std::string_view> text = in.Value();
    if (!text) return MalformedAnswer();
    part = *text;
  }
  Result<bool> more = in.NextElement(&first);
  if (!more || *more) return MalformedAnswer();
  size_t id = 0;
  const char* end = parts[0].data() + parts[0].size();
  const auto [stop, failure] = std::from_chars(parts[0].data(), end, id);
  if (failure != std::errc() || stop != end || id >= batch.values.size()) {
    return Unexpected("a remote join answered an unknown argument id");
  }
  batch.values[id] = std::string(parts[1]);
  return {};
}

// Reads a join statement's answer, [[argument id, value], …], into `batch.values`.
Status ReadAnswer(std::string_view answer, JoinBatch& batch) {
  JsonCursor in(answer);
  if (!in.BeginArray()) return Unexpected("a remote join's answer is not an array");
  bool first = true;
  for (;;) {
    Result<bool> more = in.NextElement(&first);
    if (!more) return std::move(more).error();
    if (!*more) return {};
    if (Status read = ReadPair(in, batch); !read) return read;
  }
}

// The argument of each key of a keyed answer (backends/postgres KeyedJoinColumn), where the key is
// the text the target writes for the value it matched. A parent value written as that very text —
// an integer, `7` on both sides — is the batch's own key: found in JoinBatch::ids as it is. Any
// other (a string, which the parent's JSON quotes; `"007"` read as an integer) is found through
// the text the target writes for each argument's key (JoinKeyText), computed the first time one
// is needed. Two arguments never share that text: relationships only join types of one family
// (schema/resolve_remote_relationships.cc), Postgres writes each value of these types one way, and
// SQLite's affinity stores '7' as 7 in an INTEGER column.
class KeyedArguments {
 public:
  KeyedArguments(const JoinBatch& batch, const schema::Column& column)
      : batch_(batch), column_(column) {}

  std::optional<size_t> Find(const std::string& key) {
    if (!key.starts_with('"')) {  // a JSON string never equals a key the target wrote
      if (const auto own = batch_.ids.find(key); own != batch_.ids.end()) {
        return static_cast<size_t>(own->second);
      }
    }
    if (!written_) {
      written_.emplace();
      written_->reserve(batch_.arguments.size());
      for (size_t id = 0; id < batch_.arguments.size(); ++id) {
        std::optional<std::string> text =
            backends::postgres::JoinKeyText(batch_.arguments[id].front(), column_);
        if (text) written_->emplace(std::move(*text), id);
      }
    }
    const auto found = written_->find(key);
    if (found == written_->end()) return std::nullopt;
    return found->second;
  }

 private:
  const JoinBatch& batch_;
  const schema::Column& column_;
  std::optional<std::unordered_map<std::string, size_t>> written_;
};

// Reads a keyed answer, {"<key>": value, …}, into `batch.values`. When the target has several
// rows of one key (an object relationship on a column that is not unique), the first is the
// argument's, as DISTINCT ON would choose in the other form.
Status ReadKeyedAnswer(std::string_view answer, KeyedArguments& arguments, JoinBatch& batch) {
  JsonCursor in(answer);
  if (!in.BeginObject()) return Unexpected("a remote join's answer is not an object");
  bool first = true;
  for (;;) {
    Result<std::optional<std::string_view>> key = in.NextKey(&first);
    if (!key) return std::move(key).error();
    if (!*key) return {};
    Result<std::string_view> value = in.Value();
    if (!value) return std::move(value).error();
    std::string text(**key);
    if (text.find('\\') != std::string::npos) {
      const auto decoded = nlohmann::json::parse('"' + text + '"', nullptr, false);
      if (!decoded.is_string()) return Unexpected("a remote join answered a malformed key");
      text = decoded.get<std::string>();
    }
    const std::optional<size_t> id = arguments.Find(text);
    if (!id) return Unexpected("a remote join answered an unknown key");
    std::optional<std::string>& slot = batch.values[*id];
    if (!slot) slot = std::string(*value);
  }
}

// Reads a database's answer to `batch` into its values, in the form its statement answers.
Status ReadDatabaseAnswer(std::string_view answer, std::optional<KeyedArguments>& keyed,
                          JoinBatch& batch) {
  return keyed ? ReadKeyedAnswer(answer, *keyed, batch) : ReadAnswer(answer, batch);
}

// The KeyedArguments of `batch` when its statement answers keyed.
std::optional<KeyedArguments> KeyedArgumentsOf(const JoinBatch& batch) {
  const schema::Column* column = backends::postgres::KeyedJoinColumn(batch.join->field);
  if (column == nullptr) return std::nullopt;
  return std::optional<KeyedArguments>(std::in_place, batch, *column);
}

asio::awaitable<Status> Fetch(JoinBatch& batch, const JoinContext& context);

// Runs the joins nested in a RemoteJoin over all of its answers at once.
asio::awaitable<Status> JoinNested(JoinBatch& batch, const JoinContext& context) {
  std::string answers = "[";
  for (const std::optional<std::string>& value : batch.values) {
    if (!value) continue;
    if (answers.size() > 1) answers += ',';
    answers += *value;
  }
  answers += ']';
  Result<std::string> joined =
      co_await RunRemoteJoins(std::move(answers), batch.join->tree, context);
  if (!joined) co_return std::move(joined).error();
  JsonCursor in(*joined);
  in.BeginArray();
  bool first = true;
  for (std::optional<std::string>& value : batch.values) {
    if (!value) continue;
    Result<bool> more = in.NextElement(&first);
    Result<std::string_view> text = in.Value();
    if (!more || !*more || !text) co_return Unexpected("nested remote joins lost an answer");
    *value = std::string(*text);
  }
  co_return Status();
}

// One request of a relationship to a remote schema, for arguments [begin, end).
asio::awaitable<Result<std::string>> CallRemoteJoin(const ir::RemoteSchemaRelation& relation,
                                                    const JoinBatch& batch,
                                                    const JoinContext& context,
                                                    const std::string& path, size_t begin,
                                                    size_t end) {
  Result<backends::remote_graphql::GraphqlRequest> request =
      backends::remote_graphql::TranslateJoin(relation, batch.arguments, begin, end);
  if (!request) co_return std::move(request).error();
  if (context.remote == nullptr) co_return Unexpected("no client to call remote schemas");
  Result<nlohmann::ordered_json> body =
      co_await CallRemote(*relation.relationship->target, *request, *context.remote, path);
  if (!body) co_return std::move(body).error();
  const auto errors = body->find("errors");
  if (errors != body->end() && !errors->is_null()) {
    co_return Error(ErrorCode::kUnexpected, "Errors from remote server", path,
                    nlohmann::ordered_json{{"errors", *errors}});
  }
  const auto data = body->find("data");
  if (data == body->end()) {
    co_return Error(ErrorCode::kUnexpected, "\"data\" field not found in remote response", path);
  }
  Result<std::string> answers =
      backends::remote_graphql::JoinAnswers(relation, *data, batch.arguments, begin, end);
  if (!answers) co_return Error(answers.error().code, answers.error().message, path);
  co_return answers;
}

// How many arguments one statement of `join` takes: --remote-join-batch-size, and on a BigQuery
// target at most its global_select_limit, which bounds every answer BigQuery gives a source: a
// larger key set is split into several jobs. (Hasura sends one job whose LIMIT drops the keys
// past it; Junction's statement reads every key it is given, so nothing is cut short either way.)
size_t BatchSize(const plan::RemoteJoin& join, const JoinContext& context) {
  const schema::Relationship* relationship = ir::RelationshipOf(join.field);
  if (relationship == nullptr || !relationship->target->global_select_limit) {
    return context.batch_size;
  }
  return std::min(context.batch_size, static_cast<size_t>(std::max<int64_t>(
                                          1, *relationship->target->global_select_limit)));
}

// The answers of a relationship to a remote schema: one request per `batch_size` arguments.
asio::awaitable<std::vector<Result<std::string>>> FetchRemote(
    const ir::RemoteSchemaRelation& relation, JoinBatch& batch, const JoinContext& context) {
  const plan::RemoteJoin& join = *batch.join;
  const size_t count = batch.arguments.size();
  const size_t size = std::max<size_t>(1, context.batch_size);
  std::vector<asio::awaitable<Result<std::string>>> calls;
  for (size_t begin = 0; begin < count; begin += size) {
    calls.push_back(
        CallRemoteJoin(relation, batch, context, join.path, begin, std::min(count, begin + size)));
  }
  if (calls.size() == 1) {
    std::vector<Result<std::string>> answers;
    answers.push_back(co_await std::move(calls.front()));
    co_return answers;
  }
  co_return co_await WhenAll(std::move(calls));
}

asio::awaitable<Status> Fetch(JoinBatch& batch, const JoinContext& context) {
  const plan::RemoteJoin& join = *batch.join;
  if (const auto* relation = std::get_if<ir::RemoteSchemaRelation>(&join.field.value)) {
    std::vector<Result<std::string>> answers = co_await FetchRemote(*relation, batch, context);
    batch.values.resize(batch.arguments.size());
    for (Result<std::string>& answer : answers) {
      if (!answer) co_return std::move(answer).error();
      if (Status read = ReadAnswer(*answer, batch); !read) co_return read;
    }
    if (join.tree.empty()) co_return Status();
    co_return co_await JoinNested(batch, context);
  }
  const backends::sql::Statement& prepared = context.statements.at(join.statement);
  const size_t count = batch.arguments.size();
  const size_t size = std::max<size_t>(1, BatchSize(join, context));
  std::vector<backends::sql::Statement> statements;
  for (size_t begin = 0; begin < count; begin += size) {
    Result<backends::sql::Statement> statement =
        WithKeys(prepared, batch, begin, std::min(count, begin + size));
    if (!statement) co_return std::move(statement).error();
    statements.push_back(std::move(statement).value());
  }
  std::vector<asio::awaitable<Result<std::string>>> runs;
  for (const backends::sql::Statement& statement : statements) {
    runs.push_back(
        RunStatement(context.pools, join.source, statement, join.path, context.on_statement));
  }
  std::vector<Result<std::string>> answers;
  if (runs.size() == 1) {
    answers.push_back(co_await std::move(runs.front()));
  } else {
    answers = co_await WhenAll(std::move(runs));
  }
  batch.values.resize(count);
  std::optional<KeyedArguments> keyed = KeyedArgumentsOf(batch);
  for (Result<std::string>& answer : answers) {
    if (!answer) co_return std::move(answer).error();
    if (Status read = ReadDatabaseAnswer(*answer, keyed, batch); !read) co_return read;
  }
  if (join.tree.empty()) co_return Status();
  co_return co_await JoinNested(batch, context);
}

}  // namespace

asio::awaitable<Result<std::string>> RunRemoteJoins(std::string value, const plan::JoinTree& tree,
                                                    const JoinContext& context) {
  if (tree.empty()) co_return value;
  ValueJoins joins(tree);
  JsonCursor collecting(value);
  if (Status collected = joins.Collect(collecting, tree); !collected) {
    co_return std::move(collected).error();
  }
  std::vector<asio::awaitable<Status>> fetches;
  for (JoinBatch& batch : joins.batches()) {
    if (!batch.arguments.empty()) fetches.push_back(Fetch(batch, context));
  }
  std::vector<Status> fetched;
  if (fetches.size() == 1) {
    fetched.push_back(co_await std::move(fetches.front()));
  } else {
    fetched = co_await WhenAll(std::move(fetches));
  }
  for (Status& status : fetched) {
    if (!status) co_return std::move(status).error();
  }
  std::string out;
  out.reserve(value.size());
  JsonCursor stitching(value);
  if (Status stitched = joins.Stitch(stitching, tree, out); !stitched) {
    co_return std::move(stitched).error();
  }
  co_return out;
}

Result<std::string> JoinWithAnswers(std::string_view value, const plan::JoinTree& tree,
                                    const AnswerJoin& answer) {
  ValueJoins joins(tree);
  JsonCursor collecting(value);
  if (Status collected = joins.Collect(collecting, tree); !collected) {
    return std::move(collected).error();
  }
  for (JoinBatch& batch : joins.batches()) {
    if (!batch.join->tree.empty()) return Unexpected("nested remote joins need the databases");
    batch.values.resize(batch.arguments.size());
    if (batch.arguments.empty()) continue;
    std::optional<KeyedArguments> keyed = KeyedArgumentsOf(batch);
    if (Status read = ReadDatabaseAnswer(answer(*batch.join, batch.arguments), keyed, batch);
        !read) {
      return std::move(read).error();
    }
  }
  std::string out;
  out.reserve(value.size());
  JsonCursor stitching(value);
  if (Status stitched = joins.Stitch(stitching, tree, out); !stitched) {
    return std::move(stitched).error();
  }
  return out;
}

}  // namespace junction::execute
