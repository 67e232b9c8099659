#include "app/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "core/metrics.h"
#include "data/pca.h"

TL_NAMESPACE_BEGIN

double now_seconds() {
  using clock = std::chrono::steady_clock;
  static const clock::time_point start = clock::now();
  return std::chrono::duration<double>(clock::now() - start).count();
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// About this many metric records per run, so curves stay light whatever the step count.
constexpr long kRecordsPerRun = 300;
/// ... and at least one record this often while training (slow scenarios).
constexpr double kRecordInterval = 0.5;

}  // namespace

Engine::Engine() : history_(std::make_shared<History>()) {
  history_pub_ = history_;
}

void Engine::apply_setup(const Setup& setup) {
  const double t_setup = now_seconds();
  struct AddSetup {
    EngineCosts& c;
    double t0;
    ~AddSetup() { c.setup_ms += (now_seconds() - t0) * 1000.0; }
  } add_setup{costs_, t_setup};
  error_.clear();
  error_version_ = setup.version;
  const ScenarioInfo* info = find_scenario(setup.scenario);
  if (!info) {
    error_ = "unknown scenario '" + setup.scenario + "'";
    changed_ = true;
    return;
  }
  // Build the new scenario completely; swap it in only when it is usable (atomic change).
  std::unique_ptr<Scenario> next = info->make();
  const VisitFn visit = next->visitor();
  for (const auto& kv : setup.config) {
    Status st = set_config_field(visit, kv.first, kv.second);
    if (!st.ok()) error_ = st.message;
  }
  if (error_.empty() && setup.data) {
    if (setup.data->source) {
      Status st = next->set_user_source(setup.data->source);
      if (!st.ok()) error_ = st.message;
    }
    if (error_.empty() && setup.data->target) {
      Status st = next->set_user_target(setup.data->target);
      if (!st.ok()) error_ = st.message;
    }
  }
  if (error_.empty() && setup.class_table) {
    Status st = next->set_user_class_semantics(*setup.class_table);
    if (!st.ok()) error_ = st.message;
  }
  if (error_.empty()) {
    Status st = next->reset(setup.seed);
    if (!st.ok()) error_ = st.message;
  }
  changed_ = true;
  if (!error_.empty()) return;

  scn_ = std::move(next);
  setup_ = setup;
  diverged_.clear();
  history_ = std::make_shared<History>();
  loss_mean_ = kNaN;
  loss_count_ = 0;
  record_every_ = std::max(1L, scn_->total_steps() / kRecordsPerRun);
  last_record_step_ = -1;
  rate_ = 0;
  rate_t0_ = now_seconds();
  rate_steps0_ = 0;
  models_ = std::make_shared<const ModelList>(scn_->models());
  phases_ = scn_->phases();
  build_data_view();
  record_metrics();
  weights_changed_ = true;
  last_grid_time_ = -1e9;
  view_ = nullptr;
  view_stale_ = true;
  last_view_time_ = -1e9;
}

int Engine::comparison() const {
  if (!models_) return -1;
  const int n = static_cast<int>(models_->size());
  if (compare_ < 0) return default_comparison(*models_);
  return compare_ >= 1 && compare_ < n ? compare_ : -1;
}

void Engine::update_view() {
  const double t0 = now_seconds();
  view_ = scn_ ? scn_->view_data() : nullptr;
  costs_.view_ms += (now_seconds() - t0) * 1000.0;
  view_stale_ = false;
  last_view_time_ = now_seconds();
  changed_ = true;
}

