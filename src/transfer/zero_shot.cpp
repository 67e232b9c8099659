#include "transfer/zero_shot.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/json.h"
#include "core/loss.h"
#include "core/metrics.h"

TL_NAMESPACE_BEGIN

void ZeroShotConfig::visit(ConfigVisitor& v) {
  choice_enum(
      v, "method", method, kZeroShotMethodChoices,
      "Zero-shot method\nDAP (Lampert et al. 2009): one predictor per attribute, needs values "
      "in [0, 1]. ConSE (Norouzi et al. 2014): a seen-class classifier, then a convex "
      "combination of class rows. embed: f(x) and g(attributes) in one space, margin "
      "loss.\ndap = predict each attribute\nconse = mix similar seen classes\nembed = "
      "learn a joint space");
  v.integer("T", T, 1, 1000,
            "Seen classes mixed (ConSE)\nConSE: number T of top seen classes combined.");
  v.integer("embed_dim", embed_dim, 1, 512,
            "Joint space size (embed)\nembed: dimension of the joint space.");
  v.integer("g_hidden", g_hidden, 0, 512,
            "Attribute network size (embed)\nembed: hidden units of g (0 = a linear map).");
  v.real("margin", margin, 0.01, 100.0, "Margin (embed)\nembed: margin k of the ranking loss.");
}

namespace {

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

/// Probabilities are kept in [kEps, 1 - kEps] inside logarithms, so one overconfident attribute
/// predictor cannot veto a class on its own.
constexpr Scalar kEps = Scalar(0.01);

}  // namespace

Status check_attribute_table(const AttributeTable& t, const std::vector<std::string>& classes,
                             const std::string& origin) {
  const std::string p = origin + ": ";
  const Eigen::Index rows = t.table.rows(), cols = t.table.cols();
  if (cols == 0 || t.attribute_names.empty()) return {p + "no attribute columns"};
  if (static_cast<Eigen::Index>(t.attribute_names.size()) != cols)
    return {p + std::to_string(t.attribute_names.size()) + " attribute names for a table " +
            std::to_string(cols) + " columns wide"};
  if (static_cast<Eigen::Index>(t.class_names.size()) != rows)
    return {p + std::to_string(t.class_names.size()) + " class names for " + std::to_string(rows) +
            " rows"};
  for (size_t i = 0; i < t.class_names.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (t.class_names[i] == t.class_names[j])
        return {p + "duplicate class " + quoted(t.class_names[i]) + " (rows " +
                std::to_string(j + 1) + " and " + std::to_string(i + 1) + ")"};
  for (size_t i = 0; i < t.attribute_names.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (t.attribute_names[i] == t.attribute_names[j])
        return {p + "duplicate attribute " + quoted(t.attribute_names[i])};
  if (!classes.empty()) {
    for (const std::string& c : classes)
      if (std::find(t.class_names.begin(), t.class_names.end(), c) == t.class_names.end())
        return {p + "missing class " + quoted(c) + " (every class needs a row)"};
    for (const std::string& c : t.class_names)
      if (std::find(classes.begin(), classes.end(), c) == classes.end())
        return {p + "unknown class " + quoted(c) + " (not one of the data set's classes)"};
    for (size_t i = 0; i < classes.size(); ++i)
      if (t.class_names[i] != classes[i])
        return {p + "row " + std::to_string(i + 1) + " is class " + quoted(t.class_names[i]) +
                ", expected " + quoted(classes[i]) + " (rows must follow the class order)"};
  }
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index m = 0; m < cols; ++m)
      if (!std::isfinite(static_cast<double>(t.table(i, m))))
        return {p + "class " + quoted(t.class_names[i]) + ", attribute " +
                quoted(t.attribute_names[m]) + ": not a finite number"};
  if (rows >= 2)
    for (Eigen::Index m = 0; m < cols; ++m)
      if ((t.table.col(m).array() == t.table(0, m)).all())
        return {p + "attribute " + quoted(t.attribute_names[m]) + " is " +
                json_number(t.table(0, m)) +
                " for every class (a constant attribute tells no class apart)"};
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < i; ++j)
      if (t.table.row(i) == t.table.row(j))
        return {p + "classes " + quoted(t.class_names[j]) + " and " + quoted(t.class_names[i]) +
                " have the same attributes (they cannot be told apart)"};
  return {};
}

