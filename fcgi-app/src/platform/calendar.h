// Civil (proleptic Gregorian) dates without time zones. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace platform {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  friend bool operator==(const Date&, const Date&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>.
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Strict "YYYY-MM-DD": four-digit year, two-digit month and day, a real date.
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_iso_date(const Date& date);

// Days since 1970-01-01 (negative before).
long long days_from_civil(const Date& date);
Date civil_from_days(long long days);

// Today's date in UTC.
Date today_utc();

}  // namespace platform
