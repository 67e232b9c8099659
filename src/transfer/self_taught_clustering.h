#pragma once
/// Self-taught clustering: W. Dai, Q. Yang, G.-R. Xue, Y. Yu, "Self-taught clustering",
/// ICML 2008.
///
/// A small unlabelled target set X is clustered with the help of a large unlabelled auxiliary
/// set Y (other classes, same feature space Z). Both are co-clustered at once, sharing one
/// clustering of the features; the objective is
///   J = I(X;Z) - I(Xt;Zt) + lambda [ I(Y;Z) - I(Yt;Zt) ]
///     = D( p(X,Z) || pt(X,Z) ) + lambda D( q(Y,Z) || qt(Y,Z) ),
/// with Xt, Yt, Zt the cluster variables and pt(x,z) = p(xt,zt) p(x|xt) p(z|zt) (information-
/// theoretic co-clustering, Dhillon, Mallela & Modha, KDD 2003). Algorithm 1 of the paper
/// alternates three assignment steps, each of which cannot increase J:
///   C_X(x) = argmin_xt D( p(Z|x) || pt(Z|xt) ),   pt(z|xt) = p(z|zt) p(zt|xt)
///   C_Y(y) = argmin_yt D( q(Z|y) || qt(Z|yt) )
///   C_Z(z) = argmin_zt p(z) D( p(X|z) || pt(X|zt) ) + lambda q(z) D( q(Y|z) || qt(Y|zt) ),
///            pt(x|zt) = p(x|xt) p(xt|zt).
/// Only the cluster-level part of each divergence depends on the candidate cluster, so the
/// steps reduce to matrix products: C_X(x) = argmax_xt sum_zt p(zt|x) log p(zt|xt) and
/// C_Z(z) = argmax_zt sum_xt p(z,xt) log p(xt|zt) + lambda sum_yt q(z,yt) log q(yt|zt).
///
/// Mapping to dense features. The paper's data are co-occurrence counts (documents x words,
/// images x visual words). Here each feature's non-negative value is read as co-occurrence mass:
/// p(x, z) is proportional to X(z, x) + alpha, so an image is a distribution over its pixels
/// (where its ink lies) and a pixel is a distribution over the images that use it. alpha (the
/// `stc_smoothing` fraction of the mean entry) keeps every divergence finite. Features with
/// negative values are shifted per feature so that their minimum over both sets is 0. Each
/// restart starts from k-means (one k-means++ seeding each) on p(Z|x), q(Z|y) and on the
/// features' profiles; the restart with the lowest J is kept.
///
/// The representation route: an autoencoder (transfer/self_taught.h) learned on the auxiliary
/// data (optionally together with the unlabelled target, `with_target`) maps the target to
/// codes, which k-means clusters after scaling each code to unit length (`normalize`, cosine
/// k-means; on the digits scenario it lifted the NMI of the code route from about 0.5 to about
/// 0.75, but cosine k-means on the raw pixels gains as much). The scenarios compare both routes
/// with their fair controls: the codes with cosine k-means on the raw features, the
/// co-clustering with the same co-clustering of the target alone (stc_noaux).
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/dataset.h"
#include "transfer/kmeans.h"
#include "transfer/method.h"
#include "transfer/self_taught.h"

TL_NAMESPACE_BEGIN

struct StcConfig {
  int clusters = 5;           ///< target clusters |Xt|
  int aux_clusters = 5;       ///< auxiliary clusters |Yt|
  int feature_clusters = 32;  ///< shared feature clusters |Zt|
  double lambda = 1.0;        ///< weight of the auxiliary term
  int iterations = 30;        ///< at most this many rounds of the three assignment steps
  int restarts = 5;           ///< independent initialisations; the lowest J wins
  double smoothing = 0.01;    ///< alpha as a fraction of the mean entry of each set
  /// Keys prefixed "stc_" (the target's cluster count is the scenario's `clusters`).
  void visit(ConfigVisitor& v);
};

struct StcResult {
  Labels target;                ///< C_X: cluster of each target point
  Labels aux;                   ///< C_Y: cluster of each auxiliary point
  Labels features;              ///< C_Z: cluster of each feature
  double objective = 0;         ///< J at the end of the winning restart
  std::vector<double> history;  ///< J after initialisation and after each round (winning run)
};

/// Runs self-taught clustering on target (dim x n_t) and aux (dim x n_a), both non-negative
/// after the shift described above. All randomness from rng.
StcResult self_taught_clustering(const Mat& target, const Mat& aux, const StcConfig& config,
                                 Rng& rng);

/// J for given assignments (for tests): D(p||pt) + lambda D(q||qt) on the smoothed joints.
double stc_objective(const Mat& target, const Mat& aux, const StcResult& assignment,
                     const StcConfig& config);

struct SelfTaughtClusteringConfig {
  AutoencoderConfig ae;      ///< representation learned on the auxiliary data
  int clusters = 5;          ///< clusters sought in the target (k-means k, STC |Xt|)
  int restarts = 10;         ///< k-means restarts
  bool normalize = true;     ///< scale each code to unit length before k-means (cosine k-means)
  bool with_target = false;  ///< also train the autoencoder on the (unlabelled) target points
  StcConfig stc;
  SelfTaughtClusteringConfig();
  void visit(ConfigVisitor& v);
};

/// Phase "pretrain": autoencoder steps on the auxiliary data. Then one phase "cluster" step:
/// k-means on the target's codes, the co-clustering of target and auxiliary data, and, as its
/// control, the same co-clustering of the target alone.
class SelfTaughtClusterer : public Method {
 public:
  /// auxiliary and target: unlabelled for the method; the target's labels (when present) are
  /// used only for the metrics.
  SelfTaughtClusterer(const SelfTaughtClusteringConfig& config, Dataset auxiliary, Dataset target,
                      uint64_t seed);

  void reset() override;
  // pretrain: L = AutoencoderTrainer::step's objective; cluster: no gradient step (k-means
  // inertia and STC's J are reported).
  StepStats step() override;
  /// One-hot membership of the nearest k-means centroid in code space, clusters x n.
  Mat predict(const Mat& X) override;
  /// nmi, purity (k-means on codes), stc_nmi, stc_purity (co-clustering), stc_noaux_nmi,
  /// stc_noaux_purity (the same co-clustering without the auxiliary data), stc_objective,
  /// reconstruction_error (auxiliary). Cluster metrics are 0 before the cluster step.
  Metrics metrics() override;
  ParamList params() override { return ae_.ae.params(); }
  /// The autoencoder objective on a fixed batch of the auxiliary data with a fixed corruption.
  double objective() override;
  Vec gradient() override;

  long total_steps() const { return ae_.total_steps() + 1; }
  long steps_done() const { return ae_.steps_done() + (clustered_ ? 1 : 0); }
  bool clustered() const { return clustered_; }
  const Autoencoder& autoencoder() const { return ae_.ae; }
  const Labels& learned_clusters() const { return learned_.assign; }
  const StcResult& stc() const { return stc_; }
  const StcResult& stc_noaux() const { return stc_noaux_; }

 private:
  void cluster();

  SelfTaughtClusteringConfig cfg_;
  Dataset aux_, target_;
  uint64_t seed_;
  AutoencoderTrainer ae_;
  Rng cluster_rng_;
  bool clustered_ = false;
  KMeansResult learned_;
  StcResult stc_;
  StcResult stc_noaux_;  ///< the co-clustering of the target alone (lambda = 0, no auxiliary data)
  Mat check_x_, check_xc_;
};

TL_NAMESPACE_END
