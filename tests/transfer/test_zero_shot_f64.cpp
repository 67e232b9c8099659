// Finite-difference check of the attribute-embedding objective (margin loss over f(x).g(a) with
// the class-level max over rival seen classes), in double precision, away from its kinks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "support/gradcheck.h"
#include "support/seed.h"
#include "transfer/zero_shot.h"

TEST_SUITE("transfer/zero_shot") {
  TEST_CASE("gradient check (double): attribute-embedding margin loss through f and g") {
    for (int g_hidden : {0, 4}) {
      CAPTURE(g_hidden);
      // A draw whose point lies too near a kink cannot be finite-differenced: take the first of
      // ten draws that is clear of every kink.
      bool checked = false;
      for (int attempt = 0; attempt < 10 && !checked; ++attempt) {
        tl::Rng rng(tl_test::base_seed() + 7919u * attempt);
        const tl::Dataset all = tl::make_animals(6, 0.7, rng);
        const std::vector<int> seen = {0, 2, 3, 4, 6, 7, 8};
        tl::TrainConfig tc;
        tc.hidden = {5};
        tc.epochs = 2;
        tc.batch = 8;
        tl::ZeroShotConfig cfg;
        cfg.method = tl::ZeroShotMethod::kEmbed;
        cfg.embed_dim = 3;
        cfg.g_hidden = g_hidden;
        cfg.margin = 0.7;
        tl::ZeroShot zs(all.with_classes(seen, false), tl::attribute_table_of(all), seen, cfg, tc,
                        tl::Rng(11));
        for (int i = 0; i < 3; ++i) zs.step();

        // Away from the kinks: every hinge argument and the gap between the best and second-best
        // rival are far from 0 compared with the effect of a 1e-6 step.
        const tl::Dataset train = all.with_classes(seen, false);
        const tl::Mat Z = zs.scores(train.X, seen);
        int active = 0;
        double closest = 1e9;
        for (int n = 0; n < train.size(); ++n) {
          const int yn =
              static_cast<int>(std::find(seen.begin(), seen.end(), train.y[n]) - seen.begin());
          double best = -1e9, second = -1e9;
          for (int m = 0; m < static_cast<int>(seen.size()); ++m) {
            if (m == yn) continue;
            const double z = Z(m, n);
            if (z > best) {
              second = best;
              best = z;
            } else if (z > second) {
              second = z;
            }
          }
          const double h = cfg.margin - Z(yn, n) + best;
          active += h > 0;
          closest = std::min({closest, std::abs(h), best - second});
        }
        CAPTURE(closest);
        if (closest <= 1e-4) continue;
        CHECK(active > 0);  // some terms contribute: the gradient is not trivially zero

        const double err = tl_test::method_gradient_error(zs);
        std::printf("zero-shot embed gradient check (g_hidden=%d): %.2e\n", g_hidden, err);
        CHECK(err < 1e-6);
        CHECK(zs.gradient().norm() > 0);
        checked = true;
      }
      REQUIRE(checked);
    }
  }
}