Result<AttributeTable> load_attribute_table(std::string_view csv_text,
                                            const std::vector<std::string>& classes,
                                            const std::string& origin) {
  Result<AttributeTable> r = parse_attribute_table(csv_text, classes, origin);
  if (!r) return r;
  Status st = check_attribute_table(*r, classes, origin);
  if (!st.ok()) return Error{st.message};
  return r;
}

Result<AttributeTable> match_attribute_table(const AttributeTable& table,
                                             const std::vector<std::string>& classes,
                                             const std::string& origin) {
  AttributeTable out = table;
  std::vector<Eigen::Index> rows;
  for (const std::string& c : classes) {
    const auto it = std::find(table.class_names.begin(), table.class_names.end(), c);
    if (it == table.class_names.end()) break;
    rows.push_back(static_cast<Eigen::Index>(it - table.class_names.begin()));
  }
  // Reordered only when every class has a row in a table of that height; otherwise the rows stay
  // as they are and the check names the missing or unknown class.
  if (rows.size() == classes.size() &&
      table.table.rows() == static_cast<Eigen::Index>(rows.size()) &&
      table.class_names.size() == rows.size()) {
    for (size_t i = 0; i < rows.size(); ++i) {
      out.class_names[i] = classes[i];
      out.table.row(static_cast<Eigen::Index>(i)) = table.table.row(rows[i]);
    }
  }
  Status st = check_attribute_table(table, {}, origin);
  if (st.ok()) st = check_attribute_table(out, classes, origin);
  if (!st.ok()) return Error{st.message};
  return out;
}

std::string attribute_table_csv(const AttributeTable& t) {
  std::string out = "class";
  for (const std::string& a : t.attribute_names) out += "," + a;
  out += "\n";
  for (Eigen::Index i = 0; i < t.table.rows(); ++i) {
    out += t.class_names[i];
    for (Eigen::Index m = 0; m < t.table.cols(); ++m) out += "," + json_number(t.table(i, m));
    out += "\n";
  }
  return out;
}

AttributeTable attribute_table_of(const Dataset& ds) {
  AttributeTable t;
  t.table = ds.attributes;
  t.attribute_names = ds.attribute_names;
  t.class_names = ds.class_names;
  if (t.class_names.empty())
    for (int c = 0; c < ds.attributes.rows(); ++c) t.class_names.push_back(std::to_string(c));
  return t;
}

void attach_attribute_table(Dataset& ds, const AttributeTable& t) {
  ds.attributes = t.table;
  ds.attribute_names = t.attribute_names;
  ds.class_names = t.class_names;
}

AttributeTable animals_attribute_table() {
  AttributeTable t;
  t.class_names = {"eagle", "owl", "bat", "cat", "dog", "horse", "frog", "crab", "whale"};
  t.attribute_names = {"left", "right", "upper", "lower", "near_origin"};
  t.table = Mat::Zero(9, 5);
  for (int k = 0; k < 9; ++k) {
    const int row = k / 3, col = k % 3;
    t.table(k, 0) = col == 0;
    t.table(k, 1) = col == 2;
    t.table(k, 2) = row == 0;
    t.table(k, 3) = row == 2;
    t.table(k, 4) = k == 4;
  }
  return t;
}

Dataset make_animals(int per_class, double spread, Rng& rng) {
  const AttributeTable t = animals_attribute_table();
  const int k = static_cast<int>(t.class_names.size());
  Dataset ds;
  ds.X.resize(2, static_cast<Eigen::Index>(per_class) * k);
  ds.y.resize(static_cast<size_t>(per_class) * k);
  ds.num_classes = k;
  for (int j = 0; j < per_class * k; ++j) {
    const int c = j % k;
    const double cx = 3.0 * (c % 3 - 1), cy = 3.0 * (1 - c / 3);
    ds.X(0, j) = static_cast<Scalar>(cx + spread * rng.normal());
    ds.X(1, j) = static_cast<Scalar>(cy + spread * rng.normal());
    ds.y[j] = c;
  }
  ds.feature_names = {"x", "y"};
  attach_attribute_table(ds, t);
  return ds;
}

