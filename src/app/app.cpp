#include "app/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "app/metric_format.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/url_state.h"
#include "backends/imgui_impl_opengl3.h"
#include "core/json.h"
#include "data/csv.h"
#include "data/digits.h"

#include <GLES3/gl3.h>

TL_NAMESPACE_BEGIN

namespace {

const char* kDefaultScenario = "basic-moons";

}  // namespace

bool App::init(bool threaded) {
  host = std::make_unique<EngineHost>(threaded);
  req.steps_per_second = 60;
  std::string error;
  renderer_ok = renderer.init(error);
  if (!renderer_ok) notify("heatmap disabled: " + error, true, 30);
  apply_hash(platform::location_hash());
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
  static std::mt19937_64 gen{static_cast<uint64_t>(now_seconds() * 1e6) ^ 0x9e3779b97f4a7c15ULL};
  set_seed(gen() % 1000000);
}

void App::play(bool on) {
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
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  widgets_[name] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
}

void App::notify(const std::string& text, bool error, double seconds) {
  notices.push_back({text, error, now_seconds() + seconds});
  if (notices.size() > 4) notices.erase(notices.begin());
  if (error) platform::set_alert(text);
}

void App::apply_hash(const std::string& hash) {
  UrlParse parsed = parse_url_hash(hash);
  for (const auto& n : parsed.notices) notify(n, true, 12);
  std::string name = parsed.state.scenario.empty() ? kDefaultScenario : parsed.state.scenario;
  bool defaults = false;
  if (!find_scenario(name)) {
    notify("link: unknown scenario '" + name + "'; showing " + kDefaultScenario + " with defaults",
           true, 12);
    name = kDefaultScenario;
    defaults = true;
  }
  info_ = nullptr;
  make_mirror(name);
  if (!defaults) {
    const VisitFn visit = mirror_->visitor();
    for (const auto& kv : parsed.state.config) {
      Status st = set_config_field(visit, kv.first, kv.second);
      if (!st.ok()) notify("link: " + st.message + " (default kept)", true, 12);
    }
  }
  seed = defaults ? 1 : parsed.state.seed.value_or(1);
  embed = parsed.state.embed;
  if (!defaults && parsed.state.points && accepts_source_) {
    Dataset src, tgt;
    src.X.resize(2, 0);
    tgt.X.resize(2, 0);
    for (const UrlPoint& p : *parsed.state.points) {
      Dataset& d = p.domain == 1 && accepts_target_ ? tgt : src;
      const Eigen::Index n = d.X.cols();
      d.X.conservativeResize(2, n + 1);
      d.X(0, n) = p.x;
      d.X(1, n) = p.y;
      d.y.push_back(p.label);
      d.num_classes = std::max(d.num_classes, p.label + 1);
    }
    sketch.set(src, tgt.empty() ? std::nullopt : std::optional<Dataset>(tgt));
  } else {
    sketch = Sketch();
  }
  req.playing = false;
  canvas.fit_pending = true;
  ++setup_version_;
  last_hash_ = hash.size() > 0 && hash[0] == '#' ? hash.substr(1) : hash;
  send();
}

void App::sync_hash() {
  UrlState s;
  s.scenario = info_->name;
  s.seed = seed;
  s.config = config_to_pairs(mirror_->visitor());
  s.embed = embed;
  if (sketch.active() && sketch.dim() == 2 && sketch.size() <= kMaxUrlPoints) {
    std::vector<UrlPoint> pts;
    auto add = [&pts](const Dataset& d, int domain) {
      for (int j = 0; j < d.size(); ++j)
        pts.push_back({d.X(0, j), d.X(1, j), d.y[static_cast<size_t>(j)], domain});
    };
    add(sketch.source(), 0);
    add(sketch.target(), 1);
    s.points = std::move(pts);
  }
  const std::string h = format_url_hash(s);
  if (h == last_hash_) return;
  const double now = now_seconds();
  if (now - hash_written_at_ < 0.3 && ImGui::IsMouseDown(0)) return;  // throttle while dragging
  platform::replace_hash(h);
  last_hash_ = h;
  hash_written_at_ = now;
}

