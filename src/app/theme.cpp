#include "app/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "app/i18n.h"
#include "app/language_names_font.h"

TL_NAMESPACE_BEGIN

namespace theme {

namespace {

// Okabe & Ito (2008), "Color Universal Design", with black replaced by a light grey for the dark
// background, then two further colours distinguishable under common colour-vision deficiencies.
constexpr unsigned kPalette[kPaletteSize] = {
    0xE69F00,  // orange
    0x56B4E9,  // sky blue
    0x009E73,  // bluish green
    0xF0E442,  // yellow
    0x0072B2,  // blue
    0xD55E00,  // vermillion
    0xCC79A7,  // reddish purple
    0xBBBBBB,  // light grey
    0x882255,  // wine
    0x44AA99,  // teal
    0x999933,  // olive
    0x6699CC,  // steel blue
};

ImFont* g_regular = nullptr;
ImFont* g_bold = nullptr;
ImFont* g_big = nullptr;
float g_ratio = 0;
// The CJK font: its bytes (the atlas reads them at every build; they stay ours), the characters
// merged from it as ImGui glyph ranges (pairs, 0-terminated), and whether the atlas holds it.
std::vector<unsigned char> g_cjk_ttf;
std::vector<char32_t> g_cjk_codepoints;
std::vector<ImWchar> g_cjk_ranges;
bool g_cjk_built = true;
std::vector<ImWchar> g_names_ranges;

/// ImGui glyph ranges for code points (ascending; beyond 16 bits left out).
std::vector<ImWchar> ranges_of(const std::vector<char32_t>& cps) {
  std::vector<ImWchar> out;
  for (char32_t c : cps) {
    if (c == 0 || c > 0xffff) continue;
    if (!out.empty() && out.back() + 1 == static_cast<ImWchar>(c) && out.back() != 0xffff)
      out.back() = static_cast<ImWchar>(c);
    else
      out.insert(out.end(), {static_cast<ImWchar>(c), static_cast<ImWchar>(c)});
  }
  out.push_back(0);
  return out;
}

/// Merges the built-in language names and the CJK font (if any) into the font just added, and
/// gives it the zero-width break mark.
void merge_extras(ImFontAtlas* atlas, ImFont* font, float size) {
  ImFontConfig cfg;
  cfg.MergeMode = true;
  cfg.FontDataOwnedByAtlas = false;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  cfg.DstFont = font;
  if (g_names_ranges.empty()) {
    std::vector<char32_t> cps = i18n::codepoints(kLanguageNamesChars);
    std::sort(cps.begin(), cps.end());
    g_names_ranges = ranges_of(cps);
  }
  atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(kLanguageNamesFont),
                              static_cast<int>(kLanguageNamesFontSize), size, &cfg,
                              g_names_ranges.data());
  if (!g_cjk_ttf.empty() && g_cjk_ranges.size() > 1)
    atlas->AddFontFromMemoryTTF(g_cjk_ttf.data(), static_cast<int>(g_cjk_ttf.size()), size, &cfg,
                                g_cjk_ranges.data());
  atlas->AddCustomRectFontGlyph(font, static_cast<ImWchar>(i18n::kBreakMark), 1, 1, 0.0f);
}

bool file_exists(const char* path) {
  if (FILE* f = std::fopen(path, "rb")) {
    std::fclose(f);
    return true;
  }
  return false;
}

}  // namespace

ImVec4 class_color(int k) {
  if (k < 0) return ImVec4(0.55f, 0.58f, 0.64f, 1.0f);
  const unsigned c = kPalette[k % kPaletteSize];
  return ImVec4(((c >> 16) & 255) / 255.0f, ((c >> 8) & 255) / 255.0f, (c & 255) / 255.0f, 1.0f);
}

