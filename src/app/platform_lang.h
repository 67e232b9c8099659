#pragma once
/// The browser side of the page's language: the browser's preferred languages, `<html lang>`,
/// and fetching a language's files (catalogue, lessons, font) relative to the page, only when
/// that language is chosen.
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN

namespace platform {

/// navigator.languages, comma-separated, best first ("" when the browser tells none).
std::string browser_languages();
/// Sets the document's language (`<html lang>`, e.g. "zh-Hans").
void set_document_lang(const std::string& bcp47);

/// Starts fetching `paths` (relative to the page's address) as request `id`; the outcome
/// arrives through take_fetched().
void fetch_files(int id, const std::vector<std::string>& paths);
struct Fetched {
  int id = 0;
  bool ok = false;
  std::string error;                        ///< the first failure ("web/fonts/zh.ttf: HTTP 404")
  std::vector<std::vector<uint8_t>> files;  ///< in the order of the paths (when ok)
};
/// A finished fetch, delivered once.
bool take_fetched(Fetched& out);

}  // namespace platform

TL_NAMESPACE_END
