// The words of the settings (scenarios/setting_text.h): every field of every scenario has a plain
// label and a tooltip, every named choice its plain words; zero-shot takes unseen classes by name.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/scenario.h"
#include "scenarios/setting_text.h"

namespace {

/// Every field's key, help text and choice names.
struct Field {
  std::string key, help;
  std::vector<std::string> names;
};

class FieldRecorder : public tl::ConfigVisitor {
 public:
  std::vector<Field> fields;
  void real(const char* k, double&, double, double, const char* h) override { add(k, h); }
  void integer(const char* k, int&, int, int, const char* h) override { add(k, h); }
  void flag(const char* k, bool&, const char* h) override { add(k, h); }
  void choice(const char* k, int&, const std::vector<std::string>& names, const char* h) override {
    add(k, h);
    fields.back().names = names;
  }
  void layers(const char* k, std::vector<int>&, const char* h) override { add(k, h); }

 private:
  void add(const char* k, const char* h) { fields.push_back({k, h ? h : "", {}}); }
};

/// Whether a choice's names are sets of class numbers ("1,3,5"), which the page shows by name.
bool class_sets(const std::vector<std::string>& names) {
  for (const std::string& n : names)
    if (n.find_first_not_of("0123456789,") != std::string::npos) return false;
  return true;
}

std::string config_value(tl::Scenario& s, const std::string& key) {
  for (const auto& kv : tl::config_to_pairs(s.visitor()))
    if (kv.first == key) return kv.second;
  return "";
}

}  // namespace

TEST_SUITE("scenarios/setting_text") {
  TEST_CASE("a help text splits into its label, its detail lines and its choices' words") {
    const tl::SettingText t = tl::setting_text(
        "Alignment schedule\nlambda: 2/(1+exp(-10p))-1\npaper = grows\nfixed = "
        "constant\nother = not a choice",
        {"paper", "fixed"});
    CHECK(t.label == "Alignment schedule");
    CHECK(t.detail ==
          std::vector<std::string>{"lambda: 2/(1+exp(-10p))-1", "other = not a choice"});
    CHECK(t.choice_words == std::vector<std::string>{"grows", "constant"});
    const tl::SettingText one = tl::setting_text("Learning rate");
    CHECK(one.label == "Learning rate");
    CHECK(one.detail.empty());
    CHECK(tl::setting_text("").label.empty());
  }

  TEST_CASE("every setting of every scenario has a plain label, a tooltip and worded choices") {
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      auto s = info.make();
      FieldRecorder rec;
      s->visit(rec);
      REQUIRE(!rec.fields.empty());
      for (const Field& f : rec.fields) {
        CAPTURE(info.name);
        CAPTURE(f.key);
        const tl::SettingText t = tl::setting_text(f.help, f.names);
        // Plain words: a capitalised phrase of its own, short enough for the label column, with
        // no key spelling or formula in it (those are the tooltip's).
        REQUIRE(!t.label.empty());
        CHECK(std::isupper(static_cast<unsigned char>(t.label[0])));
        CHECK(t.label.size() <= 36);
        CHECK(t.label != f.key);
        CHECK(t.label.find_first_of("_^*/[]") == std::string::npos);
        CHECK(!t.detail.empty());
        if (!f.names.empty() && !class_sets(f.names))
          for (size_t i = 0; i < f.names.size(); ++i) {
            CAPTURE(f.names[i]);
            CHECK(!t.choice_words[i].empty());
          }
      }
    }
  }

  TEST_CASE("zero-shot takes its unseen classes by name as well as by number") {
    const tl::ScenarioInfo* info = tl::find_scenario("zeroshot-animals");
    REQUIRE(info != nullptr);
    auto s = info->make();
    const std::vector<std::string> names = s->class_names();
    REQUIRE(names.size() == 9);
    // By name, in any order: stored as the class numbers in increasing order.
    const tl::Status st = s->set_field("unseen", names[4] + "," + names[0]);
    CHECK_MESSAGE(st.ok(), st.message);
    CHECK(config_value(*s, "unseen") == "0,4");
    CHECK(s->set_field("unseen", "2,6,7").ok());
    CHECK(config_value(*s, "unseen") == "2,6,7");
    // Refused with a message naming the problem; the value stays.
    const tl::Status unknown = s->set_field("unseen", names[1] + ",unicorn");
    CHECK(unknown.message.find("unknown class 'unicorn'") != std::string::npos);
    CHECK(unknown.message.find(names[8]) != std::string::npos);  // lists the classes
    CHECK(s->set_field("unseen", names[1]).message.find("2 or 3") != std::string::npos);
    CHECK(s->set_field("unseen", names[1] + "," + names[1]).message.find("twice") !=
          std::string::npos);
    CHECK(s->set_field("unseen", "1,9").message.find("no class 9") != std::string::npos);
    CHECK(!s->set_field("unseen", "0,1,2,3").ok());
    CHECK(!s->set_field("unseen", "").ok());
    CHECK(config_value(*s, "unseen") == "2,6,7");
    // Other keys go through as before.
    CHECK(s->set_field("epochs", "3").ok());
    CHECK(config_value(*s, "epochs") == "3");
    CHECK(!s->set_field("no_such_key", "1").ok());
  }
}
