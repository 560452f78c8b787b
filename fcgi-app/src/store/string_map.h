// A hash map keyed by std::string and looked up by std::string_view, without
// building a key string for each lookup (hot paths look up by literal or view).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace store {

struct StringViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringViewHash, std::equal_to<>>;

}  // namespace store
