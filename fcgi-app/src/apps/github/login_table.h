// A map from short strings (logins) to an int, for the profile generator's
// million logins. Pure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace github {

// Open addressing with the keys in one buffer: no node and no heap string per
// key. (std::unordered_set<std::string> spent ~40% of generating a million
// profiles in its lookups: a bucket, then a node, then the string, each a
// cache miss.) Keys are at most 255 bytes.
class LoginTable {
 public:
  explicit LoginTable(std::size_t expected_keys = 0);

  // The value stored for `key`, inserting `value` when the key is new; the
  // bool says whether it was inserted. The reference holds until the next call.
  std::pair<int&, bool> try_emplace(std::string_view key, int value) { return try_emplace(key, hash_of(key), value); }
  // The same, for a key whose hash_of() is known.
  std::pair<int&, bool> try_emplace(std::string_view key, std::uint64_t hash, int value);
  static std::uint64_t hash_of(std::string_view key);
  // Asks the CPU for the slot where a key of this hash is looked for first:
  // a lookup a little later finds it in the cache.
  void prefetch(std::uint64_t hash) const { __builtin_prefetch(&slots_[hash >> shift_]); }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;    // 0: empty
    std::uint32_t offset = 0;  // of the key's length byte in keys_
    int value = 0;
  };
  std::string_view key_at(std::uint32_t offset) const;
  std::size_t find_slot(std::uint64_t hash, std::string_view key) const;
  void grow();

  // Slots in memory that the kernel may back with 2 MB pages: at a million
  // logins the lookups are TLB misses more than anything else.
  struct FreeSlots {
    void operator()(Slot* slots) const;
  };
  static std::unique_ptr<Slot[], FreeSlots> allocate(std::size_t count);
  std::unique_ptr<Slot[], FreeSlots> slots_;
  std::size_t capacity_ = 0;  // a power of two; at most half the slots are used
  int shift_ = 0;             // 64 - log2(slots_.size()): a hash's high bits pick its first slot
  std::string keys_;          // each key as one length byte and its bytes
  std::size_t size_ = 0;
};

}  // namespace github
