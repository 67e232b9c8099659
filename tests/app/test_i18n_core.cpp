// The core's texts in every page language: each scenario's title, description, settings, metrics,
// phases and models has an exact catalogue entry, and the messages users can provoke (bad CSV
// files, bad setting values, unusable data) are translated by the catalogue's patterns.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/i18n.h"
#include "data/csv.h"
#include "data/digits.h"
#include "scenarios/scenario.h"
#include "scenarios/setting_text.h"
#include "support/source_files.h"
#include "transfer/divergence_guard.h"

using namespace tl;

namespace {

/// The joined catalogue of `lang`, parsed.
Catalogue catalogue(const std::string& lang) {
  const std::string text = tl::test::catalogue_text(lang);
  auto c = parse_catalogue(text);
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? std::string() : c.error()));
  return std::move(*c);
}

/// The languages other than English.
std::vector<std::string> other_languages() {
  std::vector<std::string> out;
  for (const auto& l : i18n::languages())
    if (std::string(l.code) != "en") out.push_back(l.code);
  return out;
}

/// The texts a set of texts needs translated, each with where it comes from.
using Texts = std::map<std::string, std::string>;

void add(Texts& out, const std::string& text, const std::string& where) {
  if (!text.empty()) out.emplace(text, where);
}

/// Records the words of every field a config visits, as setting_text() splits them; `choices`
/// receives each choice field's key and names (and each flag's key with 0 and 1).
class TextCollector : public ConfigVisitor {
 public:
  TextCollector(Texts& out, std::string where) : out_(out), where_(std::move(where)) {}
  std::vector<std::pair<std::string, std::vector<std::string>>> choices;

  void real(const char* key, double&, double, double, const char* help) override {
    words(key, help, {});
  }
  void integer(const char* key, int&, int, int, const char* help) override { words(key, help, {}); }
  void flag(const char* key, bool&, const char* help) override {
    words(key, help, {});
    choices.emplace_back(key, std::vector<std::string>{"0", "1"});
  }
  void choice(const char* key, int&, const std::vector<std::string>& names,
              const char* help) override {
    words(key, help, names);
    choices.emplace_back(key, names);
  }
  void layers(const char* key, std::vector<int>&, const char* help) override {
    words(key, help, {});
  }

 private:
  void words(const char* key, const char* help, const std::vector<std::string>& names) {
    const SettingText t = setting_text(help, names);
    const std::string at = where_ + " setting " + key;
    add(out_, t.label, at + " (label)");
    for (const auto& d : t.detail) add(out_, d, at + " (detail)");
    for (const auto& w : t.choice_words) add(out_, w, at + " (choice words)");
  }
  Texts& out_;
  std::string where_;
};

/// A text of a metric's metadata: a `*` (generated names) is a run-time hole, which the
/// catalogue spells `{}`.
std::string metric_key(std::string text) {
  for (size_t at = text.find('*'); at != std::string::npos; at = text.find('*', at + 2))
    text.replace(at, 1, "{}");
  return text;
}

/// View texts that are fixed English words (model names, column captions, built-in classes and
/// attributes), by view data key; other keys hold names the user gave or codes.
const std::set<std::string> kViewTextKeys = {"methods", "columns", "classes", "attributes"};

/// {scenario, key} -> value of settings under which a scenario has more phases than by default.
const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> kPhaseSettings = {
    {{"progressive-moons", "columns"}, "3"}};

