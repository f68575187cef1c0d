#pragma once
// Long core work off the UI thread: the work runs on a QThread of its own and its
// result is handed back on the UI thread. The work must not touch the session's
// Project (one connection per thread): it opens its own connection from the path.

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>

namespace taxo::ui {

// Starts `work` on a new thread; `done` runs on `receiver`'s thread with the result,
// unless the receiver is gone by then. Returns the thread, which deletes itself.
template <typename Value>
QThread* runInBackground(QObject* receiver, std::function<Value()> work,
                         std::function<void(Value&)> done) {
    QPointer<QObject> guard(receiver);
    QThread* thread = QThread::create([guard, work = std::move(work), done = std::move(done)] {
        auto value = std::make_shared<Value>(work());
        if (!guard)
            return;
        QMetaObject::invokeMethod(
            guard.data(), [value, done] { done(*value); }, Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    return thread;
}

} // namespace taxo::ui
