#include "platform/config.h"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <vector>

using namespace platform;

namespace {

EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::string write_temp(const std::string& content) {
  char path[] = "/tmp/fcgi-app-config-XXXXXX";
  const int fd = mkstemp(path);
  BOOST_REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path) << content;
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(defaults_without_any_variable) {
  const Config config = Config::from_environment(env_of({}));
  BOOST_TEST(config.database_url == "");
  BOOST_TEST(config.redis_url == "redis://127.0.0.1:6379/0");
  BOOST_TEST(config.admin_token == "");
  BOOST_TEST(config.max_body_bytes == 1048576u);
  BOOST_TEST(config.socket_mode == 0660u);
  BOOST_TEST(config.workers == 4);
  BOOST_TEST(config.database_slow_read_connections == 2u);
  BOOST_TEST(config.database_transaction_threads == 2u);
}

BOOST_AUTO_TEST_CASE(reads_plain_variables) {
  const Config config = Config::from_environment(env_of({{"DATABASE_URL", "postgresql://u@h/db"},
                                                         {"REDIS_URL", "unix:///run/keydb.sock"},
                                                         {"ADMIN_TOKEN", "t0ken"},
                                                         {"SOCKET_MODE", "0666"},
                                                         {"WORKERS", "8"},
                                                         {"MAX_BODY_BYTES", "2048"},
                                                         {"DATABASE_SLOW_READ_CONNECTIONS", "3"},
                                                         {"DATABASE_TRANSACTION_THREADS", "4"}}));
  BOOST_TEST(config.database_url == "postgresql://u@h/db");
  BOOST_TEST(config.redis_url == "unix:///run/keydb.sock");
  BOOST_TEST(config.admin_token == "t0ken");
  BOOST_TEST(config.socket_mode == 0666u);
  BOOST_TEST(config.workers == 8);
  BOOST_TEST(config.max_body_bytes == 2048u);
  BOOST_TEST(config.database_slow_read_connections == 3u);
  BOOST_TEST(config.database_transaction_threads == 4u);
}

BOOST_AUTO_TEST_CASE(secrets_come_from_files_without_the_trailing_newline) {
  const std::string file = write_temp("s3cret\n");
  const Config config = Config::from_environment(env_of({{"ADMIN_TOKEN_FILE", file}, {"DATABASE_URL_FILE", file}}));
  BOOST_TEST(config.admin_token == "s3cret");
  BOOST_TEST(config.database_url == "s3cret");
  std::remove(file.c_str());
}

BOOST_AUTO_TEST_CASE(the_variable_wins_over_its_file) {
  const std::string file = write_temp("from-file");
  const Config config = Config::from_environment(env_of({{"ADMIN_TOKEN", "direct"}, {"ADMIN_TOKEN_FILE", file}}));
  BOOST_TEST(config.admin_token == "direct");
  std::remove(file.c_str());
}

BOOST_AUTO_TEST_CASE(unreadable_secret_file_is_an_error) {
  BOOST_CHECK_THROW(Config::from_environment(env_of({{"ADMIN_TOKEN_FILE", "/nonexistent/token"}})),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(bad_values_name_the_variable) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"WORKERS", "0"},
                                                        {"WORKERS", "many"},
                                                        {"SOCKET_MODE", "999"},
                                                        {"MAX_BODY_BYTES", "12x"},
                                                        {"REDIS_URL", "http://x"},
                                                        {"DATABASE_SLOW_READ_CONNECTIONS", "0"}}) {
    try {
      Config::from_environment(env_of({{name, value}}));
      BOOST_FAIL("expected an error for " + name);
    } catch (const std::invalid_argument& error) {
      BOOST_TEST(std::string(error.what()).find(name) != std::string::npos, error.what());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