/// Every text of the registered scenarios the page shows: titles, descriptions, method families,
/// setting words (with every value of every choice field and flag tried, so that fields shown
/// only for some values count too), metric labels and descriptions, phases, model labels and the
/// view texts above.
Texts core_texts() {
  Texts out;
  for (const ScenarioInfo& info : scenarios()) {
    const std::string& n = info.name;
    add(out, info.title, n + " title");
    add(out, info.description, n + " description");
    add(out, info.family, n + " method family");
    auto s = info.make();
    TextCollector collect(out, n);
    s->visit(collect);
    for (const auto& [key, names] : collect.choices)
      for (const std::string& name : names) {
        auto variant = info.make();
        if (!variant->set_field(key, name).ok()) continue;
        TextCollector more(out, n + " (" + key + "=" + name + ")");
        variant->visit(more);
      }
    for (const MetricInfo& m : s->metrics_info()) {
      add(out, metric_key(m.label), n + " metric " + m.name + " (label)");
      add(out, metric_key(m.description), n + " metric " + m.name + " (description)");
    }
    const Status reset = s->reset(1);
    REQUIRE_MESSAGE(reset.ok(), n << ": " << reset.message);
    for (const Phase& p : s->phases()) add(out, p.name, n + " phase");
    // Settings that add phases.
    for (const auto& [key, value] : kPhaseSettings)
      if (n == key.first) {
        auto more = info.make();
        REQUIRE(more->set_field(key.second, value).ok());
        REQUIRE(more->reset(1).ok());
        for (const Phase& p : more->phases()) add(out, p.name, n + " phase");
      }
    for (const ModelInfo& m : s->models()) add(out, m.label, n + " model " + m.key);
    if (auto vd = s->view_data())
      for (const auto& [key, texts] : vd->texts)
        if (kViewTextKeys.count(key))
          for (const std::string& t : texts) {
            const bool has_letter = std::any_of(t.begin(), t.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            });
            // "task 1": a caption numbered at run time, a pattern in the catalogue.
            static const std::regex numbered(R"((.*[a-z]) [0-9]+)");
            std::smatch m;
            if (std::regex_match(t, m, numbered))
              add(out, m[1].str() + " {}", n + " view " + key);
            else if (has_letter)
              add(out, t, n + " view " + key);
          }
  }
  return out;
}

/// English words that would show a message left (partly) untranslated. Quoted text ('...'),
/// config keys and names from the input are the user's and stay.
const std::set<std::string> kSentenceWords = {
    "the",     "is",       "are",     "not",       "expected", "got",       "row",
    "column",  "columns",  "must",    "limit",     "than",     "more",      "only",
    "need",    "needs",    "least",   "number",    "integer",  "file",      "empty",
    "unknown", "valid",    "keys",    "range",     "out",      "of",        "one",
    "each",    "width",    "hidden",  "units",     "layers",   "invalid",   "binary",
    "byte",    "offset",   "header",  "data",      "rows",     "duplicate", "named",
    "both",    "found",    "points",  "contains",  "values",   "weights",   "attribute",
    "classes", "choose",   "there",   "separated", "commas",   "takes",     "does",
    "this",    "scenario", "over",    "distinct",  "labels",   "negative",  "fractional",
    "domain",  "source",   "target",  "quote",     "text",     "after",     "decimal",
    "point",   "use",      "feature", "features",  "wide",     "same",      "twice",
    "lowest",  "restored", "became",  "weight",    "exploded"};

/// Names that stay as they are in every language: config keys and choice names of every
/// scenario, and the CSV column names the loader looks for.
std::set<std::string> kept_names() {
  struct Names : ConfigVisitor {
    std::set<std::string> out = {"label", "class", "target", "y", "domain"};
    void real(const char* k, double&, double, double, const char*) override { out.insert(k); }
    void integer(const char* k, int&, int, int, const char*) override { out.insert(k); }
    void flag(const char* k, bool&, const char*) override { out.insert(k); }
    void choice(const char* k, int&, const std::vector<std::string>& names, const char*) override {
      out.insert(k);
      out.insert(names.begin(), names.end());
    }
    void layers(const char* k, std::vector<int>&, const char*) override { out.insert(k); }
  } names;
  for (const ScenarioInfo& info : scenarios()) info.make()->visit(names);
  return names.out;
}

/// The English sentence words left in `text`, outside quotes and names that stay.
std::vector<std::string> leftover_words(const std::string& text) {
  static const std::set<std::string> kept = kept_names();
  static const std::regex quoted("'[^']*'");
  const std::string bare = std::regex_replace(text, quoted, "");
  static const std::regex word("[A-Za-z_]+");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(bare.begin(), bare.end(), word); it != std::sregex_iterator();
       ++it)
    if (kSentenceWords.count(it->str()) && !kept.count(it->str())) out.push_back(it->str());
  return out;
}

