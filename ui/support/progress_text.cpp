#include "ui/support/progress_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace taxo::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("taxo::ui::Progress", text);
}

QString amount(std::uint64_t value, const std::string& unit) {
    const QLocale locale;
    if (unit == "bytes")
        return locale.formattedDataSize(static_cast<qint64>(value), 1, QLocale::DataSizeSIFormat);
    QString text = locale.toString(static_cast<qulonglong>(value));
    if (!unit.empty())
        text += QLatin1Char(' ') + QString::fromStdString(unit);
    return text;
}

// Rates and estimates jump about in the first moments; wait for them to settle.
constexpr double kSettleSeconds = 0.5;

} // namespace

QString describeDuration(double seconds) {
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    if (total < 60)
        return tr("%1 s").arg(total);
    if (total < 3600)
        return tr("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
}

int progressPermille(const taxo::Progress& progress) {
    if (progress.total == 0)
        return -1;
    const double fraction = static_cast<double>(std::min(progress.done, progress.total)) /
                            static_cast<double>(progress.total);
    return static_cast<int>(fraction * 1000.0);
}

QString progressBarText(const taxo::Progress& progress) {
    const QLocale locale;
    QStringList parts;
    if (const int permille = progressPermille(progress); permille >= 0)
        parts << tr("%1 %").arg(permille / 10);
    if (progress.items == 1)
        parts << tr("1 row read");
    else if (progress.items > 0)
        parts << tr("%1 rows read").arg(locale.toString(static_cast<qulonglong>(progress.items)));
    return parts.join(QStringLiteral(" — "));
}

QString describeProgress(const taxo::Progress& progress) {
    const QLocale locale;
    QStringList parts;
    if (progress.total > 0)
        parts << tr("%1 of %2")
                     .arg(amount(progress.done, progress.unit),
                          amount(progress.total, progress.unit));
    else if (progress.done > 0)
        parts << amount(progress.done, progress.unit);
    if (progress.items > 0)
        parts << tr("%1 rows").arg(locale.toString(static_cast<qulonglong>(progress.items)));
    if (progress.seconds >= kSettleSeconds) {
        if (progress.items > 0)
            parts << tr("%1 rows/s")
                         .arg(locale.toString(static_cast<qulonglong>(std::llround(
                             static_cast<double>(progress.items) / progress.seconds))));
        if (progress.total > 0 && progress.done > 0 && progress.done < progress.total) {
            const double left = progress.seconds *
                                static_cast<double>(progress.total - progress.done) /
                                static_cast<double>(progress.done);
            parts << tr("about %1 left").arg(describeDuration(left));
        }
    }
    const QString stage = QString::fromStdString(progress.stage);
    const QString details = parts.join(QStringLiteral(" · "));
    if (stage.isEmpty())
        return details;
    return details.isEmpty() ? stage : stage + QStringLiteral(": ") + details;
}

} // namespace taxo::ui
