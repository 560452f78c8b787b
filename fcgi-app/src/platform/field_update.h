// One field of a partial update (a PATCH): left out, set to null, or set to a
// value. Three states, named, instead of an optional of an optional.
#pragma once

#include <optional>
#include <stdexcept>
#include <utility>

namespace platform {

template <typename T>
class FieldUpdate {
 public:
  static FieldUpdate absent() { return FieldUpdate(State::kAbsent, std::nullopt); }
  static FieldUpdate null() { return FieldUpdate(State::kNull, std::nullopt); }
  static FieldUpdate to(T value) { return FieldUpdate(State::kValue, std::move(value)); }

  bool is_absent() const { return state_ == State::kAbsent; }
  bool is_null() const { return state_ == State::kNull; }
  bool has_value() const { return state_ == State::kValue; }
  const T& value() const {
    if (!has_value()) throw std::logic_error("FieldUpdate: no value to read");
    return *value_;
  }

  // What the field holds after the update: unchanged when absent, cleared when null.
  void apply_to(std::optional<T>& field) const {
    if (!is_absent()) field = value_;
  }

 private:
  enum class State { kAbsent, kNull, kValue };
  FieldUpdate(State state, std::optional<T> value) : state_(state), value_(std::move(value)) {}

  State state_;
  std::optional<T> value_;
};

}  // namespace platform
