#include "app/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/platform_web.h"
#include "app/theme.h"
#include "core/utf8.h"

TL_NAMESPACE_BEGIN

namespace widgets {

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float r, ImU32 col) {
  const float t = std::max(1.5f, r * 0.22f);  // stroke
  switch (icon) {
    case Icon::kPlay:
      dl->AddTriangleFilled(ImVec2(c.x - r * 0.6f, c.y - r * 0.8f),
                            ImVec2(c.x - r * 0.6f, c.y + r * 0.8f), ImVec2(c.x + r * 0.8f, c.y),
                            col);
      break;
    case Icon::kPause:
      dl->AddRectFilled(ImVec2(c.x - r * 0.65f, c.y - r * 0.75f),
                        ImVec2(c.x - r * 0.15f, c.y + r * 0.75f), col, 1.5f);
      dl->AddRectFilled(ImVec2(c.x + r * 0.15f, c.y - r * 0.75f),
                        ImVec2(c.x + r * 0.65f, c.y + r * 0.75f), col, 1.5f);
      break;
    case Icon::kStep:
      dl->AddTriangleFilled(ImVec2(c.x - r * 0.7f, c.y - r * 0.75f),
                            ImVec2(c.x - r * 0.7f, c.y + r * 0.75f), ImVec2(c.x + r * 0.4f, c.y),
                            col);
      dl->AddRectFilled(ImVec2(c.x + r * 0.45f, c.y - r * 0.75f),
                        ImVec2(c.x + r * 0.8f, c.y + r * 0.75f), col, 1.0f);
      break;
    case Icon::kReset:
    case Icon::kRestart:
    case Icon::kUndo: {
      const float a0 = icon == Icon::kUndo ? 3.6f : -0.6f;
      const float a1 = icon == Icon::kUndo ? 3.6f + 4.6f : -0.6f + 4.9f;
      dl->PathArcTo(c, r * 0.7f, a0, a1, 20);
      dl->PathStroke(col, 0, t);
      const float ae = icon == Icon::kUndo ? a0 : a1;
      const ImVec2 e(c.x + std::cos(ae) * r * 0.7f, c.y + std::sin(ae) * r * 0.7f);
      const float dir = icon == Icon::kUndo ? -1.0f : 1.0f;
      const ImVec2 tang(-std::sin(ae) * dir, std::cos(ae) * dir);
      const ImVec2 norm(std::cos(ae), std::sin(ae));
      const float h = r * 0.42f;
      dl->AddTriangleFilled(ImVec2(e.x + tang.x * h, e.y + tang.y * h),
                            ImVec2(e.x + norm.x * h * 0.8f, e.y + norm.y * h * 0.8f),
                            ImVec2(e.x - norm.x * h * 0.8f, e.y - norm.y * h * 0.8f), col);
      break;
    }
    case Icon::kCircle:
      dl->AddCircleFilled(c, r * 0.6f, col, 20);
      break;
    case Icon::kTriangle:
      dl->AddTriangleFilled(ImVec2(c.x, c.y - r * 0.7f), ImVec2(c.x - r * 0.7f, c.y + r * 0.55f),
                            ImVec2(c.x + r * 0.7f, c.y + r * 0.55f), col);
      break;
    case Icon::kPen: {
      const ImVec2 a(c.x - r * 0.7f, c.y + r * 0.7f), b(c.x + r * 0.55f, c.y - r * 0.55f);
      dl->AddLine(a, b, col, t * 1.6f);
      dl->AddCircleFilled(a, t * 0.9f, col);
      break;
    }
    case Icon::kEraser: {
      const ImVec2 p[4] = {
          ImVec2(c.x - r * 0.8f, c.y + r * 0.2f), ImVec2(c.x - r * 0.1f, c.y - r * 0.6f),
          ImVec2(c.x + r * 0.8f, c.y + r * 0.1f), ImVec2(c.x + r * 0.1f, c.y + r * 0.8f)};
      dl->AddQuad(p[0], p[1], p[2], p[3], col, t);
      dl->AddLine(ImVec2(c.x - r * 0.35f, c.y - r * 0.2f), ImVec2(c.x + r * 0.35f, c.y + r * 0.45f),
                  col, t);
      break;
    }
    case Icon::kHand:
      // Four-way arrow (move).
      dl->AddLine(ImVec2(c.x - r * 0.8f, c.y), ImVec2(c.x + r * 0.8f, c.y), col, t);
      dl->AddLine(ImVec2(c.x, c.y - r * 0.8f), ImVec2(c.x, c.y + r * 0.8f), col, t);
      for (int k = 0; k < 4; ++k) {
        const float a = k * 1.5707963f;
        const ImVec2 d(std::cos(a), std::sin(a)), n(-d.y, d.x);
        const ImVec2 tip(c.x + d.x * r * 0.95f, c.y + d.y * r * 0.95f);
        dl->AddTriangleFilled(tip,
                              ImVec2(tip.x - d.x * r * 0.4f + n.x * r * 0.3f,
                                     tip.y - d.y * r * 0.4f + n.y * r * 0.3f),
                              ImVec2(tip.x - d.x * r * 0.4f - n.x * r * 0.3f,
                                     tip.y - d.y * r * 0.4f - n.y * r * 0.3f),
                              col);
      }
      break;
    case Icon::kClear:
      dl->AddLine(ImVec2(c.x - r * 0.55f, c.y - r * 0.55f),
                  ImVec2(c.x + r * 0.55f, c.y + r * 0.55f), col, t);
      dl->AddLine(ImVec2(c.x + r * 0.55f, c.y - r * 0.55f),
                  ImVec2(c.x - r * 0.55f, c.y + r * 0.55f), col, t);
      break;
    case Icon::kFit:
      for (int sx = -1; sx <= 1; sx += 2)
        for (int sy = -1; sy <= 1; sy += 2) {
          const ImVec2 k(c.x + sx * r * 0.75f, c.y + sy * r * 0.75f);
          dl->AddLine(k, ImVec2(k.x - sx * r * 0.45f, k.y), col, t);
          dl->AddLine(k, ImVec2(k.x, k.y - sy * r * 0.45f), col, t);
        }
      break;
    case Icon::kDownload:
    case Icon::kUpload: {
      const float dir = icon == Icon::kDownload ? 1.0f : -1.0f;
      dl->AddLine(ImVec2(c.x, c.y - dir * r * 0.75f), ImVec2(c.x, c.y + dir * r * 0.2f), col, t);
      dl->AddTriangleFilled(ImVec2(c.x - r * 0.45f, c.y + dir * r * 0.05f),
                            ImVec2(c.x + r * 0.45f, c.y + dir * r * 0.05f),
                            ImVec2(c.x, c.y + dir * r * 0.5f), col);
      dl->AddLine(ImVec2(c.x - r * 0.75f, c.y + r * 0.8f), ImVec2(c.x + r * 0.75f, c.y + r * 0.8f),
                  col, t);
      break;
    }
    case Icon::kDice:
      dl->AddRect(ImVec2(c.x - r * 0.75f, c.y - r * 0.75f),
                  ImVec2(c.x + r * 0.75f, c.y + r * 0.75f), col, r * 0.25f, 0, t);
      dl->AddCircleFilled(ImVec2(c.x - r * 0.33f, c.y - r * 0.33f), t * 0.8f, col);
      dl->AddCircleFilled(c, t * 0.8f, col);
      dl->AddCircleFilled(ImVec2(c.x + r * 0.33f, c.y + r * 0.33f), t * 0.8f, col);
      break;
    case Icon::kHelp:
      dl->AddCircle(c, r * 0.8f, col, 20, t * 0.8f);
      break;
  }
}

