// The page's own Chinese (web/i18n/zh/app.txt): the messages the page builds at run time reach
// the notices translated, and its patterns leave the core's messages to the core's catalogue.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/i18n.h"
#include "support/source_files.h"

using namespace tl;

namespace {

Catalogue app_catalogue() {
  auto c = parse_catalogue(tl::test::read_source_file("web/i18n/zh/app.txt"));
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? std::string() : c.error()));
  return std::move(*c);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("app/i18n") {
  TEST_CASE("the page's messages are translated whole, the names in their holes translated too") {
    const Catalogue c = app_catalogue();
    // Why Play does not start: with two sets, the set's name sits in the sentence.
    const std::string two = c.message(
        "No points yet: add labelled source points of at least two classes (pick a class colour "
        "in the tool bar, then click the canvas).");
    CHECK(has(two, "还没有点"));
    CHECK(has(two, "源域"));
    CHECK_FALSE(has(two, "source"));
    const std::string one = c.message(
        "Only one class has labelled points: add points of a second class (pick another colour "
        "in the tool bar).");
    CHECK(has(one, "第二个类别"));
    CHECK_FALSE(has(one, "labelled"));
    // A link the page could not follow, and an upload that kept the data.
    const std::string link =
        c.message("link: unknown scenario 'nope'; showing basic-moons with defaults");
    CHECK(has(link, "链接"));
    CHECK(has(link, "'nope'"));
    CHECK(has(link, "basic-moons"));
    const std::string kept =
        c.message("a.csv: load a source data set first (your previous data is kept)");
    CHECK(has(kept, "a.csv：请先加载源域数据集"));
    CHECK(has(kept, "之前的数据已保留"));
    const std::string loaded = c.message("loaded cats.csv: 40 rows, 2 features, 2 classes");
    CHECK(has(loaded, "cats.csv"));
    CHECK(has(loaded, "40 行"));
  }

  TEST_CASE("the page's patterns leave other messages as they are") {
    const Catalogue c = app_catalogue();
    // A core message (its translation is the core catalogue's) is not taken by a page pattern.
    for (const char* m : {"csv: row 3: expected 3 columns, got 2", "data.csv: empty file (no rows)",
                          "learning rate must be positive"}) {
      CAPTURE(m);
      CHECK(c.message(m) == m);
    }
  }
}
