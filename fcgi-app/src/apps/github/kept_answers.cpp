#include "apps/github/kept_answers.h"

namespace github {

const std::string* KeptAnswers::find(const std::string& generation, const std::string& query, Clock::time_point now) {
  if (generation != generation_) return nullptr;
  const auto it = answers_.find(query);
  if (it == answers_.end()) return nullptr;
  if (now - it->second.kept_at >= kLifetime) {
    bytes_ -= it->first.size() + it->second.answer.size();
    answers_.erase(it);
    return nullptr;
  }
  return &it->second.answer;
}

void KeptAnswers::keep(const std::string& generation, const std::string& query, std::string answer,
                       Clock::time_point now) {
  const std::size_t bytes = query.size() + answer.size();
  if (bytes > budget_bytes_) return;
  if (generation != generation_ || bytes_ + bytes > budget_bytes_) forget_all();
  generation_ = generation;
  if (const auto it = answers_.find(query); it != answers_.end()) {
    bytes_ -= it->first.size() + it->second.answer.size();
    answers_.erase(it);
  }
  answers_.emplace(query, Kept{std::move(answer), now});
  bytes_ += bytes;
}

void KeptAnswers::forget_all() {
  answers_.clear();
  bytes_ = 0;
}

}  // namespace github
