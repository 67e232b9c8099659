// The location hash: the App's state from a link (apply_hash), and the link kept up to date with
// the state (sync_hash, once per frame).
#include <algorithm>

#include "app/app.h"
#include "app/embed_info.h"
#include "app/language.h"
#include "app/url_state.h"

TL_NAMESPACE_BEGIN

void App::apply_hash(const std::string& hash) {
  UrlParse parsed = parse_url_hash(hash);
  for (const auto& n : parsed.notices) notify(n, true, 12);
  language::from_link(*this, parsed.state.lang);
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
    for (const auto& kv : parsed.state.config) {
      Status st = mirror_->set_field(kv.first, kv.second);
      if (!st.ok()) notify("link: " + st.message + " (default kept)", true, 12);
    }
  }
  seed = defaults ? 1 : parsed.state.seed.value_or(1);
  if (!defaults && !parsed.state.compare.empty()) {
    const ModelList models = mirror_->models();
    const int index = find_model(models, parsed.state.compare);
    if (index >= 1)
      req.compare = index;
    else
      notify("link: compare: " + info_->name + " has no model '" + parsed.state.compare +
                 "' to show beside the method (default kept)",
             true, 12);
  }
  embed =
      parsed.state.embed || parsed.state.controls == "compact" || parsed.state.controls == "none";
  if (parsed.state.controls == "full") embed = false;
  hide_controls = parsed.state.controls == "none";
  show_perf = parsed.state.perf;
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

std::string App::full_lab_url() const {
  return platform::page_url(hash_without_embed(last_hash_));
}

bool App::link_holds_data() const {
  return !sketch.active() || (sketch.dim() == 2 && sketch.size() <= kMaxUrlPoints);
}

void App::sync_hash() {
  UrlState s;
  s.scenario = info_->name;
  s.seed = seed;
  s.config = config_to_pairs(mirror_->visitor());
  s.embed = embed;
  s.perf = show_perf;
  s.lang = language::link_lang();
  if (req.compare >= 1) {
    const ModelList models = mirror_->models();
    if (req.compare < static_cast<int>(models.size()) && req.compare != default_comparison(models))
      s.compare = models[static_cast<size_t>(req.compare)].key;
  }
  const bool holds = link_holds_data();
  if (holds != link_held_data_) {
    // Once per crossing: the link stops (or starts again) carrying the user's points.
    link_held_data_ = holds;
    if (!holds)
      notify(sketch.dim() == 2
                 ? "Your data has " + std::to_string(sketch.size()) +
                       " points: the page's link holds at most " + std::to_string(kMaxUrlPoints) +
                       ", so it no longer carries them (the Data CSV button saves them)"
                 : "Your data has " + std::to_string(sketch.dim()) +
                       " features per point: the page's link carries only 2-D sketches, so it "
                       "no longer carries them (the Data CSV button saves them)",
             false, 10);
  }
  if (sketch.active() && holds) {
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

TL_NAMESPACE_END