void Engine::build_data_view() {
  auto view = std::make_shared<DataView>();
  view->serial = ++data_serial_;
  if (const Dataset* s = scn_->source_data()) view->source = *s;
  if (const Dataset* t = scn_->target_data()) view->target = *t;
  const int dim = std::max(view->source.dim(), view->target.dim());
  view->dim = dim;
  view->num_classes = scn_->num_classes();
  view->projected = dim != 2;
  Mat all(dim, view->source.size() + view->target.size());
  if (view->source.size() > 0 && view->source.dim() == dim)
    all.leftCols(view->source.size()) = view->source.X;
  if (view->target.size() > 0 && view->target.dim() == dim)
    all.rightCols(view->target.size()) = view->target.X;
  if (view->projected && dim > 0 && all.cols() > 0) {
    // Principal components of all drawn points: X ~ mean + basis * xy.
    Projection2d pca = fit_pca_2d(all);
    view->mean = std::move(pca.mean);
    view->basis = std::move(pca.axes);
    auto project = [&](const Dataset& ds) -> Mat {
      if (ds.size() == 0 || ds.dim() != dim) return Mat(2, 0);
      return view->basis.transpose() * (ds.X.colwise() - view->mean);
    };
    view->source_xy = project(view->source);
    view->target_xy = project(view->target);
  } else {
    view->source_xy = view->source.dim() >= 2 ? Mat(view->source.X.topRows(2)) : Mat(2, 0);
    view->target_xy = view->target.dim() >= 2 ? Mat(view->target.X.topRows(2)) : Mat(2, 0);
  }
  Mat xy(2, view->source_xy.cols() + view->target_xy.cols());
  if (view->source_xy.cols() > 0) xy.leftCols(view->source_xy.cols()) = view->source_xy;
  if (view->target_xy.cols() > 0) xy.rightCols(view->target_xy.cols()) = view->target_xy;
  view->bounds = fit_grid(xy, kGridCells, 0.12);
  data_ = view;
}

void Engine::record_metrics() {
  if (!scn_) return;
  const double t0 = now_seconds();
  metrics_ = scn_->metrics();
  auto h = std::make_shared<History>(*history_);
  const size_t rows = h->steps.size();
  h->steps.push_back(scn_->steps_done());
  for (auto& col : h->values) col.push_back(kNaN);
  for (const auto& kv : metrics_) {
    auto it = std::find(h->names.begin(), h->names.end(), kv.first);
    size_t idx;
    if (it == h->names.end()) {
      h->names.push_back(kv.first);
      h->values.emplace_back(rows + 1, kNaN);
      idx = h->names.size() - 1;
    } else {
      idx = static_cast<size_t>(it - h->names.begin());
    }
    h->values[idx].back() = kv.second;
  }
  h->batch_loss.push_back(loss_mean_);
  history_ = h;
  history_pub_ = h;
  last_record_step_ = scn_->steps_done();
  last_record_time_ = now_seconds();
  costs_.metrics_ms += (last_record_time_ - t0) * 1000.0;
  changed_ = true;
}

void Engine::update_heatmap(const GridSpec& view) {
  if (!scn_ || !data_) return;
  const double t0 = now_seconds();
  auto hm = std::make_shared<Heatmap>();
  hm->serial = ++heatmap_serial_;
  hm->data_serial = data_->serial;
  hm->spec = view;
  hm->spec.n = kGridCells;
  // The grid only for 2-D data: for data shown by principal components, a prediction on the
  // plane through the mean says little about how the model classifies (the page draws each
  // point's prediction instead).
  const bool grid_wanted = !data_->projected;
  const Mat grid = grid_wanted ? grid_points(hm->spec) : Mat(data_->dim, 0);
  const Mat P = grid_wanted ? scn_->predict(grid) : Mat(scn_->num_classes(), 0);
  hm->classes = static_cast<int>(P.rows());
  hm->probs.resize(static_cast<size_t>(P.size()));
  // Class-major layers: probs[k * cells + cell].
  const Eigen::Index cells = P.cols();
  for (Eigen::Index k = 0; k < P.rows(); ++k)
    for (Eigen::Index j = 0; j < cells; ++j)
      hm->probs[static_cast<size_t>(k * cells + j)] = static_cast<float>(P(k, j));
  if (data_->source.size() > 0) hm->pred_source = argmax_cols(scn_->predict(data_->source.X));
  if (data_->target.size() > 0) hm->pred_target = argmax_cols(scn_->predict(data_->target.X));
  const int cmp = comparison();
  if (cmp >= 1) {
    const Mat Q = grid_wanted ? scn_->predict_model(cmp, grid) : Mat(P.rows(), 0);
    if (Q.rows() == P.rows() && Q.cols() == P.cols()) {
      hm->compare = cmp;
      hm->compare_probs.resize(static_cast<size_t>(Q.size()));
      for (Eigen::Index k = 0; k < Q.rows(); ++k)
        for (Eigen::Index j = 0; j < cells; ++j)
          hm->compare_probs[static_cast<size_t>(k * cells + j)] = static_cast<float>(Q(k, j));
      if (data_->source.size() > 0)
        hm->compare_source = argmax_cols(scn_->predict_model(cmp, data_->source.X));
      if (data_->target.size() > 0)
        hm->compare_target = argmax_cols(scn_->predict_model(cmp, data_->target.X));
    }
  }
  hm->predict_ms = (now_seconds() - t0) * 1000.0;
  costs_.predict_ms += hm->predict_ms;
  ++costs_.heatmaps;
  ++costs_.heatmap_blocks;
  heatmap_ = hm;
  last_grid_time_ = now_seconds();
  weights_changed_ = false;
  changed_ = true;
}

