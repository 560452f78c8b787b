// The DRF surface's handlers. Each route's policy (routes.cpp, policy.h)
// admits the caller first; those behind a user's policy receive the caller.
#pragma once

#include "apps/hotsox/policy.h"
#include "apps/hotsox/store.h"
#include "platform/http.h"
#include "platform/task.h"
#include "server/context.h"

namespace hotsox {

// Accounts and tokens (handlers_accounts.cpp). Those that hash or verify a
// password await it on the worker's CPU pool (platform/cpu_pool.h).
platform::Task<platform::Response> register_user(const platform::Request& request, server::Context& context);
platform::Response get_self(const platform::Request& request, server::Context& context, Principal me);
platform::Task<platform::Response> update_self(const platform::Request& request, server::Context& context,
                                               Principal me);
platform::Response delete_self(const platform::Request& request, server::Context& context, Principal me);
platform::Response list_users(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> obtain_tokens(const platform::Request& request, server::Context& context);
platform::Response refresh_token(const platform::Request& request, server::Context& context);
platform::Task<platform::Response> obtain_auth_token(const platform::Request& request, server::Context& context);

// Socks (handlers_socks.cpp).
platform::Response list_socks(const platform::Request& request, server::Context& context, Principal me);
platform::Response create_sock(const platform::Request& request, server::Context& context, Principal me);
platform::Response get_sock(const platform::Request& request, server::Context& context, Principal me);
platform::Response update_sock(const platform::Request& request, server::Context& context, Principal me);
platform::Response delete_sock(const platform::Request& request, server::Context& context, Principal me);

// Pictures (handlers_pictures.cpp). Uploads are decoded on the worker's CPU pool.
platform::Task<platform::Response> add_profile_picture(const platform::Request& request, server::Context& context,
                                                       Principal me);
platform::Response delete_profile_picture(const platform::Request& request, server::Context& context, Principal me);
platform::Task<platform::Response> add_sock_picture(const platform::Request& request, server::Context& context,
                                                    Principal me);
platform::Response delete_sock_picture(const platform::Request& request, server::Context& context, Principal me);

// Swiping, matches, mail and chat (handlers_swipe.cpp).
// Awaits its reads (caller by value: its coroutine keeps its own copy).
platform::Task<platform::Response> next_sock(const platform::Request& request, server::Context& context, Caller caller);
platform::Task<platform::Response> judge_sock(const platform::Request& request, server::Context& context,
                                              Caller caller);
platform::Response list_matches(const platform::Request& request, server::Context& context, Principal me);
platform::Response get_match(const platform::Request& request, server::Context& context, Principal me);
platform::Response unmatch(const platform::Request& request, server::Context& context, Principal me);
platform::Response list_mail(const platform::Request& request, server::Context& context, Principal me);
platform::Response send_mail(const platform::Request& request, server::Context& context, Principal me);
platform::Response delete_mail(const platform::Request& request, server::Context& context, Principal me);
platform::Response list_sent_chats(const platform::Request& request, server::Context& context, Principal me);
platform::Response get_chat(const platform::Request& request, server::Context& context, Principal me);
platform::Response send_chat(const platform::Request& request, server::Context& context, Principal me);

}  // namespace hotsox
