#pragma once
// How a coder's label and a decision read on the Arbitration page: category
// paths ("Root › Inner › Leaf"), the special values in the paper's words,
// a Pending suggestion and the coder's note.

#include "core/codebook/codebook.h"
#include "core/labels/labels.h"

#include <QString>
#include <cstddef>
#include <optional>
#include <vector>

namespace taxo::ui {

QString specialDisplayName(labels::Special special);
QString categoryPathText(taxo::sql::Database& db, codebook::CategoryId id);
// Paths joined by "; ".
QString leafListText(taxo::sql::Database& db, const std::vector<codebook::CategoryId>& ids);
// Rich text for one side of a conflict; "not labeled yet" when there is no label.
QString coderLabelHtml(taxo::sql::Database& db, const std::optional<labels::Label>& label);
// "A" for the first coder of a round, "B", "C", ... for the next.
QString coderLetter(std::size_t index);

} // namespace taxo::ui
