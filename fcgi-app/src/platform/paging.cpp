#include "platform/paging.h"

#include "platform/text.h"

namespace platform {

std::optional<long long> integer_param(const Params& query, std::string_view name) {
  const auto text = query.get(name);
  if (!text) return std::nullopt;
  const auto value = parse_integer(*text);
  if (!value) throw HttpError(400, "bad_request", "'" + std::string(name) + "' must be a whole number");
  return value;
}

PageRequest parse_page_request(const Params& query, long long default_per_page, long long max_per_page) {
  PageRequest request;
  request.page = integer_param(query, "page").value_or(1);
  request.per_page = integer_param(query, "pagination").value_or(default_per_page);
  if (request.per_page < 1 || request.per_page > max_per_page) {
    throw HttpError(400, "bad_request", "'pagination' must be from 1 to " + std::to_string(max_per_page));
  }
  if (request.page < 1) throw HttpError(404, "not_found", "Pages start at 1");
  return request;
}

Page paginate(const PageRequest& request, long long total) {
  Page page;
  page.page = request.page;
  page.per_page = request.per_page;
  page.total = total;
  page.pages = (total + request.per_page - 1) / request.per_page;
  page.has_prev = request.page > 1;
  page.has_next = request.page < page.pages;
  if (page.has_prev) page.prev_num = request.page - 1;
  if (page.has_next) page.next_num = request.page + 1;
  page.offset = (request.page - 1) * request.per_page;
  return page;
}

}  // namespace platform