void App::load_file(const platform::FileDrop& file) {
  const std::string text(file.bytes.begin(), file.bytes.end());
  Result<Dataset> parsed = parse_csv(text, file.name.empty() ? "csv" : file.name);
  if (!parsed.ok()) {
    upload_error = parsed.error();
    notify(parsed.error() + " (your previous data is kept)", true, 12);
    return;
  }
  Dataset ds = std::move(parsed.value());
  std::optional<Dataset> src, tgt;
  if (file.kind == 1) {
    tgt = ds;
  } else if (ds.has_domains()) {
    std::vector<int> s_idx, t_idx;
    for (int j = 0; j < ds.size(); ++j)
      (ds.domain[static_cast<size_t>(j)] == 1 ? t_idx : s_idx).push_back(j);
    src = ds.subset(s_idx);
    if (!t_idx.empty()) tgt = ds.subset(t_idx);
  } else {
    src = ds;
  }
  if (tgt && !accepts_target_) {
    if (!src || src->empty()) {
      upload_error = file.name + ": " + info_->name + " takes no target data set";
      notify(upload_error + " (your previous data is kept)", true, 10);
      return;
    }
    tgt.reset();
    notify("the target rows were left out: " + info_->name + " takes no target data set", false);
  }
  // Keep the other half of the user's data when only one half is uploaded.
  if (!src) {
    if (sketch.active())
      src = sketch.source();
    else if (snap && snap->data && snap->data->source.dim() == tgt->dim())
      src = snap->data->source;
  }
  if (!src) {
    upload_error = file.name + ": load a source data set first";
    notify(upload_error + " (your previous data is kept)", true, 10);
    return;
  }
  if (tgt && src->dim() != tgt->dim()) {
    upload_error = file.name + ": the target has " + std::to_string(tgt->dim()) +
                   " features but the source has " + std::to_string(src->dim());
    notify(upload_error + " (your previous data is kept)", true, 10);
    return;
  }
  // Validate on the mirror before anything changes (atomic: parse fully, then swap).
  {
    Status st = mirror_->set_user_source(src);
    mirror_->set_user_source(std::nullopt);
    if (!st.ok()) {
      upload_error = file.name + ": " + st.message;
      notify(upload_error + " (your previous data is kept)", true, 12);
      return;
    }
  }
  if (tgt) {
    Status st = mirror_->set_user_target(tgt);
    mirror_->set_user_target(std::nullopt);
    if (!st.ok()) {
      upload_error = file.name + ": " + st.message;
      notify(upload_error + " (your previous data is kept)", true, 12);
      return;
    }
  }
  upload_error.clear();
  src->domain.clear();
  sketch.set(*src, tgt);
  notify("loaded " + file.name + ": " + std::to_string(ds.size()) + " rows, " +
         std::to_string(ds.dim()) + " features, " + std::to_string(std::max(ds.num_classes, 1)) +
         " classes");
  data_changed(true);
}

void App::load_class_table(const platform::FileDrop& file) {
  const std::string text(file.bytes.begin(), file.bytes.end());
  const std::string name = file.name.empty() ? "class table" : file.name;
  Result<AttributeTable> parsed = parse_attribute_table(text, {}, name);
  if (!parsed.ok()) {
    upload_error = parsed.error();
    notify(parsed.error() + " (your previous class table is kept)", true, 12);
    return;
  }
  // Validate on the mirror (with the user's data, whose class names the table must match)
  // before anything changes.
  if (sketch.active()) mirror_->set_user_source(sketch.source());
  Status st = mirror_->set_user_class_semantics(parsed.value());
  mirror_->set_user_class_semantics(std::nullopt);
  mirror_->set_user_source(std::nullopt);
  if (!st.ok()) {
    upload_error = name + ": " + st.message;
    notify(upload_error + " (your previous class table is kept)", true, 12);
    return;
  }
  upload_error.clear();
  class_table_ = std::make_shared<const AttributeTable>(std::move(parsed.value()));
  class_table_name_ = name;
  notify("class table " + name + ": " + std::to_string(class_table_->table.rows()) + " classes, " +
         std::to_string(class_table_->table.cols()) + " columns");
  config_changed();
}

void App::clear_class_table() {
  class_table_.reset();
  class_table_name_.clear();
  config_changed();
}

void App::load_digits_data() {
  Result<Dataset> d = load_digits();
  if (!d.ok()) {
    notify(d.error(), true, 10);
    return;
  }
  Status st = mirror_->set_user_source(d.value());
  mirror_->set_user_source(std::nullopt);
  if (!st.ok()) {
    notify(info_->name + ": " + st.message, true, 10);
    return;
  }
  sketch.set(d.value(), std::nullopt);
  notify(
      "digits: 1797 images of 8x8 pixels (64 features, 10 classes); the canvas shows their "
      "first two principal components");
  data_changed(true);
}

