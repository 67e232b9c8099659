#include "core/model_io.h"

#include <cmath>

#include "core/json.h"

TL_NAMESPACE_BEGIN

std::string save_mlp(const Mlp& net) {
  const MlpSpec& spec = net.spec();
  std::string out =
      "{\"format\":\"transferlab-model\",\"version\":" + std::to_string(kModelFormatVersion) +
      ",\"spec\":{\"input\":" + std::to_string(spec.input) + ",\"hidden\":[";
  for (size_t i = 0; i < spec.hidden.size(); ++i)
    out += (i ? "," : "") + std::to_string(spec.hidden[i]);
  out += "],\"output\":" + std::to_string(spec.output) + ",\"hidden_act\":\"" +
         activation_name(spec.hidden_act) + "\",\"output_act\":\"" +
         activation_name(spec.output_act) + "\"},\"layers\":[";
  for (size_t l = 0; l < net.layers.size(); ++l) {
    const Dense& layer = net.layers[l];
    out += l ? ",{\"W\":[" : "{\"W\":[";
    for (Eigen::Index i = 0; i < layer.W.value.rows(); ++i)
      for (Eigen::Index j = 0; j < layer.W.value.cols(); ++j)
        out += (i || j ? "," : "") + json_number(layer.W.value(i, j));
    out += "],\"b\":[";
    for (Eigen::Index i = 0; i < layer.b.value.rows(); ++i)
      out += (i ? "," : "") + json_number(layer.b.value(i, 0));
    out += "]}";
  }
  return out + "]}";
}

namespace {
bool read_int(const Json* j, int lo, int hi, int& out) {
  if (!j || !j->is_number()) return false;
  const double x = j->as_number();
  if (x != std::floor(x) || x < lo || x > hi) return false;
  out = static_cast<int>(x);
  return true;
}
}  // namespace

Result<Mlp> load_mlp(std::string_view text, const std::string& origin) {
  auto parsed = Json::parse(text, origin);
  if (!parsed) return Error{parsed.error()};
  const Json& doc = *parsed;
  auto err = [&](const std::string& what) { return Error{origin + ": " + what}; };
  if (!doc.is_object()) return err("expected a JSON object");
  const Json* format = doc.find("format");
  if (!format || !format->is_string() || format->as_string() != "transferlab-model")
    return err("not a TransferLab model file (\"format\" must be \"transferlab-model\")");
  int version = 0;
  if (!read_int(doc.find("version"), 1, 1000000, version))
    return err("missing or invalid \"version\"");
  if (version > kModelFormatVersion)
    return err("model file version " + std::to_string(version) +
               " is newer than this build supports (" + std::to_string(kModelFormatVersion) + ")");
  const Json* spec_j = doc.find("spec");
  if (!spec_j || !spec_j->is_object()) return err("missing \"spec\" object");
  MlpSpec spec;
  if (!read_int(spec_j->find("input"), 1, kMaxUnits, spec.input))
    return err("spec.input must be an integer in [1, " + std::to_string(kMaxUnits) + "]");
  if (!read_int(spec_j->find("output"), 1, kMaxUnits, spec.output))
    return err("spec.output must be an integer in [1, " + std::to_string(kMaxUnits) + "]");
  const Json* hidden = spec_j->find("hidden");
  if (!hidden || !hidden->is_array()) return err("spec.hidden must be an array");
  if (static_cast<int>(hidden->items().size()) + 1 > kMaxLayers)
    return err("too many layers (limit " + std::to_string(kMaxLayers) + ")");
  spec.hidden.clear();
  for (size_t i = 0; i < hidden->items().size(); ++i) {
    int units = 0;
    if (!read_int(&hidden->items()[i], 1, kMaxUnits, units))
      return err("spec.hidden[" + std::to_string(i) + "] must be an integer in [1, " +
                 std::to_string(kMaxUnits) + "]");
    spec.hidden.push_back(units);
  }
  for (const char* key : {"hidden_act", "output_act"}) {
    const Json* a = spec_j->find(key);
    if (!a || !a->is_string() || !parse_activation(a->as_string()))
      return err(std::string("spec.") + key + " must be identity, tanh, relu or sigmoid");
    (key[0] == 'h' ? spec.hidden_act : spec.output_act) = *parse_activation(a->as_string());
  }
  long total = 0;
  int in = spec.input;
  for (int units : spec.hidden) total += static_cast<long>(in) * units + units, in = units;
  total += static_cast<long>(in) * spec.output + spec.output;
  if (total > kMaxParams) return err("model too large (" + std::to_string(total) + " parameters)");

  const Json* layers = doc.find("layers");
  if (!layers || !layers->is_array() || layers->items().size() != spec.hidden.size() + 1)
    return err("\"layers\" must be an array with one entry per layer (" +
               std::to_string(spec.hidden.size() + 1) + ")");
  Rng rng(0);
  Mlp net(spec, rng);
  for (size_t l = 0; l < net.layers.size(); ++l) {
    Dense& layer = net.layers[l];
    const Json& lj = layers->items()[l];
    const std::string where = "layers[" + std::to_string(l) + "]";
    if (!lj.is_object()) return err(where + " must be an object");
    const Json* W = lj.find("W");
    const Json* b = lj.find("b");
    if (!W || !W->is_array() || W->items().size() != static_cast<size_t>(layer.W.value.size()))
      return err(where + ".W must hold " + std::to_string(layer.W.value.size()) + " numbers");
    if (!b || !b->is_array() || b->items().size() != static_cast<size_t>(layer.b.value.size()))
      return err(where + ".b must hold " + std::to_string(layer.b.value.size()) + " numbers");
    size_t k = 0;
    for (Eigen::Index i = 0; i < layer.W.value.rows(); ++i)
      for (Eigen::Index j = 0; j < layer.W.value.cols(); ++j, ++k) {
        const Json& x = W->items()[k];
        if (!x.is_number() || !std::isfinite(x.as_number()))
          return err(where + ".W[" + std::to_string(k) + "] is not a finite number");
        layer.W.value(i, j) = static_cast<Scalar>(x.as_number());
      }
    for (Eigen::Index i = 0; i < layer.b.value.rows(); ++i) {
      const Json& x = b->items()[i];
      if (!x.is_number() || !std::isfinite(x.as_number()))
        return err(where + ".b[" + std::to_string(i) + "] is not a finite number");
      layer.b.value(i, 0) = static_cast<Scalar>(x.as_number());
    }
  }
  return net;
}

TL_NAMESPACE_END
