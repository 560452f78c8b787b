#include "apps/hotsox/password_pool.h"

#include "apps/hotsox/password.h"

namespace hotsox {

// The awaitables are made here, outside the coroutines: GCC 12 destroys a
// lambda temporary of a co_await expression twice.
platform::CpuPool::Run<std::string> hash_on_pool(server::Context& context, std::string password) {
  return context.cpu_pool.run([password = std::move(password)] { return hash_password(password); });
}

platform::CpuPool::Run<bool> verify_on_pool(server::Context& context, std::string hash, std::string password) {
  return context.cpu_pool.run(
      [hash = std::move(hash), password = std::move(password)] { return verify_password(hash, password); });
}

platform::CpuPool::Run<bool> verify_nobody_on_pool(server::Context& context, std::string password) {
  return context.cpu_pool.run([password = std::move(password)] {
    verify_password_of_nobody(password);
    return false;
  });
}

}  // namespace hotsox
