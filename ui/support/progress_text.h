#pragma once
// Progress of long work in words: "Reading Posts.xml: 12.3 MB of 45.6 MB · 12,345 rows ·
// 2,300 rows/s · about 12 s left".

#include "core/util/progress.h"

#include <QString>

namespace taxo::ui {

QString describeProgress(const taxo::Progress& progress);
// "45 s", "3 min 05 s", "2 h 07 min".
QString describeDuration(double seconds);
// Position for a 0..1000 bar, or -1 when the total is unknown (a busy bar then).
int progressPermille(const taxo::Progress& progress);
// The text on a progress bar: "42 % — 12,345 rows read"; the percentage only when the
// total is known, the rows only when some were read.
QString progressBarText(const taxo::Progress& progress);

} // namespace taxo::ui
