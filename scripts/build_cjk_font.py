#!/usr/bin/env python3
"""Builds the page's Chinese font: a subset of a CJK TrueType font holding exactly the characters
the Chinese text uses, so the page downloads a few hundred kilobytes instead of megabytes.

    build_cjk_font.py --font FILE [--font-number N] --out zh.ttf --json zh.json
                      [--catalogue FILE]... [--text FILE]...

Characters taken (non-ASCII only: ASCII is the UI font's):
  --catalogue FILE  a translation catalogue (web/i18n/zh/*.txt): its `zh:` lines
  --text FILE       a text in the language (web/lessons/zh.txt): every line but `#` comments
plus a fixed set of full-width punctuation marks. A file that does not exist counts as empty.

Every character must be in the font: otherwise the script fails, lists the missing characters
with the file and line of their first use, and writes nothing (an earlier output is removed).
On success it writes the subset (TrueType outlines, which Dear ImGui's stb_truetype reads; no
hinting, no layout tables) and a JSON summary:
  {"chars": N, "glyphs": N, "bytes": N, "source": "font file name"}
Needs fontTools (Debian: python3-fonttools, installed by scripts/setup.sh).
"""
import argparse
import json
import os
import sys
import unicodedata

# Punctuation the Chinese text may need at run time (messages built from parts), kept always.
FIXED = "，。：；（）！？、“”‘’《》…—·　"


def wanted_chars(catalogues, texts):
    """Maps each character to where it is first used ("file:line")."""
    where = {}

    def take(text, origin):
        for ch in text:
            if ord(ch) < 128 or ch in where:
                continue
            # Controls, format characters (a byte order mark, zero-width joiners) and line or
            # paragraph separators draw nothing.
            if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
                continue
            where[ch] = origin

    for path, catalogue in [(p, True) for p in catalogues] + [(p, False) for p in texts]:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                stripped = line.lstrip()
                if stripped.startswith("#"):
                    continue
                if catalogue:
                    if not stripped.startswith("zh:"):
                        continue
                    stripped = stripped[3:]
                take(stripped, f"{path}:{number}")
    for ch in FIXED:
        where.setdefault(ch, "the fixed punctuation set")
    return where


def describe(ch):
    name = unicodedata.name(ch, "unnamed")
    return f"U+{ord(ch):04X} {ch} ({name})"


def remove(*paths):
    for p in paths:
        try:
            os.remove(p)
        except FileNotFoundError:
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--font", required=True, help="TrueType font or collection (.ttf, .ttc)")
    ap.add_argument("--font-number", type=int, default=0, help="the font in a collection")
    ap.add_argument("--out", required=True, help="the subset to write (.ttf)")
    ap.add_argument("--json", required=True, help="the summary to write (.json)")
    ap.add_argument("--catalogue", action="append", default=[], help="catalogue: its zh: lines")
    ap.add_argument("--text", action="append", default=[], help="text: all but # comments")
    args = ap.parse_args()

    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        remove(args.out, args.json)
        sys.exit("build_cjk_font: fontTools is missing (run scripts/setup.sh: it installs "
                 "Debian's python3-fonttools)")
    if not os.path.isfile(args.font):
        remove(args.out, args.json)
        sys.exit(f"build_cjk_font: font {args.font} not found (run scripts/setup.sh: it installs "
                 "fonts-wqy-microhei)")

    where = wanted_chars(args.catalogue, args.text)
    font = TTFont(args.font, fontNumber=args.font_number, lazy=False)
    if "glyf" not in font:
        remove(args.out, args.json)
        sys.exit(f"build_cjk_font: {args.font} (font {args.font_number}) has no TrueType "
                 "outlines (glyf), which the page's font renderer needs")
    cmap = font.getBestCmap()
    missing = sorted((ch for ch in where if ord(ch) not in cmap), key=ord)
    if missing:
        remove(args.out, args.json)
        lines = [f"  {describe(ch)}, first used at {where[ch]}" for ch in missing]
        sys.exit(f"build_cjk_font: {len(missing)} character(s) of the Chinese text are missing "
                 f"from {os.path.basename(args.font)} (font {args.font_number}):\n" +
                 "\n".join(lines) +
                 "\nUse other characters, or choose a font that has them.")

    options = subset.Options()
    options.layout_features = []          # stb_truetype reads no GSUB/GPOS
    options.hinting = False               # nor hinting instructions
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "FFTM", "gasp"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # names, copyright and licence
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False      # the same inputs give the same bytes
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=[ord(ch) for ch in where])
    subsetter.subset(font)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".partial"
    font.save(tmp)
    os.replace(tmp, args.out)
    summary = {
        "chars": len(where),
        "glyphs": len(font.getGlyphOrder()),
        "bytes": os.path.getsize(args.out),
        "source": os.path.basename(args.font),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(summary, f)
        f.write("\n")
    print(f"build_cjk_font: {args.out}: {summary['chars']} characters, {summary['glyphs']} glyphs, "
          f"{summary['bytes']} bytes from {summary['source']}")


if __name__ == "__main__":
    main()
