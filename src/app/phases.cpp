#include "app/phases.h"

#include <cstdio>
#include <cstring>
#include <limits>

#include "app/i18n.h"

TL_NAMESPACE_BEGIN

int phase_at(const PhaseList& phases, long step) {
  if (phases.empty()) return -1;
  int at = 0;
  for (size_t i = 1; i < phases.size(); ++i)
    if (step >= phases[i].start_step) at = static_cast<int>(i);
  return at;
}

std::string phase_status(const Snapshot& s) {
  const int i = phase_at(s.phases, s.step);
  if (i < 0) return {};
  char buf[160];
  std::snprintf(buf, sizeof(buf), tr("phase %d of %d: %s"), i + 1,
                static_cast<int>(s.phases.size()),
                tr(s.phases[static_cast<size_t>(i)].name).c_str());
  return buf;
}

void append_phase_status(char* buf, size_t n, const Snapshot& s) {
  const std::string text = phase_status(s);
  const size_t used = std::strlen(buf);
  if (text.empty() || used + text.size() + 8 >= n) return;
  std::strcat(buf, "  \xC2\xB7  ");
  std::strcat(buf, text.c_str());
}

long metric_train_from(const ModelList* models, const std::string& metric) {
  if (!models) return 0;
  for (const ModelInfo& m : *models)
    if (!m.metric.empty() && m.metric == metric) return m.train_from;
  return 0;
}

std::vector<double> drawn_from(const History& h, const std::vector<double>& column, long from) {
  std::vector<double> out = column;
  for (size_t i = 0; i < out.size() && i < h.steps.size(); ++i)
    if (h.steps[i] < from) out[i] = std::numeric_limits<double>::quiet_NaN();
  return out;
}

TL_NAMESPACE_END
