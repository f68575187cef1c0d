#pragma once
// Text from core (UTF-8 std::string) as Qt text. One helper for every page, model and
// test, instead of a copy in each file.

#include <QString>
#include <string>

namespace taxo::ui {

inline QString toQ(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace taxo::ui
