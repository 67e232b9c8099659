// When the data are 8x8 images (the digits), a few of each class as thumbnails, framed in the
// class colour and marked when the model gets them wrong.
#include <algorithm>
#include <cstdio>

#include "app/app.h"
#include "app/i18n.h"
#include "app/panels/panels.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "data/digits.h"

TL_NAMESPACE_BEGIN

namespace panels {

void digits_panel(App& app) {
  const Snapshot* s = app.snap.get();
  if (!s || !s->data || s->data->dim != kDigitPixels || !app.in_sync()) return;
  const Dataset& ds = s->data->source;
  const std::vector<int>* pred =
      s->heatmap && s->heatmap->data_serial == s->data->serial ? &s->heatmap->pred_source : nullptr;
  widgets::heading(tr("Images"));
  widgets::muted(tr("A few training images per class; a white corner marks a wrong prediction."));
  const int classes = std::min(ds.num_classes, 10);
  const float avail = ImGui::GetContentRegionAvail().x;
  const int per_row = 8;
  const float cell = std::floor(std::min(3.0f, (avail - 24) / (per_row * 8.6f)));
  const float thumb = cell * kDigitSide;
  const float gap = 4;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int c = 0; c < classes; ++c) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + 10, p.y + thumb - 2), theme::class_u32(c),
                      2);
    int shown = 0;
    for (int j = 0; j < ds.size() && shown < per_row; ++j) {
      if (ds.y[static_cast<size_t>(j)] != c) continue;
      const float x0 = p.x + 16 + shown * (thumb + gap), y0 = p.y;
      for (int r = 0; r < kDigitSide; ++r)
        for (int q = 0; q < kDigitSide; ++q) {
          const float v = std::clamp(static_cast<float>(ds.X(r * kDigitSide + q, j)), 0.0f, 1.0f);
          const int g = static_cast<int>(20 + v * 235);
          dl->AddRectFilled(ImVec2(x0 + q * cell, y0 + r * cell),
                            ImVec2(x0 + (q + 1) * cell, y0 + (r + 1) * cell),
                            IM_COL32(g, g, g, 255));
        }
      const bool wrong =
          pred && static_cast<size_t>(j) < pred->size() && (*pred)[static_cast<size_t>(j)] != c;
      dl->AddRect(ImVec2(x0 - 1, y0 - 1), ImVec2(x0 + thumb + 1, y0 + thumb + 1),
                  theme::class_u32(c, 0.9f), 2, 0, 1.5f);
      if (wrong)
        dl->AddTriangleFilled(ImVec2(x0 + thumb - 9, y0), ImVec2(x0 + thumb, y0),
                              ImVec2(x0 + thumb, y0 + 9), IM_COL32(255, 255, 255, 255));
      ++shown;
    }
    ImGui::Dummy(ImVec2(avail, thumb + gap));
  }
}

}  // namespace panels

TL_NAMESPACE_END
