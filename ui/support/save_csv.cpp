#include "ui/support/save_csv.h"

#include "core/util/files.h"
#include "ui/support/qt_text.h"

#include <QObject>

namespace taxo::ui {

QString saveCsv(Dialogs& dialogs, QWidget* parent, const QString& caption, QString suggestedName,
                const std::string& csv) {
    suggestedName.replace(QLatin1Char('/'), QLatin1Char('-'));
    suggestedName.replace(QLatin1Char(' '), QLatin1Char('-'));
    const QString path =
        dialogs.saveFilePath(parent, caption, suggestedName, QObject::tr("CSV (*.csv)"));
    if (path.isEmpty())
        return {};
    if (const auto written = files::writeAtomically(path.toStdString(), csv); !written) {
        dialogs.showError(parent, caption,
                          QObject::tr("Cannot write %1: %2").arg(path, toQ(written.message())));
        return {};
    }
    return path;
}

} // namespace taxo::ui