bool icon_button(const char* id, Icon icon, const char* label, bool selected, ImVec2 size,
                 ImU32 accent) {
  const float h = ImGui::GetFrameHeight();
  const float icon_w = h * 0.9f;
  const ImVec2 text = label && *label ? ImGui::CalcTextSize(label, nullptr, true) : ImVec2(0, 0);
  ImVec2 sz = size;
  if (sz.x <= 0)
    sz.x = icon_w + (text.x > 0 ? text.x + ImGui::GetStyle().FramePadding.x * 1.5f : 0) +
           ImGui::GetStyle().FramePadding.x * 0.5f;
  if (sz.y <= 0) sz.y = h;
  if (selected) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.34f, 0.71f, 0.91f, 0.30f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.34f, 0.71f, 0.91f, 0.42f));
  } else if (accent) {
    ImVec4 a = ImGui::ColorConvertU32ToFloat4(accent);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(a.x, a.y, a.z, 0.85f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(a.x, a.y, a.z, 1.0f));
  }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  // The label is hidden (after ##) so keyboard users and screen output still get a name.
  char buf[160];
  std::snprintf(buf, sizeof(buf), "##%s", id);
  const bool pressed = ImGui::Button(buf, sz);
  if (selected || accent) ImGui::PopStyleColor(2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 col =
      accent && !selected ? IM_COL32(16, 20, 26, 255) : ImGui::GetColorU32(ImGuiCol_Text);
  const float icon_x = text.x > 0 ? p.x + ImGui::GetStyle().FramePadding.x * 0.5f + icon_w * 0.5f
                                  : p.x + sz.x * 0.5f;
  draw_icon(dl, icon, ImVec2(icon_x, p.y + sz.y * 0.5f), h * 0.28f, col);
  if (text.x > 0)
    dl->AddText(ImVec2(icon_x + icon_w * 0.5f + ImGui::GetStyle().FramePadding.x * 0.25f,
                       p.y + (sz.y - text.y) * 0.5f),
                col, label, std::strstr(label, "##") ? std::strstr(label, "##") : nullptr);
  return pressed;
}

