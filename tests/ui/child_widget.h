#pragma once
// A page's widget by its object name, or the test stops there: every GUI test finds the
// real widgets a user would use this way.

#include <QObject>
#include <QString>
#include <catch2/catch.hpp>

namespace taxo::test {

template <typename T> T* child(const QObject* parent, const QString& name) {
    auto* found = parent->findChild<T*>(name);
    INFO(name.toStdString());
    REQUIRE(found != nullptr);
    return found;
}

template <typename T> T* child(const QObject* parent, const char* name) {
    return child<T>(parent, QString::fromLatin1(name));
}

template <typename T> T* child(const QObject& parent, const char* name) {
    return child<T>(&parent, QString::fromLatin1(name));
}

template <typename T> T* child(const QObject& parent, const QString& name) {
    return child<T>(&parent, name);
}

} // namespace taxo::test
