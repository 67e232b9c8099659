// The page's observable state as JSON for the browser tests (tests/e2e read it through the
// tl_test_state hook in main.cpp).
#include "app/test_state.h"

#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/embed_info.h"
#include "app/figure_export.h"
#include "app/i18n.h"
#include "app/keyboard_nav.h"
#include "app/language.h"
#include "app/lessons.h"
#include "app/phases.h"
#include "app/theme.h"
#include "core/json.h"
#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

std::string test_state_json(App& app) {
  Json j = Json::object();
  j.set("build", Json::string(app.host->threaded() ? "threaded" : "single"));
  j.set("thread_started", Json::boolean(app.host->thread_started()));
  j.set("isolated", Json::boolean(platform::cross_origin_isolated()));
  j.set("frames", Json::number(static_cast<double>(app.frames)));
  j.set("scenario", Json::string(app.info() ? app.info()->name : ""));
  j.set("title", Json::string(app.info() ? app.info()->title : ""));
  Json names = Json::array();
  for (const ScenarioInfo& info : scenarios()) names.push(Json::string(info.name));
  j.set("scenarios", names);
  j.set("seed", Json::number(static_cast<double>(app.seed)));
  j.set("embed", Json::boolean(app.embed));
  j.set("setup_version", Json::number(static_cast<double>(app.setup_version())));
  j.set("in_sync", Json::boolean(app.in_sync()));
  j.set("error", Json::string(app.setup_error()));
  j.set("upload_error", Json::string(app.upload_error));
  j.set("class_table", Json::string(app.class_table_name()));
  j.set("hash", Json::string(app.hash()));
  j.set("playing", Json::boolean(app.req.playing));
  j.set("home", Json::boolean(app.show_home));
  j.set("lesson_open", Json::boolean(app.lesson_open));
  // The page's language, whether one is being fetched, and the fonts: how many characters the
  // fetched CJK font gave every font, and the installed translations' characters that some font
  // cannot draw (code points; none when all is well).
  j.set("lang", Json::string(i18n::lang()));
  j.set("lang_loading", Json::boolean(language::loading()));
  Json font = Json::object();
  font.set("cjk_glyphs", Json::number(theme::cjk_glyphs()));
  Json missing = Json::array();
  for (char32_t c : theme::missing_glyphs(language::installed_chars()))
    missing.push(Json::number(static_cast<double>(c)));
  font.set("missing", missing);
  j.set("font", font);
  // The lesson card's title as the page shows it (without break marks).
  const Lesson* lesson = app.info() ? builtin_lessons().scenario(app.info()->name) : nullptr;
  j.set("lesson_title", Json::string(lesson ? i18n::strip_breaks(lesson->title) : ""));
  // Sharing and the embedded page: the full lab's link (the hash without embed), the fast
  // speed, whether the wheel hint shows.
  j.set("lab_link", Json::string(app.full_lab_url()));
  j.set("steps_per_second_wanted", Json::number(app.req.steps_per_second));
  j.set("wheel_hint", Json::boolean(platform::seconds_since_wheel_hint() < 1.8));
  Json notes = Json::array();
  for (const auto& n : app.notices.list()) notes.push(Json::string(n.text));
  j.set("notices", notes);
  if (app.snap) {
    j.set("step", Json::number(static_cast<double>(app.snap->step)));
    j.set("total", Json::number(static_cast<double>(app.snap->total)));
    j.set("training", Json::boolean(app.snap->playing));
    j.set("diverged", Json::string(app.snap->diverged));
    j.set("done", Json::boolean(app.snap->done));
    j.set("batch_loss", Json::number(app.snap->batch_loss));
    j.set("loss", Json::number(metric(app.snap->metrics, "loss", app.snap->batch_loss)));
    Json m = Json::object();
    for (const auto& kv : app.snap->metrics) m.set(kv.first, Json::number(kv.second));
    j.set("metrics", m);
    j.set("steps_per_second", Json::number(app.snap->steps_per_second));
    // The key figure the embedded page's title line shows: the method's main accuracy and its
    // baseline (metric metadata).
    KeyFigure kf;
    if (app.in_sync() && key_figure(app.mirror().metrics_info(), app.snap->metrics, kf)) {
      Json f = Json::object();
      f.set("metric", Json::string(kf.info.name));
      f.set("label", Json::string(kf.info.label));
      f.set("value", Json::number(kf.value));
      if (kf.has_baseline) {
        f.set("baseline", Json::string(kf.baseline.name));
        f.set("baseline_label", Json::string(kf.baseline.label));
        f.set("baseline_value", Json::number(kf.baseline_value));
      }
      j.set("embed_figure", f);
    }
    if (app.snap->history && !app.snap->history->steps.empty()) {
      const History& h = *app.snap->history;
      auto it = std::find(h.names.begin(), h.names.end(), "loss");
      const std::vector<double>& col =
          it != h.names.end() ? h.values[static_cast<size_t>(it - h.names.begin())] : h.batch_loss;
      j.set("first_loss", Json::number(col.front()));
      j.set("history_len", Json::number(static_cast<double>(h.steps.size())));
    }
    if (app.snap->data) {
      j.set("data_source", Json::number(app.snap->data->source.size()));
      j.set("data_target", Json::number(app.snap->data->target.size()));
      j.set("data_dim", Json::number(app.snap->data->dim));
    }
    if (app.snap->models) {
      Json ms = Json::array();
      for (const ModelInfo& mi : *app.snap->models) ms.push(Json::string(mi.key));
      j.set("models", ms);
    }
    // The phases of training, the current one, and where each model's curve starts as drawn
    // (the first recorded step at which its plotted series has a value; -1: none yet).
    Json phases = Json::array();
    for (const Phase& p : app.snap->phases) {
      Json ph = Json::object();
      ph.set("name", Json::string(p.name));
      ph.set("start", Json::number(static_cast<double>(p.start_step)));
      phases.push(ph);
    }
    j.set("phases", phases);
    j.set("phase_status", Json::string(phase_status(*app.snap)));
    if (app.snap->models && app.snap->history) {
      const History& h = *app.snap->history;
      Json starts = Json::object();
      for (const ModelInfo& mi : *app.snap->models) {
        auto it = std::find(h.names.begin(), h.names.end(), mi.metric);
        if (mi.metric.empty() || it == h.names.end()) continue;
        const std::vector<double> col =
            drawn_from(h, h.values[static_cast<size_t>(it - h.names.begin())],
                       metric_train_from(app.snap->models.get(), mi.metric));
        double first = -1;
        for (size_t i = 0; i < col.size() && first < 0; ++i)
          if (std::isfinite(col[i])) first = static_cast<double>(h.steps[i]);
        Json m = Json::object();
        m.set("train_from", Json::number(static_cast<double>(mi.train_from)));
        m.set("curve_from", Json::number(first));
        starts.set(mi.key, m);
      }
      j.set("model_curves", starts);
    }
    j.set("compare", Json::number(app.snap->heatmap ? app.snap->heatmap->compare : -1));
    if (app.snap->view) {
      // The method view's figures (ViewData::values) and its matrices' shapes.
      const ViewData& vd = *app.snap->view;
      Json v = Json::object();
      v.set("kind", Json::string(vd.kind));
      v.set("step", Json::number(static_cast<double>(vd.step)));
      Json vals = Json::object();
      for (const auto& kv : vd.values) vals.set(kv.first, Json::number(kv.second));
      v.set("values", vals);
      Json shapes = Json::object();
      for (const auto& kv : vd.mats) {
        Json sh = Json::array();
        sh.push(Json::number(static_cast<double>(kv.second.rows())));
        sh.push(Json::number(static_cast<double>(kv.second.cols())));
        shapes.set(kv.first, sh);
      }
      v.set("shapes", shapes);
      j.set("view", v);
    }
    if (app.snap->heatmap) {
      Json hm = Json::object();
      hm.set("serial", Json::number(static_cast<double>(app.snap->heatmap->serial)));
      hm.set("classes", Json::number(app.snap->heatmap->classes));
      hm.set("predict_ms", Json::number(app.snap->heatmap->predict_ms));
      hm.set("upload_ms", Json::number(app.upload_ms));
      j.set("heatmap", hm);
    }
  }
  Json pts = Json::object();
  pts.set("sketch_active", Json::boolean(app.sketch.active()));
  pts.set("sketch_source", Json::number(app.sketch.source().size()));
  pts.set("sketch_target", Json::number(app.sketch.target().size()));
  j.set("points", pts);
  j.set("frame_ms", Json::number(app.frame_ms_avg));
  j.set("ui_ms", Json::number(app.ui_ms_avg));
  j.set("fps", Json::number(app.fps));
  j.set("engine_ms", Json::number(app.engine_ms_avg));
  j.set("train_task_ms", Json::number(app.train_task_ms_avg));
  j.set("train_task_ms_max", Json::number(app.train_task_ms_max));
  j.set("dpr", Json::number(platform::pixel_ratio()));
  // Our frame in parts (means and maxima over the last second, ms), the interval between
  // animation frames, training and heatmap rates (perf_overlay.h).
  const PerfStats& p = app.perf;
  Json perf = Json::object();
  perf.set("frame_ms", Json::number(p.frame_ms));
  perf.set("frame_ms_max", Json::number(p.frame_ms_max));
  perf.set("cpu_ms", Json::number(p.cpu_ms));
  perf.set("gl_ms", Json::number(p.gl_ms));
  perf.set("train_ms", Json::number(p.train_ms));
  perf.set("train_ms_max", Json::number(p.train_ms_max));
  perf.set("between_ms", Json::number(p.between_ms));
  perf.set("task_ms_max", Json::number(p.task_ms_max));
  perf.set("interval_ms", Json::number(p.interval_ms));
  perf.set("interval_ms_max", Json::number(p.interval_ms_max));
  perf.set("fps", Json::number(p.fps));
  perf.set("steps_per_second", Json::number(app.snap ? app.snap->steps_per_second : 0.0));
  perf.set("steps_per_second_asked", Json::number(app.req.steps_per_second));
  perf.set("heatmap_hz", Json::number(p.heatmap_hz));
  perf.set("predict_ms",
           Json::number(app.snap && app.snap->heatmap ? app.snap->heatmap->predict_ms : 0.0));
  perf.set("frames_over_50ms", Json::number(p.frames_over_50ms));
  perf.set("seconds", Json::number(static_cast<double>(p.seconds)));
  perf.set("build", Json::string(app.host->threaded() ? "threaded" : "single"));
  perf.set("shown", Json::boolean(app.show_perf));
  Json verdicts = Json::array();
  for (const std::string& v : perf_verdicts(app)) verdicts.push(Json::string(v));
  perf.set("verdicts", verdicts);
  j.set("perf", perf);
  Json canvas_j = Json::object();
  Json rect = Json::array();
  for (float v :
       {app.canvas.view.min.x, app.canvas.view.min.y, app.canvas.view.max.x - app.canvas.view.min.x,
        app.canvas.view.max.y - app.canvas.view.min.y})
    rect.push(Json::number(v));
  canvas_j.set("rect", rect);
  const GridSpec vis = app.canvas.view.visible();
  Json view = Json::array();
  for (double v : {vis.xmin, vis.xmax, vis.ymin, vis.ymax}) view.push(Json::number(v));
  canvas_j.set("view", view);
  canvas_j.set("split", Json::boolean(app.canvas.split));
  // The exported figure: the whole canvas area at kFigureScale, a title strip at its top.
  Json area = Json::array();
  for (float v : {app.layout.canvas_pos.x, app.layout.canvas_pos.y, app.layout.canvas_size.x,
                  app.layout.canvas_size.y})
    area.push(Json::number(v));
  canvas_j.set("area", area);
  canvas_j.set("figure_scale", Json::number(kFigureScale));
  canvas_j.set("figure_title_h", Json::number(figure_title_height()));
  canvas_j.set("toolbar_bottom", Json::number(app.canvas.toolbar_bottom()));
  canvas_j.set("sampled", Json::boolean(app.canvas.sampled));
  // The canvas tool bar's class picker and the legend's classes, as they are written.
  Json picker = Json::array(), legend = Json::array();
  for (const std::string& e : app.canvas.picker_entries) picker.push(Json::string(e));
  for (const std::string& e : app.canvas.legend_entries) legend.push(Json::string(e));
  canvas_j.set("picker", picker);
  canvas_j.set("legend", legend);
  canvas_j.set("held_back_labels_shown", Json::boolean(app.canvas.show_held_back_labels));
  canvas_j.set("target_labelled_drawn", Json::number(app.canvas.drawn_target_labelled));
  // The floating tool bar's and the legend's windows (zero size when not shown).
  for (const auto& [key, window] :
       {std::pair<const char*, const char*>{"tools_rect", keyboard::kCanvasTools},
        {"legend_rect", "Legend"}}) {
    const ImVec4 r = keyboard::window_rect(window);
    Json rj = Json::array();
    for (float v : {r.x, r.y, r.z, r.w}) rj.push(Json::number(v));
    canvas_j.set(key, rj);
  }
  j.set("canvas", canvas_j);
  j.set("results_valid", Json::boolean(app.results_valid()));
  j.set("link_holds_data", Json::boolean(app.link_holds_data()));
  if (app.snap && app.snap->data && app.snap->data->target_xy.cols() > 0) {
    // The mean of the drawn target points (shows when the target data changes).
    const Mat& t = app.snap->data->target_xy;
    Json mean = Json::array();
    for (Eigen::Index r = 0; r < std::min<Eigen::Index>(2, t.rows()); ++r)
      mean.push(Json::number(t.row(r).mean()));
    j.set("target_mean", mean);
    // The first drawn target points (x, y, x, y, ...), to follow the target point by point.
    Json head = Json::array();
    for (Eigen::Index c = 0; c < std::min<Eigen::Index>(20, t.cols()); ++c)
      for (Eigen::Index r = 0; r < std::min<Eigen::Index>(2, t.rows()); ++r)
        head.push(Json::number(t(r, c)));
    j.set("target_head", head);
  }
  Json w = Json::object();
  for (const auto& kv : app.widget_marks()) {
    Json r = Json::array();
    for (float v : {kv.second.x, kv.second.y, kv.second.z, kv.second.w}) r.push(Json::number(v));
    w.set(kv.first, r);
  }
  j.set("widgets", w);
  // The keyboard focus: its window, the marked widget it is on, whether its ring shows.
  const keyboard::Focus focus = keyboard::current_focus(app.widget_marks());
  Json fj = Json::object();
  fj.set("window", Json::string(focus.window));
  fj.set("widget", Json::string(focus.widget));
  fj.set("visible", Json::boolean(focus.visible));
  Json fr = Json::array();
  for (float v : {focus.rect.x, focus.rect.y, focus.rect.z, focus.rect.w}) fr.push(Json::number(v));
  fj.set("rect", fr);
  j.set("focus", fj);
  // The help window's rectangle (zero size when closed).
  const ImVec4 help = keyboard::window_rect(keyboard::kHelp);
  Json hr = Json::array();
  for (float v : {help.x, help.y, help.z, help.w}) hr.push(Json::number(v));
  j.set("help_rect", hr);
  // Whether a tooltip was drawn in the last frame.
  j.set("tooltip", Json::boolean(keyboard::tooltip_shown()));
  return j.dump();
}

TL_NAMESPACE_END