AttributeTable digits_attribute_table() {
  AttributeTable t;
  t.class_names = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  t.attribute_names = {"top",        "upper_left",  "upper_right", "middle",
                       "lower_left", "lower_right", "bottom",      "loop",
                       "two_loops",  "diagonal",    "vertical",    "symmetric"};
  // clang-format off
  const int rows[10][12] = {
    //  top UL UR mid LL LR bot loop 2loop diag vert sym
      {  1,  1, 1,  0,  1, 1,  1,  1,   0,    0,   0,   1},  // 0
      {  0,  0, 0,  0,  0, 0,  1,  0,   0,    0,   1,   1},  // 1
      {  1,  0, 1,  0,  1, 0,  1,  0,   0,    1,   0,   0},  // 2
      {  1,  0, 1,  1,  0, 1,  1,  0,   0,    0,   0,   0},  // 3
      {  0,  1, 0,  1,  0, 1,  0,  0,   0,    1,   1,   0},  // 4
      {  1,  1, 0,  1,  0, 1,  1,  0,   0,    0,   0,   0},  // 5
      {  0,  1, 0,  1,  1, 1,  1,  1,   0,    1,   0,   0},  // 6
      {  1,  0, 1,  1,  1, 0,  0,  0,   0,    1,   0,   0},  // 7
      {  1,  1, 1,  1,  1, 1,  1,  1,   1,    0,   0,   1},  // 8
      {  1,  1, 1,  1,  0, 1,  1,  1,   0,    0,   0,   0},  // 9
  };
  // clang-format on
  t.table.resize(10, 12);
  for (int i = 0; i < 10; ++i)
    for (int m = 0; m < 12; ++m) t.table(i, m) = static_cast<Scalar>(rows[i][m]);
  return t;
}

Status check_zero_shot_split(const AttributeTable& table, const std::vector<int>& seen,
                             const std::vector<int>& unseen, ZeroShotMethod method) {
  const int k = static_cast<int>(table.table.rows());
  std::vector<int> role(k, 0);
  for (int c : seen) {
    if (c < 0 || c >= k) return {"seen class " + std::to_string(c) + " is out of range"};
    role[c] |= 1;
  }
  for (int c : unseen) {
    if (c < 0 || c >= k)
      return {"unseen class " + std::to_string(c) + " is out of range (the data has " +
              std::to_string(k) + " classes)"};
    if (role[c] & 1) return {"class " + std::to_string(c) + " cannot be both seen and unseen"};
    role[c] |= 2;
  }
  if (unseen.empty()) return {"needs at least one unseen class"};
  if (seen.size() < 2) return {"needs at least two seen classes to learn from"};
  if (method == ZeroShotMethod::kDap &&
      ((table.table.array() < 0).any() || (table.table.array() > 1).any()))
    return {
        "dap: attribute values must lie in [0, 1] (they are the predictors' targets); for "
        "real-valued class embeddings such as word vectors use method=conse or method=embed"};
  return {};
}

// -----------------------------------------------------------------------------------------------

ZeroShot::ZeroShot(const Dataset& train, const AttributeTable& table, const std::vector<int>& seen,
                   const ZeroShotConfig& cfg, const TrainConfig& tc, Rng rng)
    : cfg_(cfg), tc_(tc), table_(table), seen_(seen), rng_(rng) {
  const int k = static_cast<int>(table_.table.rows());
  seen_index_.assign(k, -1);
  for (size_t i = 0; i < seen_.size(); ++i) seen_index_[seen_[i]] = static_cast<int>(i);
  std::vector<int> idx;
  for (int j = 0; j < train.size(); ++j)
    if (train.y[j] >= 0 && train.y[j] < k && seen_index_[train.y[j]] >= 0) idx.push_back(j);
  data_ = train.subset(idx);
  for (int& y : data_.y) y = seen_index_[y];
  data_.num_classes = static_cast<int>(seen_.size());
  prior_ = Vec::Zero(table_.table.cols());
  for (int c : seen_) prior_ += table_.table.row(c).transpose();
  if (!seen_.empty()) prior_ /= Scalar(seen_.size());
  prior_ = prior_.cwiseMax(kEps).cwiseMin(1 - kEps);
  reset();
}

