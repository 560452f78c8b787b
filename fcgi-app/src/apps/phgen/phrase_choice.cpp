#include "apps/phgen/phrase_choice.h"

#include "platform/text.h"

#include <algorithm>
#include <cmath>

namespace phgen {

std::optional<Phrase> PhraseList::first_from(double fraction, std::optional<std::string_view> excluded) {
  if (rows_.empty()) return std::nullopt;
  // As the statement computes it: min(id) + floor(fraction * (max(id) - min(id) + 1)), in float8.
  const long long low = rows_.front().id;
  const long long high = rows_.back().id;
  const long long point = low + static_cast<long long>(std::floor(fraction * static_cast<double>(high - low + 1)));
  auto row = std::lower_bound(rows_.begin(), rows_.end(), point,
                              [](const Phrase& phrase, long long id) { return phrase.id < id; });
  for (; row != rows_.end(); ++row) {
    if (!excluded || row->text != *excluded) return *row;
  }
  return std::nullopt;
}

std::array<PhraseProbe, 3> next_phrase_probes(std::optional<std::string_view> current, double fraction) {
  return {{{fraction, current}, {0.0, current}, {0.0, std::nullopt}}};
}

std::optional<Phrase> choose_next_phrase(PhraseSource& source, std::optional<std::string_view> current,
                                         double fraction) {
  for (const PhraseProbe& probe : next_phrase_probes(current, fraction)) {
    if (auto phrase = source.first_from(probe.fraction, probe.excluded)) return phrase;
  }
  return std::nullopt;
}

std::optional<std::string> phrase_error(std::string_view text) {
  const auto length = platform::utf8_length(text);
  if (!length) return "The phrase must be valid UTF-8";
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return "The phrase must not be empty";
  if (*length > kMaxPhraseLength) {
    return "The phrase must be at most " + std::to_string(kMaxPhraseLength) + " characters";
  }
  return std::nullopt;
}

}  // namespace phgen
