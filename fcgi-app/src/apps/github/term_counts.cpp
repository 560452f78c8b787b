#include "apps/github/term_counts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace github {

namespace {

char ascii_lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// The characters of a lower-cased login, in byte order (so terms list in byte order).
constexpr std::string_view kAlphabet = "-0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kSymbols = kAlphabet.size();

// Each byte's place in kAlphabet once lower-cased, or kSymbols for any other byte.
constexpr std::array<std::uint8_t, 256> symbols() {
  std::array<std::uint8_t, 256> table{};
  for (auto& symbol : table) symbol = kSymbols;
  for (std::size_t i = 0; i < kSymbols; ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
    if (kAlphabet[i] >= 'a' && kAlphabet[i] <= 'z')
      table[static_cast<unsigned char>(kAlphabet[i] - 'a' + 'A')] = static_cast<std::uint8_t>(i);
  }
  return table;
}
constexpr std::array<std::uint8_t, 256> kSymbolOf = symbols();

// Keeps the kListedMatches smallest ranks, ascending, and the bound a rank
// must be under to enter. Rows mostly come in id order, so a rank usually goes
// at the end or, once the list is full, nowhere; in type order an
// Organization's rank goes before the Users' already listed, at most
// kListedMatches times per term.
void list_rank(std::vector<std::uint32_t>& ranks, std::uint32_t rank, std::uint32_t& bound) {
  ranks.insert(std::upper_bound(ranks.begin(), ranks.end(), rank), rank);
  if (ranks.size() > kListedMatches) ranks.pop_back();
  if (ranks.size() == kListedMatches) bound = ranks.back();
}

void count_in_block(std::vector<std::uint16_t>& blocks, std::uint32_t rank, std::uint32_t block_size) {
  const std::size_t block = (rank - 1) / block_size;
  if (blocks.size() <= block) blocks.resize(block + 1, 0);
  ++blocks[block];
}

// Per-block counts to counts before each block: element k counts ranks up to k blocks.
std::vector<std::uint32_t> before_each_block(const std::vector<std::uint16_t>& blocks) {
  std::vector<std::uint32_t> before(blocks.size(), 0);
  for (std::size_t k = 1; k < blocks.size(); ++k) before[k] = before[k - 1] + blocks[k - 1];
  return before;
}

}  // namespace

std::optional<std::string> counted_term(std::string_view search) {
  if (search.empty() || search.size() > kMaxCountedTermLength) return std::nullopt;
  std::string term;
  for (char c : search) {
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    term.push_back(ascii_lower(c));
  }
  return term;
}

bool is_blocked(std::string_view term, long long total) {
  if (total <= static_cast<long long>(kListedMatches)) return false;
  const bool trigram_fetches = term.size() >= 2 && std::all_of(term.begin(), term.end(), [](char c) {
                                 return std::isalnum(static_cast<unsigned char>(c)) != 0;
                               });
  return !trigram_fetches || total > kFetchedMatchesAtMost;
}

std::uint32_t rank_block(std::uint64_t rows) {
  const std::uint64_t spread = (rows + kMaxRankBlocks - 1) / kMaxRankBlocks;
  return static_cast<std::uint32_t>(
      std::min<std::uint64_t>(std::max<std::uint64_t>(kMinRankBlock, spread), UINT32_MAX));
}

TermCounter::TermCounter(std::uint64_t rows) : block_(rank_block(rows)) {
  if (block_ > UINT16_MAX) throw std::invalid_argument("too many rows to count short terms per block");
  std::size_t slots = 1;
  for (auto& of_length : slots_) {
    slots *= kSymbols;
    of_length.assign(slots, Slot{});
  }
}

void TermCounter::add(std::string_view username, std::uint32_t id_rank, std::uint32_t type_rank) {
  ++usernames_;
  for (char c : username) {
    if (kSymbolOf[static_cast<unsigned char>(c)] == kSymbols) {
      complete_ = false;
      return;
    }
  }
  for (std::size_t start = 0; start < username.size(); ++start) {
    std::size_t index = 0;
    for (std::size_t length = 1; length <= kMaxCountedTermLength && start + length <= username.size(); ++length) {
      index = index * kSymbols + kSymbolOf[static_cast<unsigned char>(username[start + length - 1])];
      Slot& slot = slots_[length - 1][index];
      if (slot.last_counted_by == usernames_) continue;
      slot.last_counted_by = usernames_;
      ++slot.total;
      if (slot.blocked == 0) {
        blocks_.emplace_back();
        slot.blocked = static_cast<std::uint32_t>(blocks_.size());
      }
      Blocks& blocks = blocks_[slot.blocked - 1];
      count_in_block(blocks.id, id_rank, block_);
      count_in_block(blocks.type, type_rank, block_);
      if (id_rank >= slot.id_bound && type_rank >= slot.type_bound) continue;
      if (slot.term == 0) {
        listed_.emplace_back();
        slot.term = static_cast<std::uint32_t>(listed_.size());
      }
      Listed& listed = listed_[slot.term - 1];
      if (id_rank < slot.id_bound) list_rank(listed.id_ranks, id_rank, slot.id_bound);
      if (type_rank < slot.type_bound) list_rank(listed.type_ranks, type_rank, slot.type_bound);
    }
  }
}

std::vector<CountedTerm> TermCounter::counts() const {
  std::vector<CountedTerm> result;
  result.reserve(listed_.size());
  for (std::size_t length = 1; length <= kMaxCountedTermLength; ++length) {
    const std::vector<Slot>& slots = slots_[length - 1];
    for (std::size_t index = 0; index < slots.size(); ++index) {
      const Slot& slot = slots[index];
      if (slot.total == 0) continue;
      std::string term(length, '\0');
      std::size_t rest = index;
      for (std::size_t i = length; i-- > 0; rest /= kSymbols) term[i] = kAlphabet[rest % kSymbols];
      const Listed& listed = listed_[slot.term - 1];
      CountedTerm counted{std::move(term), slot.total, listed.id_ranks, listed.type_ranks, {}, {}};
      if (is_blocked(counted.term, counted.total)) {
        counted.id_blocks = before_each_block(blocks_[slot.blocked - 1].id);
        counted.type_blocks = before_each_block(blocks_[slot.blocked - 1].type);
      }
      result.push_back(std::move(counted));
    }
  }
  return result;
}

}  // namespace github
