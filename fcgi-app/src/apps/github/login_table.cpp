#include "apps/github/login_table.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>

#include <sys/mman.h>
#include <stdexcept>

namespace github {

namespace {

constexpr std::size_t kHugePage = std::size_t{1} << 21;

}  // namespace

// A 64-bit hash of a short string, 8 bytes at a time, never 0 (an empty slot).
std::uint64_t LoginTable::hash_of(std::string_view key) {
  std::uint64_t hash = 0x9E3779B97F4A7C15ULL ^ key.size();
  for (std::size_t i = 0; i < key.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, key.data() + i, std::min<std::size_t>(8, key.size() - i));
    hash = (hash ^ word) * 0xBF58476D1CE4E5B9ULL;
    hash ^= hash >> 31;
  }
  // splitmix64's finalizer: every input bit reaches the high bits that pick the slot.
  hash ^= hash >> 30;
  hash *= 0xBF58476D1CE4E5B9ULL;
  hash ^= hash >> 27;
  hash *= 0x94D049BB133111EBULL;
  hash ^= hash >> 31;
  return hash | 1;
}

void LoginTable::FreeSlots::operator()(Slot* slots) const { std::free(slots); }

std::unique_ptr<LoginTable::Slot[], LoginTable::FreeSlots> LoginTable::allocate(std::size_t count) {
  const std::size_t bytes = (count * sizeof(Slot) + kHugePage - 1) / kHugePage * kHugePage;
  void* memory = std::aligned_alloc(kHugePage, bytes);
  if (memory == nullptr) throw std::bad_alloc();
  madvise(memory, bytes, MADV_HUGEPAGE);  // only advice: without it the table works the same
  std::memset(memory, 0, bytes);          // every slot empty (hash 0)
  return std::unique_ptr<Slot[], FreeSlots>(static_cast<Slot*>(memory));
}

LoginTable::LoginTable(std::size_t expected_keys) {
  std::size_t slots = 16;
  while (slots < expected_keys * 2) slots *= 2;
  slots_ = allocate(slots);
  capacity_ = slots;
  shift_ = 64 - std::countr_zero(slots);
  keys_.reserve(expected_keys * 16);
}

std::string_view LoginTable::key_at(std::uint32_t offset) const {
  return {keys_.data() + offset + 1, static_cast<unsigned char>(keys_[offset])};
}

// The slot holding `key`, or the empty one where it would go.
std::size_t LoginTable::find_slot(std::uint64_t hash, std::string_view key) const {
  const std::size_t mask = capacity_ - 1;
  for (std::size_t i = hash >> shift_;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.hash == 0 || (slot.hash == hash && key_at(slot.offset) == key)) return i;
  }
}

std::pair<int&, bool> LoginTable::try_emplace(std::string_view key, std::uint64_t hash, int value) {
  if (key.size() > 255) throw std::length_error("LoginTable keys are at most 255 bytes");
  std::size_t i = find_slot(hash, key);
  if (slots_[i].hash != 0) return {slots_[i].value, false};
  if ((size_ + 1) * 2 > capacity_) {
    grow();
    i = find_slot(hash, key);
  }
  if (keys_.size() + key.size() + 1 > UINT32_MAX) throw std::length_error("LoginTable holds at most 4 GB of keys");
  slots_[i] = Slot{hash, static_cast<std::uint32_t>(keys_.size()), value};
  keys_.push_back(static_cast<char>(key.size()));
  keys_.append(key);
  ++size_;
  return {slots_[i].value, true};
}

void LoginTable::grow() {
  const auto old = std::move(slots_);
  const std::size_t old_capacity = capacity_;
  capacity_ *= 2;
  slots_ = allocate(capacity_);
  --shift_;
  const std::size_t mask = capacity_ - 1;
  for (std::size_t j = 0; j < old_capacity; ++j) {
    const Slot& slot = old[j];
    if (slot.hash == 0) continue;
    std::size_t i = slot.hash >> shift_;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace github
