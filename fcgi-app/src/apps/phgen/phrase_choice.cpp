#include "apps/phgen/phrase_choice.h"

#include "platform/text.h"

namespace phgen {

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
