#include "transfer/method.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/parse.h"

TL_NAMESPACE_BEGIN

double metric(const Metrics& m, const std::string& name, double fallback) {
  for (const auto& kv : m)
    if (kv.first == name) return kv.second;
  return fallback;
}

void TrainConfig::visit(ConfigVisitor& v) {
  v.real("lr", lr, 1e-6, 1000.0, "Learning rate\nStep size of the optimizer.");
  v.integer("epochs", epochs, 1, 100000,
            "Training passes\nPasses over the training data (epochs).");
  v.integer("batch", batch, 1, kMaxBatch, "Batch size\nPoints per training step (minibatch size).");
  v.layers("hidden", hidden,
           "Hidden layer widths\nUnits per hidden layer, e.g. 32,32 for two layers of 32.");
  choice_enum(v, "act", act, kActivationChoices,
              "Activation function\nThe nonlinearity of the hidden units.\ntanh = smooth, -1 to "
              "1\nrelu = max(0, x)\nsigmoid = smooth, 0 to 1");
  choice_enum(v, "optimizer", optimizer, kOptimizerChoices,
              "Optimizer\nHow the weights follow the gradient.\nadam = adaptive step sizes\nsgd = "
              "plain steps, momentum 0.9");
}

int checked_choice_index(int index) {
  if (index >= 0) return index;
  std::fprintf(stderr, "config: a choice field holds a value outside its list of names\n");
  std::abort();
}

void choice_name(ConfigVisitor& v, const char* key, std::string& value,
                 const std::vector<std::string>& names, const char* help) {
  int index = -1;
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == value) index = static_cast<int>(i);
  index = checked_choice_index(index);
  v.choice(key, index, names, help);
  value = names[checked_choice_index(index < static_cast<int>(names.size()) ? index : -1)];
}

std::string format_layers(const std::vector<int>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out;
}

namespace {

bool parse_double(const std::string& s, double& out) {
  const std::optional<double> v = parse_real(s);
  if (v) out = *v;
  return v.has_value();
}

bool parse_int(const std::string& s, int64_t& out) {
  const std::optional<int64_t> v = parse_integer(s);
  if (v) out = *v;
  return v.has_value();
}

std::string num(double x) {
  return json_number(x);
}

class KeyLister : public ConfigVisitor {
 public:
  std::vector<std::string> keys;
  void real(const char* k, double&, double, double, const char*) override { keys.push_back(k); }
  void integer(const char* k, int&, int, int, const char*) override { keys.push_back(k); }
  void flag(const char* k, bool&, const char*) override { keys.push_back(k); }
  void choice(const char* k, int&, const std::vector<std::string>&, const char*) override {
    keys.push_back(k);
  }
  void layers(const char* k, std::vector<int>&, const char*) override { keys.push_back(k); }
};

class Setter : public ConfigVisitor {
 public:
  Setter(const std::string& key, const std::string& value) : key_(key), value_(value) {}
  bool found = false;
  std::string error;

