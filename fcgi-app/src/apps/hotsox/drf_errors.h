// HotSox's DRF surface shows every error as Django REST framework did:
// {"detail": "..."} (field errors and the contract's fixed bodies are sent as
// they are), with DRF's own words for the platform's refusals.
#pragma once

#include "platform/http.h"

namespace hotsox {

platform::Response drf_error(const platform::HttpError& error, const platform::Request& request);

}  // namespace hotsox