void ZeroShot::reset() {
  Rng r = rng_;
  Rng init = r.split(1);
  attribute_nets_.clear();
  classifier_ = Mlp();
  f_ = Mlp();
  g_ = Mlp();
  if (dap()) {
    MlpSpec spec = make_spec(tc_, data_.dim(), 1);
    for (int m = 0; m < num_attributes(); ++m)
      attribute_nets_.emplace_back(spec, init, "attr." + table_.attribute_names[m]);
  } else if (embed()) {
    f_ = Mlp(make_spec(tc_, data_.dim(), cfg_.embed_dim), init, "embed.f");
    MlpSpec gs = make_spec(tc_, num_attributes(), cfg_.embed_dim);
    gs.hidden.clear();
    if (cfg_.g_hidden > 0) gs.hidden = {cfg_.g_hidden};
    g_ = Mlp(gs, init, "embed.g");
    seen_attr_.resize(num_attributes(), static_cast<Eigen::Index>(seen_.size()));
    for (size_t i = 0; i < seen_.size(); ++i)
      seen_attr_.col(static_cast<Eigen::Index>(i)) = table_.table.row(seen_[i]).transpose();
  } else {
    classifier_ = Mlp(make_spec(tc_, data_.dim(), std::max(2, data_.num_classes)), init, "conse");
  }
  optimizer_ = Optimizer(make_optimizer_config(tc_));
  batcher_ = Batcher(data_.size(), tc_.batch, r.split(2));
  steps_ = 0;
  total_ = steps_for(data_.size(), tc_.batch, tc_.epochs);
}

ParamList ZeroShot::params() {
  ParamList list;
  if (dap()) {
    for (Mlp& net : attribute_nets_)
      for (ParamBlock* p : net.params()) list.push_back(p);
  } else if (embed()) {
    list = f_.params();
    for (ParamBlock* p : g_.params()) list.push_back(p);
  } else {
    list = classifier_.params();
  }
  return list;
}

void ZeroShot::batch_targets(const Labels& y, Mat& targets) const {
  targets.resize(num_attributes(), static_cast<Eigen::Index>(y.size()));
  for (size_t j = 0; j < y.size(); ++j)
    targets.col(static_cast<Eigen::Index>(j)) = table_.table.row(seen_[y[j]]).transpose();
}

double ZeroShot::embed_loss(const Mat& X, const Labels& y, bool with_grad) {
  // Scores Z = G^T F, |seen| x b, with F = f(X) (embed_dim x b) and G = g(A_seen) (embed_dim x
  // |seen|, one column per seen class). Term n: h_n = k - Z[y_n, n] + Z[m_n, n], m_n the rival
  // with the largest score among the other seen classes.
  const Mat& F = f_.forward(X);
  const Mat& G = g_.forward(seen_attr_);
  scores_.noalias() = G.transpose() * F;
  const Eigen::Index b = X.cols(), s = scores_.rows();
  if (s < 2) return 0;  // no rival class: no term (check_zero_shot_split asks for two seen)
  const Scalar inv = Scalar(1) / Scalar(std::max<Eigen::Index>(b, 1));
  const Scalar k = static_cast<Scalar>(cfg_.margin);
  if (with_grad) dscores_.setZero(s, b);
  double loss = 0;
  for (Eigen::Index n = 0; n < b; ++n) {
    const Eigen::Index yn = y[n];
    Eigen::Index rival = -1;
    for (Eigen::Index m = 0; m < s; ++m)
      if (m != yn && (rival < 0 || scores_(m, n) > scores_(rival, n))) rival = m;
    const Scalar h = k - scores_(yn, n) + scores_(rival, n);
    if (h <= 0) continue;
    loss += h;
    // Subgradient of an active term: the hinge passes 1, and the max over rivals passes it to
    // the arg-max class only, so dL/dZ[y_n, n] = -1/b and dL/dZ[m_n, n] = +1/b; inactive terms
    // (h <= 0) and the other classes contribute nothing.
    if (with_grad) {
      dscores_(yn, n) -= inv;
      dscores_(rival, n) += inv;
    }
  }
  if (with_grad) {
    // Z = G^T F: dL/dF = G dZ (embed_dim x b), dL/dG = F dZ^T (embed_dim x |seen|); each then
    // flows back through its own network.
    dF_.noalias() = G * dscores_;
    dG_.noalias() = F * dscores_.transpose();
    f_.backward(dF_);
    g_.backward(dG_);
  }
  return loss * inv;
}