/// Representative messages of each kind users can provoke in the core, produced by the core
/// itself: the CSV loader, the setting validation the CLI's --set and links use, and the checks
/// of user data.
std::vector<std::string> core_messages() {
  std::vector<std::string> out;
  auto csv = [&](const std::string& text, const std::string& origin = "csv") {
    auto r = parse_csv(text, origin);
    REQUIRE_MESSAGE(!r.ok(), "parsed: " << text);
    out.push_back(r.error());
  };
  csv("");
  csv("x,label\n");
  csv("a\n1\n2\n");
  csv("x,y,label\n1,2,0\n3,4\n", "points.csv");
  csv("x,label\n1,0\nabc,1\n");
  csv("x,label\n1,0\n1,5,1\n");
  csv("x,label\n1,0\n,1\n");
  csv("x,label\n1,0\ninf,1\n");
  csv("x,label\n1,0\n1e999,1\n");
  csv("x;label\n1;0\n\"1,5\";1\n");
  csv("x,label\n1,0\n2,nan\n");
  csv("x,label\n1,0\n2,-1\n");
  csv("x,label\n1,0\n2,1.5\n");
  csv("x,label\n1,0\n2,100000\n");
  csv("x,label,domain\n1,0,0\n2,1,2\n");
  csv("x,x,label\n1,2,0\n");
  csv("x,label,LABEL\n1,0,0\n");
  csv("label,domain\n1,0\n");
  csv("x,label\n\"1,0\n");
  csv("x,label\n\"1\"2,0\n");
  csv(std::string("x,label\n1,0\n2\x01,1\n"));
  csv(std::string("x,label\n1,0\n2,\xff\n"));
  csv(std::string("\xff\xfex\0,\0l\0", 8));
  csv(std::string("x\0,\0l\0a\0b\0e\0l\0\n\0", 16));
  {
    CsvLimits limits;
    limits.max_bytes = 4;
    out.push_back(parse_csv("x,label\n1,0\n", "csv", limits).error());
    limits = {};
    limits.max_rows = 1;
    out.push_back(parse_csv("x,label\n1,0\n2,1\n", "csv", limits).error());
    limits = {};
    limits.max_columns = 2;
    out.push_back(parse_csv("x,y,label\n1,2,0\n", "csv", limits).error());
    limits = {};
    limits.max_classes = 2;
    out.push_back(parse_csv("x,label\n1,a\n2,b\n3,c\n", "csv", limits).error());
  }
  out.push_back(load_csv("/nonexistent/points.csv").error());
  out.push_back(load_csv(TL_SOURCE_DIR).error());
  {
    // The digits file, missing or of the wrong width.
    const std::filesystem::path narrow =
        std::filesystem::temp_directory_path() / "tl_i18n_core_digits.csv";
    std::ofstream(narrow) << "x,label\n1,0\n2,1\n";
    out.push_back(load_digits(narrow.string()).error());
    std::filesystem::remove(narrow);
    out.push_back(load_digits("/nonexistent/digits.csv").error());
  }

  auto table = [&](const std::string& text, const std::vector<std::string>& classes = {}) {
    auto r = parse_attribute_table(text, classes);
    REQUIRE_MESSAGE(!r.ok(), "parsed: " << text);
    out.push_back(r.error());
  };
  table("class\ncat\n");
  table("class,1,2\ncat,1,0\n");
  table("class,,b\ncat,1,0\n");
  table("class,a\n");
  table("class,a\ncat,1\ncat,0\n");
  table("class,a\n,1\n");
  table("class,a\ncat,1\nemu,0\n", {"cat", "dog"});
  table("class,a\ncat,1\n", {"cat", "dog"});
  table("class,a,b\ncat,1,0\ndog,1,1\n");
  table("class,a\ncat,x\n");
  table("class,a,b\ncat,1\n");

  const ScenarioInfo* basic = find_scenario("basic-moons");
  REQUIRE(basic != nullptr);
  auto s = basic->make();
  for (const auto& kv :
       std::vector<std::pair<std::string, std::string>>{{"nope", "1"},
                                                        {"lr", "fast"},
                                                        {"lr", "-1"},
                                                        {"epochs", "2.5"},
                                                        {"epochs", "0"},
                                                        {"act", "swish"},
                                                        {"hidden", "32,"},
                                                        {"hidden", "32,0"},
                                                        {"hidden", "1,1,1,1,1,1,1,1,1"},
                                                        {"hidden", "1024,1024,1024"}}) {
    const std::string& key = kv.first;
    const std::string& value = kv.second;
    const Status st = s->set_field(key, value);
    REQUIRE_MESSAGE(!st.ok(), key << "=" << value);
    out.push_back(st.message);
  }
  // A flag field, wherever one is.
  for (const ScenarioInfo& info : scenarios()) {
    auto any = info.make();
    struct FlagKey : ConfigVisitor {
      std::string key;
      void real(const char*, double&, double, double, const char*) override {}
      void integer(const char*, int&, int, int, const char*) override {}
      void flag(const char* k, bool&, const char*) override {
        if (key.empty()) key = k;
      }
      void choice(const char*, int&, const std::vector<std::string>&, const char*) override {}
      void layers(const char*, std::vector<int>&, const char*) override {}
    } flag;
    any->visit(flag);
    if (flag.key.empty()) continue;
    out.push_back(any->set_field(flag.key, "maybe").message);
    break;
  }
  out.push_back(check_network_size("network", 4096, {1024, 1024}, 4096).message);

  // User data the scenarios cannot use.
  Dataset one_class;
  one_class.X = Mat::Zero(2, 3);
  one_class.y = {0, 0, 0};
  one_class.num_classes = 1;
  out.push_back(check_labelled(one_class, "source").message);
  out.push_back(check_labelled(one_class, "source", 3).message);
  out.push_back(check_labelled(Dataset{}, "target").message);
  Dataset bad = one_class;
  bad.X(0, 0) = std::numeric_limits<Scalar>::quiet_NaN();
  out.push_back(check_labelled(bad, "source").message);
  out.push_back(s->set_user_class_semantics(std::nullopt).message);
  for (const char* name : {"basic-moons", "zeroshot-animals"}) {
    auto scn = find_scenario(name)->make();
    const Status src = scn->set_user_source(one_class);
    if (!src.ok()) out.push_back(src.message);
    const Status tgt = scn->set_user_target(one_class);
    if (!tgt.ok()) out.push_back(tgt.message);
  }
  out.push_back(check_labelled(one_class, "source (domain 0)").message);
  // Domain adaptation with the user's source and target that do not fit together.
  auto labelled = [](int dim, std::vector<std::string> names) {
    Dataset ds;
    ds.X = Mat::Random(dim, 8);
    ds.y = {0, 1, 0, 1, 0, 1, 0, 1};
    ds.num_classes = 2;
    ds.class_names = std::move(names);
    return ds;
  };
  for (const auto& target : {labelled(3, {"a", "b"}), labelled(2, {"a", "c"})}) {
    auto dann = find_scenario("dann-moons")->make();
    REQUIRE(dann->set_user_source(labelled(2, {"a", "b"})).ok());
    REQUIRE(dann->set_user_target(target).ok());
    const Status st = dann->reset(1);
    REQUIRE(!st.ok());
    out.push_back(st.message);
  }
  auto zs = find_scenario("zeroshot-animals")->make();
  for (const char* value : {"99,1", "unicorn,1", "1,1", "1"}) {
    const Status st = zs->set_field("unseen", value);
    REQUIRE_MESSAGE(!st.ok(), "unseen=" << value);
    out.push_back(st.message);
  }
  // Class tables that tell no classes apart.
  const std::vector<std::string> animals = zs->class_names();
  REQUIRE(animals.size() >= 3);
  AttributeTable same{animals, {"a", "b"}, Mat::Zero(static_cast<Eigen::Index>(animals.size()), 2)};
  for (Eigen::Index i = 0; i < same.table.rows(); ++i)
    same.table(i, 0) = static_cast<Scalar>(i % 2);
  same.table.col(1).setLinSpaced(0, 1);
  same.table(1, 1) = same.table(0, 1);
  same.table(1, 0) = same.table(0, 0);
  AttributeTable constant = same;
  constant.table.col(0).setConstant(1);
  for (const AttributeTable& t : {same, constant}) {
    const Status st = zs->set_user_class_semantics(t);
    REQUIRE(!st.ok());
    out.push_back(st.message);
  }

  // Training that diverged: a NaN loss after healthy steps (weights restored), an infinite
  // first loss (nothing to restore), a loss that explodes, weights that explode or become NaN.
  auto diverge = [&](const std::vector<std::pair<float, double>>& steps) {
    ParamBlock block;
    block.name = "W";
    block.value = Mat::Zero(2, 3);
    DivergenceGuard guard;
    Status st;
    long n = 0;
    for (const auto& [w, loss] : steps) {
      guard.before_step({&block}, n);
      block.value.setConstant(w);
      StepStats stats;
      stats.step = ++n;
      stats.loss = loss;
      stats.phase = "train";
      st = guard.observe(stats, {&block});
    }
    REQUIRE(!st.ok());
    out.push_back(st.message);
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  diverge({{1.0f, 0.9}, {2.0f, 0.8}, {3.0f, nan}});
  diverge({{1.0f, std::numeric_limits<double>::infinity()}});
  diverge({{1.0f, 2.0}, {2.0f, 1.5}, {3.0f, 80.0}});
  diverge({{1.0f, 0.2}, {5.0f, 0.3}, {5.0f, 6e4}});
  diverge({{1.0f, 0.9}, {1e7f, 0.8}});
  diverge({{1.0f, 0.9}, {2.0f, 0.8}, {std::numeric_limits<float>::infinity(), 0.7}});
  return out;
}

}  // namespace

