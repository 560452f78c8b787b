// Which phrase becomes current next. Pure: the table is reached through the
// PhraseSource interface, so the policy is tested without a database.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phgen {

struct Phrase {
  long long id = 0;
  std::string text;
};

class PhraseSource {
 public:
  virtual ~PhraseSource() = default;
  // The phrase with the smallest id at or after the point `fraction` (0..1) of
  // the way through the id range, skipping the phrase equal to `excluded`.
  virtual std::optional<Phrase> first_from(double fraction, std::optional<std::string_view> excluded) = 0;
};

// The table held in memory (rows in id order): the same answers as the SQL
// statement behind PhraseSource, so a pick from it has the same distribution.
class PhraseList : public PhraseSource {
 public:
  explicit PhraseList(std::vector<Phrase> rows_by_id) : rows_(std::move(rows_by_id)) {}
  std::optional<Phrase> first_from(double fraction, std::optional<std::string_view> excluded) override;
  std::size_t size() const { return rows_.size(); }

 private:
  std::vector<Phrase> rows_;
};

// One look into the table: PhraseSource::first_from's arguments.
struct PhraseProbe {
  double fraction;
  std::optional<std::string_view> excluded;
};

// The probes that choose the next phrase, in order: the first that finds a
// phrase decides. A random point skipping `current`, then the start (the
// point was past the last candidate), then the start without skipping
// (`current` is the only phrase).
std::array<PhraseProbe, 3> next_phrase_probes(std::optional<std::string_view> current, double fraction);

// A random phrase other than `current`; `current` itself only when it is the
// only phrase; nullopt when there are none. `fraction` is uniform in [0, 1).
// Costs one index probe, two more only when the probe lands past the last
// candidate, so it stays O(log n) at any table size.
std::optional<Phrase> choose_next_phrase(PhraseSource& source, std::optional<std::string_view> current,
                                         double fraction);

// A new phrase's text: an error message, or nullopt when it is acceptable.
inline constexpr std::size_t kMaxPhraseLength = 1000;
std::optional<std::string> phrase_error(std::string_view text);

}  // namespace phgen
