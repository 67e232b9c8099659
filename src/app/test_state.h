#pragma once
/// The page's observable state for the browser tests (tests/e2e): build and thread, scenario,
/// seed, setup version and sync, errors, notices, hash, training figures and metrics, point
/// counts, the canvas rectangle and view, the widget rectangles App::mark() recorded, timings.
#include <string>

#include "core/config.h"

TL_NAMESPACE_BEGIN

class App;

/// The state as one JSON object (the field names are the browser tests' contract).
std::string test_state_json(App& app);

TL_NAMESPACE_END
