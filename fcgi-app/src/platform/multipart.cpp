#include "platform/multipart.h"

#include <algorithm>

namespace platform {

namespace {

constexpr std::string_view kCrlf = "\r\n";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

// RFC 9110 token characters.
bool is_tchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

void skip_blanks(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && is_blank(text[pos])) ++pos;
}

std::string_view read_token(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && is_tchar(text[pos])) ++pos;
  return text.substr(start, pos - start);
}

// A quoted string starting at text[pos] == '"'; nullopt when unterminated or
// holding a control character.
std::optional<std::string> read_quoted(std::string_view text, std::size_t& pos) {
  std::string out;
  for (++pos; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '"') {
      ++pos;
      return out;
    }
    if (c == '\\') {
      if (++pos == text.size()) return std::nullopt;
      c = text[pos];
    }
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return std::nullopt;
    out.push_back(c);
  }
  return std::nullopt;
}

bool is_boundary_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// What went wrong, in a sentence: the error side of the parse.
Unexpected<std::string> malformed(std::string why) { return Unexpected(std::move(why)); }

// One part's header block (lines without their final CRLF CRLF).
Expected<MultipartPart, std::string> parse_part_headers(std::string_view block) {
  MultipartPart part;
  bool has_disposition = false;
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t end = block.find(kCrlf, pos);
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = block.substr(pos, end - pos);
    pos = end + kCrlf.size();
    if (line.empty() || is_blank(line.front())) return malformed("a part header is malformed");
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return malformed("a part header is malformed");
    const std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), is_tchar)) return malformed("a part header is malformed");
    const std::string header = lowered(name);
    const std::string_view value = line.substr(colon + 1);
    if (header == "content-disposition") {
      if (has_disposition) return malformed("a part has two Content-Disposition headers");
      has_disposition = true;
      const auto disposition = parse_header_value(value);
      if (!disposition || disposition->value != "form-data") {
        return malformed("a part's Content-Disposition is not form-data");
      }
      const auto field_name = disposition->parameter("name");
      if (!field_name || field_name->empty()) return malformed("a part's Content-Disposition has no name");
      part.name = *field_name;
      part.filename = disposition->parameter("filename");
    } else if (header == "content-type") {
      const auto type = parse_header_value(value);
      if (!type) return malformed("a part's Content-Type is malformed");
      part.content_type = type->value;
    }
  }
  if (!has_disposition) return malformed("a part has no Content-Disposition header");
  return part;
}

}  // namespace

std::optional<std::string> HeaderValue::parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<HeaderValue> parse_header_value(std::string_view text) {
  HeaderValue result;
  std::size_t pos = 0;
  skip_blanks(text, pos);
  const std::size_t start = pos;
  while (pos < text.size() && (is_tchar(text[pos]) || text[pos] == '/')) ++pos;
  if (pos == start) return std::nullopt;
  result.value = lowered(text.substr(start, pos - start));
  skip_blanks(text, pos);
  while (pos < text.size()) {
    if (text[pos] != ';') return std::nullopt;
    ++pos;
    skip_blanks(text, pos);
    if (pos == text.size()) break;  // a trailing ';' is tolerated
    const std::string_view name = read_token(text, pos);
    if (name.empty()) return std::nullopt;
    skip_blanks(text, pos);
    if (pos == text.size() || text[pos] != '=') return std::nullopt;
    ++pos;
    skip_blanks(text, pos);
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      auto quoted = read_quoted(text, pos);
      if (!quoted) return std::nullopt;
      value = std::move(*quoted);
    } else {
      value = std::string(read_token(text, pos));
    }
    result.parameters.emplace_back(lowered(name), std::move(value));
    skip_blanks(text, pos);
  }
  return result;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto header = parse_header_value(content_type);
  if (!header || header->value != "multipart/form-data") return std::nullopt;
  auto boundary = header->parameter("boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70 || boundary->back() == ' ' ||
      !std::all_of(boundary->begin(), boundary->end(), is_boundary_char)) {
    return std::nullopt;
  }
  return boundary;
}

Expected<std::vector<MultipartPart>, std::string> parse_multipart(std::string_view body, std::string_view boundary,
                                                                  const MultipartLimits& limits) {
  if (boundary.empty()) return malformed("the boundary is empty");
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;

  // A preamble before the first boundary is allowed (and ignored).
  std::size_t pos = 0;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    const std::size_t first = body.find(next_delimiter);
    if (first == std::string_view::npos) return malformed("the body does not contain the boundary");
    pos = first + next_delimiter.size();
  }

  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing boundary; the epilogue is ignored
    skip_blanks(body, pos);                         // transport padding
    if (pos == body.size()) return malformed("the closing boundary is missing");
    if (body.substr(pos, 2) != kCrlf) return malformed("a boundary line is not followed by CRLF");
    pos += 2;
    if (parts.size() == limits.max_parts) {
      return malformed("more than " + std::to_string(limits.max_parts) + " parts");
    }

    std::size_t content_start = 0;
    std::string_view header_block;
    if (body.substr(pos, 2) == kCrlf) {  // no headers at all
      content_start = pos + 2;
    } else {
      const std::size_t header_end = body.find("\r\n\r\n", pos);
      const std::size_t header_size = (header_end == std::string_view::npos ? body.size() : header_end) - pos;
      if (header_size > limits.max_header_bytes) {
        return malformed("a part's headers are longer than " + std::to_string(limits.max_header_bytes) + " bytes");
      }
      if (header_end == std::string_view::npos) return malformed("a part's headers do not end");
      header_block = body.substr(pos, header_end - pos);
      content_start = header_end + 4;
    }
    auto part = parse_part_headers(header_block);
    if (!part) return Unexpected(std::move(part).error());

    const std::size_t content_end = body.find(next_delimiter, content_start);
    if (content_end == std::string_view::npos) return malformed("the closing boundary is missing");
    part->data = body.substr(content_start, content_end - content_start);
    parts.push_back(std::move(*part));
    pos = content_end + next_delimiter.size();
  }
}

}  // namespace platform
