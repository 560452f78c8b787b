// fcgi-app: one binary, one subcommand per job.
#include "commands/commands.h"

#include <sodium.h>

#include <csignal>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

namespace {

void set_default(const char* name, const char* value) { setenv(name, value, /*overwrite=*/0); }

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, std::function<int(const commands::Arguments&)>> subcommands = {
      {"serve", commands::serve},
      {"migrate", commands::migrate},
      {"seed", commands::seed},
      {"routes", commands::routes},
      {"user", commands::user},
      {"jobs", commands::jobs},
      {"version",
       [](const commands::Arguments&) {
         std::cout << "fcgi-app " << FCGI_APP_VERSION << "\n";
         return 0;
       }},
  };
  if (argc < 2 || subcommands.count(argv[1]) == 0) {
    std::cerr << "usage: fcgi-app <command> [options]\ncommands:";
    for (const auto& [name, run] : subcommands) std::cerr << " " << name;
    std::cerr << "\n";
    return 2;
  }
  // A peer that closed its socket (KeyDB restarting while a command is being
  // written, an SMTP server hanging up) is an error to handle, not a reason
  // for the process to die without a word.
  signal(SIGPIPE, SIG_IGN);
  if (sodium_init() < 0) {
    std::cerr << "libsodium failed to initialise\n";
    return 1;
  }
  // libpq reads these; a dead PostgreSQL must cost seconds, not minutes.
  set_default("PGCONNECT_TIMEOUT", "3");
  set_default("PGOPTIONS", "-c statement_timeout=10000");
  return subcommands.at(argv[1])(commands::Arguments(argv + 2, argv + argc));
}
