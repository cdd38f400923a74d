#pragma once
// JsonWriter: builds JSON text straight into a string, in the order the caller writes it. The
// response path uses it so that memory follows the response (DESIGN.md §5): keys keep the query's
// order and raw fragments (JSON built by a database) are spliced in without being parsed.
//
//   JsonWriter w;
//   w.BeginObject(); w.Key("data"); w.BeginObject(); w.Key("n"); w.Int(1); w.EndObject(); w.EndObject();
//   w.str() == R"({"data":{"n":1}})"
//
// Commas are inserted automatically. The writer does not check that the calls form valid JSON
// beyond that; callers own the structure.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace junction {

class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Double(double value);
  void Bool(bool value);
  void Null();
  // Splices already-valid JSON text as one value.
  void Raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();

  std::string out_;
  // One entry per open container: true once it holds a member, so the next needs a comma.
  std::vector<bool> has_member_;
  bool after_key_ = false;
};

// Appends `value` to `out` as a quoted JSON string, escaping as RFC 8259 requires.
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace junction
