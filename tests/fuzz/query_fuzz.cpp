// Percent-decoding and query/form parsing: any bytes either parse or are a 400.
#include "platform/http.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  platform::percent_decode(text, true);
  platform::percent_decode(text, false);
  try {
    const platform::Params params = platform::Params::parse(text);
    for (const auto& [name, value] : params.items()) params.get(name);
  } catch (const platform::HttpError& error) {
    if (error.status() != 400) __builtin_trap();
  }
  return 0;
}
