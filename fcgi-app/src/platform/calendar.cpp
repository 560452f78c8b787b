#include "platform/calendar.h"

#include <chrono>
#include <cstdio>

namespace platform {

namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day calendar_date(const Date& date) {
  return year_month_day{std::chrono::year{date.year}, std::chrono::month{static_cast<unsigned>(date.month)},
                        std::chrono::day{static_cast<unsigned>(date.day)}};
}

Date date_of(const year_month_day& date) {
  return Date{static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
              static_cast<int>(static_cast<unsigned>(date.day()))};
}

// `length` ASCII digits from `from` as a number; nullopt when one is not a digit.
std::optional<int> digits(std::string_view text, std::size_t from, std::size_t length) {
  int value = 0;
  for (std::size_t i = from; i < from + length; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

bool is_leap_year(int year) { return std::chrono::year{year}.is_leap(); }

int days_in_month(int year, int month) {
  const std::chrono::year_month_day_last last{
      std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(month)}}};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  if (!year || !month || !day || *year < 1) return std::nullopt;
  const Date date{*year, *month, *day};
  if (!calendar_date(date).ok()) return std::nullopt;  // month 13, 29 February 1995, ...
  return date;
}

std::string format_iso_date(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

long long days_from_civil(const Date& date) { return sys_days{calendar_date(date)}.time_since_epoch().count(); }

Date civil_from_days(long long days) { return date_of(year_month_day{sys_days{std::chrono::days{days}}}); }

Date today_utc() {
  return date_of(year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())});
}

}  // namespace platform
