#pragma once
/// The words of a config field as the page shows them, read from its help text (ConfigVisitor):
///
///   "Adversary strength schedule\n"                        <- the label: plain words, one line
///   "How the gradient reversal factor lambda grows.\n"    <- detail lines (the tooltip): symbols,
///   "paper: ramps up as 2/(1+exp(-10p))-1 (Ganin 2016)\n"     formulas and papers go here
///   "paper = grows during training\n"                      <- for a choice field, "NAME = words"
///   "fixed = constant\n"                                       describes choice NAME in plain
///   words
///
/// Keys and choice names stay as the CLI and the links spell them; only their words live here.
#include <string>
#include <utility>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN

struct SettingText {
  std::string label;                ///< the first line ("" when the help is empty)
  std::vector<std::string> detail;  ///< the other lines, choice descriptions excepted
  /// One entry per choice name (in the names' order): its plain description, "" when none.
  std::vector<std::string> choice_words;
};

/// Splits `help` as above; `choices` are the field's choice names (empty for other fields).
SettingText setting_text(const std::string& help, const std::vector<std::string>& choices = {});

TL_NAMESPACE_END