// L = 1/M sum_m BCE(g_m(X), A[y, m]) (DAP), CE(h(X), y) (ConSE) or the embed margin loss
// 1/b sum_n max(0, k - f(x_n).g(a^{y_n}) + max_{m != y_n} f(x_n).g(a^m)) on one minibatch.
StepStats ZeroShot::step() {
  StepStats s;
  s.phase = "train";
  if (data_.empty()) return s;
  gather(data_, batcher_.next(), xb_, yb_);
  const ParamList list = params();
  zero_grads(list);
  if (dap()) {
    // dL/dz_m = (sigmoid(z_m) - a_m) / (b M) for each predictor's logit.
    batch_targets(yb_, targets_);
    const Scalar inv = Scalar(1) / Scalar(num_attributes());
    double loss = 0;
    for (int m = 0; m < num_attributes(); ++m) {
      Mlp& net = attribute_nets_[m];
      loss += binary_cross_entropy(net.forward(xb_), targets_.row(m), dz_);
      dz_ *= inv;
      net.backward(dz_);
    }
    s.loss = loss * inv;
  } else if (embed()) {
    s.loss = embed_loss(xb_, yb_, true);
  } else {
    s.loss = softmax_cross_entropy(classifier_.forward(xb_), yb_, dz_);
    classifier_.backward(dz_);
  }
  const Scalar penalty = add_penalties(list);
  if (penalty != 0) s.aux.emplace_back("penalty", penalty);
  optimizer_.step(list);
  s.step = ++steps_;
  return s;
}

double ZeroShot::evaluate(bool with_grad) {
  const ParamList list = params();
  zero_grads(list);
  double loss = 0;
  if (data_.empty()) return 0;
  if (dap()) {
    batch_targets(data_.y, targets_);
    const Scalar inv = Scalar(1) / Scalar(num_attributes());
    for (int m = 0; m < num_attributes(); ++m) {
      Mlp& net = attribute_nets_[m];
      loss += binary_cross_entropy(net.forward(data_.X), targets_.row(m), dz_);
      if (with_grad) {
        dz_ *= inv;
        net.backward(dz_);
      }
    }
    loss *= inv;
  } else if (embed()) {
    loss = embed_loss(data_.X, data_.y, with_grad);
  } else {
    loss = softmax_cross_entropy(classifier_.forward(data_.X), data_.y, dz_);
    if (with_grad) classifier_.backward(dz_);
  }
  return loss + add_penalties(list);
}

double ZeroShot::objective() {
  return evaluate(false);
}

Vec ZeroShot::gradient() {
  evaluate(true);
  return flatten_grads(params());
}

Mat ZeroShot::seen_proba(const Mat& X) const {
  if (cfg_.method != ZeroShotMethod::kConse || seen_.empty())
    return Mat::Zero(static_cast<Eigen::Index>(seen_.size()), X.cols());
  return tl::predict_proba(classifier_, X);
}

Mat ZeroShot::conse_weights(const Mat& X) const {
  const int s = static_cast<int>(seen_.size());
  if (cfg_.method != ZeroShotMethod::kConse || s == 0) return Mat::Zero(s, X.cols());
  const Mat probs = seen_proba(X);
  const int t = std::clamp(cfg_.T, 1, s);
  Mat W = Mat::Zero(s, X.cols());
  std::vector<int> order(s);
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + t, order.end(), [&](int a, int b) {
      return probs(a, j) > probs(b, j) || (probs(a, j) == probs(b, j) && a < b);
    });
    double z = 0;
    for (int i = 0; i < t; ++i) z += probs(order[i], j);
    for (int i = 0; i < t; ++i)
      W(order[i], j) = z > 0 ? static_cast<Scalar>(probs(order[i], j) / z) : Scalar(1.0 / t);
  }
  return W;
}

