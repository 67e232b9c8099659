#pragma once
/// Zero-shot learning from a class x attribute table: some classes have no training example at
/// all and are recognised through their attribute description.
///
/// - DAP, direct attribute prediction: C. H. Lampert, H. Nickisch, S. Harmeling, "Learning To
///   Detect Unseen Object Classes by Between-Class Attribute Transfer", CVPR 2009 (and "Attribute-
///   Based Classification for Zero-Shot Visual Object Categorization", TPAMI 36(3), 2014).
///   One probabilistic predictor per attribute, trained on the seen classes with the attribute
///   values of each example's class as targets; a class z scores
///     p(z | x) ∝ prod_m p(a_m = a_m^z | x) / p(a_m = a_m^z),
///   with the attribute priors p(a_m) the mean of the seen classes' signatures (uniform class
///   prior).
/// - ConSE, convex combination of semantic embeddings: M. Norouzi, T. Mikolov, S. Bengio,
///   Y. Singer, J. Shlens, A. Frome, G. S. Corrado, J. Dean, "Zero-Shot Learning by Convex
///   Combination of Semantic Embeddings", ICLR 2014. An ordinary softmax classifier over the seen
///   classes; x is embedded as f(x) = 1/Z sum_{t=1..T} p(y_t | x) s(y_t) over its top-T seen
///   classes y_t (Z = sum of those probabilities), s(y) the class's attribute row; the prediction
///   is the candidate class whose attribute row has the largest cosine similarity to f(x). The
///   attribute space is centred first (the mean row over all classes subtracted from both), so
///   that classes with few attributes are not at a disadvantage under the cosine; the convex
///   combination itself is unchanged by the centring since its weights sum to 1.
/// - Attribute embedding (label embedding with a ranking loss): Z. Akata, F. Perronnin,
///   Z. Harchaoui, C. Schmid, "Label-Embedding for Attribute-Based Classification", CVPR 2013;
///   A. Frome et al., "DeViSE: A Deep Visual-Semantic Embedding Model", NIPS 2013. Two networks
///   map an input, f(x), and a class's attribute row, g(a^y), into one space of embed_dim
///   dimensions; both are trained on the seen classes with the margin loss
///     L = 1/N sum_n max(0, k - f(x_n).g(a^{y_n}) + max_{m seen, m != y_n} f(x_n).g(a^m)),
///   and a point is assigned to the candidate class z with the largest f(x).g(a^z). The class
///   table may hold any class embedding (attributes or word vectors).
#include <string>
#include <string_view>
#include <vector>

#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "data/csv.h"
#include "data/dataset.h"
#include "transfer/method.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

/// The zero-shot model (ZeroShotConfig::method).
enum class ZeroShotMethod { kDap, kConse, kEmbed };
inline const ChoiceSpec<ZeroShotMethod> kZeroShotMethodChoices = {
    {ZeroShotMethod::kDap, "dap"},
    {ZeroShotMethod::kConse, "conse"},
    {ZeroShotMethod::kEmbed, "embed"}};

struct ZeroShotConfig {
  ZeroShotMethod method = ZeroShotMethod::kDap;
  int T = 3;            ///< ConSE: number of top seen classes combined
  int embed_dim = 16;   ///< embed: dimension of the joint space of f(x) and g(a)
  int g_hidden = 0;     ///< embed: hidden units of g (0: g is a linear map)
  double margin = 1.0;  ///< embed: the margin k of the loss
  void visit(ConfigVisitor& v);
};

/// Checks a table against the data set's classes (in order; empty: not checked): one row per class
/// with the same names, one name per attribute column, unique class and attribute names, finite
/// values, no attribute equal for every class, no two classes with the same attributes. Messages
/// start with `origin + ": "` and name the class or attribute at fault.
Status check_attribute_table(const AttributeTable& table, const std::vector<std::string>& classes,
                             const std::string& origin = "attributes");
/// Parses a `class,attr1,attr2,...` CSV (parse_attribute_table, rows in the order of `classes`)
/// and checks it with check_attribute_table.
Result<AttributeTable> load_attribute_table(std::string_view csv_text,
                                            const std::vector<std::string>& classes,
                                            const std::string& origin = "attributes");
/// The table with its rows put in the order of `classes`, matched by name, then checked with
/// check_attribute_table (a missing, unknown or duplicate class is an error naming it).
Result<AttributeTable> match_attribute_table(const AttributeTable& table,
                                             const std::vector<std::string>& classes,
                                             const std::string& origin = "attributes");
/// The table as `class,attr1,...` CSV text (what load_attribute_table reads back).
std::string attribute_table_csv(const AttributeTable& table);

/// The table of a data set's classes from its attribute fields (class names default to "0",
/// "1", ...).
AttributeTable attribute_table_of(const Dataset& ds);
/// Attaches a table to a data set (attributes, attribute_names and class_names).
void attach_attribute_table(Dataset& ds, const AttributeTable& table);

// --- Shipped presets ---------------------------------------------------------------------------
/// The 2-D "animals" toy: nine classes on a 3 x 3 grid of Gaussian blobs (centres -3, 0, 3 on
/// each axis, row-major from the upper left) with geometric attributes: left, right, upper, lower
/// (the outer columns and rows) and near_origin (the centre blob).
AttributeTable animals_attribute_table();
/// `per_class` points per class with standard deviation `spread`; the table is attached.
Dataset make_animals(int per_class, double spread, Rng& rng);
/// A hand-made table for the digits 0-9: seven-segment-style strokes (top, upper_left,
/// upper_right, middle, lower_left, lower_right, bottom) as the digits are usually handwritten,
/// closed loops (loop, two_loops), a diagonal stroke and left-right mirror symmetry.
AttributeTable digits_attribute_table();