long Engine::run_steps(const Request& req, double budget_ms) {
  const double t0 = now_seconds();
  const double dt = last_tick_time_ < 0 ? 0 : std::min(0.25, t0 - last_tick_time_);
  last_tick_time_ = t0;
  if (!playing_ || !scn_ || scn_->done()) {
    tokens_ = 0;
    return 0;
  }
  const bool limited = req.steps_per_second > 0;
  if (limited)
    tokens_ = std::min(tokens_ + dt * req.steps_per_second, 1.0 + req.steps_per_second * 0.25);
  const double end = t0 + budget_ms / 1000.0;
  long n = 0;
  while (!scn_->done()) {
    if (limited && tokens_ < 1) break;
    StepStats s;
    if (!guarded_step(&s)) break;
    ++n;
    if (limited) tokens_ -= 1;
    note_loss(s.loss);
    weights_changed_ = true;
    view_stale_ = true;
    const long done = scn_->steps_done();
    if (done - last_record_step_ >= record_every_ || scn_->done() ||
        now_seconds() - last_record_time_ > kRecordInterval)
      record_metrics();
    if (now_seconds() >= end) break;
  }
  if (n > 0) changed_ = true;
  return n;
}

bool Engine::guarded_step(StepStats* stats) {
  const double t0 = now_seconds();
  const Status st = scn_->guarded_step(stats);
  costs_.step_ms += (now_seconds() - t0) * 1000.0;
  ++costs_.step_slices;
  ++costs_.steps;
  if (st.ok()) return true;
  if (diverged_.empty()) {
    diverged_ = st.message;
    ++diverged_count_;
    weights_changed_ = true;  // the restored weights: redraw the heatmap
    view_stale_ = true;
    record_metrics();
    changed_ = true;
  }
  return false;
}

void Engine::note_loss(double loss) {
  if (!std::isfinite(loss)) return;
  // Running mean over ~20 steps (plain mean until then).
  ++loss_count_;
  const double a = 1.0 / std::min<double>(loss_count_, 20);
  loss_mean_ = loss_count_ == 1 ? loss : (1 - a) * loss_mean_ + a * loss;
}

bool Engine::tick(const Request& req, double budget_ms) {
  const double t0 = now_seconds();
  bool worked = false;
  if (req.setup.version != seen_version_ || !started_) {
    started_ = true;
    seen_version_ = req.setup.version;
    apply_setup(req.setup);
    worked = true;
  }
  if (req.reset_requests != seen_resets_) {
    seen_resets_ = req.reset_requests;
    if (scn_) apply_setup(setup_);
    worked = true;
  }
  if (playing_ != req.playing) {
    playing_ = req.playing;
    changed_ = true;
    if (!playing_ && scn_ && scn_->steps_done() != last_record_step_) record_metrics();
  }
  // While the latest setup is rejected, the old model stays but does not train.
  const bool blocked = !error_.empty() && error_version_ == seen_version_;
  if (req.step_requests != seen_steps_) {
    const long n = req.step_requests - seen_steps_;
    seen_steps_ = req.step_requests;
    if (scn_ && !blocked) {
      for (long i = 0; i < n && i < 1000; ++i) {
        StepStats st;
        if (!guarded_step(&st)) break;
        note_loss(st.loss);
      }
      weights_changed_ = true;
      view_stale_ = true;
      record_metrics();
    }
    worked = true;
  }
  if (req.model_requests != seen_models_) {
    seen_models_ = req.model_requests;
    model_seq_ = req.model_requests;
    model_ = std::make_shared<const std::string>(scn_ ? scn_->save_model() : std::string());
    changed_ = true;
    worked = true;
  }
  if (req.compare != compare_) {
    compare_ = req.compare;
    weights_changed_ = true;
    last_grid_time_ = -1e9;
  }
  if (req.has_view) {
    GridSpec v = req.view;
    v.n = kGridCells;
    if (!has_grid_view_ || v.xmin != grid_view_.xmin || v.xmax != grid_view_.xmax ||
        v.ymin != grid_view_.ymin || v.ymax != grid_view_.ymax) {
      grid_view_ = v;
      has_grid_view_ = true;
      weights_changed_ = true;
      last_grid_time_ = -1e9;  // the view moved: refresh now
    }
  }
  // The heatmap first when it is due (it shows the weights of the last published step), then
  // training steps with what is left of the budget.
  const bool training = playing_ && !blocked && scn_ && !scn_->done() && diverged_.empty();
  if (scn_ && weights_changed_ && (!training || now_seconds() - last_grid_time_ >= kGridInterval)) {
    GridSpec view = has_grid_view_ ? grid_view_ : (data_ ? data_->bounds : GridSpec{});
    update_heatmap(view);
    worked = true;
  }
  if (scn_ && view_stale_ && (!training || now_seconds() - last_view_time_ >= kViewInterval)) {
    update_view();
    worked = true;
  }
  if (training) {
    const double spent = (now_seconds() - t0) * 1000.0;
    if (run_steps(req, std::max(0.5, budget_ms - spent)) > 0) worked = true;
  } else {
    last_tick_time_ = -1;
    tokens_ = 0;
  }
  const double now = now_seconds();
  if (scn_ && now - rate_t0_ >= 0.5) {
    const long steps = scn_->steps_done();
    rate_ = (steps - rate_steps0_) / (now - rate_t0_);
    if (!playing_) rate_ = 0;
    rate_t0_ = now;
    rate_steps0_ = steps;
  }
  const double tick_ms = (now_seconds() - t0) * 1000.0;
  costs_.tick_ms += tick_ms;
  costs_.max_tick_ms = std::max(costs_.max_tick_ms, tick_ms);
  ++costs_.ticks;
  return worked;
}

