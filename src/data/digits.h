#pragma once
/// The real 8x8 handwritten digits (UCI optdigits test part as shipped by Debian's
/// python3-sklearn: 1797 images, 64 pixels with values 0-16, then the label; CC BY 4.0), and
/// image transforms that make a real-data domain shift.
#include <string>

#include "core/rng.h"
#include "core/status.h"
#include "data/dataset.h"

TL_NAMESPACE_BEGIN

constexpr int kDigitSide = 8;
constexpr int kDigitPixels = 64;

/// Where the CSV is looked for: $TL_DATA_DIR/digits.csv if that variable is set, else the folder
/// configured at build time (scripts/setup.sh fills it).
std::string default_digits_path();

/// Loads the digits with pixels scaled to [0, 1] (X is 64 x n, pixel (r, c) at row 8r + c).
/// The file is read once per path and cached.
Result<Dataset> load_digits(const std::string& path = default_digits_path());

/// Rotation by `degrees` about the image centre (bilinear).
Dataset digits_rotate(const Dataset& ds, double degrees);
/// Intensity inversion x -> 1 - x.
Dataset digits_invert(const Dataset& ds);
/// Shift by whole pixels (zeros enter).
Dataset digits_shift(const Dataset& ds, int dx, int dy);
/// Intensity scaling x -> factor x (a dimmer or brighter scan).
Dataset digits_intensity(const Dataset& ds, double factor);
/// Additive Gaussian pixel noise of standard deviation `stddev` (not clipped: sensor noise).
Dataset digits_noise(const Dataset& ds, double stddev, Rng& rng);
/// 3x3 blur mixing each pixel with its neighbours' mean by `amount` in [0, 1].
Dataset digits_blur(const Dataset& ds, double amount);

TL_NAMESPACE_END
