// The App's actions, its mirror of the scenario, the requests it sends the engine, what it takes
// from the engine's snapshots, and the screen reader's live region.
#include "app/app.h"

#include <algorithm>
#include <cstdio>

#include "app/metric_format.h"
#include "app/new_seed.h"
#include "app/url_state.h"
#include "imgui_internal.h"

TL_NAMESPACE_BEGIN

bool App::init(bool threaded) {
  host = std::make_unique<EngineHost>(threaded);
  req.steps_per_second = 60;
  std::string error;
  renderer_ok = renderer.init(error) && compare_renderer.init(error);
  if (!renderer_ok) notify("heatmap disabled: " + error, true, 30);
  const std::string hash = platform::location_hash();
  apply_hash(hash);
  show_home = !embed && parse_url_hash(hash).state.scenario.empty();
  return true;
}

void App::make_mirror(const std::string& name) {
  info_ = find_scenario(name);
  if (!info_) info_ = find_scenario(kDefaultScenario);
  if (!info_ && !scenarios().empty()) info_ = &scenarios().front();
  mirror_ = info_->make();
  // Probe (on the mirror, which is never trained) which user data the scenario takes.
  accepts_source_ = mirror_->set_user_source(std::nullopt).ok();
  accepts_target_ = mirror_->set_user_target(std::nullopt).ok();
  accepts_class_table_ = mirror_->set_user_class_semantics(std::nullopt).ok();
  // A class table names one scenario's classes: a new scenario starts from its own table.
  class_table_.reset();
  class_table_name_.clear();
  req.compare = -1;  // the new scenario's default comparison
}

void App::select_scenario(const std::string& name) {
  if (info_ && info_->name == name) return;
  make_mirror(name);
  if (sketch.active()) {
    // Keep the user's data when the new scenario takes it, else back to the scenario's own.
    if (!accepts_source_) sketch.deactivate();
  }
  canvas.fit_pending = true;
  canvas.brush_domain = accepts_target_ ? canvas.brush_domain : 0;
  req.playing = false;  // a new scenario waits for Play
  ++setup_version_;
  send();
}

void App::config_changed() {
  ++setup_version_;
  if (!sketch.active()) canvas.fit_pending = true;
  send();
}

void App::data_changed(bool fit) {
  ++setup_version_;
  if (fit) canvas.fit_pending = true;
  send();
}

void App::set_seed(uint64_t s) {
  seed = s;
  ++setup_version_;
  send();
}

void App::new_seed() {
  set_seed(next_seed(seed, ++seed_presses_));
}

void App::play(bool on) {
  if (on) {
    // Data that cannot train: Play stays Play and the notice says what is missing.
    const std::string gap = training_gap();
    if (!gap.empty()) {
      req.playing = false;
      notify(gap, false, 8);
      send();
      return;
    }
  }
  if (on && snap && (snap->done || !snap->diverged.empty()) && in_sync()) {
    ++req.reset_requests;  // finished or diverged: play again from the start
  }
  req.playing = on;
  send();
}

void App::step_once() {
  req.playing = false;
  ++req.step_requests;
  send();
}

void App::reset_training() {
  ++req.reset_requests;
  send();
}

void App::begin_sketch_edit() {
  if (!sketch.active()) {
    Dataset src, tgt;
    if (snap && snap->data && snap->data->dim == 2) {
      if (accepts_target_) {
        src = snap->data->source;
        tgt = snap->data->target;
      } else {
        src = concat(snap->data->source, snap->data->target);
        src.domain.clear();
      }
    }
    sketch.adopt(src, tgt);
  }
  sketch.begin_edit();
}

void App::send() {
  Request r = req;
  r.setup.scenario = info_ ? info_->name : kDefaultScenario;
  r.setup.config = config_to_pairs(mirror_->visitor());
  r.setup.seed = seed;
  r.setup.data = sketch.user_data();
  r.setup.class_table = class_table_;
  r.setup.version = setup_version_;
  if (canvas.has_view) {
    r.view = canvas.view.visible();
    r.has_view = true;
  }
  req.setup = r.setup;
  host->send(r);
}

bool App::in_sync() const {
  return snap && snap->setup_version == setup_version_ &&
         !(snap->error_version == setup_version_ && !snap->error.empty());
}

std::string App::setup_error() const {
  if (snap && snap->error_version == setup_version_) return snap->error;
  return {};
}

std::string App::training_gap() const {
  // The method trains on labelled source points in these corners (the others learn from
  // unlabelled source data, and the engine says what they lack).
  const bool needs_labels =
      info_ && (info_->corner == Corner::kSupervised || info_->corner == Corner::kBothLabelled ||
                info_->corner == Corner::kTargetUnlabelled);
  if (needs_labels && sketch.active() && sketch.dim() == 2) {
    // Whole sentences (with the set's name where there are two sets): the page shows them
    // translated through the catalogue's patterns.
    const std::string set = accepts_target_ ? std::string(source_label()) + " " : std::string();
    if (sketch.size() == 0)
      return "No points yet: add labelled " + set +
             "points of at least two classes (pick a class colour in the tool bar, then click "
             "the canvas).";
    const int k = sketch.labelled_classes(0);
    if (k == 0)
      return "Only unlabelled (?) points: add labelled " + set +
             "points of at least two classes (pick a class colour in the tool bar).";
    if (k == 1)
      return "Only one class has labelled " + set +
             "points: add points of a second class (pick another colour in the tool bar).";
  }
  const std::string err = setup_error();
  if (!err.empty()) return "Cannot train: " + err;
  return {};
}

