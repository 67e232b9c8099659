#include "app/views/views.h"

#include <cstring>

#include "app/app.h"

TL_NAMESPACE_BEGIN

namespace views {

namespace {

struct Entry {
  const char* kind;
  ViewFn draw;
};

/// Every view, by the ViewData kind it draws.
constexpr Entry kViews[] = {
    {"finetune", finetune_view},
    {"conservative", conservative_view},
    {"progressive", progressive_view},
    {"multitask", multitask_view},
    {"self_taught", self_taught_view},
    {"clustering", clustering_view},
    {"layer_transfer", layer_transfer_view},
    {"zero_shot", zero_shot_view},
    {"dann", dann_view},
};

}  // namespace

ViewFn find_view(const std::string& kind) {
  for (const Entry& e : kViews)
    if (e.draw && kind == e.kind) return e.draw;
  return nullptr;
}

bool method_view(App& app, ImVec2 size) {
  if (!app.snap || !app.snap->view || !app.in_sync()) return false;
  const ViewFn draw = find_view(app.snap->view->kind);
  if (!draw) return false;
  draw(app, *app.snap->view, size);
  return true;
}

}  // namespace views

TL_NAMESPACE_END
