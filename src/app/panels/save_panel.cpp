// Data out: the data as CSV, the metrics history as CSV, the trained model file, the canvas as PNG.
#include "app/app.h"
#include "app/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets.h"

TL_NAMESPACE_BEGIN

namespace panels {

void save_panel(App& app) {
  widgets::heading(tr("Save"));
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (widgets::icon_button("save_data", widgets::Icon::kDownload, tr("Data CSV"), false,
                           ImVec2(w, 0)))
    app.download_data_csv();
  app.mark("save_data");
  ImGui::SameLine();
  if (widgets::icon_button("save_metrics", widgets::Icon::kDownload, tr("Metrics CSV"), false,
                           ImVec2(w, 0)))
    app.download_metrics_csv();
  app.mark("save_metrics");
  if (widgets::icon_button("save_model", widgets::Icon::kDownload, tr("Model"), false,
                           ImVec2(w, 0)))
    app.request_model_download();
  app.mark("save_model");
  widgets::tooltip(tr("The trained network as a JSON model file"));
  ImGui::SameLine();
  if (widgets::icon_button("save_png", widgets::Icon::kDownload, tr("Canvas PNG"), false,
                           ImVec2(w, 0)))
    app.request_canvas_png();
  app.mark("save_png");
  ImGui::Spacing();
}

}  // namespace panels

TL_NAMESPACE_END
