// The fcgi-app subcommands. Each takes the arguments after its name and
// returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace commands {

using Arguments = std::vector<std::string>;

int serve(const Arguments& arguments);
int migrate(const Arguments& arguments);
int seed(const Arguments& arguments);
int routes(const Arguments& arguments);
int user(const Arguments& arguments);
int jobs(const Arguments& arguments);

}  // namespace commands
