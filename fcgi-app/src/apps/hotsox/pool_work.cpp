#include "apps/hotsox/pool_work.h"

#include "apps/hotsox/image_check.h"
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

platform::CpuPool::Run<bool> picture_is_whole_on_pool(server::Context& context, std::string_view content,
                                                      ImageType type) {
  return context.cpu_pool.run([content, type] { return check_image(content, type).valid(); });
}

}  // namespace hotsox
