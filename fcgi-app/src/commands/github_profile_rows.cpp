#include "commands/github_profile_rows.h"

#include <charconv>

namespace commands {

namespace {

// COPY's text format: a backslash, tab, newline or carriage return in a value is escaped.
void append_copy_text(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

void append_number(std::string& out, long long value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

}  // namespace

StoredProfileRows::StoredProfileRows(const std::vector<github::Profile>& profiles)
    : profiles_(profiles), ranks_(github::rank_profiles(profiles)) {}

std::size_t StoredProfileRows::append(std::string& text, std::size_t bytes, github::TermCounter& terms) {
  for (; done_ < profiles_.size() && text.size() < bytes; ++done_) {
    const github::Profile& p = profiles_[done_];
    terms.add(p.username, static_cast<std::uint32_t>(ranks_.by_id[done_]),
              static_cast<std::uint32_t>(ranks_.by_type[done_]));
    append_number(text, p.id);
    text.push_back('\t');
    append_copy_text(text, p.username);
    text.push_back('\t');
    append_copy_text(text, p.image_url);
    text.push_back('\t');
    append_copy_text(text, p.type);
    text.push_back('\t');
    append_copy_text(text, p.profile_url);
    text.push_back('\t');
    append_number(text, ranks_.by_id[done_]);
    text.push_back('\t');
    append_number(text, ranks_.by_type[done_]);
    text.push_back('\n');
  }
  return done_;
}

GeneratedProfileRows::GeneratedProfileRows(std::uint64_t random_seed, std::size_t total)
    : generator_(random_seed, total),
      total_(total),
      organizations_(github::ProfileGenerator::count_organizations(random_seed, static_cast<long long>(total))) {}

// The same row as StoredProfileRows writes for the profile next() returns
// (a generated login needs no escaping: letters, digits and hyphens).
std::size_t GeneratedProfileRows::append(std::string& text, std::size_t bytes, github::TermCounter& terms) {
  for (; done_ < total_ && text.size() < bytes; ++done_) {
    const auto profile = generator_.next_generated();
    const long long id_rank = static_cast<long long>(done_) + 1;
    // (type, id) order: every Organization, then every User, each in id order.
    const long long type_rank = profile.organization ? ++organizations_done_ : organizations_ + ++users_done_;
    terms.add(profile.login, static_cast<std::uint32_t>(id_rank), static_cast<std::uint32_t>(type_rank));
    append_number(text, profile.id);
    text.push_back('\t');
    text.append(profile.login);
    text.append("\thttps://avatars.githubusercontent.com/u/");
    append_number(text, profile.id);
    text.append(profile.organization ? "?v=4\tOrganization\thttps://github.com/" : "?v=4\tUser\thttps://github.com/");
    text.append(profile.login);
    text.push_back('\t');
    append_number(text, id_rank);
    text.push_back('\t');
    append_number(text, type_rank);
    text.push_back('\n');
  }
  return done_;
}

}  // namespace commands
