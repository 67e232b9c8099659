// The page's observable state as JSON for the browser tests (tests/e2e read it through the
// tl_test_state hook in main.cpp).
#include "app/test_state.h"

#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/figure_export.h"
#include "app/phases.h"
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
  j.set("dpr", Json::number(platform::pixel_ratio()));
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
  canvas_j.set("sampled", Json::boolean(app.canvas.sampled));
  j.set("canvas", canvas_j);
  Json w = Json::object();
  for (const auto& kv : app.widget_marks()) {
    Json r = Json::array();
    for (float v : {kv.second.x, kv.second.y, kv.second.z, kv.second.w}) r.push(Json::number(v));
    w.set(kv.first, r);
  }
  j.set("widgets", w);
  return j.dump();
}

TL_NAMESPACE_END