void App::download_data_csv() {
  Dataset src, tgt;
  if (sketch.active()) {
    src = sketch.source();
    tgt = sketch.target();
  } else if (snap && snap->data) {
    src = snap->data->source;
    tgt = snap->data->target;
  }
  if (src.empty() && tgt.empty()) {
    notify("no data to save", true);
    return;
  }
  src.domain.assign(static_cast<size_t>(src.size()), 0);
  tgt.domain.assign(static_cast<size_t>(tgt.size()), 1);
  Dataset all = src.empty() ? tgt : (tgt.empty() ? src : concat(src, tgt));
  const std::string csv = write_csv(all);
  platform::download(info_->name + "-data.csv", "text/csv", csv.data(), csv.size());
}

void App::download_metrics_csv() {
  if (!snap || !snap->history || snap->history->steps.empty()) {
    notify("no metrics recorded yet: press Play", true);
    return;
  }
  const History& h = *snap->history;
  std::string csv = "step,batch_loss";
  for (const auto& n : h.names) csv += "," + n;
  csv += "\n";
  for (size_t i = 0; i < h.steps.size(); ++i) {
    csv += std::to_string(h.steps[i]);
    auto cell = [&csv](double v) {
      csv += ",";
      if (std::isfinite(v)) csv += json_number(v);
    };
    cell(h.batch_loss[i]);
    for (const auto& col : h.values) cell(col[i]);
    csv += "\n";
  }
  platform::download(info_->name + "-metrics.csv", "text/csv", csv.data(), csv.size());
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
  if (mirror_) text += live_metrics_text(mirror_->metrics_info(), snap->metrics);
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

void App::draw_notices() {
  const double now = now_seconds();
  notices.erase(std::remove_if(notices.begin(), notices.end(),
                               [now](const Notice& n) { return n.until < now; }),
                notices.end());
  if (notices.empty()) return;
  const float width = std::min(560.0f, canvas_size.x - 40);
  ImVec2 pos(canvas_pos.x + canvas_size.x * 0.5f - width * 0.5f, canvas_pos.y + 58);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::SetNextWindowBgAlpha(0.94f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1);
  ImGui::Begin("##notices", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  int remove = -1;
  for (size_t i = 0; i < notices.size(); ++i) {
    const Notice& n = notices[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, n.error ? theme::to_vec4(theme::kError)
                                                 : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::PushTextWrapPos(width - 50);
    ImGui::TextUnformatted(n.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SameLine(width - 40);
    if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
    if (i == 0) mark("notice_close");
    ImGui::PopID();
  }
  if (remove >= 0) notices.erase(notices.begin() + remove);
  ImGui::End();
  ImGui::PopStyleVar(2);
}

void App::layout() {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float bar_h = 56;
  narrow = d.x < 1100;
  if (embed) {
    left_size = right_size = ImVec2(0, 0);
    bar_pos = ImVec2(0, 0);
    bar_size = ImVec2(d.x, bar_h);
    canvas_pos = ImVec2(0, bar_h);
    canvas_size = ImVec2(d.x, std::max(1.0f, d.y - bar_h));
    return;
  }
  phone = d.x < 640;
  if (phone) {
    // One column: the bar on top, then either the panels or the canvas.
    bar_pos = ImVec2(0, 0);
    bar_size = ImVec2(d.x, bar_h);
    right_size = ImVec2(0, 0);
    left_pos = ImVec2(0, bar_h);
    left_size = show_side ? ImVec2(d.x, std::max(1.0f, d.y - bar_h)) : ImVec2(0, 0);
    canvas_pos = ImVec2(0, bar_h);
    canvas_size = show_side ? ImVec2(0, 0) : ImVec2(d.x, std::max(1.0f, d.y - bar_h));
    return;
  }
  const float left_w = narrow ? std::floor(std::min(370.0f, d.x * 0.42f)) : 370.0f;
  const float right_w = narrow ? 0.0f : std::floor(std::min(380.0f, std::max(300.0f, d.x * 0.22f)));
  left_pos = ImVec2(0, 0);
  left_size = ImVec2(left_w, d.y);
  right_pos = ImVec2(d.x - right_w, 0);
  right_size = ImVec2(right_w, d.y);
  const float cx = left_w, cw = std::max(1.0f, d.x - left_w - right_w);
  bar_pos = ImVec2(cx, 0);
  bar_size = ImVec2(cw, bar_h);
  canvas_pos = ImVec2(cx, bar_h);
  canvas_size = ImVec2(cw, std::max(1.0f, d.y - bar_h));
}

void App::frame() {
  const double t0 = now_seconds();
  widgets_.clear();
  platform::new_frame();
  if (platform::take_hash_changed()) apply_hash(platform::location_hash());
  for (platform::FileDrop f; platform::take_file(f);) {
    if (f.kind == 2)
      load_class_table(f);
    else
      load_file(f);
  }
  if (theme::build_fonts(platform::pixel_ratio())) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();

  // Training: on the single build ~8 ms of steps per frame, on the threaded build the thread.
  const double te = now_seconds();
  host->pump(8.0);
  engine_ms = (now_seconds() - te) * 1000.0;
  update_from_snapshot();

  layout();
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  // Canvas first (at the back).
  if (canvas_size.x > 1 && canvas_size.y > 1) {
    ImGui::SetNextWindowPos(canvas_pos);
    ImGui::SetNextWindowSize(canvas_size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::to_vec4(theme::kCanvasBg));
    ImGui::Begin("Canvas", nullptr,
                 fixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    canvas.draw(*this, canvas_pos, canvas_size);
    ImGui::End();
    canvas.overlays(*this);
  }

  ImGui::SetNextWindowPos(bar_pos);
  ImGui::SetNextWindowSize(bar_size);
  ImGui::Begin("Controls", nullptr, fixed | ImGuiWindowFlags_NoScrollbar);
  // Keyboard navigation starts at the Play button (once every window exists).
  if (frames == 2) ImGui::SetWindowFocus();
  panels::control_bar(*this);
  ImGui::End();

  if (!embed && left_size.x > 0) {
    ImGui::SetNextWindowPos(left_pos);
    ImGui::SetNextWindowSize(left_size);
    ImGui::Begin("Setup", nullptr, fixed);
    if (narrow || phone) {
      if (ImGui::BeginTabBar("##tabs")) {
        if (ImGui::BeginTabItem("Setup")) {
          panels::scenario_panel(*this);
          panels::config_panel(*this);
          panels::data_panel(*this);
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Results")) {
          panels::figures_panel(*this);
          panels::plots_panel(*this);
          panels::save_panel(*this);
          panels::digits_panel(*this);
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
    } else {
      panels::scenario_panel(*this);
      panels::config_panel(*this);
      panels::data_panel(*this);
    }
    ImGui::End();
  }
  if (!embed && right_size.x > 0) {
    ImGui::SetNextWindowPos(right_pos);
    ImGui::SetNextWindowSize(right_size);
    ImGui::Begin("Results", nullptr, fixed);
    panels::figures_panel(*this);
    panels::plots_panel(*this);
    panels::save_panel(*this);
    panels::digits_panel(*this);
    ImGui::End();
  }
  draw_notices();
  if (show_help) panels::help_window(*this);

  ImGui::Render();
  ui_ms = (now_seconds() - t0) * 1000.0;
  const int fw = platform::framebuffer_width(), fh = platform::framebuffer_height();
  glViewport(0, 0, fw, fh);
  const ImVec4 bg = theme::to_vec4(theme::kCanvasBg);
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (png_requested_) {
    png_requested_ = false;
    const float r = platform::pixel_ratio();
    const int x = static_cast<int>(canvas_pos.x * r), y = static_cast<int>(canvas_pos.y * r);
    const int w = static_cast<int>(canvas_size.x * r), h = static_cast<int>(canvas_size.y * r);
    platform::save_canvas_png(x, y, std::min(w, fw - x), std::min(h, fh - y),
                              info_->name + "-canvas.png");
  }

  sync_hash();
  update_live_region();
  ++frames;
  if (!ready_sent_) {
    ready_sent_ = true;
    platform::page_ready(host->threaded());
  }
  frame_ms = (now_seconds() - t0) * 1000.0;
  // Means over the last second (published once a second).
  const double now = now_seconds();
  ++fps_frames_;
  sum_frame_ += frame_ms;
  sum_ui_ += ui_ms;
  sum_engine_ += engine_ms;
  if (now - fps_t0_ >= 1.0) {
    fps = fps_frames_ / (now - fps_t0_);
    frame_ms_avg = sum_frame_ / fps_frames_;
    ui_ms_avg = sum_ui_ / fps_frames_;
    engine_ms_avg = sum_engine_ / fps_frames_;
    fps_t0_ = now;
    fps_frames_ = 0;
    sum_frame_ = sum_ui_ = sum_engine_ = 0;
  }
}

std::string App::test_state_json() {
  Json j = Json::object();
  j.set("build", Json::string(host->threaded() ? "threaded" : "single"));
  j.set("thread_started", Json::boolean(host->thread_started()));
  j.set("isolated", Json::boolean(platform::cross_origin_isolated()));
  j.set("frames", Json::number(static_cast<double>(frames)));
  j.set("scenario", Json::string(info_ ? info_->name : ""));
  j.set("seed", Json::number(static_cast<double>(seed)));
  j.set("embed", Json::boolean(embed));
  j.set("setup_version", Json::number(static_cast<double>(setup_version_)));
  j.set("in_sync", Json::boolean(in_sync()));
  j.set("error", Json::string(setup_error()));
  j.set("upload_error", Json::string(upload_error));
  j.set("class_table", Json::string(class_table_name_));
  j.set("hash", Json::string(last_hash_));
  j.set("playing", Json::boolean(req.playing));
  Json notes = Json::array();
  for (const auto& n : notices) notes.push(Json::string(n.text));
  j.set("notices", notes);
  if (snap) {
    j.set("step", Json::number(static_cast<double>(snap->step)));
    j.set("total", Json::number(static_cast<double>(snap->total)));
    j.set("training", Json::boolean(snap->playing));
    j.set("diverged", Json::string(snap->diverged));
    j.set("done", Json::boolean(snap->done));
    j.set("batch_loss", Json::number(snap->batch_loss));
    j.set("loss", Json::number(metric(snap->metrics, "loss", snap->batch_loss)));
    Json m = Json::object();
    for (const auto& kv : snap->metrics) m.set(kv.first, Json::number(kv.second));
    j.set("metrics", m);
    j.set("steps_per_second", Json::number(snap->steps_per_second));
    if (snap->history && !snap->history->steps.empty()) {
      const History& h = *snap->history;
      auto it = std::find(h.names.begin(), h.names.end(), "loss");
      const std::vector<double>& col =
          it != h.names.end() ? h.values[static_cast<size_t>(it - h.names.begin())] : h.batch_loss;
      j.set("first_loss", Json::number(col.front()));
      j.set("history_len", Json::number(static_cast<double>(h.steps.size())));
    }
    if (snap->data) {
      j.set("data_source", Json::number(snap->data->source.size()));
      j.set("data_target", Json::number(snap->data->target.size()));
      j.set("data_dim", Json::number(snap->data->dim));
    }
    if (snap->heatmap) {
      Json hm = Json::object();
      hm.set("serial", Json::number(static_cast<double>(snap->heatmap->serial)));
      hm.set("classes", Json::number(snap->heatmap->classes));
      hm.set("predict_ms", Json::number(snap->heatmap->predict_ms));
      hm.set("upload_ms", Json::number(upload_ms));
      j.set("heatmap", hm);
    }
  }
  Json pts = Json::object();
  pts.set("sketch_active", Json::boolean(sketch.active()));
  pts.set("sketch_source", Json::number(sketch.source().size()));
  pts.set("sketch_target", Json::number(sketch.target().size()));
  j.set("points", pts);
  j.set("frame_ms", Json::number(frame_ms_avg));
  j.set("ui_ms", Json::number(ui_ms_avg));
  j.set("fps", Json::number(fps));
  j.set("engine_ms", Json::number(engine_ms_avg));
  j.set("dpr", Json::number(platform::pixel_ratio()));
  Json canvas_j = Json::object();
  Json rect = Json::array();
  for (float v : {canvas.view.min.x, canvas.view.min.y, canvas.view.max.x - canvas.view.min.x,
                  canvas.view.max.y - canvas.view.min.y})
    rect.push(Json::number(v));
  canvas_j.set("rect", rect);
  const GridSpec vis = canvas.view.visible();
  Json view = Json::array();
  for (double v : {vis.xmin, vis.xmax, vis.ymin, vis.ymax}) view.push(Json::number(v));
  canvas_j.set("view", view);
  j.set("canvas", canvas_j);
  Json w = Json::object();
  for (const auto& kv : widgets_) {
    Json r = Json::array();
    for (float v : {kv.second.x, kv.second.y, kv.second.z, kv.second.w}) r.push(Json::number(v));
    w.set(kv.first, r);
  }
  j.set("widgets", w);
  return j.dump();
}

TL_NAMESPACE_END
