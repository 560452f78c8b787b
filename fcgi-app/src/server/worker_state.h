// What the apps keep in one worker for as long as it runs (their settings,
// their in-memory indexes): one object of each type, built when the worker
// starts (apps/module.h) and reached through server::Context::state<T>().
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>

namespace server {

class WorkerState {
 public:
  // Keeps `value` unless an object of its type is there already: the API
  // surfaces of one app share that app's state.
  template <class T>
  T& put(T value) {
    auto [slot, inserted] = objects_.try_emplace(std::type_index(typeid(T)));
    if (inserted) slot->second = std::make_shared<T>(std::move(value));
    return *static_cast<T*>(slot->second.get());
  }

  // Throws std::logic_error when no app declared a T: a registry mistake.
  template <class T>
  T& get() const {
    const auto slot = objects_.find(std::type_index(typeid(T)));
    if (slot == objects_.end()) throw std::logic_error(std::string("no worker state of type ") + typeid(T).name());
    return *static_cast<T*>(slot->second.get());
  }

 private:
  std::unordered_map<std::type_index, std::shared_ptr<void>> objects_;
};

}  // namespace server
