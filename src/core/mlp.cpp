#include "core/mlp.h"

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
