#pragma once
/// The user's own data on the page: sketched on the canvas, generated, uploaded or loaded (the
/// digits), with undo. When inactive the scenario's own data is used. No ImGui here.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "app/engine.h"
#include "data/dataset.h"

TL_NAMESPACE_BEGIN

class Sketch {
 public:
  /// Whether the user's data replaces the scenario's.
  bool active() const { return active_; }
  /// Source (domain 0) and target (domain 1) sets; empty when absent.
  const Dataset& source() const { return source_; }
  const Dataset& target() const { return target_; }
  int size() const { return source_.size() + target_.size(); }
  int dim() const;
  /// Increases with every change.
  uint64_t version() const { return version_; }

  /// Replaces the data (upload, generator, digits, a link), remembering the old for undo.
  void set(Dataset source, std::optional<Dataset> target);
  /// Starts from the given data (the scenario's, when the user first edits it).
  void adopt(const Dataset& source, const Dataset& target);
  /// One undo step for a group of edits (a click or a drag).
  void begin_edit();
  /// Adds a 2-D point; label kUnlabelled allowed; domain 0 source, 1 target.
  void add(double x, double y, int label, int domain);
  /// Removes the 2-D points within `radius` of (x, y); returns how many.
  int erase_near(double x, double y, double radius);
  /// Removes every point (an empty sketch stays active).
  void clear();
  bool can_undo() const { return !undo_.empty(); }
  void undo();
  /// Back to the scenario's own data.
  void deactivate();
  /// The data for the engine (nullptr when inactive). Copies only when the data changed.
  std::shared_ptr<const UserData> user_data();
  /// Largest label + 1 over both sets.
  int num_classes() const;
  /// Classes with at least one labelled point in the source set (domain 0) or the target set.
  int labelled_classes(int domain) const;
  /// Points without a label (kUnlabelled) over both sets.
  int unlabelled_count() const;

 private:
  struct State {
    bool active;
    Dataset source, target;
  };
  void push_undo();
  void touch() { ++version_; }

  bool active_ = false;
  Dataset source_, target_;
  std::vector<State> undo_;
  uint64_t version_ = 1;
  uint64_t shared_version_ = 0;
  std::shared_ptr<const UserData> shared_;
  static constexpr size_t kMaxUndo = 64;
};

TL_NAMESPACE_END
