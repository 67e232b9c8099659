#include "data/split.h"

#include <algorithm>
#include <numeric>

TL_NAMESPACE_BEGIN

std::vector<int> permutation(int n, Rng& rng) {
  std::vector<int> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  rng.shuffle(idx);
  return idx;
}

namespace {
std::vector<std::vector<int>> by_class(const Dataset& ds, Rng& rng, std::vector<int>* unlabelled) {
  std::vector<std::vector<int>> groups(std::max(ds.num_classes, 0));
  for (int j : permutation(ds.size(), rng)) {
    const int c = ds.y[j];
    if (c >= 0 && c < ds.num_classes)
      groups[c].push_back(j);
    else if (unlabelled)
      unlabelled->push_back(j);
  }
  return groups;
}
}  // namespace

Split stratified_split(const Dataset& ds, double test_frac, Rng& rng) {
  Split s;
  for (auto& group : by_class(ds, rng, &s.train)) {
    int n_test = static_cast<int>(group.size() * test_frac + 0.5);
    n_test = std::min(n_test, std::max(0, static_cast<int>(group.size()) - 1));
    s.test.insert(s.test.end(), group.begin(), group.begin() + n_test);
    s.train.insert(s.train.end(), group.begin() + n_test, group.end());
  }
  std::sort(s.train.begin(), s.train.end());
  std::sort(s.test.begin(), s.test.end());
  return s;
}

std::vector<int> few_shot_indices(const Dataset& ds, int shots, Rng& rng, std::vector<int>* rest) {
  std::vector<int> chosen;
  for (auto& group : by_class(ds, rng, rest)) {
    const int k = std::min<int>(shots, static_cast<int>(group.size()));
    chosen.insert(chosen.end(), group.begin(), group.begin() + k);
    if (rest) rest->insert(rest->end(), group.begin() + k, group.end());
  }
  if (rest) std::sort(rest->begin(), rest->end());
  return chosen;
}

TL_NAMESPACE_END
