#pragma once
/// A small JSON value with a strict parser (depth and size limited; safe on any input) and a
/// compact writer. Used for model files, CLI output and URL state.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

TL_NAMESPACE_BEGIN

class Json {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Json() = default;
  static Json null() { return Json(); }
  static Json boolean(bool b);
  static Json number(double x);
  static Json string(std::string s);
  static Json array();
  static Json object();

  /// Parses a complete JSON text (RFC 8259; nesting depth at most 64).
  static Result<Json> parse(std::string_view text, const std::string& origin = "json");
  /// Compact text; doubles with up to 9 significant digits (exact for float), non-finite as null.
  std::string dump() const;

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const std::vector<Json>& items() const { return items_; }
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }

  /// Object member by key, or nullptr.
  const Json* find(std::string_view key) const;
  /// Appends to an array / sets (or replaces) an object member.
  Json& push(Json value);
  Json& set(const std::string& key, Json value);

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

/// JSON string literal of s (quoted and escaped).
std::string json_quote(std::string_view s);
/// A number as the writer prints it.
std::string json_number(double x);

TL_NAMESPACE_END
