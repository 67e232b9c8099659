#pragma once
/// Short messages over the top of the canvas (errors in the error colour), each with a close
/// button, fading after a few seconds; at most four at a time.
#include <functional>
#include <string>
#include <vector>

#include "imgui.h"

#include "core/config.h"

TL_NAMESPACE_BEGIN

struct Notice {
  std::string text;
  bool error = false;
  double until = 0;  ///< seconds (now_seconds) when it fades
};

class Notices {
 public:
  static constexpr size_t kMaxShown = 4;
  /// Adds a notice that fades at `until` (seconds, now_seconds); the oldest goes beyond four.
  void push(const std::string& text, bool error, double until);
  /// Drops the faded ones and draws the rest centred over the top of the canvas rectangle, below
  /// `top` (the lower edge of the canvas's own windows at its top: tool bar, banner);
  /// `mark` records the first close button for the browser tests.
  void draw(ImVec2 canvas_pos, ImVec2 canvas_size, const std::function<void(const char*)>& mark,
            float top = 0);
  const std::vector<Notice>& list() const { return list_; }

 private:
  std::vector<Notice> list_;
};

TL_NAMESPACE_END
