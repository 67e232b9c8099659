#pragma once
/// Synthetic bag-of-words documents: a vocabulary split into topics, a class = a pair of topics.
/// Short documents give sparse, noisy word counts, the setting where words that co-occur in
/// other (unlabelled) documents carry information that the counts of one document lack.
#include <utility>
#include <vector>

#include "core/rng.h"
#include "data/dataset.h"

TL_NAMESPACE_BEGIN

struct TopicDocumentsSpec {
  int topics = 8;           ///< topics; topic t owns words [t words, (t + 1) words)
  int words = 20;           ///< words per topic (vocabulary: topics * words)
  int length = 10;          ///< words per document
  double background = 0.3;  ///< probability that a word comes from a uniformly random topic
};

/// `per_class` documents of every class (classes[c] = its two topics), classes in order. Each of
/// a document's `length` words comes from a uniformly random topic with probability
/// `background`, else from one of the class's two topics (equally likely), and is a uniform word
/// of that topic. X holds the word counts (topics*words x n), y the class of each document.
Dataset make_topic_documents(const std::vector<std::pair<int, int>>& classes, int per_class,
                             const TopicDocumentsSpec& spec, Rng& rng);

/// The topic pairs (t, t + 1) for t = 0, 2, 4, ...: topics/2 classes that partition the topics.
std::vector<std::pair<int, int>> adjacent_topic_pairs(int topics);
/// Topic pairs that share no class with adjacent_topic_pairs(topics): (t, t + 1) for odd t
/// (wrapping around), then (t, t + topics/2) for t < topics/2. 2 * (topics/2) pairs for even
/// topics >= 4 (topics = 4 gives 2 + 2; 8 gives 4 + 4).
std::vector<std::pair<int, int>> other_topic_pairs(int topics);

TL_NAMESPACE_END
