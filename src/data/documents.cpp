#include "data/documents.h"

TL_NAMESPACE_BEGIN

Dataset make_topic_documents(const std::vector<std::pair<int, int>>& classes, int per_class,
                             const TopicDocumentsSpec& spec, Rng& rng) {
  Dataset d;
  const int n = static_cast<int>(classes.size()) * per_class;
  d.X = Mat::Zero(spec.topics * spec.words, n);
  d.num_classes = static_cast<int>(classes.size());
  const double own = spec.background + (1 - spec.background) / 2;
  for (int c = 0; c < d.num_classes; ++c)
    for (int k = 0; k < per_class; ++k) {
      const int j = c * per_class + k;
      d.y.push_back(c);
      for (int t = 0; t < spec.length; ++t) {
        const double u = rng.uniform();
        const int topic = u < spec.background ? static_cast<int>(rng.below(spec.topics))
                          : u < own           ? classes[c].first
                                              : classes[c].second;
        d.X(topic * spec.words + static_cast<int>(rng.below(spec.words)), j) += 1;
      }
    }
  return d;
}

std::vector<std::pair<int, int>> adjacent_topic_pairs(int topics) {
  std::vector<std::pair<int, int>> out;
  for (int t = 0; t + 1 < topics; t += 2) out.emplace_back(t, t + 1);
  return out;
}

std::vector<std::pair<int, int>> other_topic_pairs(int topics) {
  std::vector<std::pair<int, int>> out;
  for (int t = 1; t < topics; t += 2) out.emplace_back(t, (t + 1) % topics);
  for (int t = 0; t < topics / 2; ++t) out.emplace_back(t, t + topics / 2);
  return out;
}

TL_NAMESPACE_END