TEST_SUITE("app/i18n-core") {
  TEST_CASE("every scenario text the page shows has an exact entry in every language") {
    const Texts texts = core_texts();
    CHECK(texts.size() > 100);
    for (const std::string& lang : other_languages()) {
      CAPTURE(lang);
      const Catalogue c = catalogue(lang);
      std::string missing;
      for (const auto& [text, where] : texts)
        if (!c.find(text)) missing += "\n  " + where + ": " + text;
      CHECK_MESSAGE(missing.empty(), "untranslated:" << missing);
    }
  }

  TEST_CASE("the messages of bad files, bad settings and unusable data are translated") {
    const std::vector<std::string> messages = core_messages();
    for (const std::string& lang : other_languages()) {
      CAPTURE(lang);
      const Catalogue c = catalogue(lang);
      std::string untranslated;
      for (const std::string& en : messages) {
        const std::string t = c.message(en);
        std::string left;
        for (const std::string& w : leftover_words(t)) left += " " + w;
        if (t == en || !left.empty())
          untranslated +=
              "\n  " + en + "\n    -> " + t + (left.empty() ? "" : "\n    left:" + left);
      }
      CHECK_MESSAGE(untranslated.empty(), "untranslated:" << untranslated);
    }
  }

  TEST_CASE("a bad value for any setting of any scenario gets a message that keeps the key") {
    for (const std::string& lang : other_languages()) {
      CAPTURE(lang);
      const Catalogue c = catalogue(lang);
      for (const ScenarioInfo& info : scenarios()) {
        auto s = info.make();
        for (const std::string& key : config_keys(s->visitor())) {
          const Status st = s->set_field(key, "nonsense");
          CAPTURE(st.message);
          REQUIRE(!st.ok());
          const std::string t = c.message(st.message);
          CAPTURE(t);
          CHECK(t != st.message);
          CHECK(t.rfind(key, 0) == 0);
          CHECK(t.find("'nonsense'") != std::string::npos);
          CHECK(leftover_words(t).empty());
        }
      }
    }
  }

  TEST_CASE("a pattern keeps the message's numbers, names and quoted values") {
    const Catalogue c = catalogue("zh");
    auto r = parse_csv("x,y,label\n1,2,0\n3,4\n", "points.csv");
    REQUIRE(!r.ok());
    const std::string t = c.message(r.error());
    CHECK(t != r.error());
    CHECK(t.find("points.csv") != std::string::npos);
    CHECK(t.find('3') != std::string::npos);
    CHECK(t.find('2') != std::string::npos);
    auto s = find_scenario("basic-moons")->make();
    const std::string bad = c.message(s->set_field("act", "swish").message);
    CHECK(bad.find("act") != std::string::npos);
    CHECK(bad.find("'swish'") != std::string::npos);
    CHECK(bad.find("relu") != std::string::npos);
    // A class name the user typed stays as typed, even where the catalogue translates it for
    // display.
    auto zs = find_scenario("zeroshot-animals")->make();
    const std::string twice = c.message(zs->set_field("unseen", "owl,owl").message);
    CHECK(twice.find("'owl'") != std::string::npos);
    CHECK(twice.rfind("unseen", 0) == 0);
  }
}
