#include "backends/sqlite/functions.h"

#include <regex.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

namespace junction::backends::sqlite {
namespace {

constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

// A compiled pattern, kept across rows as the pattern argument's auxiliary data.
struct CompiledPattern {
  regex_t regex;
  int flags = 0;
  bool compiled = false;  // regcomp succeeded: regex holds memory to free
  ~CompiledPattern() {
    if (compiled) regfree(&regex);
  }
};

void DeletePattern(void* pattern) { delete static_cast<CompiledPattern*>(pattern); }

// Copies the bracket expression opening at pattern[i] (a '[') to `ere` as it is, and returns the
// index of its closing ']' (or of the pattern's last character). A leading '^', a ']' first in
// the list and the ']' of a [:class:] belong to the expression.
size_t CopyBracketExpression(std::string_view pattern, size_t i, std::string& ere) {
  ere += pattern[i];
  if (i + 1 < pattern.size() && pattern[i + 1] == '^') ere += pattern[++i];
  if (i + 1 < pattern.size() && pattern[i + 1] == ']') ere += pattern[++i];
  while (++i < pattern.size()) {
    if (pattern[i] == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      if (const size_t end = pattern.find(":]", i + 2); end != std::string_view::npos) {
        ere.append(pattern.substr(i, end + 2 - i));
        i = end + 1;
        continue;
      }
    }
    ere += pattern[i];
    if (pattern[i] == ']') return i;
  }
  return pattern.size() - 1;
}

// Postgres's class escapes POSIX EREs lack: \d → [0-9], \D → [^0-9] (outside brackets; glibc
// already knows \w \W \s \S).
std::string TranslateRegex(std::string_view pattern) {
  std::string ere;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      if (next == 'd') {
        ere += "[0-9]";
      } else if (next == 'D') {
        ere += "[^0-9]";
      } else {
        ere += c;
        ere += next;
      }
    } else if (c == '[') {
      i = CopyBracketExpression(pattern, i, ere);
    } else {
      ere += c;
    }
  }
  return ere;
}

// SQL's SIMILAR TO pattern → a POSIX ERE matching the whole value, by Postgres's rules
// (similar_escape): % → .*, _ → ., `.` `^` `$` literal, \x the literal x, bracket expressions
// copied as they are, the rest (| * + ? {m,n} ( )) as in an ERE.
std::string TranslateSimilar(std::string_view pattern) {
  static constexpr std::string_view kSpecial = ".[](){}*+?|^$\\";
  std::string ere = "^(";
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      if (kSpecial.find(next) != std::string_view::npos) ere += '\\';
      ere += next;
    } else if (c == '%') {
      ere += ".*";
    } else if (c == '_') {
      ere += '.';
    } else if (c == '.' || c == '^' || c == '$') {
      ere += '\\';
      ere += c;
    } else if (c == '[') {
      i = CopyBracketExpression(pattern, i, ere);
    } else {
      ere += c;
    }
  }
  return ere + ")$";
}

// Matches argv[0] against the pattern in argv[1] (translated by `translate`), compiling it once
// per statement. NULL when an argument is NULL.
void Match(sqlite3_context* context, sqlite3_value** argv, bool case_insensitive,
           std::string (*translate)(std::string_view)) {
  const auto* value = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const auto* pattern = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  if (value == nullptr || pattern == nullptr) {
    sqlite3_result_null(context);
    return;
  }
  const int flags = REG_EXTENDED | REG_NOSUB | (case_insensitive ? REG_ICASE : 0);
  auto* cached = static_cast<CompiledPattern*>(sqlite3_get_auxdata(context, 1));
  std::unique_ptr<CompiledPattern> compiled;
  if (cached == nullptr || cached->flags != flags) {
    compiled = std::make_unique<CompiledPattern>();
    compiled->flags = flags;
    const std::string ere = translate(pattern);
    if (const int failed = regcomp(&compiled->regex, ere.c_str(), flags); failed != 0) {
      char message[256];
      regerror(failed, &compiled->regex, message, sizeof message);
      const std::string error = std::string("invalid regular expression: ") + message;
      sqlite3_result_error(context, error.c_str(), -1);
      return;
    }
    compiled->compiled = true;
    cached = compiled.get();
  }
  sqlite3_result_int(context, regexec(&cached->regex, value, 0, nullptr, 0) == 0 ? 1 : 0);
  // Last: SQLite may free the pattern inside sqlite3_set_auxdata.
  if (compiled) sqlite3_set_auxdata(context, 1, compiled.release(), DeletePattern);
}

void Regex(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[2]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  Match(context, argv, sqlite3_value_int(argv[2]) != 0, TranslateRegex);
}

void Similar(sqlite3_context* context, int, sqlite3_value** argv) {
  Match(context, argv, /*case_insensitive=*/false, TranslateSimilar);
}

// Variance and standard deviation, Welford's online algorithm (numerically stable in one pass).
enum class Statistic { kVarSamp, kVarPop, kStddevSamp, kStddevPop };

struct Moments {
  int64_t count;
  double mean;
  double m2;  // the sum of squared differences from the mean
};

