#pragma once
/// A fixed pool of worker threads for data-parallel work with a fixed partition: callers split
/// work into tasks that write disjoint outputs and reduce them afterwards in task order, so the
/// result is identical for any number of threads. With one thread (the default, and always in a
/// build without threads) tasks run inline on the caller.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN

/// The most threads this build can run (1 in a WebAssembly build without -pthread).
int max_threads();

class ThreadPool {
 public:
  /// A pool of `threads` threads including the caller (clamped to max_threads()).
  explicit ThreadPool(int threads = 1);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Runs fn(0) .. fn(tasks-1), each exactly once, and returns when all are done. Never call it
  /// on a browser's main thread with more than one thread (it blocks).
  void run(int tasks, const std::function<void(int)>& fn);
  int threads() const { return static_cast<int>(workers_.size()) + 1; }

 private:
  void worker_loop();
  void drain();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* fn_ = nullptr;
  int tasks_ = 0;
  std::atomic<int> next_{0};
  int finished_ = 0;
  long generation_ = 0;
  bool stop_ = false;
};

/// The pool used by training code; one thread until set_training_threads() says otherwise.
ThreadPool& training_pool();
/// Replaces the training pool with one of n threads (1 = inline; always 1 in a WebAssembly build
/// without threads). Not thread-safe against concurrent training: call it between runs.
void set_training_threads(int n);

TL_NAMESPACE_END
