#include "store/near_cache.h"

#include "platform/access_log.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace store {

namespace {

constexpr std::string_view kInvalidationChannel = "__redis__:invalidate";
constexpr std::chrono::seconds kRetryAfterRefusal{60};

}  // namespace

NearCache::NearCache(KeyDbSettings settings, std::vector<std::string> prefixes, std::size_t capacity)
    : settings_(std::move(settings)),
      prefixes_(std::move(prefixes)),
      capacity_(capacity),
      backoff_(settings_.reconnect_interval) {}

bool NearCache::covers(std::string_view key) const {
  for (const std::string& prefix : prefixes_) {
    if (key.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

const std::string* NearCache::lookup(std::string_view key) {
  if (!listening()) return nullptr;
  drain();
  const auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

void NearCache::forget(std::string_view key) {
  if (const auto it = values_.find(key); it != values_.end()) values_.erase(it);
}

void NearCache::remember(std::string_view key, std::string value) {
  // Only a value read while invalidations were arriving can be trusted later;
  // a lookup just before the read connected or drained the connection.
  if (!invalidations_) return;
  if (values_.size() >= capacity_) values_.clear();
  values_.insert_or_assign(std::string(key), std::move(value));
}

void NearCache::remember_since(std::string_view key, std::string value, std::uint64_t mark) {
  if (!invalidations_) return;
  drain();  // what was reported before the reply came counts
  if (reports_ == mark) remember(key, std::move(value));
}

bool NearCache::listening() {
  if (invalidations_) return true;
  if (prefixes_.empty() || backoff_.waiting()) return false;
  backoff_.hold_off();
  try {
    ContextPtr context = open_keydb(settings_);
    auto expect = [&](const std::vector<std::string_view>& arguments, int type) {
      Reply reply = run_command(context.get(), arguments);
      if (!reply) throw std::runtime_error(std::string(arguments[1]) + ": " + context->errstr);
      if (reply->type != type) {
        // A server without client tracking will not grow it in a moment.
        backoff_.hold_off(kRetryAfterRefusal);
        throw std::runtime_error(std::string(arguments[0]) + " " + std::string(arguments[1]) + ": " +
                                 (reply->type == REDIS_REPLY_ERROR ? reply->str : "unexpected reply"));
      }
      return reply;
    };
    const std::string id = std::to_string(expect({"CLIENT", "ID"}, REDIS_REPLY_INTEGER)->integer);
    // Broadcast mode: every change of a key under a prefix is reported, whether
    // or not this connection read the key, and KeyDB keeps no per-key state.
    // RESP2 delivers the reports as messages on a channel, here to itself.
    std::vector<std::string_view> tracking{"CLIENT", "TRACKING", "on", "REDIRECT", id, "BCAST"};
    for (const std::string& prefix : prefixes_) {
      tracking.emplace_back("PREFIX");
      tracking.emplace_back(prefix);
    }
    expect(tracking, REDIS_REPLY_STATUS);
    expect({"SUBSCRIBE", kInvalidationChannel}, REDIS_REPLY_ARRAY);
    invalidations_ = std::move(context);
    values_.clear();
    ++reports_;
    off_logged_ = false;
    return true;
  } catch (const std::runtime_error& error) {
    if (!off_logged_) platform::log_event("warning", std::string("near cache off: ") + error.what());
    off_logged_ = true;
    return false;
  }
}

void NearCache::drain() {
  char buffer[16384];
  while (true) {
    const ssize_t count = recv(invalidations_->fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (count > 0) {
      if (redisReaderFeed(invalidations_->reader, buffer, static_cast<std::size_t>(count)) != REDIS_OK) {
        return stop_listening("unreadable invalidation");
      }
      if (static_cast<std::size_t>(count) < sizeof buffer) break;
      continue;
    }
    if (count == 0) return stop_listening("KeyDB closed the invalidation connection");
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    return stop_listening(std::string("invalidation connection: ") + std::strerror(errno));
  }
  while (true) {
    void* message = nullptr;
    if (redisReaderGetReply(invalidations_->reader, &message) != REDIS_OK) {
      return stop_listening("unreadable invalidation");
    }
    if (message == nullptr) return;
    const Reply owned(static_cast<redisReply*>(message));
    apply(*owned);
  }
}

std::optional<Invalidation> invalidation_of(const redisReply& message) {
  if (message.type != REDIS_REPLY_ARRAY || message.elements != 3) return std::nullopt;
  const redisReply& kind = *message.element[0];
  const redisReply& channel = *message.element[1];
  const redisReply& keys = *message.element[2];
  if (kind.type != REDIS_REPLY_STRING || std::string_view(kind.str, kind.len) != "message") return std::nullopt;
  if (channel.type != REDIS_REPLY_STRING || std::string_view(channel.str, channel.len) != kInvalidationChannel) {
    return std::nullopt;
  }
  Invalidation invalidation;
  if (keys.type != REDIS_REPLY_ARRAY) {
    invalidation.everything = true;
    return invalidation;
  }
  for (std::size_t i = 0; i < keys.elements; ++i) {
    const redisReply& key = *keys.element[i];
    if (key.type == REDIS_REPLY_STRING) invalidation.keys.emplace_back(key.str, key.len);
  }
  return invalidation;
}

void NearCache::apply(const redisReply& message) {
  const auto invalidation = invalidation_of(message);
  if (!invalidation) return;
  ++reports_;
  if (invalidation->everything) values_.clear();
  for (const std::string& key : invalidation->keys) forget(key);
}

void NearCache::stop_listening(const std::string& reason) {
  // Invalidations may have been missed: nothing kept so far can be trusted.
  values_.clear();
  invalidations_.reset();
  ++reports_;
  platform::log_event("warning", "near cache off: " + reason);
  off_logged_ = true;
}

}  // namespace store
