#include "store/near_cache.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

// The reply hiredis makes of these RESP2 bytes, as the invalidation connection receives them.
store::Reply parse(const std::string& bytes) {
  redisReader* reader = redisReaderCreate();
  BOOST_REQUIRE(redisReaderFeed(reader, bytes.data(), bytes.size()) == REDIS_OK);
  void* reply = nullptr;
  BOOST_REQUIRE(redisReaderGetReply(reader, &reply) == REDIS_OK);
  redisReaderFree(reader);
  BOOST_REQUIRE(reply != nullptr);
  return store::Reply(static_cast<redisReply*>(reply));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(near_cache_invalidation)

BOOST_AUTO_TEST_CASE(names_the_changed_keys) {
  const auto reply = parse(
      "*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*2\r\n$14\r\ncurrent_phrase\r\n$13\r\nusers:user:42\r\n");
  const auto invalidation = store::invalidation_of(*reply);
  BOOST_REQUIRE(invalidation);
  BOOST_TEST(!invalidation->everything);
  BOOST_REQUIRE_EQUAL(invalidation->keys.size(), 2u);
  BOOST_TEST(invalidation->keys[0] == "current_phrase");
  BOOST_TEST(invalidation->keys[1] == "users:user:42");
}

BOOST_AUTO_TEST_CASE(a_flush_drops_everything) {
  const auto reply = parse("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n$-1\r\n");
  const auto invalidation = store::invalidation_of(*reply);
  BOOST_REQUIRE(invalidation);
  BOOST_TEST(invalidation->everything);
  BOOST_TEST(invalidation->keys.empty());
}

BOOST_AUTO_TEST_CASE(the_subscription_confirmation_is_not_an_invalidation) {
  const auto reply = parse("*3\r\n$9\r\nsubscribe\r\n$20\r\n__redis__:invalidate\r\n:1\r\n");
  BOOST_TEST(!store::invalidation_of(*reply));
}

BOOST_AUTO_TEST_CASE(messages_of_other_channels_are_ignored) {
  const auto reply = parse("*3\r\n$7\r\nmessage\r\n$5\r\nnews!\r\n*1\r\n$14\r\ncurrent_phrase\r\n");
  BOOST_TEST(!store::invalidation_of(*reply));
}

BOOST_AUTO_TEST_CASE(other_replies_are_ignored) {
  BOOST_TEST(!store::invalidation_of(*parse("+OK\r\n")));
  BOOST_TEST(!store::invalidation_of(*parse("*2\r\n$7\r\nmessage\r\n$1\r\nx\r\n")));
}

BOOST_AUTO_TEST_SUITE_END()
