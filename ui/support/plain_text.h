#pragma once
// Text from data (post titles, tags, names, descriptions, notes, file names, ids) is
// shown as plain text everywhere. Qt guesses whether a label's or a tooltip's text is
// HTML, and renders HTML with its resource loader, which opens any local file an
// <img src=…> names: a title `<img src="/dev/zero">` would read /dev/zero until the app
// aborts. The guard below takes the guess away for the whole application.

#include <QString>

class QLabel;
class QWidget;

namespace taxo::ui {

// The text as a tooltip shows it: escaped, line breaks kept, never HTML of its own.
QString plainToolTip(const QString& text);

// A label whose text is HTML made here (headings, links), never data unescaped.
QLabel* richLabel(const QString& html, QWidget* parent);

// Installs, once per application, a filter that (1) turns every label still left to
// guess (Qt::AutoText) into Qt::PlainText before it is first shown, so a label that
// is meant to be HTML says so with Qt::RichText; and (2) shows every tooltip, of a
// widget, an item view's cell or header, a menu's action or a tab, through
// plainToolTip.
void installPlainTextGuard();

} // namespace taxo::ui
