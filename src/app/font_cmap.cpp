#include "app/font_cmap.h"

#include <algorithm>
#include <cstdint>
#include <string>

TL_NAMESPACE_BEGIN

namespace {

struct Reader {
  const unsigned char* p;
  size_t n;
  bool has(size_t at, size_t len) const { return at <= n && len <= n - at; }
  uint32_t u16(size_t at) const { return has(at, 2) ? (uint32_t{p[at]} << 8) | p[at + 1] : 0; }
  uint32_t u32(size_t at) const {
    return has(at, 4) ? (uint32_t{p[at]} << 24) | (uint32_t{p[at + 1]} << 16) |
                            (uint32_t{p[at + 2]} << 8) | p[at + 3]
                      : 0;
  }
};

/// Format 4: segments of 16-bit code points (Reader r positioned on the subtable).
void read_format4(const Reader& r, size_t t, std::vector<char32_t>& out) {
  const size_t segs = r.u16(t + 6) / 2;
  const size_t ends = t + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs,
               offsets = deltas + 2 * segs;
  if (!r.has(t, 16 + 8 * segs)) return;
  for (size_t s = 0; s < segs; ++s) {
    const uint32_t end = r.u16(ends + 2 * s), start = r.u16(starts + 2 * s);
    const uint32_t delta = r.u16(deltas + 2 * s), range = r.u16(offsets + 2 * s);
    for (uint32_t c = start; c <= end && c != 0xffff; ++c) {
      uint32_t glyph = 0;
      if (range == 0) {
        glyph = (c + delta) & 0xffff;
      } else {
        const size_t at = offsets + 2 * s + range + 2 * (c - start);
        glyph = r.u16(at);
        if (glyph != 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph != 0) out.push_back(c);
    }
  }
}

/// Format 12: groups of 32-bit code points.
void read_format12(const Reader& r, size_t t, std::vector<char32_t>& out) {
  const size_t groups = r.u32(t + 12);
  if (!r.has(t + 16, 12 * groups)) return;
  for (size_t g = 0; g < groups; ++g) {
    const uint32_t start = r.u32(t + 16 + 12 * g), end = r.u32(t + 20 + 12 * g),
                   glyph = r.u32(t + 24 + 12 * g);
    if (end < start || end > 0x10ffff || end - start > 0x10000) continue;
    for (uint32_t c = start; c <= end; ++c)
      if (glyph + (c - start) != 0) out.push_back(c);
  }
}

}  // namespace

Result<std::vector<char32_t>> font_codepoints(const unsigned char* ttf, size_t size) {
  const Reader r{ttf, size};
  const uint32_t version = r.u32(0);
  if (!r.has(0, 12) || (version != 0x00010000 && version != 0x74727565 /* 'true' */))
    return Error{"font: not a TrueType font"};
  const size_t tables = r.u16(4);
  size_t cmap = 0;
  for (size_t i = 0; i < tables; ++i) {
    const size_t rec = 12 + 16 * i;
    if (!r.has(rec, 16)) return Error{"font: truncated table directory"};
    if (r.u32(rec) == 0x636d6170 /* 'cmap' */) cmap = r.u32(rec + 8);
  }
  if (cmap == 0 || !r.has(cmap, 4)) return Error{"font: no cmap table"};
  // The best Unicode subtable: full repertoire (format 12) first, then the BMP (format 4).
  size_t best = 0;
  uint32_t best_format = 0;
  for (size_t i = 0; i < r.u16(cmap + 2); ++i) {
    const size_t rec = cmap + 4 + 8 * i;
    const uint32_t platform = r.u16(rec), encoding = r.u16(rec + 2);
    const size_t at = cmap + r.u32(rec + 4);
    const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
    const uint32_t format = r.u16(at);
    if (!unicode || (format != 4 && format != 12)) continue;
    if (best == 0 || (format == 12 && best_format == 4)) {
      best = at;
      best_format = format;
    }
  }
  if (best == 0) return Error{"font: no Unicode cmap (format 4 or 12)"};
  std::vector<char32_t> out;
  if (best_format == 12)
    read_format12(r, best, out);
  else
    read_format4(r, best, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TL_NAMESPACE_END
