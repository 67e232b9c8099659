#include "data/digits.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>

#include "core/rng.h"
#include "data/csv.h"

#ifndef TL_DATA_DIR
#define TL_DATA_DIR "third_party/data"
#endif

TL_NAMESPACE_BEGIN

std::string default_digits_path() {
  if (const char* dir = std::getenv("TL_DATA_DIR"); dir && *dir)
    return std::string(dir) + "/digits.csv";
  return std::string(TL_DATA_DIR) + "/digits.csv";
}

Result<Dataset> load_digits(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, Dataset> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(path); it != cache.end()) return it->second;
  auto loaded = load_csv(path);
  if (!loaded) return Error{"digits: " + loaded.error() + " (run scripts/setup.sh to fetch it)"};
  Dataset ds = std::move(*loaded);
  if (ds.dim() != kDigitPixels)
    return Error{"digits: " + path + ": expected 64 pixel columns, got " +
                 std::to_string(ds.dim())};
  ds.X /= Scalar(16);
  ds.num_classes = 10;
  ds.class_names.clear();
  for (int c = 0; c < 10; ++c) ds.class_names.push_back(std::to_string(c));
  ds.feature_names.clear();
  cache.emplace(path, ds);
  return ds;
}

namespace {
Scalar pixel(const Dataset& ds, int j, int r, int c) {
  if (r < 0 || r >= kDigitSide || c < 0 || c >= kDigitSide) return 0;
  return ds.X(r * kDigitSide + c, j);
}
}  // namespace

Dataset digits_rotate(const Dataset& ds, double degrees) {
  Dataset out = ds;
  const double a = degrees * dmath::kPi / 180.0, ca = dmath::cos(a), sa = dmath::sin(a);
  const double centre = (kDigitSide - 1) / 2.0;
  for (int j = 0; j < ds.size(); ++j)
    for (int r = 0; r < kDigitSide; ++r)
      for (int c = 0; c < kDigitSide; ++c) {
        // inverse map: where in the source image does the output pixel (r, c) come from
        const double y = r - centre, x = c - centre;
        const double sx = ca * x + sa * y + centre, sy = -sa * x + ca * y + centre;
        const int x0 = static_cast<int>(std::floor(sx)), y0 = static_cast<int>(std::floor(sy));
        const double fx = sx - x0, fy = sy - y0;
        const double v =
            (1 - fx) * (1 - fy) * pixel(ds, j, y0, x0) + fx * (1 - fy) * pixel(ds, j, y0, x0 + 1) +
            (1 - fx) * fy * pixel(ds, j, y0 + 1, x0) + fx * fy * pixel(ds, j, y0 + 1, x0 + 1);
        out.X(r * kDigitSide + c, j) = static_cast<Scalar>(v);
      }
  return out;
}

Dataset digits_invert(const Dataset& ds) {
  Dataset out = ds;
  out.X = (Scalar(1) - ds.X.array()).matrix();
  return out;
}

Dataset digits_shift(const Dataset& ds, int dx, int dy) {
  Dataset out = ds;
  for (int j = 0; j < ds.size(); ++j)
    for (int r = 0; r < kDigitSide; ++r)
      for (int c = 0; c < kDigitSide; ++c)
        out.X(r * kDigitSide + c, j) = pixel(ds, j, r - dy, c - dx);
  return out;
}

Dataset digits_intensity(const Dataset& ds, double factor) {
  Dataset out = ds;
  out.X *= static_cast<Scalar>(factor);
  return out;
}

Dataset digits_noise(const Dataset& ds, double stddev, Rng& rng) {
  Dataset out = ds;
  for (int j = 0; j < ds.size(); ++j)
    for (int i = 0; i < ds.dim(); ++i) out.X(i, j) += static_cast<Scalar>(rng.normal() * stddev);
  return out;
}

Dataset digits_blur(const Dataset& ds, double amount) {
  Dataset out = ds;
  for (int j = 0; j < ds.size(); ++j)
    for (int r = 0; r < kDigitSide; ++r)
      for (int c = 0; c < kDigitSide; ++c) {
        double sum = 0;
        for (int dr = -1; dr <= 1; ++dr)
          for (int dc = -1; dc <= 1; ++dc) sum += pixel(ds, j, r + dr, c + dc);
        const double mean = sum / 9.0;
        out.X(r * kDigitSide + c, j) =
            static_cast<Scalar>((1 - amount) * pixel(ds, j, r, c) + amount * mean);
      }
  return out;
}

TL_NAMESPACE_END