void StatisticStep(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* moments = static_cast<Moments*>(sqlite3_aggregate_context(context, sizeof(Moments)));
  if (moments == nullptr) {
    sqlite3_result_error_nomem(context);
    return;
  }
  const double x = sqlite3_value_double(argv[0]);
  ++moments->count;
  const double delta = x - moments->mean;
  moments->mean += delta / static_cast<double>(moments->count);
  moments->m2 += delta * (x - moments->mean);
}

void StatisticFinal(sqlite3_context* context) {
  const auto statistic = *static_cast<const Statistic*>(sqlite3_user_data(context));
  // Zero bytes: no allocation when no row was aggregated (then the context is null).
  const auto* moments = static_cast<const Moments*>(sqlite3_aggregate_context(context, 0));
  const bool sample = statistic == Statistic::kVarSamp || statistic == Statistic::kStddevSamp;
  const int64_t count = moments == nullptr ? 0 : moments->count;
  // As Postgres: NULL over no rows, and a sample statistic over one row.
  if (count == 0 || (sample && count == 1)) {
    sqlite3_result_null(context);
    return;
  }
  const double variance =
      std::max(0.0, moments->m2) / static_cast<double>(sample ? count - 1 : count);
  const bool deviation = statistic == Statistic::kStddevSamp || statistic == Statistic::kStddevPop;
  sqlite3_result_double(context, deviation ? std::sqrt(variance) : variance);
}

constexpr Statistic kStatistics[] = {Statistic::kStddevSamp, Statistic::kStddevPop,
                                     Statistic::kVarSamp, Statistic::kVarPop};
constexpr const char* kStatisticNames[] = {"junction_stddev_samp", "junction_stddev_pop",
                                           "junction_var_samp", "junction_var_pop"};

// SQLite's JSON functions read a text value carrying this subtype as JSON, not as a string.
constexpr unsigned int kJsonSubtype = 'J';

// junction_number(x): x as JSON. SQLite's own JSON writer prints a REAL with 15 significant
// digits, losing the last ones; this writes the shortest text that reads back as the same double
// (std::to_chars), as Postgres prints a float8: 22/7 → 3.142857142857143, 10.0 → 10,
// 12345678901234567890.0 → 1.2345678901234567e+19. Integers,
// text and NULL pass through; an infinity (no JSON number) is the string Postgres's JSON gives it.
void Number(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_FLOAT) {
    sqlite3_result_value(context, argv[0]);
    return;
  }
  const double value = sqlite3_value_double(argv[0]);
  char text[64];
  size_t size = 0;
  if (std::isinf(value)) {
    const std::string_view quoted = value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    size = quoted.copy(text, sizeof text);
  } else {
    // The shortest digits, laid out as Postgres's float8out does: scientific notation when the
    // decimal exponent is below -4 or at least 15 (1.2345678901234567e+19, 1e-05), else fixed.
    size = static_cast<size_t>(
        std::to_chars(text, text + sizeof text, value, std::chars_format::scientific).ptr - text);
    const std::string_view scientific(text, size);
    const int exponent = std::atoi(scientific.data() + scientific.find('e') + 1);
    if (value != 0 && exponent >= -4 && exponent < 15) {
      size = static_cast<size_t>(
          std::to_chars(text, text + sizeof text, value, std::chars_format::fixed).ptr - text);
    } else if (value == 0) {
      size = static_cast<size_t>(std::to_chars(text, text + sizeof text, value).ptr - text);
    }
  }
  sqlite3_result_text(context, text, static_cast<int>(size), SQLITE_TRANSIENT);
  sqlite3_result_subtype(context, kJsonSubtype);
}

}  // namespace

int RegisterFunctions(sqlite3* db) {
  // SQLite 3.45+ wants functions that set a subtype to say so.
#ifdef SQLITE_RESULT_SUBTYPE
  constexpr int kNumberFlags = kFlags | SQLITE_RESULT_SUBTYPE;
#else
  constexpr int kNumberFlags = kFlags;
#endif
  if (int rc = sqlite3_create_function_v2(db, "junction_number", 1, kNumberFlags, nullptr, Number,
                                          nullptr, nullptr, nullptr);
      rc != SQLITE_OK) {
    return rc;
  }
  if (int rc = sqlite3_create_function_v2(db, "junction_regex", 3, kFlags, nullptr, Regex, nullptr,
                                          nullptr, nullptr);
      rc != SQLITE_OK) {
    return rc;
  }
  if (int rc = sqlite3_create_function_v2(db, "junction_similar", 2, kFlags, nullptr, Similar,
                                          nullptr, nullptr, nullptr);
      rc != SQLITE_OK) {
    return rc;
  }
  for (size_t i = 0; i < std::size(kStatistics); ++i) {
    auto* statistic = const_cast<Statistic*>(&kStatistics[i]);  // read only, in StatisticFinal
    if (int rc = sqlite3_create_function_v2(db, kStatisticNames[i], 1, kFlags, statistic, nullptr,
                                            StatisticStep, StatisticFinal, nullptr);
        rc != SQLITE_OK) {
      return rc;
    }
  }
  return SQLITE_OK;
}

}  // namespace junction::backends::sqlite
