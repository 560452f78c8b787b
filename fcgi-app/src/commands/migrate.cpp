#include "commands/commands.h"
#include "platform/config.h"
#include "store/migrations.h"

#include <iostream>

namespace commands {

int migrate(const Arguments& arguments) {
  if (!arguments.empty()) {
    std::cerr << "usage: fcgi-app migrate   (uses DATABASE_URL or the PG* variables)\n";
    return 2;
  }
  try {
    const platform::Config config = platform::Config::from_process_environment();
    pqxx::connection connection(config.database_url);
    const auto applied = store::apply_migrations(connection, store::embedded_migrations());
    for (const auto& version : applied) std::cout << "applied " << version << "\n";
    std::cout << (applied.empty() ? "schema is up to date" : "migrations applied: " + std::to_string(applied.size()))
              << " (" << store::embedded_migrations().size() << " known)\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "migrate: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace commands
