#pragma once
/// The repository's own text files, read by the tests that hold data files (lessons, translation
/// catalogues) to the sources. Paths are relative to the repository root (TL_SOURCE_DIR).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tl::test {

/// The whole file at `path` (absolute, or relative to the repository root); "" when unreadable.
inline std::string read_source_file(const std::filesystem::path& path) {
  const std::filesystem::path full =
      path.is_absolute() ? path : std::filesystem::path(TL_SOURCE_DIR) / path;
  std::ifstream in(full, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Every catalogue file of `lang` (web/i18n/LANG/*.txt) joined in name order with a line break
/// between files, as the site build (cmake/join_text.cmake) joins them.
inline std::string catalogue_text(const std::string& lang) {
  const std::filesystem::path dir = std::filesystem::path(TL_SOURCE_DIR) / "web/i18n" / lang;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string text;
  for (const auto& f : files) text += read_source_file(f) + "\n";
  return text;
}

}  // namespace tl::test
