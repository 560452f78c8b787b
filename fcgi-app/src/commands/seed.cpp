#include "apps/github/profile.h"
#include "apps/github/profile_store.h"
#include "commands/commands.h"
#include "commands/github_profiles_load.h"
#include "platform/config.h"
#include "store/keydb.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace commands {

namespace {

constexpr const char* kUsage =
    "usage: fcgi-app seed github [--total N] [--random-seed S] [--from-json FILE]\n"
    "  Replaces the GitHub profiles: N generated ones (default 150, deterministic for a seed),\n"
    "  or the GitHub /users API objects of FILE. Run it as the role that owns the schema.\n";

// Cached answers carry the generation in their key: a new one retires them all.
void retire_cached_answers(const platform::Config& config) {
  try {
    platform::Metrics metrics("", {"unmatched"});
    store::KeyDb cache(config, metrics);
    cache.incr(github::AnswerCache::kGenerationKey);
  } catch (const std::exception& error) {
    std::cerr << "seed: warning: could not reach KeyDB (" << error.what()
              << "); cached answers may be stale for about a minute\n";
  }
}

// What the command line asks for.
struct SeedOptions {
  long long total = 150;
  std::uint64_t random_seed = 1;
  std::string from_json;  // empty: generate `total` profiles
};

// The arguments after "github". Throws std::invalid_argument (std::stoll's
// errors included) when they are wrong.
SeedOptions parse_seed_options(const Arguments& arguments) {
  SeedOptions options;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const bool has_value = i + 1 < arguments.size();
    if (arguments[i] == "--total" && has_value) {
      options.total = std::stoll(arguments[++i]);
      if (options.total < 0 || options.total > 50'000'000) {
        throw std::invalid_argument("--total must be from 0 to 50000000");
      }
    } else if (arguments[i] == "--random-seed" && has_value) {
      options.random_seed = std::stoull(arguments[++i]);
    } else if (arguments[i] == "--from-json" && has_value) {
      options.from_json = arguments[++i];
    } else {
      throw std::invalid_argument("unknown argument " + arguments[i]);
    }
  }
  return options;
}

struct SeedProfiles {
  std::vector<github::Profile> profiles;
  std::string source;  // where they came from, for the summary line
};

// The profiles of a GitHub API answer saved in `path`; nullopt (and the reason
// on stderr) when it cannot be read.
std::optional<SeedProfiles> read_profiles(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "seed: cannot read " << path << "\n";
    return std::nullopt;
  }
  std::ostringstream text;
  text << file.rdbuf();
  try {
    return SeedProfiles{github::profiles_from_github_json(text.str()), "from " + path};
  } catch (const std::invalid_argument& error) {
    std::cerr << "seed: " << path << ": " << error.what() << "; nothing was changed\n";
    return std::nullopt;
  }
}

double seconds_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

int seed(const Arguments& arguments) {
  if (arguments.empty() || arguments[0] != "github") {
    std::cerr << kUsage;
    return 2;
  }
  SeedOptions options;
  try {
    options = parse_seed_options(arguments);
  } catch (const std::exception& error) {
    std::cerr << "seed: " << error.what() << "\n" << kUsage;
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  // Read profiles are loaded from memory; generated ones are made as they load.
  std::optional<SeedProfiles> read;
  std::unique_ptr<ProfileRows> rows;
  std::string source;
  if (options.from_json.empty()) {
    rows = std::make_unique<GeneratedProfileRows>(options.random_seed, static_cast<std::size_t>(options.total));
    source = "generated with random seed " + std::to_string(options.random_seed);
  } else {
    read = read_profiles(options.from_json);
    if (!read) return 1;
    rows = std::make_unique<StoredProfileRows>(read->profiles);
    source = read->source;
  }
  double prepared_seconds = 0;
  std::string phases;
  try {
    const platform::Config config = platform::Config::from_process_environment();
    prepared_seconds = seconds_between(started, std::chrono::steady_clock::now());
    phases = replace_profiles(config.database_url, *rows);
    retire_cached_answers(config);
  } catch (const std::exception& error) {
    std::cerr << "seed: " << error.what() << "; the previous profiles are unchanged\n";
    return 1;
  }
  // "read/count": reading the file, or counting the Organizations to come
  // (generating the profiles is part of the load).
  std::printf("seeded %zu GitHub profiles (%s) in %.1f s (read/count %.1f s, %s)\n", rows->total(), source.c_str(),
              seconds_between(started, std::chrono::steady_clock::now()), prepared_seconds, phases.c_str());
  return 0;
}

}  // namespace commands
