// Dates and names: the strict date parser, the day arithmetic on what it
// accepts, and Hello's username rule.
#include "apps/hello/birthday.h"
#include "platform/calendar.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto date = platform::parse_iso_date(text)) {
    if (platform::format_iso_date(*date) != text) __builtin_trap();
    const int days = hello::days_until_birthday(*date, platform::Date{2024, 2, 29});
    if (days < 0 || days > 366) __builtin_trap();
  }
  hello::is_valid_username(text);
  return 0;
}
