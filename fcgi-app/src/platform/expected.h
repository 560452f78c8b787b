// The one result type: a value, or the error that took its place. A small
// std::expected (C++23; this project builds as C++20 with g++ 12): the same
// names, so moving to the standard one is a search and replace.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace platform {

// The error side, as `return platform::Unexpected(FieldErrors{...});` says it.
template <typename E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <typename T, typename E>
class Expected {
  static_assert(!std::is_same_v<std::remove_cvref_t<T>, std::remove_cvref_t<E>>,
                "a value and an error of one type could not be told apart");

 public:
  // Never hides the copy and move constructors: an Expected does not make a T.
  template <typename U = T>
  // NOLINTNEXTLINE(bugprone-forwarding-reference-overload)
  requires std::is_constructible_v<T, U&&> Expected(U&& value)
      : state_(std::in_place_index<0>, std::forward<U>(value)) {}
  template <typename G>
  Expected(Unexpected<G> error) : state_(std::in_place_index<1>, std::move(error).error()) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return checked(std::get_if<0>(&state_)); }
  const T& value() const& { return checked(std::get_if<0>(&state_)); }
  T&& value() && { return std::move(checked(std::get_if<0>(&state_))); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E& error() & { return checked(std::get_if<1>(&state_)); }
  const E& error() const& { return checked(std::get_if<1>(&state_)); }
  E&& error() && { return std::move(checked(std::get_if<1>(&state_))); }

 private:
  template <typename Side>
  static Side& checked(Side* side) {
    if (!side) throw std::logic_error("Expected: asked for the side it does not hold");
    return *side;
  }

  std::variant<T, E> state_;
};

}  // namespace platform