  void real(const char* k, double& v, double lo, double hi, const char*) override {
    if (key_ != k) return;
    found = true;
    double x = 0;
    if (!parse_double(value_, x)) {
      error = key_ + ": expected a number, got '" + value_ + "'";
    } else if (x < lo || x > hi) {
      error = key_ + ": " + value_ + " is out of range [" + num(lo) + ", " + num(hi) + "]";
    } else {
      v = x;
    }
  }
  void integer(const char* k, int& v, int lo, int hi, const char*) override {
    if (key_ != k) return;
    found = true;
    int64_t x = 0;
    if (!parse_int(value_, x)) {
      error = key_ + ": expected an integer, got '" + value_ + "'";
    } else if (x < lo || x > hi) {
      error = key_ + ": " + value_ + " is out of range [" + std::to_string(lo) + ", " +
              std::to_string(hi) + "]";
    } else {
      v = static_cast<int>(x);
    }
  }
  void flag(const char* k, bool& v, const char*) override {
    if (key_ != k) return;
    found = true;
    if (value_ == "1" || value_ == "true" || value_ == "on" || value_ == "yes")
      v = true;
    else if (value_ == "0" || value_ == "false" || value_ == "off" || value_ == "no")
      v = false;
    else
      error = key_ + ": expected 0 or 1, got '" + value_ + "'";
  }
  void choice(const char* k, int& index, const std::vector<std::string>& names,
              const char*) override {
    if (key_ != k) return;
    found = true;
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == value_) {
        index = static_cast<int>(i);
        return;
      }
    error = key_ + ": '" + value_ + "' is not one of";
    for (const auto& n : names) error += " " + n;
  }
  void layers(const char* k, std::vector<int>& v, const char*) override {
    if (key_ != k) return;
    found = true;
    std::vector<int> out;
    std::stringstream ss(value_);
    std::string part;
    while (std::getline(ss, part, ',')) {
      int64_t x = 0;
      if (!parse_int(part, x) || x < 1 || x > kMaxLayerWidth) {
        error = key_ + ": each width must be an integer in [1, " + std::to_string(kMaxLayerWidth) +
                "], got '" + part + "'";
        return;
      }
      out.push_back(static_cast<int>(x));
    }
    if (value_.empty() || value_.back() == ',') {
      error = key_ + ": expected widths like 32,32, got '" + value_ + "'";
      return;
    }
    if (static_cast<int>(out.size()) > kMaxHiddenLayers) {
      error = key_ + ": at most " + std::to_string(kMaxHiddenLayers) + " hidden layers";
      return;
    }
    long units = 0;
    for (int w : out) units += w;
    if (units > kMaxHiddenUnits) {
      error = key_ + ": " + value_ + " has " + std::to_string(units) +
              " hidden units; the limit is " + std::to_string(kMaxHiddenUnits) + " in all";
      return;
    }
    v = out;
  }

 private:
  std::string key_, value_;
};

class PairWriter : public ConfigVisitor {
 public:
  std::vector<std::pair<std::string, std::string>> out;
  Json json = Json::object();
  void real(const char* k, double& v, double, double, const char*) override {
    out.emplace_back(k, num(v));
    json.set(k, Json::number(v));
  }
  void integer(const char* k, int& v, int, int, const char*) override {
    out.emplace_back(k, std::to_string(v));
    json.set(k, Json::number(v));
  }
  void flag(const char* k, bool& v, const char*) override {
    out.emplace_back(k, v ? "1" : "0");
    json.set(k, Json::boolean(v));
  }
  void choice(const char* k, int& index, const std::vector<std::string>& names,
              const char*) override {
    const std::string& name = names[checked_choice_index(index)];
    out.emplace_back(k, name);
    json.set(k, Json::string(name));
  }
  void layers(const char* k, std::vector<int>& v, const char*) override {
    out.emplace_back(k, format_layers(v));
    json.set(k, Json::string(format_layers(v)));
  }
};

}  // namespace

long long network_weights(int input, const std::vector<int>& hidden, int output) {
  long long total = 0, prev = input;
  for (int w : hidden) {
    total += (prev + 1) * w;
    prev = w;
  }
  return total + (prev + 1) * static_cast<long long>(output);
}

Status check_network_size(const std::string& what, int input, const std::vector<int>& hidden,
                          int output) {
  const long long n = network_weights(input, hidden, output);
  if (n <= kMaxNetworkWeights) return {};
  std::string shape = std::to_string(input);
  for (int w : hidden) shape += " x " + std::to_string(w);
  shape += " x " + std::to_string(output);
  return {what + ": " + shape + " (inputs x hidden widths x outputs) has " + std::to_string(n) +
          " weights; the limit is " + std::to_string(kMaxNetworkWeights) +
          " (use fewer features, classes or hidden units)"};
}

std::vector<std::string> config_keys(const VisitFn& visit) {
  KeyLister lister;
  visit(lister);
  return lister.keys;
}

Status set_config_field(const VisitFn& visit, const std::string& key, const std::string& value) {
  Setter setter(key, value);
  visit(setter);
  if (!setter.found) {
    std::string msg = "unknown key '" + key + "'; valid keys:";
    for (const auto& k : config_keys(visit)) msg += " " + k;
    return {msg};
  }
  return {setter.error};
}

Json config_to_json(const VisitFn& visit) {
  PairWriter w;
  visit(w);
  return w.json;
}

std::vector<std::pair<std::string, std::string>> config_to_pairs(const VisitFn& visit) {
  PairWriter w;
  visit(w);
  return w.out;
}

TL_NAMESPACE_END
