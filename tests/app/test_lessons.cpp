// The lessons data file: parsed without error, a complete lesson for every scenario and a
// sentence for every corner of the grid; the parser names the line of a mistake.
#ifndef __EMSCRIPTEN__  // the page logic is linked into the native test binary only
#include <doctest/doctest.h>

#include "app/lessons.h"
#include "scenarios/scenario.h"

TEST_SUITE("app/lessons") {
  TEST_CASE("every scenario has a complete lesson and every corner its sentence") {
    const tl::Lessons& l = tl::builtin_lessons("en");
    REQUIRE_FALSE(l.scenarios.empty());
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      CAPTURE(info.name);
      const tl::Lesson* lesson = l.scenario(info.name);
      REQUIRE(lesson);
      CHECK_FALSE(lesson->title.empty());
      CHECK_FALSE(lesson->idea.empty());
      CHECK(lesson->tries.size() >= 1);
      CHECK(lesson->tries.size() <= 3);
      CHECK_FALSE(lesson->watch.empty());
      CHECK_FALSE(lesson->paper.empty());
      CHECK_FALSE(lesson->corner.empty());
    }
    // No lesson for a scenario that does not exist (a renamed scenario leaves none behind).
    for (const auto& kv : l.scenarios) {
      CAPTURE(kv.first);
      CHECK(tl::find_scenario(kv.first) != nullptr);
    }
    for (const char* corner :
         {"both", "target-unlabelled", "source-unlabelled", "neither", "none"}) {
      CAPTURE(corner);
      REQUIRE(l.corner(corner));
      CHECK_FALSE(l.corner(corner)->title.empty());
      CHECK_FALSE(l.corner(corner)->corner.empty());
    }
  }
  TEST_CASE("the lessons parser joins idea lines and names the line of a mistake") {
    auto ok = tl::parse_lessons("# c\n[a]\ntitle: T\nidea: one.\nidea: two.\ntry: x\ntry: y\n");
    REQUIRE(ok.ok());
    CHECK(ok->scenario("a")->idea == "one. two.");
    CHECK(ok->scenario("a")->tries.size() == 2);
    auto bad = tl::parse_lessons("[a]\ntitle: T\nnonsense\n");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().find("line 3") != std::string::npos);
    auto unknown = tl::parse_lessons("[a]\ncolour: red\n");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().find("colour") != std::string::npos);
    auto twice = tl::parse_lessons("[a]\ntitle: T\n[a]\ntitle: U\n");
    CHECK_FALSE(twice.ok());
  }
}
#endif
