#include "core/mlp.h"

#include <algorithm>

#include "core/loss.h"
#include "core/thread_pool.h"

TL_NAMESPACE_BEGIN

Mlp::Mlp(const MlpSpec& spec, Rng& rng, const std::string& name) : spec_(spec) {
  int in = spec.input;
  for (size_t i = 0; i < spec.hidden.size(); ++i) {
    layers.emplace_back(in, spec.hidden[i], spec.hidden_act, name + "." + std::to_string(i));
    in = spec.hidden[i];
  }
  layers.emplace_back(in, spec.output, spec.output_act,
                      name + "." + std::to_string(spec.hidden.size()));
  init(rng);
}

void Mlp::init(Rng& rng) {
  for (Dense& layer : layers) layer.init(rng);
}

const Mat& Mlp::forward(const Mat& X) {
  const Mat* h = &X;
  for (Dense& layer : layers) h = &layer.forward(*h);
  return *h;
}

void Mlp::infer(const Mat& X, Mat& out) const {
  if (layers.empty()) {
    out = X;
    return;
  }
  Mat tmp;
  const Mat* h = &X;
  for (size_t i = 0; i < layers.size(); ++i) {
    Mat& dst = (layers.size() - i) % 2 == 1 ? out : tmp;
    layers[i].infer(*h, dst);
    h = &dst;
  }
}

namespace {

// One exact block: each layer as A = b 1^T, then A += W X, then f in place; the softmax
// vectorised across the block's columns.
void exact_block(const Mlp& net, const Mat& X, Eigen::Index begin, Eigen::Index cols, Mat h[2],
                 Mat& probs) {
  const Mat* in = nullptr;
  for (int l = 0; l < net.num_layers(); ++l) {
    const Dense& layer = net.layers[l];
    Mat& a = h[l % 2];
    a.resize(layer.out(), cols);
    a.colwise() = layer.b.value.col(0);
    if (in)
      a.noalias() += layer.W.value * *in;
    else
      a.noalias() += layer.W.value * X.middleCols(begin, cols);
    activate(layer.act, a, a);
    in = &a;
  }
  auto p = probs.middleCols(begin, cols);
  const RowVec top = in->colwise().maxCoeff();
  p = (in->rowwise() - top).array().exp().matrix();
  const RowVec sum = p.colwise().sum();
  p.array().rowwise() /= sum.array();
}

// A = W X + b 1^T for a layer with few inputs (the plane's two coordinates): per column, the
// bias plus the broadcast multiply-adds W.col(k) x_k, in SIMD packets along the layer's units,
// written once; none of the packing a general matrix product does for a depth of two.
void broadcast_layer(const Dense& layer, const Mat& X, Eigen::Index begin, Eigen::Index cols,
                     Mat& A) {
  namespace ei = Eigen::internal;
  using Packet = typename ei::packet_traits<Scalar>::type;
  constexpr Eigen::Index kLanes = ei::packet_traits<Scalar>::size;
  const Eigen::Index rows = layer.out(), depth = layer.in();
  A.resize(rows, cols);
  const Scalar* w = layer.W.value.data();
  const Scalar* b = layer.b.value.data();
  const Eigen::Index packed = kLanes > 1 ? rows / kLanes * kLanes : 0;
  for (Eigen::Index j = 0; j < cols; ++j) {
    const Scalar* x = X.data() + (begin + j) * X.rows();
    Scalar* a = A.data() + j * rows;
    for (Eigen::Index r = 0; r < packed; r += kLanes) {
      Packet acc = ei::ploadu<Packet>(b + r);
      for (Eigen::Index k = 0; k < depth; ++k)
        acc = ei::pmadd(ei::ploadu<Packet>(w + k * rows + r), ei::pset1<Packet>(x[k]), acc);
      ei::pstoreu(a + r, acc);
    }
    for (Eigen::Index r = packed; r < rows; ++r) {
      Scalar acc = b[r];
      for (Eigen::Index k = 0; k < depth; ++k) acc += w[k * rows + r] * x[k];
      a[r] = acc;
    }
  }
}

// One display-precision block (the calling thread is under DisplayPrecision, so activate() is
// the fast one): the first layer by broadcast_layer() when it has few inputs, the others by
// Dense::infer(), then softmax_block().
void display_block(const Mlp& net, const Mat& X, Eigen::Index begin, Eigen::Index cols, Mat h[2],
                   Mat& probs) {
  const Mat* in = nullptr;
  for (int l = 0; l < net.num_layers(); ++l) {
    const Dense& layer = net.layers[l];
    Mat& a = h[l % 2];
    if (in) {
      layer.infer(*in, a);
    } else if (layer.in() <= kDisplayBroadcastInputs) {
      broadcast_layer(layer, X, begin, cols, a);
      activate(layer.act, a, a);
    } else {
      layer.infer(X.middleCols(begin, cols), a);
    }
    in = &a;
  }
  softmax_block(*in, probs.middleCols(begin, cols));
}

}  // namespace

void Mlp::predict_proba(const Mat& X, Mat& probs) const {
  const Eigen::Index n = X.cols();
  probs.resize(output_dim(), n);
  if (layers.empty()) {
    softmax(X, probs);
    return;
  }
  const bool display = display_precision();
  const Eigen::Index width = display ? kDisplayColumns : kPredictColumns;
  const int blocks = static_cast<int>((n + width - 1) / width);
  auto block = [&](int c, Mat h[2]) {
    const Eigen::Index begin = Eigen::Index(c) * width;
    const Eigen::Index cols = std::min<Eigen::Index>(width, n - begin);
    if (display)
      display_block(*this, X, begin, cols, h, probs);
    else
      exact_block(*this, X, begin, cols, h, probs);
  };
  if (blocks <= 1 || training_pool().threads() == 1) {
    Mat h[2];  // one pair of buffers for all blocks
    for (int c = 0; c < blocks; ++c) block(c, h);
  } else {
    training_pool().run(blocks, [&](int c) {
      DisplayPrecision scope(display);  // the pool's thread takes the caller's precision
      Mat h[2];
      block(c, h);
    });
  }
}

const Mat& Mlp::backward(const Mat& dout, bool need_input_grad) {
  const Mat* d = &dout;
  for (int i = num_layers() - 1; i >= 0; --i) d = &layers[i].backward(*d, i > 0 || need_input_grad);
  return *d;
}

ParamList Mlp::params() {
  ParamList list;
  params_into(list);
  return list;
}

void Mlp::params_into(ParamList& out) {
  out.clear();
  for (Dense& layer : layers) {
    out.push_back(&layer.W);
    out.push_back(&layer.b);
  }
}

TL_NAMESPACE_END
