#pragma once
/// What a scenario's metrics mean: kind (how to show the value), role (what produced it), the
/// metric it is compared with, a short label and a one-line description. Declared by each
/// scenario next to the values it reports (Scenario::metrics_info) and read by the CLI table and
/// JSON, the page's figures, plots and live region.
#include <string>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN

/// How a metric's value reads.
enum class MetricKind {
  kFraction,  ///< a share in [0, 1]: accuracy, purity (shown as a percentage, "93.1%")
  kScore,     ///< in [0, 1] but no share of points: NMI (shown as a plain number, "0.62")
  kLoss,      ///< an objective or error to minimise
  kCount,     ///< a whole number (repeats done, ...)
  kValue,     ///< any other number (a distance, a weight, a standard deviation)
};

/// Which model or quantity a metric belongs to.
enum class MetricRole {
  kMethod,      ///< the scenario's main method (or one of its variants)
  kBaseline,    ///< a model trained without the transfer, to compare with
  kOracle,      ///< an upper bound with information the method does not get
  kDiagnostic,  ///< a side quantity (source accuracy kept, domain accuracy, a spread, ...)
};

/// One metric, or a family of generated names. `name` may hold one `*`, which matches any
/// non-empty text (e.g. `curve_finetune_acc_shots*`); a `*` in `compared_with` or `label` stands
/// for the same text (`curve_scratch_acc_shots*`, `scratch *-shot`).
struct MetricInfo {
  std::string name;
  MetricKind kind = MetricKind::kValue;
  MetricRole role = MetricRole::kDiagnostic;
  std::string compared_with;  ///< the metric this one is read against ("" none)
  std::string label;          ///< short, for narrow displays
  std::string description;    ///< one line
};

using MetricInfoList = std::vector<MetricInfo>;

/// The entry of `list` that describes the metric `name`, with `name`, `compared_with` and
/// `label` resolved for a pattern entry; false when none does (an exact entry wins over a pattern).
bool find_metric_info(const MetricInfoList& list, const std::string& name, MetricInfo& out);

/// The same, or for a metric without an entry a diagnostic value labelled by its name.
MetricInfo metric_info_or_default(const MetricInfoList& list, const std::string& name);

/// Lower-case names for the JSON output: "fraction", "loss", "count", "value"; "method",
/// "baseline", "oracle", "diagnostic".
const char* metric_kind_name(MetricKind kind);
const char* metric_role_name(MetricRole role);

TL_NAMESPACE_END