/// Checks that a zero-shot split can be learnt: class indices in range and disjoint, at least one
/// unseen class, at least two seen classes, and for DAP attribute values in [0, 1] (DAP's
/// predictors are trained on them as probabilities: a table of real-valued class embeddings such
/// as word vectors is refused with a message suggesting method=conse or method=embed).
Status check_zero_shot_split(const AttributeTable& table, const std::vector<int>& seen,
                             const std::vector<int>& unseen, ZeroShotMethod method);

class ZeroShot : public Method {
 public:
  ZeroShot() = default;
  /// train: labelled points of the seen classes (labels index the table's rows; points of other
  /// classes and unlabelled points are ignored). The budget is tc.epochs passes in minibatches of
  /// tc.batch; DAP trains one MLP (tc.hidden, one logit) per attribute, ConSE one softmax MLP
  /// over the seen classes, embed f (tc.hidden, embed_dim outputs) and g (attributes ->
  /// embed_dim) together.
  ZeroShot(const Dataset& train, const AttributeTable& table, const std::vector<int>& seen,
           const ZeroShotConfig& cfg, const TrainConfig& tc, Rng rng);

  void reset() override;
  // DAP:   L = 1/M sum_m BCE(g_m(X), A[y, m])   (each attribute predictor g_m on its own)
  // ConSE: L = CE(h(X), y)                      (the seen-class classifier)
  // embed: L = 1/b sum_n max(0, k - f(x_n).g(a^{y_n}) + max_{m != y_n} f(x_n).g(a^m))
  StepStats step() override;
  /// Scores over every class turned into probabilities, classes x n: the DAP posterior, for
  /// ConSE softmax(10 cos(f(x), s(z))), for embed softmax(f(x).g(a^z)).
  Mat predict(const Mat& X) override { return predict_proba(X); }
  Mat predict_proba(const Mat& X) const;
  Metrics metrics() override;
  ParamList params() override;
  double objective() override;
  Vec gradient() override;

  /// Class scores, |candidates| x n: DAP log p(z | x) up to a constant, ConSE cosine similarity,
  /// embed the compatibility f(x).g(a^z).
  Mat scores(const Mat& X, const std::vector<int>& candidates) const;
  /// The best candidate per point (as class indices).
  Labels classify(const Mat& X, const std::vector<int>& candidates) const;
  /// Predicted attribute values, num_attributes x n: DAP's attribute probabilities, or ConSE's
  /// embedding (a convex combination of seen classes' attribute rows). embed predicts no
  /// attributes (predicts_attributes() is false): the result is empty (0 x n).
  Mat attribute_values(const Mat& X) const;
  bool predicts_attributes() const { return cfg_.method != ZeroShotMethod::kEmbed; }
  /// embed: f(X), embed_dim x n, and g of the given classes' attribute rows, embed_dim x |classes|.
  Mat embed_inputs(const Mat& X) const;
  Mat embed_classes(const std::vector<int>& classes) const;
  /// ConSE's classifier: probabilities over the seen classes, |seen| x n (rows follow seen()).
  Mat seen_proba(const Mat& X) const;
  /// ConSE's combination weights over the seen classes, |seen| x n (top-T probabilities
  /// renormalised, zero elsewhere; each column sums to 1). Rows follow seen().
  Mat conse_weights(const Mat& X) const;
  /// ConSE's embedding f(X) = S_seen^T W, num_attributes x n.
  Mat conse_embedding(const Mat& X) const;

  const std::vector<int>& seen() const { return seen_; }
  /// ConSE's classifier over the seen classes (empty for DAP).
  const Mlp& classifier() const { return classifier_; }
  /// DAP's attribute predictors, one per attribute (empty for ConSE).
  const std::vector<Mlp>& attribute_nets() const { return attribute_nets_; }
  /// embed's input network f and class network g (empty for DAP and ConSE).
  const Mlp& input_net() const { return f_; }
  const Mlp& class_net() const { return g_; }
  long total_steps() const { return total_; }
  long steps_done() const { return steps_; }
  int num_attributes() const { return static_cast<int>(table_.table.cols()); }
  const AttributeTable& table() const { return table_; }
  const ZeroShotConfig& config() const { return cfg_; }

 private:
  bool dap() const { return cfg_.method == ZeroShotMethod::kDap; }
  bool embed() const { return cfg_.method == ZeroShotMethod::kEmbed; }
  double evaluate(bool with_grad);
  void batch_targets(const Labels& y, Mat& targets) const;
  /// embed: the margin loss of X (labels are positions in seen_) and, with with_grad, its
  /// gradient accumulated into f's and g's parameters.
  double embed_loss(const Mat& X, const Labels& y, bool with_grad);

  ZeroShotConfig cfg_;
  TrainConfig tc_;
  AttributeTable table_;
  std::vector<int> seen_;
  std::vector<int> seen_index_;  ///< class -> position in seen_, -1 when unseen
  Dataset data_;                 ///< training points, labels relabelled to positions in seen_
  Vec prior_;                    ///< DAP attribute priors p(a_m = 1), clamped away from 0 and 1
  Rng rng_;
  std::vector<Mlp> attribute_nets_;  ///< DAP: one per attribute
  Mlp classifier_;                   ///< ConSE
  Mlp f_, g_;                        ///< embed: input and class networks
  Mat seen_attr_;                    ///< embed: seen classes' attribute rows, attrs x |seen|
  Mat scores_, dscores_, dF_, dG_;   ///< embed: scratch
  Optimizer optimizer_;
  Batcher batcher_;
  long steps_ = 0, total_ = 0;
  Mat xb_, targets_, dz_;
  Labels yb_;
};

TL_NAMESPACE_END
