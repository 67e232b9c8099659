#include "app/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "core/activation.h"
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
  job_.reset();
  last_grid_time_ = -1e9;
  step_accum_ms_ = 0;
  slices_this_step_ = 0;
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
  view_ms_ = (now_seconds() - t0) * 1000.0;
  costs_.view_ms += view_ms_;
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
  metrics_ms_ = (last_record_time_ - t0) * 1000.0;
  costs_.metrics_ms += metrics_ms_;
  changed_ = true;
}

/// A heatmap in the making: the grid, then the source and target points, of the main model
/// and then of the comparison model, in blocks of columns.
struct Engine::HeatmapJob {
  std::shared_ptr<Heatmap> hm;
  std::shared_ptr<const DataView> data;
  Mat grid;       // dim x cells (no columns for data shown by principal components)
  int cmp = -1;   // the comparison model (< 1: none)
  int stage = 0;  // 0-2: grid, source, target of the main model; 3-5: of the comparison
  Eigen::Index pos = 0;
  double ms = 0;
};

void Engine::update_heatmap(const GridSpec& view) {
  job_.reset();
  if (!scn_ || !data_) return;
  auto job = std::make_shared<HeatmapJob>();
  auto hm = std::make_shared<Heatmap>();
  hm->serial = ++heatmap_serial_;
  hm->data_serial = data_->serial;
  hm->spec = view;
  hm->spec.n = kGridCells;
  // The grid only for 2-D data: for data shown by principal components, a prediction on the
  // plane through the mean says little about how the model classifies (the page draws each
  // point's prediction instead).
  const bool grid_wanted = !data_->projected;
  job->grid = grid_wanted ? grid_points(hm->spec) : Mat(data_->dim, 0);
  hm->classes = scn_->num_classes();
  hm->probs.assign(static_cast<size_t>(hm->classes) * static_cast<size_t>(job->grid.cols()), 0.f);
  job->cmp = comparison();
  job->hm = std::move(hm);
  job->data = data_;
  job_ = std::move(job);
  last_grid_time_ = now_seconds();
  weights_changed_ = false;
}

void Engine::heatmap_block(double ms) {
  HeatmapJob& j = *job_;
  Heatmap& hm = *j.hm;
  const double t0 = now_seconds();
  auto input = [&](int stage) -> const Mat& {
    return stage % 3 == 0 ? j.grid : stage % 3 == 1 ? j.data->source.X : j.data->target.X;
  };
  // Moves on to the next stage with columns left (6: complete); the comparison's first stage
  // sets up its fields.
  auto settle = [&] {
    while (j.stage < 6) {
      if (j.stage >= 3 && j.cmp < 1) {
        j.stage = 6;
        break;
      }
      if (j.stage == 3 && j.pos == 0 && hm.compare != j.cmp) {
        hm.compare = j.cmp;
        hm.compare_probs.assign(hm.probs.size(), 0.f);
      }
      if (j.pos < input(j.stage).cols()) break;
      ++j.stage;
      j.pos = 0;
    }
  };
  settle();
  if (j.stage < 6) {
    const Mat& X = input(j.stage);
    const int model = j.stage < 3 ? 0 : 1;
    const double per_col = cost_per_col_[model];
    const Eigen::Index want =
        per_col > 0 ? static_cast<Eigen::Index>(std::max(ms, 0.25) / per_col) : 256;
    const Eigen::Index cols =
        std::min<Eigen::Index>(std::clamp<Eigen::Index>(want, 32, 16384), X.cols() - j.pos);
    const Mat block = X.middleCols(j.pos, cols);
    const double p0 = now_seconds();
    // The grid is only coloured: predicted at display precision (core/activation.h); the
    // points' classes come from the exact prediction.
    auto predict = [&] {
      return model == 0 ? scn_->predict(block) : scn_->predict_model(j.cmp, block);
    };
    const Mat P = j.stage % 3 == 0 ? with_display_precision(predict) : predict();
    const double col_ms = (now_seconds() - p0) * 1000.0 / static_cast<double>(cols);
    cost_per_col_[model] = per_col > 0 ? 0.7 * per_col + 0.3 * col_ms : col_ms;
    if (j.stage % 3 == 0) {
      if (P.rows() != hm.classes) {
        // A model with other outputs than the scenario's classes: no grid from it.
        if (model == 1) {
          hm.compare = -1;
          hm.compare_probs.clear();
          j.stage = 6;
        } else {
          hm.classes = static_cast<int>(P.rows());
          hm.probs.assign(static_cast<size_t>(P.rows() * j.grid.cols()), 0.f);
          j.pos = 0;  // again from the start with the right size
        }
      } else {
        // Class-major layers: probs[k * cells + cell].
        std::vector<float>& out = model == 0 ? hm.probs : hm.compare_probs;
        const Eigen::Index cells = j.grid.cols();
        for (Eigen::Index k = 0; k < P.rows(); ++k)
          for (Eigen::Index c = 0; c < cols; ++c)
            out[static_cast<size_t>(k * cells + j.pos + c)] = static_cast<float>(P(k, c));
        j.pos += cols;
      }
    } else {
      std::vector<int>& out = j.stage == 1   ? hm.pred_source
                              : j.stage == 2 ? hm.pred_target
                              : j.stage == 4 ? hm.compare_source
                                             : hm.compare_target;
      const std::vector<int> labels = argmax_cols(P);
      out.insert(out.end(), labels.begin(), labels.end());
      j.pos += cols;
    }
  }
  const double block_ms = (now_seconds() - t0) * 1000.0;
  j.ms += block_ms;
  ++hm.blocks;
  costs_.predict_ms += block_ms;
  ++costs_.heatmap_blocks;
  predict_throttle_.credit -= block_ms;
  settle();
  if (j.stage < 6) return;
  hm.predict_ms = j.ms;
  heatmap_ = j.hm;
  job_.reset();
  ++costs_.heatmaps;
  heatmap_times_.push_back(now_seconds());
  changed_ = true;
}

