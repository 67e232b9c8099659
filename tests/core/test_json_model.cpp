#include <doctest/doctest.h>

#include <string>

#include "core/json.h"
#include "core/model_io.h"

TEST_SUITE("core/json") {
  TEST_CASE("JSON parses and dumps objects, arrays, strings with escapes and numbers") {
    auto r =
        tl::Json::parse(R"({"a":[1,2.5,-3e2],"b":"x\"y\u00e9\ud83d\ude00","c":true,"d":null})");
    REQUIRE(r.ok());
    const tl::Json& j = *r;
    CHECK(j.find("a")->items()[2].as_number() == -300);
    CHECK(j.find("b")->as_string() == "x\"y\xc3\xa9\xf0\x9f\x98\x80");
    CHECK(j.find("c")->as_bool());
    CHECK(j.find("d")->is_null());
    auto again = tl::Json::parse(j.dump());
    REQUIRE(again.ok());
    CHECK(again->dump() == j.dump());
  }

  TEST_CASE("dumping a parsed number gives the same text again (found by fuzzing)") {
    // 9 significant digits can round a large fraction to an integer, which must then be written
    // the way the integer would be: 22222222222222.2 -> 2.22222222e+13 is not a fixed point.
    for (const char* text :
         {"22222222222222.2", "123456789012.5", "99999999999999.99", "1e20", "0.1", "-3.25e-7"}) {
      CAPTURE(text);
      auto j = tl::Json::parse(text);
      REQUIRE(j.ok());
      auto again = tl::Json::parse(j->dump());
      REQUIRE(again.ok());
      CHECK(again->dump() == j->dump());
    }
    CHECK(tl::Json::number(22222222222222.2).dump() == "22222222200000");
  }

  TEST_CASE("malformed JSON gives a message with the offset") {
    for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01", "1.", "[1] x",
                            "\"\\ud800\"", "{\"a\":1,}"}) {
      CAPTURE(bad);
      auto r = tl::Json::parse(bad);
      CHECK_FALSE(r.ok());
      if (!r.ok()) CHECK(r.error().find("offset") != std::string::npos);
    }
    std::string deep(200, '[');
    auto r = tl::Json::parse(deep);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("nesting") != std::string::npos);
  }
}

TEST_SUITE("core/model_io") {
  TEST_CASE("a saved model loads back with identical weights and predictions") {
    tl::Rng rng(9);
    tl::MlpSpec spec;
    spec.input = 3;
    spec.hidden = {7, 5};
    spec.output = 4;
    spec.hidden_act = tl::Activation::kRelu;
    tl::Mlp net(spec, rng);
    for (auto& l : net.layers) l.b.value.setRandom();
    const std::string text = tl::save_mlp(net);
    CHECK(text.find("\"version\":1") != std::string::npos);
    auto loaded = tl::load_mlp(text);
    REQUIRE(loaded.ok());
    CHECK(loaded->spec().hidden == spec.hidden);
    CHECK(loaded->spec().hidden_act == tl::Activation::kRelu);
    for (int l = 0; l < net.num_layers(); ++l) {
      CHECK(loaded->layers[l].W.value == net.layers[l].W.value);
      CHECK(loaded->layers[l].b.value == net.layers[l].b.value);
    }
  }

  TEST_CASE("bad model files are rejected with a message naming the problem") {
    struct Case {
      const char* text;
      const char* expect;
    };
    const Case cases[] = {
        {"[]", "expected a JSON object"},
        {R"({"format":"other","version":1})", "not a TransferLab model"},
        {R"({"format":"transferlab-model","version":99,"spec":{}})", "newer"},
        {R"({"format":"transferlab-model","version":1})", "spec"},
        {R"({"format":"transferlab-model","version":1,"spec":{"input":2,"hidden":[3],"output":2,"hidden_act":"tanh","output_act":"identity"},"layers":[]})",
         "one entry per layer"},
        {R"({"format":"transferlab-model","version":1,"spec":{"input":2,"hidden":[99999],"output":2,"hidden_act":"tanh","output_act":"identity"},"layers":[]})",
         "hidden[0]"},
        {R"({"format":"transferlab-model","version":1,"spec":{"input":1,"hidden":[],"output":1,"hidden_act":"tanh","output_act":"identity"},"layers":[{"W":[1,2],"b":[0]}]})",
         "layers[0].W"},
        {R"({"format":"transferlab-model","version":1,"spec":{"input":1,"hidden":[],"output":1,"hidden_act":"tanh","output_act":"swish"},"layers":[{"W":[1],"b":[0]}]})",
         "output_act"},
        {"not json", "offset"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.text);
      auto r = tl::load_mlp(c.text);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().find(c.expect) != std::string::npos);
    }
  }
}
