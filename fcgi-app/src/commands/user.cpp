#include "apps/hotsox/account_input.h"
#include "apps/hotsox/password.h"
#include "apps/hotsox/store.h"
#include "commands/commands.h"
#include "platform/config.h"
#include "platform/metrics.h"

#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

namespace commands {

namespace {

constexpr const char* kUsage =
    "usage: fcgi-app user create [--admin] --username NAME --email ADDRESS --password-file FILE\n"
    "                            [--birthday YYYY-MM-DD] [--city CITY] [--gender 1..8]\n"
    "  Creates a HotSox account (--admin: one that may list every user). The password is read\n"
    "  from FILE (one line; '-' reads standard input), never from the command line. The same\n"
    "  rules as POST /api/v1/user/ apply; birthday, city and gender default to 1970-01-01,\n"
    "  \"Unknown\" and 8 (prefer not to say).\n";

std::optional<std::string> read_password(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    text << file.rdbuf();
  }
  std::string password = std::move(text).str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  return password;
}

// What the command line asks for.
struct NewAccount {
  bool admin = false;
  // The account's fields as POST /api/v1/user/ names them, with the defaults.
  std::map<std::string, std::string> values{
      {"info_birthday", "1970-01-01"}, {"location_city", "Unknown"}, {"info_gender", "8"}};
  std::string password_file;
};

// The arguments after "create"; nullopt (and the reason on stderr) when they are wrong.
std::optional<NewAccount> parse_new_account(const Arguments& arguments) {
  static const std::map<std::string, std::string> kFields{{"--username", "username"},
                                                          {"--email", "email"},
                                                          {"--birthday", "info_birthday"},
                                                          {"--city", "location_city"},
                                                          {"--gender", "info_gender"}};
  NewAccount account;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string& flag = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    const auto field = kFields.find(flag);
    if (flag == "--admin") {
      account.admin = true;
    } else if (flag == "--password-file" && has_value) {
      account.password_file = arguments[++i];
    } else if (field != kFields.end() && has_value) {
      account.values[field->second] = arguments[++i];
    } else {
      std::cerr << "user: unknown argument " << flag << "\n" << kUsage;
      return std::nullopt;
    }
  }
  if (account.password_file.empty() || account.values.count("username") == 0 || account.values.count("email") == 0) {
    std::cerr << "user: --username, --email and --password-file are required\n" << kUsage;
    return std::nullopt;
  }
  return account;
}

void print_field_errors(const hotsox::FieldErrors& errors) {
  for (const auto& [name, messages] : errors) {
    for (const auto& message : messages) std::cerr << "user: " << name << ": " << message << "\n";
  }
}

// Validates the account as the API would and stores it. Returns the exit code.
int create_account(const NewAccount& account, const std::string& password) {
  const platform::Config config = platform::Config::from_process_environment();
  Json::Value body(Json::objectValue);
  for (const auto& [name, value] : account.values) body[name] = value;
  body["password"] = password;
  hotsox::FieldErrors errors;
  const hotsox::ProfileInput input =
      hotsox::read_profile_input(body, hotsox::InputMode::kCreate, hotsox::Profile{}, config.today(), errors);
  platform::Metrics metrics("", {"unmatched"});
  store::Database db(config.database_url, hotsox::statements(), metrics, config.reconnect_interval);
  hotsox::AccountStore accounts(db);
  const hotsox::Clash clash = accounts.clashes(input.profile.username, input.profile.email, std::nullopt);
  if (clash.username) errors["username"].push_back(hotsox::kUsernameTaken);
  if (clash.email) errors["email"].push_back(hotsox::kEmailTaken);
  if (!errors.empty()) {
    print_field_errors(errors);
    return 1;
  }
  const auto id = accounts.insert(input.profile, hotsox::hash_password(*input.password), account.admin);
  if (!id) {
    std::cerr << "user: the username or email was taken meanwhile\n";
    return 1;
  }
  std::cout << "created " << (account.admin ? "admin " : "") << "user " << input.profile.username << " (id " << *id
            << ")\n";
  return 0;
}

}  // namespace

int user(const Arguments& arguments) {
  if (arguments.empty() || arguments[0] != "create") {
    std::cerr << kUsage;
    return 2;
  }
  const auto account = parse_new_account(arguments);
  if (!account) return 2;
  const auto password = read_password(account->password_file);
  if (!password) {
    std::cerr << "user: cannot read " << account->password_file << "\n";
    return 1;
  }
  try {
    return create_account(*account, *password);
  } catch (const std::exception& error) {
    std::cerr << "user: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace commands