bool Engine::step_slice() {
  const double t0 = now_seconds();
  StepStats s;
  bool complete = true;
  const Status st = scn_->guarded_step_slice(&s, &complete);
  const double ms = (now_seconds() - t0) * 1000.0;
  costs_.step_ms += ms;
  ++costs_.step_slices;
  slice_ms_ = slice_ms_ > 0 ? 0.8 * slice_ms_ + 0.2 * ms : ms;
  step_accum_ms_ += ms;
  ++slices_this_step_;
  if (!st.ok()) {
    step_accum_ms_ = 0;
    slices_this_step_ = 0;
    if (diverged_.empty()) {
      diverged_ = st.message;
      ++diverged_count_;
      job_.reset();
      weights_changed_ = true;  // the restored weights: redraw the heatmap
      view_stale_ = true;
      record_metrics();
      changed_ = true;
    }
    return false;
  }
  if (!complete) return true;
  ++costs_.steps;
  note_loss(s.loss);
  step_ms_ = step_ms_ > 0 ? 0.8 * step_ms_ + 0.2 * step_accum_ms_ : step_accum_ms_;
  last_step_slices_ = slices_this_step_;
  step_accum_ms_ = 0;
  slices_this_step_ = 0;
  weights_changed_ = true;
  view_stale_ = true;
  changed_ = true;
  return true;
}

void Engine::note_loss(double loss) {
  if (!std::isfinite(loss)) return;
  // Running mean over ~20 steps (plain mean until then).
  ++loss_count_;
  const double a = 1.0 / std::min<double>(loss_count_, 20);
  loss_mean_ = loss_count_ == 1 ? loss : (1 - a) * loss_mean_ + a * loss;
}