float swatch_width(const char* label, float size) {
  return label && *label ? std::max(size, ImGui::CalcTextSize(label).x + 12) : size;
}

bool swatch(const char* id, ImU32 color, bool selected, const char* label, float size) {
  const bool has_label = label && *label;
  const ImVec2 ts = has_label ? ImGui::CalcTextSize(label) : ImVec2(0, 0);
  const float w = swatch_width(label, size), h = size;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(id, ImVec2(w, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(p.x + 2, p.y + 2), ImVec2(p.x + w - 2, p.y + h - 2), color, 4.0f);
  if (selected)
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), IM_COL32(255, 255, 255, 255), 5.0f, 0, 2.0f);
  else if (ImGui::IsItemHovered())
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), IM_COL32(255, 255, 255, 110), 5.0f, 0, 1.5f);
  if (has_label) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    const float lum = 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z;
    dl->AddText(ImVec2(p.x + (w - ts.x) * 0.5f, p.y + (h - ts.y) * 0.5f),
                lum > 0.5f ? IM_COL32(10, 12, 16, 255) : IM_COL32(250, 250, 250, 255), label);
  }
  return pressed;
}

void marker(ImDrawList* dl, ImVec2 c, float r, int shape, ImU32 fill, bool hollow) {
  const ImU32 outline = IM_COL32(12, 14, 18, 255);
  if (shape == 1) {
    const ImVec2 a(c.x, c.y - r * 1.1f), b(c.x - r * 1.05f, c.y + r * 0.75f),
        d(c.x + r * 1.05f, c.y + r * 0.75f);
    if (hollow) {
      dl->AddTriangle(a, b, d, fill, 1.8f);
    } else {
      dl->AddTriangleFilled(a, b, d, fill);
      dl->AddTriangle(a, b, d, outline, 1.0f);
    }
  } else {
    if (hollow) {
      dl->AddCircle(c, r, fill, 20, 1.8f);
    } else {
      dl->AddCircleFilled(c, r, fill, 20);
      dl->AddCircle(c, r, outline, 20, 1.0f);
    }
  }
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushFont(theme::bold());
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y - 2),
                                      ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y - 2),
                                      ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(0, 2));
}

void tooltip(const char* text) {
  // A finger's touch is no hover: no tooltip while it presses (keyboard focus still shows one).
  const bool hovered = ImGui::IsItemHovered() && !platform::touch_input();
  if (hovered || (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void muted(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

std::string fit_text(const std::string& text, float width, const char* ellipsis) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::string t = text;
  while (!t.empty() && ImGui::CalcTextSize((t + ellipsis).c_str()).x > width)
    t.resize(utf8::char_start(t, t.size() - 1));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t.empty() ? std::string() : t + ellipsis;
}

}  // namespace widgets

TL_NAMESPACE_END
