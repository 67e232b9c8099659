#pragma once
/// Seeded splits: stratified train/test and few-shot sampling (k labelled points per class).
#include <vector>

#include "core/rng.h"
#include "data/dataset.h"

TL_NAMESPACE_BEGIN

struct Split {
  std::vector<int> train;
  std::vector<int> test;
};

/// Stratified split: about test_frac of each class goes to test (at least one point stays in
/// train for every class that has one). Unlabelled points go to train.
Split stratified_split(const Dataset& ds, double test_frac, Rng& rng);

/// Up to `shots` random points of every class (all of them when a class has fewer), in class
/// order; `rest` (if given) receives the indices not chosen.
std::vector<int> few_shot_indices(const Dataset& ds, int shots, Rng& rng,
                                  std::vector<int>* rest = nullptr);

/// Indices 0..n-1 in random order.
std::vector<int> permutation(int n, Rng& rng);

TL_NAMESPACE_END
