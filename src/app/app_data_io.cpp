// Data in and out: CSV files and class tables from the picker or a drop (checked on the mirror
// before anything changes), the real digits; the data and metrics as CSV, the model file.
#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "core/json.h"
#include "data/csv.h"
#include "data/digits.h"

TL_NAMESPACE_BEGIN

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
  set_class_table(std::move(parsed.value()), name);
}

bool App::set_class_table(AttributeTable table, const std::string& name, bool announce) {
  // Validate on the mirror (with the user's data, whose class names the table must match)
  // before anything changes.
  if (sketch.active()) mirror_->set_user_source(sketch.source());
  Status st = mirror_->set_user_class_semantics(table);
  mirror_->set_user_class_semantics(std::nullopt);
  mirror_->set_user_source(std::nullopt);
  if (!st.ok()) {
    upload_error = name + ": " + st.message;
    notify(upload_error + " (your previous class table is kept)", true, 12);
    return false;
  }
  upload_error.clear();
  class_table_ = std::make_shared<const AttributeTable>(std::move(table));
  class_table_name_ = name;
  if (announce)
    notify("class table " + name + ": " + std::to_string(class_table_->table.rows()) +
           " classes, " + std::to_string(class_table_->table.cols()) + " columns");
  config_changed();
  return true;
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

TL_NAMESPACE_END