bool App::accepts_classes(int k) {
  if (probe_version_ == setup_version_ && probe_k_ == k) return probe_ok_;
  // Two points of each class on a line; the mirror is never trained and keeps no user data.
  Dataset probe;
  probe.X.resize(2, 2 * k);
  for (int j = 0; j < 2 * k; ++j) {
    probe.X(0, j) = static_cast<Scalar>(j);
    probe.X(1, j) = static_cast<Scalar>(j % 2);
    probe.y.push_back(j / 2);
  }
  probe.num_classes = k;
  probe_ok_ = mirror_->set_user_source(std::move(probe)).ok();
  (void)mirror_->set_user_source(std::nullopt);
  probe_version_ = setup_version_;
  probe_k_ = k;
  return probe_ok_;
}

int App::num_classes() const {
  int k = 0;
  if (snap && snap->data) k = snap->data->num_classes;
  if (sketch.active()) k = std::max(k, sketch.num_classes());
  return std::max(k, 2);
}

const char* App::source_label() const {
  return info_ && info_->corner == Corner::kSupervised ? "train" : "source";
}
const char* App::target_label() const {
  return info_ && info_->corner == Corner::kSupervised ? "test" : "target";
}

void App::mark(const char* name) {
  // A window ImGui hides for its first frame (to measure an auto-resized window) is not on screen
  // and takes no click in the next frame: its widgets are recorded from the frame it is shown.
  if (ImGui::GetCurrentWindowRead()->Hidden) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  widgets_[name] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
}

void App::notify(const std::string& text, bool error, double seconds) {
  notices.push(text, error, now_seconds() + seconds);
  if (error) platform::set_alert(text);
}

CanvasContext App::canvas_context() {
  CanvasContext c;
  c.snap = snap.get();
  c.sketch = &sketch;
  c.renderer = renderer_ok ? &renderer : nullptr;
  c.compare_renderer = renderer_ok ? &compare_renderer : nullptr;
  c.scenario = info_ ? info_->name : std::string();
  c.accepts_source = accepts_source_;
  c.accepts_target = accepts_target_;
  c.supervised = info_ && info_->corner == Corner::kSupervised;
  c.embed = embed;
  c.source_label = source_label();
  c.target_label = target_label();
  c.target_labels_hidden = info_ && info_->corner == Corner::kTargetUnlabelled;
  c.link_holds_data = link_holds_data();
  c.accepts_classes = [this](int k) { return accepts_classes(k); };
  c.in_sync = [this] { return in_sync(); };
  c.results_valid = [this] { return results_valid(); };
  c.training_gap = [this] { return training_gap(); };
  c.use_scenario_data = [this] {
    sketch.deactivate();
    data_changed(true);
  };
  c.setup_error = [this] { return setup_error(); };
  c.num_classes = [this] { return num_classes(); };
  c.view_changed = [this] { view_changed(); };
  c.data_changed = [this](bool fit) { data_changed(fit); };
  c.begin_sketch_edit = [this] { begin_sketch_edit(); };
  c.notify = [this](const std::string& text) { notify(text, false); };
  c.mark = [this](const char* name) { mark(name); };
  c.set_compare = [this](int index) { set_compare(index); };
  return c;
}

void App::set_compare(int index) {
  if (req.compare == index) return;
  req.compare = index;
  send();
}

void App::request_model_download() {
  model_wanted_ = ++req.model_requests;
  send();
}

void App::update_from_snapshot() {
  std::shared_ptr<const Snapshot> s = host->latest();
  if (!s) return;
  const bool fresh = !snap || s->seq != snap->seq;
  snap = s;
  if (!fresh) return;
  if (snap->heatmap && snap->heatmap->serial != heatmap_serial_ && renderer_ok) {
    heatmap_serial_ = snap->heatmap->serial;
    upload_ms = renderer.upload(*snap->heatmap);
    if (snap->heatmap->compare >= 1)
      upload_ms += compare_renderer.upload(*snap->heatmap, true);
    else
      compare_renderer.clear_heatmap();
  }
  if (req.playing && !setup_error().empty()) {
    // The engine refused the data (e.g. the last labelled point was erased): stop, say why.
    req.playing = false;
    notify(training_gap(), false, 8);
    send();
  }
  if (snap->diverged_count != diverged_seen_) {
    // The guard stopped training and restored the last good weights: say so, stop playing.
    diverged_seen_ = snap->diverged_count;
    notify(snap->diverged, true, 20);
    if (req.playing) {
      req.playing = false;
      send();
    }
  }
  if (model_wanted_ > 0 && snap->model_seq == model_wanted_) {
    model_wanted_ = 0;
    if (!snap->model || snap->model->empty()) {
      notify(info_->name + " has no model file to save", true);
    } else {
      platform::download(info_->name + "-model.json", "application/json", snap->model->data(),
                         snap->model->size());
    }
  }
}

void App::update_live_region() {
  if (!snap) return;
  std::string text = "Scenario " + info_->name + ". ";
  text += snap->playing             ? "Training, "
          : !snap->diverged.empty() ? "Stopped, "
          : snap->done              ? "Finished, "
                                    : "Paused, ";
  text += "step " + std::to_string(snap->step) + " of " + std::to_string(snap->total) + ".";
  if (mirror_ && results_valid()) text += live_metrics_text(mirror_->metrics_info(), snap->metrics);
  const std::string err = setup_error();
  if (!err.empty()) text += " " + err + ".";
  if (!snap->diverged.empty()) text += " " + snap->diverged;
  // Announce state changes at once, progress while training at most every 10 s.
  const double now = now_seconds();
  auto head = [](const std::string& t) { return t.substr(0, t.find(',')); };
  const bool state_changed = head(text) != head(live_text_);
  if (text != live_text_ && (state_changed || now - live_at_ > 10 || !snap->playing)) {
    platform::set_live_region(text);
    live_text_ = text;
    live_at_ = now;
  }
}

TL_NAMESPACE_END
