// Steady-state training steps allocate nothing: every buffer of the step (activations, their
// gradients, the minibatch, the shards of the data-parallel gradient) is a workspace that keeps
// its storage per batch shape, so the epoch's last partial batch reuses its own.
//
// The count comes from replacing malloc and friends in this test program (glibc forwards its own
// allocations to them; ours count and call glibc's implementation). Eigen and operator new both
// allocate through malloc. Where that replacement is not possible (WebAssembly, sanitizer
// builds) the test is skipped.
#include <doctest/doctest.h>

#include <atomic>
#include <cerrno>
#include <cstddef>

#include "core/thread_pool.h"
#include "data/synthetic.h"
#include "transfer/dann.h"
#include "transfer/method.h"
#include "transfer/supervised.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define TL_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TL_SANITIZED 1
#endif

#if defined(__GLIBC__) && !defined(__EMSCRIPTEN__) && !defined(TL_SANITIZED)
#define TL_COUNT_ALLOCATIONS 1
#else
#define TL_COUNT_ALLOCATIONS 0
#endif

namespace {
std::atomic<long> g_allocations{0};
std::atomic<bool> g_counting{false};
}  // namespace

#if TL_COUNT_ALLOCATIONS
namespace {
inline void note_allocation() {
  if (g_counting.load(std::memory_order_relaxed))
    g_allocations.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);

void* malloc(std::size_t n) {
  note_allocation();
  return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) {
  note_allocation();
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) {
  note_allocation();
  return __libc_realloc(p, n);
}
void free(void* p) {
  __libc_free(p);
}
void* memalign(std::size_t align, std::size_t n) {
  note_allocation();
  return __libc_memalign(align, n);
}
void* aligned_alloc(std::size_t align, std::size_t n) {
  note_allocation();
  return __libc_memalign(align, n);
}
int posix_memalign(void** out, std::size_t align, std::size_t n) {
  note_allocation();
  void* p = __libc_memalign(align, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
}
#endif

namespace {

/// Heap allocations made by `steps` training steps, after `warmup` steps (two epochs or more, so
/// that every batch shape has been seen once).
long allocations_of_steps(tl::SupervisedTrainer& t, long warmup, long steps) {
  for (long s = 0; s < warmup; ++s) t.step();
  g_allocations = 0;
  g_counting = true;
  for (long s = 0; s < steps; ++s) t.step();
  g_counting = false;
  return g_allocations.load();
}

tl::SupervisedTrainer make_trainer(const tl::Dataset& ds, std::vector<int> hidden, int batch,
                                   tl::OptimizerKind optimizer) {
  tl::TrainConfig tc;
  tc.hidden = std::move(hidden);
  tc.batch = batch;
  tc.lr = 0.05;
  tc.optimizer = optimizer;
  tl::Rng init(11);
  return tl::SupervisedTrainer(tl::Mlp(tl::make_spec(tc, ds.dim(), ds.num_classes), init), ds, tc,
                               tl::Rng(12));
}

/// n points of `dim` Gaussian features in `classes` classes (a W2-like shape without the digits
/// file).
tl::Dataset gaussian_classes(int n, int dim, int classes, uint64_t seed) {
  tl::Rng rng(seed);
  tl::Dataset ds;
  ds.X.resize(dim, n);
  ds.y.resize(n);
  for (int j = 0; j < n; ++j) {
    ds.y[j] = j % classes;
    for (int i = 0; i < dim; ++i)
      ds.X(i, j) = static_cast<tl::Scalar>(rng.normal(i % classes == ds.y[j] ? 1.0 : 0.0, 1.0));
  }
  ds.num_classes = classes;
  return ds;
}

/// Heap allocations made by `steps` calls of `step` after `warmup` calls (every batch shape of
/// both domains seen once).
template <class F>
long allocations_of(F&& step, long warmup, long steps) {
  for (long s = 0; s < warmup; ++s) step();
  g_allocations = 0;
  g_counting = true;
  for (long s = 0; s < steps; ++s) step();
  g_counting = false;
  return g_allocations.load();
}

/// DANN on moons (source) and rotated moons (target) of different sizes, so that the source and
/// the target minibatches end their epochs with partial batches of different widths at
/// different steps.
tl::Dann make_dann(tl::Align align, int batch) {
  tl::Rng rng(21);
  const tl::Dataset source = tl::make_moons(410, 0.1, rng);
  const tl::Dataset target = tl::rotate(tl::make_moons(333, 0.1, rng), 35);
  tl::DannConfig cfg;
  cfg.align = align;
  cfg.average = 0.5;
  tl::TrainConfig tc;
  tc.hidden = {32, 32};
  tc.batch = batch;
  tc.epochs = 8;
  tc.lr = 0.01;
  tc.optimizer = tl::OptimizerKind::kAdam;
  return tl::Dann(source, target, 2, cfg, tc, tl::Rng(22));
}

}  // namespace

TEST_SUITE("core/allocations") {
  TEST_CASE("the allocation counter sees Eigen's and operator new's allocations" *
            doctest::skip(!TL_COUNT_ALLOCATIONS)) {
    g_allocations = 0;
    g_counting = true;
    tl::Mat m(17, 19);
    auto* v = new std::vector<int>(100);
    g_counting = false;
    delete v;
    CHECK(g_allocations.load() >= 3);
    CHECK(m.size() == 17 * 19);
  }

  TEST_CASE("steady-state steps of a W1-like trainer allocate nothing, partial batches included" *
            doctest::skip(!TL_COUNT_ALLOCATIONS)) {
    tl::Rng rng(7);
    const tl::Dataset ds = tl::make_moons(1000, 0.1, rng);  // 31 batches of 32 and one of 8
    for (tl::OptimizerKind optimizer : {tl::OptimizerKind::kSgd, tl::OptimizerKind::kAdam}) {
      const std::string& name = tl::kOptimizerChoices.name(optimizer);
      CAPTURE(name);
      tl::SupervisedTrainer t = make_trainer(ds, {32, 32}, 32, optimizer);
      CHECK(allocations_of_steps(t, 2 * t.steps_per_epoch(), 3 * t.steps_per_epoch()) == 0);
    }
  }

  TEST_CASE(
      "steady-state steps of a W2-like trainer allocate nothing, sharded or not, any threads" *
      doctest::skip(!TL_COUNT_ALLOCATIONS)) {
    const tl::Dataset ds = gaussian_classes(700, 64, 10, 5);
    for (int batch : {64, 256}) {  // one shard; four shards of 64 columns (the last batch: 188)
      for (int threads : {1, 2}) {
        CAPTURE(batch);
        CAPTURE(threads);
        tl::set_training_threads(threads);
        tl::SupervisedTrainer t = make_trainer(ds, {128, 128}, batch, tl::OptimizerKind::kSgd);
        CHECK(allocations_of_steps(t, 2 * t.steps_per_epoch(), 3 * t.steps_per_epoch()) == 0);
      }
    }
    tl::set_training_threads(1);
  }

  TEST_CASE(
      "steady-state DANN training steps allocate nothing, partial batches of both domains "
      "and the weight averaging included" *
      doctest::skip(!TL_COUNT_ALLOCATIONS)) {
    for (tl::Align align : {tl::Align::kDann, tl::Align::kNone}) {
      for (int batch : {32, 50}) {
        const std::string& name = tl::kAlignChoices.name(align);
        CAPTURE(name);
        CAPTURE(batch);
        tl::Dann dann = make_dann(align, batch);
        const long per_epoch = dann.total_steps() / 8;
        // Two epochs of warm-up, then three measured epochs that reach the averaging window.
        const long allocations =
            allocations_of([&] { dann.train_step(); }, 2 * per_epoch, 3 * per_epoch);
        MESSAGE("allocations in " << 3 * per_epoch << " steps: " << allocations);
        CHECK(allocations == 0);
        CHECK(dann.averaged_steps() > 0);
        // step() adds only its report: one list of named losses per step.
        CHECK(allocations_of([&] { dann.step(); }, 0, per_epoch) <= per_epoch);
      }
    }
  }
}
