#pragma once
/// The phases of a run as the page shows them: the status line names the current phase
/// ("phase 2 of 2: fine-tune on target"), and a baseline that waits for the method's adaptation
/// is drawn only from the step it starts training at. UI-free (page logic): the curves, the
/// status line, the exported figure and the browser tests' state all read these.
#include <cstddef>
#include <string>
#include <vector>

#include "app/engine.h"

TL_NAMESPACE_BEGIN

/// The index of the phase `step` falls in (the last phase whose start is at or before it), or
/// -1 when `phases` is empty. Steps before the first start count as the first phase.
int phase_at(const PhaseList& phases, long step);

/// "phase 2 of 2: fine-tune on target" for the snapshot's step; "" when the scenario trains in
/// one phase.
std::string phase_status(const Snapshot& s);

/// Appends "  ·  " and phase_status(s) to the C string `buf` of capacity `n` (the progress bar's
/// text) when there is a phase to name and room for it.
void append_phase_status(char* buf, size_t n, const Snapshot& s);

/// The step from which the model that reports `metric` trains (ModelInfo::train_from); 0 when no
/// model of `models` (may be nullptr) reports it.
long metric_train_from(const ModelList* models, const std::string& metric);

/// A history column as the curves draw it: NaN at the recorded steps before `from`.
std::vector<double> drawn_from(const History& h, const std::vector<double>& column, long from);

TL_NAMESPACE_END