ImU32 class_u32(int k, float alpha) {
  ImVec4 c = class_color(k);
  c.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

ImU32 unlabelled_u32(float alpha) {
  return class_u32(-1, alpha);
}

ImVec4 to_vec4(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

void apply_style() {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(14, 12);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 7);
  s.ItemInnerSpacing = ImVec2(6, 4);
  s.IndentSpacing = 14;
  s.ScrollbarSize = 10;
  s.GrabMinSize = 10;
  s.WindowBorderSize = 0;
  s.ChildBorderSize = 1;
  s.PopupBorderSize = 1;
  s.FrameBorderSize = 0;
  s.WindowRounding = 0;
  s.ChildRounding = 6;
  s.FrameRounding = 5;
  s.PopupRounding = 6;
  s.ScrollbarRounding = 6;
  s.GrabRounding = 4;
  s.TabRounding = 5;
  s.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  s.SelectableTextAlign = ImVec2(0.0f, 0.5f);

  ImVec4* c = s.Colors;
  auto rgb = [](int r, int g, int b, float a = 1.0f) {
    return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a);
  };
  const ImVec4 accent = rgb(86, 180, 233);
  c[ImGuiCol_Text] = rgb(226, 230, 238);
  c[ImGuiCol_TextDisabled] = rgb(128, 136, 150);
  c[ImGuiCol_WindowBg] = rgb(24, 27, 33);
  c[ImGuiCol_ChildBg] = rgb(29, 33, 40);
  c[ImGuiCol_PopupBg] = rgb(32, 36, 44, 0.98f);
  c[ImGuiCol_Border] = rgb(255, 255, 255, 0.08f);
  c[ImGuiCol_BorderShadow] = rgb(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = rgb(38, 43, 52);
  c[ImGuiCol_FrameBgHovered] = rgb(48, 55, 66);
  c[ImGuiCol_FrameBgActive] = rgb(56, 64, 78);
  c[ImGuiCol_TitleBg] = rgb(24, 27, 33);
  c[ImGuiCol_TitleBgActive] = rgb(24, 27, 33);
  c[ImGuiCol_TitleBgCollapsed] = rgb(24, 27, 33);
  c[ImGuiCol_MenuBarBg] = rgb(24, 27, 33);
  c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = rgb(70, 78, 92);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(90, 100, 116);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(110, 120, 138);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = rgb(86, 180, 233, 0.85f);
  c[ImGuiCol_SliderGrabActive] = accent;
  c[ImGuiCol_Button] = rgb(44, 50, 61);
  c[ImGuiCol_ButtonHovered] = rgb(58, 67, 82);
  c[ImGuiCol_ButtonActive] = rgb(70, 82, 100);
  c[ImGuiCol_Header] = rgb(44, 50, 61);
  c[ImGuiCol_HeaderHovered] = rgb(54, 62, 76);
  c[ImGuiCol_HeaderActive] = rgb(64, 74, 90);
  c[ImGuiCol_Separator] = rgb(255, 255, 255, 0.08f);
  c[ImGuiCol_SeparatorHovered] = accent;
  c[ImGuiCol_SeparatorActive] = accent;
  c[ImGuiCol_ResizeGrip] = rgb(0, 0, 0, 0);
  c[ImGuiCol_ResizeGripHovered] = rgb(0, 0, 0, 0);
  c[ImGuiCol_ResizeGripActive] = rgb(0, 0, 0, 0);
  c[ImGuiCol_Tab] = rgb(36, 41, 50);
  c[ImGuiCol_TabHovered] = rgb(58, 67, 82);
  c[ImGuiCol_TabActive] = rgb(50, 58, 72);
  c[ImGuiCol_TabUnfocused] = rgb(36, 41, 50);
  c[ImGuiCol_TabUnfocusedActive] = rgb(50, 58, 72);
  c[ImGuiCol_PlotLines] = accent;
  c[ImGuiCol_PlotHistogram] = accent;
  c[ImGuiCol_TableHeaderBg] = rgb(34, 39, 47);
  c[ImGuiCol_TableBorderStrong] = rgb(255, 255, 255, 0.08f);
  c[ImGuiCol_TableBorderLight] = rgb(255, 255, 255, 0.05f);
  c[ImGuiCol_TableRowBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = rgb(255, 255, 255, 0.02f);
  c[ImGuiCol_TextSelectedBg] = rgb(86, 180, 233, 0.35f);
  c[ImGuiCol_DragDropTarget] = accent;
  c[ImGuiCol_NavHighlight] = to_vec4(kFocusRing);
  c[ImGuiCol_NavWindowingHighlight] = rgb(255, 255, 255, 0.7f);
  c[ImGuiCol_NavWindowingDimBg] = rgb(0, 0, 0, 0.4f);
  c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.5f);
}

bool build_fonts(float ratio) {
  ratio = std::max(1.0f, std::round(ratio * 4.0f) / 4.0f);
  if (ratio == g_ratio && g_regular && g_cjk_built) return false;
  g_ratio = ratio;
  g_cjk_built = true;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  const bool have_regular = file_exists("/fonts/ui.ttf");
  const bool have_bold = file_exists("/fonts/ui-bold.ttf");
  const float base = 15.0f;
  if (have_regular) {
    g_regular = io.Fonts->AddFontFromFileTTF("/fonts/ui.ttf", base * ratio, &cfg);
    if (g_regular) merge_extras(io.Fonts, g_regular, base * ratio);
    g_bold = g_regular;
    if (have_bold) {
      g_bold = io.Fonts->AddFontFromFileTTF("/fonts/ui-bold.ttf", base * ratio, &cfg);
      if (g_bold) merge_extras(io.Fonts, g_bold, base * ratio);
    }
    g_big = io.Fonts->AddFontFromFileTTF(have_bold ? "/fonts/ui-bold.ttf" : "/fonts/ui.ttf",
                                         22.0f * ratio, &cfg);
    if (g_big) merge_extras(io.Fonts, g_big, 22.0f * ratio);
  }
  if (!g_regular) {
    ImFontConfig def;
    def.SizePixels = 13.0f * std::round(ratio);
    g_regular = io.Fonts->AddFontDefault(&def);
    merge_extras(io.Fonts, g_regular, def.SizePixels);
    g_bold = g_regular;
    g_big = g_regular;
  }
  io.FontGlobalScale = 1.0f / ratio;
  io.FontDefault = g_regular;
  return true;
}

void set_cjk_font(std::vector<unsigned char> ttf, const std::vector<char32_t>& codepoints) {
  g_cjk_ttf = std::move(ttf);
  g_cjk_codepoints = codepoints;
  g_cjk_ranges = ranges_of(codepoints);
  g_cjk_built = false;
}

int cjk_glyphs() {
  if (g_cjk_ttf.empty() || !g_cjk_built) return 0;
  int n = 0;
  for (char32_t c : g_cjk_codepoints) {
    bool all = c <= 0xffff;
    for (ImFont* f : {g_regular, g_bold, g_big})
      all = all && f && f->FindGlyphNoFallback(static_cast<ImWchar>(c));
    n += all ? 1 : 0;
  }
  return n;
}

std::vector<char32_t> missing_glyphs(const std::u32string& text) {
  std::set<char32_t> out;
  for (char32_t c : text) {
    if (c == '\n' || c == '\r' || c == i18n::kBreakMark) continue;
    bool all = c <= 0xffff;
    for (ImFont* f : {g_regular, g_bold, g_big})
      all = all && f && f->FindGlyphNoFallback(static_cast<ImWchar>(c));
    if (!all) out.insert(c);
  }
  return {out.begin(), out.end()};
}

ImFont* regular() {
  return g_regular;
}
ImFont* bold() {
  return g_bold;
}
ImFont* big() {
  return g_big;
}

}  // namespace theme

TL_NAMESPACE_END
