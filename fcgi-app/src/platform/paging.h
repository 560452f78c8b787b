// Pagination maths shared by every paginated list. Pure.
#pragma once

#include "platform/http.h"

#include <optional>

namespace platform {

struct PageRequest {
  long long page = 1;
  long long per_page = 25;
};

// Reads `page` and `pagination` from the query. A value that is not an integer,
// or a pagination outside 1..max_per_page, is an HttpError 400; page < 1 a 404.
PageRequest parse_page_request(const Params& query, long long default_per_page, long long max_per_page);

struct Page {
  long long page = 1;
  long long per_page = 25;
  long long total = 0;
  long long pages = 0;  // ceil(total / per_page)
  bool has_prev = false;
  bool has_next = false;
  std::optional<long long> prev_num;
  std::optional<long long> next_num;
  long long offset = 0;  // rows to skip

  // Page 1 always exists (possibly empty); any other page only up to `pages`.
  bool exists() const { return page == 1 || page <= pages; }
};

Page paginate(const PageRequest& request, long long total);

// The number in a query parameter, or nullopt when absent; HttpError 400 when
// present but not a whole number.
std::optional<long long> integer_param(const Params& query, std::string_view name);

}  // namespace platform
