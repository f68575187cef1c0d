#pragma once
// Runs one piece of long core work (a function taking a ProgressCallback and a
// CancelFlag, see core/util/progress.h) on a worker thread, so the window stays
// responsive. Progress reaches the UI thread as signals, coalesced so that a
// function reporting a million times does not flood the event queue.

#include "core/util/progress.h"
#include "core/util/result.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <string>

class QThread;

namespace taxo::ui {

class JobRunner final : public QObject {
    Q_OBJECT
public:
    // The work: returns a message for the user on success (may be empty) or an error.
    // It runs on the worker thread: it must not touch widgets or the UI's database
    // connection.
    using Job = std::function<taxo::Result<std::string>(const taxo::ProgressCallback&,
                                                        const taxo::CancelFlag*)>;

    explicit JobRunner(QObject* parent = nullptr);
    // A job still running is cancelled and waited for.
    ~JobRunner() override;

    // false (and nothing starts) while another job runs.
    bool start(Job job);
    // Asks the job to stop; finished() follows when it has.
    void cancel();
    bool isRunning() const { return thread_ != nullptr; }
    bool cancelRequested() const;

    // Runs the event loop until finished() or the timeout; true when finished.
    bool waitForFinished(int timeoutMs);

    // true when a message of finished() means the job stopped because it was cancelled.
    static bool isCancelledMessage(const QString& message);

signals:
    void progressed(const taxo::Progress& progress);
    void finished(bool success, const QString& message);

private:
    struct Shared;
    void deliverProgress();
    void onThreadFinished();

    std::shared_ptr<Shared> shared_;
    QThread* thread_ = nullptr;
};

} // namespace taxo::ui
