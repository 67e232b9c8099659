#include "core/thread_pool.h"

#include <algorithm>
#include <memory>

TL_NAMESPACE_BEGIN

int max_threads() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  return 1;  // a WebAssembly build without -pthread cannot start threads
#else
  return 64;
#endif
}

ThreadPool::ThreadPool(int threads) {
  threads = std::min(threads, max_threads());
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

// Claims tasks until none is left; counts the ones this thread finished.
void ThreadPool::drain() {
  int mine = 0;
  for (int t; (t = next_.fetch_add(1)) < tasks_;) {
    (*fn_)(t);
    ++mine;
  }
  if (mine > 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ += mine;
    if (finished_ == tasks_) done_.notify_all();
  }
}

void ThreadPool::worker_loop() {
  long seen = 0;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    drain();
  }
}

void ThreadPool::run(int tasks, const std::function<void(int)>& fn) {
  if (tasks <= 0) return;
  if (workers_.empty() || tasks == 1) {
    for (int t = 0; t < tasks; ++t) fn(t);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    fn_ = &fn;
    tasks_ = tasks;
    finished_ = 0;
    next_.store(0);
    ++generation_;
  }
  wake_.notify_all();
  drain();
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return finished_ == tasks_; });
  fn_ = nullptr;
}

namespace {
std::unique_ptr<ThreadPool>& pool_slot() {
  static std::unique_ptr<ThreadPool> pool = std::make_unique<ThreadPool>(1);
  return pool;
}
}  // namespace

ThreadPool& training_pool() {
  return *pool_slot();
}

void set_training_threads(int n) {
  n = std::max(1, std::min(n, max_threads()));
  if (pool_slot()->threads() == n) return;
  pool_slot() = std::make_unique<ThreadPool>(n);
}

TL_NAMESPACE_END
