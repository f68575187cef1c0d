#pragma once
// Saving a table the page shows as a CSV file: the user picks the path (a name suggested
// from what is shown, with no slash or space in it), the file is written atomically, and
// a failure is shown with the path. One way for every page's "Export CSV…".

#include "ui/support/dialogs.h"

#include <QString>
#include <string>

class QWidget;

namespace taxo::ui {

// The path written, or an empty string when the user cancelled or writing failed (the
// error has been shown).
QString saveCsv(Dialogs& dialogs, QWidget* parent, const QString& caption, QString suggestedName,
                const std::string& csv);

} // namespace taxo::ui
