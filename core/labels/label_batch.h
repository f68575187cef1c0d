#pragma once
// saveLabel inside the caller's transaction, for one user action that saves many labels
// at once (a coder's .qdpx taken into a round, core/exchange): all or none. The same
// checks and writes as saveLabel (labels.h), whose transaction is the caller's here.

#include "core/labels/labels.h"

namespace taxo::labels {

Result<std::optional<Label>> saveLabelWithin(sql::Database& db, const LabelKey& key,
                                             const LabelContent& content);

} // namespace taxo::labels