Mat ZeroShot::conse_embedding(const Mat& X) const {
  Mat S(seen_.size(), num_attributes());
  for (size_t i = 0; i < seen_.size(); ++i)
    S.row(static_cast<Eigen::Index>(i)) = table_.table.row(seen_[i]);
  return S.transpose() * conse_weights(X);
}

Mat ZeroShot::embed_inputs(const Mat& X) const {
  if (!embed()) return Mat(0, X.cols());
  Mat F;
  f_.infer(X, F);
  return F;
}

Mat ZeroShot::embed_classes(const std::vector<int>& classes) const {
  const Eigen::Index k = static_cast<Eigen::Index>(classes.size());
  if (!embed()) return Mat(0, k);
  Mat A(num_attributes(), k), G;
  for (Eigen::Index i = 0; i < k; ++i) A.col(i) = table_.table.row(classes[i]).transpose();
  g_.infer(A, G);
  return G;
}

Mat ZeroShot::attribute_values(const Mat& X) const {
  if (embed()) return Mat(0, X.cols());
  if (!dap()) return conse_embedding(X);
  Mat P(num_attributes(), X.cols()), z;
  for (int m = 0; m < num_attributes(); ++m) {
    attribute_nets_[m].infer(X, z);
    P.row(m) = (Scalar(1) / (Scalar(1) + (-z.array()).exp())).matrix();
  }
  return P;
}

Mat ZeroShot::scores(const Mat& X, const std::vector<int>& candidates) const {
  const Eigen::Index k = static_cast<Eigen::Index>(candidates.size());
  Mat S(k, num_attributes());
  for (Eigen::Index i = 0; i < k; ++i) S.row(i) = table_.table.row(candidates[i]);
  if (embed()) return embed_classes(candidates).transpose() * embed_inputs(X);
  if (dap()) {
    // log p(z|x) = sum_m a_m^z log(p_m / pi_m) + (1 - a_m^z) log((1 - p_m) / (1 - pi_m)) + const
    const Mat P = attribute_values(X).array().max(kEps).min(1 - kEps).matrix();
    const Mat log_p = P.array().log().matrix();
    const Mat log_q = (1 - P.array()).log().matrix();
    const Vec log_pi = prior_.array().log().matrix();
    const Vec log_qi = (1 - prior_.array()).log().matrix();
    const Mat Sc = (1 - S.array()).matrix();
    Mat out = S * log_p + Sc * log_q;
    const Vec offset = S * log_pi + Sc * log_qi;
    out.colwise() -= offset;
    return out;
  }
  // Cosine similarity between f(x) and each candidate's attribute row, both taken relative to the
  // mean row over all classes c: cos(f(x) - c, s(z) - c). Since the weights sum to 1, f(x) - c is
  // the same convex combination of the centred rows s(y_t) - c.
  const Vec centre = table_.table.colwise().mean().transpose();
  S.rowwise() -= centre.transpose();
  Mat E = conse_embedding(X);
  E.colwise() -= centre;
  const RowVec en = E.colwise().norm().array().max(Scalar(1e-12)).matrix();
  const Vec sn = S.rowwise().norm().array().max(Scalar(1e-12)).matrix();
  Mat out = S * E;
  out = (out.array().colwise() / sn.array()).matrix();
  out = (out.array().rowwise() / en.array()).matrix();
  return out;
}

Labels ZeroShot::classify(const Mat& X, const std::vector<int>& candidates) const {
  const Labels best = argmax_cols(scores(X, candidates));
  Labels out(best.size());
  for (size_t j = 0; j < best.size(); ++j) out[j] = candidates[best[j]];
  return out;
}

Mat ZeroShot::predict_proba(const Mat& X) const {
  std::vector<int> all(table_.table.rows());
  std::iota(all.begin(), all.end(), 0);
  Mat s = scores(X, all);
  if (cfg_.method == ZeroShotMethod::kConse) s *= Scalar(10);
  Mat probs;
  softmax(s, probs);
  return probs;
}

Metrics ZeroShot::metrics() {
  const Labels pred = classify(data_.X, seen_);
  Labels truth(data_.y.size());
  for (size_t j = 0; j < truth.size(); ++j) truth[j] = seen_[data_.y[j]];
  return {{"seen_train_acc", accuracy(pred, truth)}};
}

TL_NAMESPACE_END