std::shared_ptr<const Snapshot> Engine::publish_if_changed() {
  if (!changed_) return nullptr;
  changed_ = false;
  auto s = std::make_shared<Snapshot>();
  s->seq = ++publish_seq_;
  s->setup_version = setup_.version;
  s->resets = seen_resets_;
  s->error_version = error_version_;
  s->error = error_;
  s->scenario = setup_.scenario;
  if (scn_) {
    s->step = scn_->steps_done();
    s->total = scn_->total_steps();
    s->done = scn_->done();
  }
  s->playing = playing_ && scn_ && !s->done && diverged_.empty() &&
               (error_.empty() || error_version_ != seen_version_);
  s->diverged = diverged_;
  s->diverged_count = diverged_count_;
  s->batch_loss = loss_mean_;
  s->metrics = metrics_;
  s->steps_per_second = rate_;
  s->data = data_;
  s->heatmap = heatmap_;
  s->history = history_pub_;
  s->models = models_;
  s->phases = phases_;
  s->view = view_;
  s->model_seq = model_seq_;
  s->model = model_;
  last_publish_time_ = now_seconds();
  return s;
}

// --- EngineHost -------------------------------------------------------------------------------

EngineHost::EngineHost(bool threaded) : threaded_(threaded) {
  if (threaded_) {
    std::thread([this] { thread_main(); }).detach();
  }
}

void EngineHost::send(const Request& req) {
  std::lock_guard<std::mutex> lock(mutex_);
  request_ = req;
  ++request_serial_;
}

std::shared_ptr<const Snapshot> EngineHost::latest() {
  std::lock_guard<std::mutex> lock(mutex_);
  return latest_;
}

void EngineHost::pump(double budget_ms) {
  if (threaded_) return;
  Request req;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    req = request_;
  }
  if (request_serial_ == 0) return;
  engine_.tick(req, budget_ms);
  if (auto s = engine_.publish_if_changed()) {
    std::lock_guard<std::mutex> lock(mutex_);
    latest_ = std::move(s);
  }
}

void EngineHost::thread_main() {
  thread_started_.store(true);
  uint64_t seen = 0;
  double last_publish = 0;
  for (;;) {
    Request req;
    uint64_t serial;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      req = request_;
      serial = request_serial_;
    }
    if (serial == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    const bool fresh = serial != seen;
    seen = serial;
    // Work in slices of ~12 ms so new requests are picked up quickly.
    const bool worked = engine_.tick(req, 12.0);
    const double now = now_seconds();
    // Publish at most ~60 times a second while training, at once after a request.
    if (fresh || !worked || now - last_publish >= 1.0 / 60) {
      if (auto s = engine_.publish_if_changed()) {
        std::lock_guard<std::mutex> lock(mutex_);
        latest_ = std::move(s);
        last_publish = now;
      }
    }
    if (!worked) std::this_thread::sleep_for(std::chrono::milliseconds(4));
  }
}

TL_NAMESPACE_END
