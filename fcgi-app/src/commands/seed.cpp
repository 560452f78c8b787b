#include "apps/github/profile.h"
#include "apps/github/profile_generator.h"
#include "apps/github/profile_store.h"
#include "commands/commands.h"
#include "platform/config.h"
#include "store/keydb.h"

#include <unistd.h>
#include <pqxx/pqxx>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace commands {

namespace {

constexpr const char* kUsage =
    "usage: fcgi-app seed github [--total N] [--random-seed S] [--from-json FILE]\n"
    "  Replaces the GitHub profiles: N generated ones (default 150, deterministic for a seed),\n"
    "  or the GitHub /users API objects of FILE. Run it as the role that owns the schema.\n";

class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), terminal_(isatty(STDERR_FILENO) != 0) {}
  void update(std::size_t done) {
    if (!terminal_ || total_ == 0) return;
    const std::size_t percent = done * 100 / total_;
    if (percent == last_ && done != total_) return;
    last_ = percent;
    std::fprintf(stderr, "\r[%-40s] %3zu%% %zu/%zu rows", std::string(percent * 40 / 100, '#').c_str(), percent, done,
                 total_);
    if (done == total_) std::fputc('\n', stderr);
  }

 private:
  std::size_t total_;
  bool terminal_;
  std::size_t last_ = 101;
};

// One transaction: load a new table, index it, put it in the old one's place.
// Readers wait only for the final rename; a failure leaves the old rows.
void replace_profiles(pqxx::connection& connection, const std::vector<github::Profile>& profiles) {
  const github::Ranks ranks = github::rank_profiles(profiles);
  pqxx::work tx(connection);
  tx.exec("DROP TABLE IF EXISTS github_users_load");
  tx.exec("CREATE TABLE github_users_load (LIKE github_users INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
  Progress progress(profiles.size());
  {
    pqxx::stream_to stream(
        tx, "github_users_load",
        std::vector<std::string>{"id", "username", "image_url", "type", "profile_url", "id_rank", "type_rank"});
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      const github::Profile& p = profiles[i];
      stream << std::make_tuple(p.id, p.username, p.image_url, p.type, p.profile_url, ranks.by_id[i], ranks.by_type[i]);
      if (i % 4096 == 0) progress.update(i);
    }
    stream.complete();
  }
  progress.update(profiles.size());
  tx.exec("ALTER TABLE github_users_load ADD CONSTRAINT github_users_load_pkey PRIMARY KEY (id)");
  tx.exec("CREATE UNIQUE INDEX github_users_load_id_rank ON github_users_load (id_rank)");
  tx.exec("CREATE UNIQUE INDEX github_users_load_type_rank ON github_users_load (type_rank)");
  tx.exec("CREATE INDEX github_users_load_type_id ON github_users_load (type, id)");
  tx.exec("CREATE INDEX github_users_load_username_trgm ON github_users_load USING gin (lower(username) gin_trgm_ops)");
  tx.exec("DROP TABLE github_users");
  tx.exec("ALTER TABLE github_users_load RENAME TO github_users");
  for (const char* index : {"pkey", "id_rank", "type_rank", "type_id", "username_trgm"}) {
    tx.exec(std::string("ALTER INDEX github_users_load_") + index + " RENAME TO github_users_" + index);
  }
  tx.exec("UPDATE github_users_meta SET total = " + std::to_string(profiles.size()));
  tx.commit();
  pqxx::nontransaction(connection).exec("ANALYZE github_users");
}

// Cached answers carry the generation in their key: a new one retires them all.
void retire_cached_answers(const platform::Config& config) {
  try {
    platform::Metrics metrics("", {"unmatched"});
    store::KeyDb cache(config, metrics);
    cache.incr(github::AnswerCache::kGenerationKey);
  } catch (const std::exception& error) {
    std::cerr << "seed: warning: could not reach KeyDB (" << error.what()
              << "); cached answers may be stale for up to 60 s\n";
  }
}

}  // namespace

int seed(const Arguments& arguments) {
  if (arguments.empty() || arguments[0] != "github") {
    std::cerr << kUsage;
    return 2;
  }
  long long total = 150;
  std::uint64_t random_seed = 1;
  std::string from_json;
  try {
    for (std::size_t i = 1; i < arguments.size(); ++i) {
      const bool has_value = i + 1 < arguments.size();
      if (arguments[i] == "--total" && has_value) {
        total = std::stoll(arguments[++i]);
        if (total < 0 || total > 50'000'000) throw std::invalid_argument("--total must be from 0 to 50000000");
      } else if (arguments[i] == "--random-seed" && has_value) {
        random_seed = std::stoull(arguments[++i]);
      } else if (arguments[i] == "--from-json" && has_value) {
        from_json = arguments[++i];
      } else {
        throw std::invalid_argument("unknown argument " + arguments[i]);
      }
    }
  } catch (const std::exception& error) {
    std::cerr << "seed: " << error.what() << "\n" << kUsage;
    return 2;
  }

  const auto started = std::chrono::steady_clock::now();
  std::vector<github::Profile> profiles;
  std::string source;
  if (!from_json.empty()) {
    std::ifstream file(from_json, std::ios::binary);
    if (!file) {
      std::cerr << "seed: cannot read " << from_json << "\n";
      return 1;
    }
    std::ostringstream text;
    text << file.rdbuf();
    try {
      profiles = github::profiles_from_github_json(text.str());
    } catch (const std::invalid_argument& error) {
      std::cerr << "seed: " << from_json << ": " << error.what() << "; nothing was changed\n";
      return 1;
    }
    source = "from " + from_json;
  } else {
    github::ProfileGenerator generator(random_seed);
    profiles.reserve(static_cast<std::size_t>(total));
    for (long long i = 0; i < total; ++i) profiles.push_back(generator.next());
    source = "generated with random seed " + std::to_string(random_seed);
  }

  try {
    const platform::Config config = platform::Config::from_process_environment();
    pqxx::connection connection(config.database_url);
    replace_profiles(connection, profiles);
    retire_cached_answers(config);
  } catch (const std::exception& error) {
    std::cerr << "seed: " << error.what() << "; the previous profiles are unchanged\n";
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("seeded %zu GitHub profiles (%s) in %.1f s\n", profiles.size(), source.c_str(), seconds);
  return 0;
}

}  // namespace commands
