#pragma once
/// CSV import and export of data sets, and parsing of per-class attribute tables.
///
/// Format accepted by parse_csv (all errors name the origin and, where it applies, the row and
/// column; nothing is thrown and no input makes the parser crash):
/// - UTF-8 text (a UTF-8 BOM is skipped). UTF-16, binary data (NUL or control bytes) and invalid
///   UTF-8 are rejected with a message naming the byte offset.
/// - Delimiter `,` `;` or tab, detected from the first non-blank line (outside quotes); on a tie
///   the order of preference is `,` `;` tab. Quoted cells ("a,b", "" for a quote) may span
///   lines. LF, CRLF and lone CR line endings; blank lines are ignored. Unquoted cells are
///   trimmed of surrounding spaces (and tabs unless tab is the delimiter).
/// - Rows are numbered by the file's physical lines (1-based, the header is row 1 if present);
///   columns are numbered 1-based.
/// - Header row: the first row is a header when one of its cells is text and the cell below it
///   (second row) is a number, when it has no second row and contains text, or when one of its
///   cells is named label/class/target/domain. Header names must be unique.
/// - Class column: the column named `label`, else `class`, `target`, `y` (case-insensitive), else
///   the last column (the last column that is not the domain column). An optional column named
///   `domain` holds 0 (source) or 1 (target). All other columns are features (at least one), in
///   file order; they must be finite numbers (locale-independent syntax such as `-.5`, `+2`,
///   `1e-3`).
/// - Labels: an empty cell is kUnlabelled. If every non-empty label is a number, labels must be
///   integers >= 0 (`2.0` is accepted as 2) and num_classes = largest + 1. Otherwise all labels
///   are names, numbered in order of first appearance and recorded in class_names.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "data/dataset.h"

TL_NAMESPACE_BEGIN

/// Size limits checked while parsing; exceeding one is an error that states the limit.
struct CsvLimits {
  size_t max_bytes = 64u << 20;  ///< size of the whole input in bytes
  int max_columns = 4096;        ///< cells in one row
  int max_rows = 200000;         ///< data rows (the header and blank lines do not count)
  int max_classes = 10000;       ///< distinct class names, or largest integer label + 1
};

/// Parses CSV text into a Dataset (X is dim x n, one column per data row). `origin` names the
/// source in messages (e.g. "csv" or a file name): every message starts with `origin + ": "`.
/// feature_names is filled when the file has a header; class_names when labels are names; domain
/// when there is a domain column.
Result<Dataset> parse_csv(std::string_view text, const std::string& origin = "csv",
                          const CsvLimits& limits = {});

/// Reads and parses the file at `path` (used as the origin in messages). The file size is checked
/// against limits.max_bytes before anything is read; the message states the limit in MB.
Result<Dataset> load_csv(const std::string& path, const CsvLimits& limits = {});

/// Writes `ds` as CSV: header of feature names (or x0,x1,... when feature_names is missing, not
/// unique, or uses the names label/domain), then `label` and `domain` (when the set has domains);
/// one row per point. Unlabelled points get an empty label cell. Labels are written as class
/// names when class_names names every class uniquely and the classes first appear in index order
/// (so that parse_csv numbers them the same way); otherwise as integers. Values are written with
/// the fewest digits that read back to the same Scalar, so parse_csv(write_csv(ds)) reproduces X,
/// y and domain for a set with at least one point and one feature and finite values; num_classes
/// comes back as 1 + the largest label.
std::string write_csv(const Dataset& ds);

/// A per-class attribute table (for zero-shot learning).
struct AttributeTable {
  std::vector<std::string> class_names;      ///< num_classes names, row order of `table`
  std::vector<std::string> attribute_names;  ///< num_attributes names, column order of `table`
  Mat table;                                 ///< num_classes x num_attributes
};

/// Parses an attribute table: a header `class,attr1,attr2,...` (always the first row), then one
/// row per class with finite numbers. Class names must be unique; an attribute that is equal for
/// all classes (with two or more classes) is an error since it carries no information. With
/// `expected_classes` non-empty, every expected class must have a row, no other class may appear,
/// and the rows are returned in the order of `expected_classes`; otherwise in file order.
Result<AttributeTable> parse_attribute_table(std::string_view text,
                                             const std::vector<std::string>& expected_classes,
                                             const std::string& origin = "attributes");
/// Reads the file at `path` (size checked against limits.max_bytes first, as in load_csv) and
/// parses it with parse_attribute_table, `path` as the origin in messages.
Result<AttributeTable> load_attribute_table_file(const std::string& path,
                                                 const std::vector<std::string>& expected_classes,
                                                 const CsvLimits& limits = {});

TL_NAMESPACE_END