void Engine::manual_steps(long n) {
  while (scn_->step_in_progress())
    if (!step_slice()) return;
  for (long i = 0; i < n && i < 1000; ++i) {
    // Whole steps: one slice each unless the scenario splits them.
    do {
      if (!step_slice()) return;
    } while (scn_->step_in_progress());
  }
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
  }
  // While the latest setup is rejected, the old model stays but does not train.
  const bool blocked = !error_.empty() && error_version_ == seen_version_;
  if (req.step_requests != seen_steps_) {
    const long n = req.step_requests - seen_steps_;
    seen_steps_ = req.step_requests;
    if (scn_ && !blocked) {
      job_.reset();  // its weights are about to change
      manual_steps(n);
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
  // A new comparison or view: a heatmap as soon as the throttle allows (one pending finishes
  // first, so that steps are not starved by a view that keeps changing).
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
      // The view moved: a new grid soon (none for data drawn by principal components).
      if (!data_ || !data_->projected) {
        weights_changed_ = true;
        last_grid_time_ = -1e9;
      }
    }
  }
  auto training = [&] {
    return playing_ && !blocked && scn_ && !scn_->done() && diverged_.empty();
  };
  // The speed limit: tokens for steps, refilled with the time since the last training tick.
  const bool limited = req.steps_per_second > 0;
  if (training()) {
    const double dt = last_tick_time_ < 0 ? 0 : std::min(0.25, t0 - last_tick_time_);
    last_tick_time_ = t0;
    if (limited)
      tokens_ = std::min(tokens_ + dt * req.steps_per_second, 1.0 + req.steps_per_second * 0.25);
  } else {
    last_tick_time_ = -1;
    tokens_ = 0;
  }
  predict_throttle_.accrue(budget_ms);
  metrics_throttle_.accrue(budget_ms);
  view_throttle_.accrue(budget_ms);

  // Units of work until the budget is spent (at least one).
  const double deadline = t0 + budget_ms / 1000.0;
  int units = 0;
  while (scn_) {
    const bool train = training();
    const long done = scn_->steps_done();
    if (!train && done != last_record_step_ && !scn_->step_in_progress()) {
      // Paused, finished or stopped: the last step's metrics at once, budget or not (the
      // snapshot says training stopped there), once.
      record_metrics();
      ++units;
      continue;
    }
    const double now = now_seconds();
    const double left_ms = (deadline - now) * 1000.0;
    if (units > 0 && left_ms <= 0) break;
    // Whether work of about `ms` fits in what is left (the first unit always does).
    auto fits = [&](double ms) { return units == 0 || ms <= left_ms; };
    // A step in progress first: nothing reads the models part-way.
    if (scn_->step_in_progress()) {
      step_slice();
      ++units;
      continue;
    }
    if (job_) {
      heatmap_block(0.8 * left_ms);  // a margin for the estimate's error
      ++units;
      continue;
    }
    // At a step boundary: metrics, the heatmap and the method view when due, then steps.
    if (train && done != last_record_step_ && metrics_throttle_.ready() && fits(metrics_ms_) &&
        (done - last_record_step_ >= record_every_ || now - last_record_time_ > kRecordInterval)) {
      record_metrics();
      metrics_throttle_.credit -= metrics_ms_;
      ++units;
      continue;
    }
    if (weights_changed_ &&
        (!train || (now - last_grid_time_ >= kGridInterval && predict_throttle_.ready()))) {
      update_heatmap(has_grid_view_ ? grid_view_ : (data_ ? data_->bounds : GridSpec{}));
      if (job_) continue;
    }
    if (view_stale_ && fits(view_ms_) &&
        (!train || (now - last_view_time_ >= kViewInterval && view_throttle_.ready()))) {
      update_view();
      if (train) view_throttle_.credit -= view_ms_;
      ++units;
      continue;
    }
    if (train && (!limited || tokens_ >= 1) && fits(slice_ms_)) {
      if (limited) tokens_ -= 1;
      step_slice();
      ++units;
      continue;
    }
    break;
  }
  if (units > 0) worked = true;
  last_units_ = units;
  const double now = now_seconds();
  if (scn_ && now - rate_t0_ >= 0.5) {
    const long steps = scn_->steps_done();
    rate_ = (steps - rate_steps0_) / (now - rate_t0_);
    if (!playing_) rate_ = 0;
    rate_t0_ = now;
    rate_steps0_ = steps;
  }
  heatmap_times_.erase(heatmap_times_.begin(),
                       std::find_if(heatmap_times_.begin(), heatmap_times_.end(),
                                    [&](double t) { return t > now - 1.0; }));
  const double tick_ms = (now - t0) * 1000.0;
  last_tick_ms_ = tick_ms;
  last_budget_ms_ = budget_ms;
  if (worked) changed_ = true;
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
  s->train_ms = last_tick_ms_;
  s->budget_ms = last_budget_ms_;
  s->heatmap_hz = static_cast<double>(heatmap_times_.size());
  if (heatmap_) {
    s->heatmap_blocks = heatmap_->blocks;
    s->heatmap_ms = heatmap_->predict_ms;
  }
  s->step_ms = step_ms_;
  s->step_slices = last_step_slices_;
  s->metrics_ms = metrics_ms_;
  s->view_ms = view_ms_;
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

bool EngineHost::pump(double budget_ms) {
  if (threaded_) return false;
  Request req;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    req = request_;
  }
  if (request_serial_ == 0) return false;
  const bool worked = engine_.tick(req, budget_ms);
  if (auto s = engine_.publish_if_changed()) {
    std::lock_guard<std::mutex> lock(mutex_);
    latest_ = std::move(s);
    return true;
  }
  return worked;
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
