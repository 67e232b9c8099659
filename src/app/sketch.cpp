#include "app/sketch.h"

#include <algorithm>

TL_NAMESPACE_BEGIN

namespace {

Dataset empty_2d() {
  Dataset ds;
  ds.X.resize(2, 0);
  return ds;
}

void append_point(Dataset& ds, double x, double y, int label) {
  if (ds.dim() != 2) ds = empty_2d();
  const Eigen::Index n = ds.X.cols();
  ds.X.conservativeResize(2, n + 1);
  ds.X(0, n) = static_cast<Scalar>(x);
  ds.X(1, n) = static_cast<Scalar>(y);
  ds.y.push_back(label);
  if (ds.has_domains()) ds.domain.push_back(ds.domain.empty() ? 0 : ds.domain.front());
  ds.num_classes = std::max(ds.num_classes, label + 1);
}

int erase_in(Dataset& ds, double x, double y, double radius) {
  if (ds.dim() != 2 || ds.empty()) return 0;
  std::vector<int> keep;
  const double r2 = radius * radius;
  for (int j = 0; j < ds.size(); ++j) {
    const double dx = ds.X(0, j) - x, dy = ds.X(1, j) - y;
    if (dx * dx + dy * dy > r2) keep.push_back(j);
  }
  const int removed = ds.size() - static_cast<int>(keep.size());
  if (removed > 0) {
    const int classes = ds.num_classes;
    ds = ds.subset(keep);
    ds.num_classes = classes;
  }
  return removed;
}

}  // namespace

int Sketch::dim() const {
  if (!source_.empty()) return source_.dim();
  if (!target_.empty()) return target_.dim();
  return 2;
}

void Sketch::push_undo() {
  undo_.push_back({active_, source_, target_});
  if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
}

void Sketch::set(Dataset source, std::optional<Dataset> target) {
  push_undo();
  source_ = std::move(source);
  target_ = target ? std::move(*target) : Dataset{};
  source_.domain.clear();
  target_.domain.clear();
  active_ = true;
  touch();
}

void Sketch::adopt(const Dataset& source, const Dataset& target) {
  source_ = source;
  target_ = target;
  source_.domain.clear();
  target_.domain.clear();
  if (source_.dim() != 2) source_ = empty_2d();
  if (target_.dim() != 2) target_ = empty_2d();
  active_ = true;
  touch();
}

void Sketch::begin_edit() {
  push_undo();
}

void Sketch::add(double x, double y, int label, int domain) {
  if (!active_) {
    source_ = empty_2d();
    target_ = empty_2d();
    active_ = true;
  }
  append_point(domain == 1 ? target_ : source_, x, y, label);
  touch();
}

int Sketch::erase_near(double x, double y, double radius) {
  const int removed = erase_in(source_, x, y, radius) + erase_in(target_, x, y, radius);
  if (removed > 0) touch();
  return removed;
}

void Sketch::clear() {
  push_undo();
  source_ = empty_2d();
  target_ = empty_2d();
  active_ = true;
  touch();
}

void Sketch::undo() {
  if (undo_.empty()) return;
  State s = std::move(undo_.back());
  undo_.pop_back();
  active_ = s.active;
  source_ = std::move(s.source);
  target_ = std::move(s.target);
  touch();
}

void Sketch::deactivate() {
  if (!active_) return;
  push_undo();
  active_ = false;
  source_ = Dataset{};
  target_ = Dataset{};
  touch();
}

std::shared_ptr<const UserData> Sketch::user_data() {
  if (!active_) return nullptr;
  if (shared_version_ != version_ || !shared_) {
    auto d = std::make_shared<UserData>();
    // The source always (an empty one makes the scenario report what is missing); the target
    // when there is one, else the scenario keeps its own.
    d->source = source_;
    if (!target_.empty()) d->target = target_;
    shared_ = d;
    shared_version_ = version_;
  }
  return shared_;
}

int Sketch::num_classes() const {
  int k = 0;
  for (int label : source_.y) k = std::max(k, label + 1);
  for (int label : target_.y) k = std::max(k, label + 1);
  return std::max({k, source_.num_classes, target_.num_classes});
}

int Sketch::labelled_classes(int domain) const {
  const Dataset& ds = domain == 1 ? target_ : source_;
  std::vector<bool> seen;
  int count = 0;
  for (int label : ds.y) {
    if (label < 0) continue;
    if (static_cast<size_t>(label) >= seen.size()) seen.resize(static_cast<size_t>(label) + 1);
    if (!seen[static_cast<size_t>(label)]) ++count;
    seen[static_cast<size_t>(label)] = true;
  }
  return count;
}

int Sketch::unlabelled_count() const {
  int n = 0;
  for (int label : source_.y) n += label < 0;
  for (int label : target_.y) n += label < 0;
  return n;
}

TL_NAMESPACE_END
