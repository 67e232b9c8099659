#pragma once
/// Result type for errors caused by user input (files, URL state, config values). Programmer errors
/// use assert. The message names the origin and the position, e.g. "csv: row 12: expected 3
/// columns, got 2".
#include <string>
#include <utility>
#include <variant>
#include "core/config.h"

TL_NAMESPACE_BEGIN

struct Error {
  std::string message;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const std::string& error() const { return std::get<1>(v_).message; }

 private:
  std::variant<T, Error> v_;
};

/// Status for operations without a value: empty message means success.
struct Status {
  std::string message;
  bool ok() const { return message.empty(); }
  static Status success() { return {}; }
};

TL_NAMESPACE_END
