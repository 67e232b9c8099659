#include "scenarios/setting_text.h"

#include <algorithm>

TL_NAMESPACE_BEGIN

SettingText setting_text(const std::string& help, const std::vector<std::string>& choices) {
  SettingText out;
  out.choice_words.assign(choices.size(), std::string());
  size_t pos = 0;
  bool first = true;
  while (pos <= help.size() && !help.empty()) {
    const size_t end = std::min(help.find('\n', pos), help.size());
    const std::string line = help.substr(pos, end - pos);
    pos = end + 1;
    if (first) {
      out.label = line;
      first = false;
      continue;
    }
    const size_t eq = line.find(" = ");
    bool is_choice = false;
    if (eq != std::string::npos)
      for (size_t i = 0; i < choices.size(); ++i)
        if (line.compare(0, eq, choices[i]) == 0 && eq == choices[i].size()) {
          out.choice_words[i] = line.substr(eq + 3);
          is_choice = true;
        }
    if (!is_choice && !line.empty()) out.detail.push_back(line);
  }
  return out;
}

TL_NAMESPACE_END
