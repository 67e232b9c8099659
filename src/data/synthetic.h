#pragma once
/// 2-D toy data generators and domain shifts. All randomness comes from the given Rng and all
/// trigonometry from tl::dmath, so a seed gives the same points on every platform.
#include <optional>
#include <string>
#include <vector>

#include "core/rng.h"
#include "data/dataset.h"

TL_NAMESPACE_BEGIN

/// Two interleaving half circles (classes 0 and 1), Gaussian noise of std `noise`.
Dataset make_moons(int n, double noise, Rng& rng);
/// Two concentric circles (outer class 0 radius 1, inner class 1 radius `factor`).
Dataset make_circles(int n, double noise, double factor, Rng& rng);
/// k Gaussian blobs with centres on a circle of radius `radius`, std `spread`.
Dataset make_blobs(int n, int k, double spread, Rng& rng, double radius = 2.0);
/// k interleaved spiral arms.
Dataset make_spiral(int n, int arms, double noise, Rng& rng);
/// XOR of the signs of two uniform coordinates in [-1, 1]^2.
Dataset make_xor(int n, double noise, Rng& rng);

/// The built-in 2-D generators, in the order of generator_names().
enum class Generator { kMoons, kCircles, kBlobs, kSpiral, kXor };
/// n points of generator g; k = classes where relevant.
Dataset make_generated(Generator g, int n, double noise, int k, Rng& rng);
/// Generator by name ("moons", "circles", "blobs", "spiral", "xor"); nullopt for another name.
std::optional<Dataset> make_named(const std::string& name, int n, double noise, int k, Rng& rng);
const std::vector<std::string>& generator_names();

// Domain shifts (2-D data unless noted); each returns a new data set.
/// Rotation by `degrees` about the origin (first two coordinates).
Dataset rotate(const Dataset& ds, double degrees);
Dataset translate(const Dataset& ds, double dx, double dy);
Dataset scale(const Dataset& ds, double sx, double sy);
/// Adds Gaussian noise of std sigma to every coordinate (any dimension).
Dataset add_noise(const Dataset& ds, double sigma, Rng& rng);
/// Label-proportion shift: keeps each point of class c with probability keep[c] (any dimension).
Dataset label_shift(const Dataset& ds, const std::vector<double>& keep, Rng& rng);

TL_NAMESPACE_END
