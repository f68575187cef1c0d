#include "ui/support/job_runner.h"

#include <QEventLoop>
#include <QMetaObject>
#include <QThread>
#include <QTimer>
#include <exception>
#include <mutex>
#include <optional>

namespace taxo::ui {

// State shared between the UI thread and the worker. Held by shared_ptr so that
// neither side outlives it.
struct JobRunner::Shared {
    taxo::CancelFlag cancel{false};
    std::mutex mutex;
    std::optional<taxo::Progress> latest; // newest progress not yet shown
    bool deliveryQueued = false;          // one queued delivery carries all reports since
    std::optional<taxo::Result<std::string>> result;
};

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner() {
    if (thread_) {
        shared_->cancel.store(true);
        thread_->wait();
        delete thread_;
    }
}

bool JobRunner::start(Job job) {
    if (thread_)
        return false;
    shared_ = std::make_shared<Shared>();
    auto shared = shared_;
    thread_ = QThread::create([shared, this, job = std::move(job)] {
        const taxo::ProgressCallback report = [shared, this](const taxo::Progress& progress) {
            std::lock_guard lock(shared->mutex);
            shared->latest = progress;
            if (shared->deliveryQueued)
                return;
            shared->deliveryQueued = true;
            // Queued to the runner's (UI) thread. The runner outlives the thread (its
            // destructor waits), and Qt drops events queued for a deleted object.
            QMetaObject::invokeMethod(
                this, [this] { deliverProgress(); }, Qt::QueuedConnection);
        };
        taxo::Result<std::string> result = taxo::makeError("the work did not finish");
        try {
            result = job(report, &shared->cancel);
        } catch (const std::exception& error) {
            result = taxo::makeError(std::string("unexpected error: ") + error.what());
        } catch (...) {
            result = taxo::makeError("unexpected error");
        }
        std::lock_guard lock(shared->mutex);
        shared->result = std::move(result);
    });
    connect(thread_, &QThread::finished, this, &JobRunner::onThreadFinished);
    thread_->start();
    return true;
}

void JobRunner::cancel() {
    if (shared_)
        shared_->cancel.store(true);
}

bool JobRunner::cancelRequested() const {
    return shared_ && shared_->cancel.load();
}

void JobRunner::deliverProgress() {
    std::optional<taxo::Progress> latest;
    {
        std::lock_guard lock(shared_->mutex);
        latest.swap(shared_->latest);
        shared_->deliveryQueued = false;
    }
    if (latest)
        emit progressed(*latest);
}

void JobRunner::onThreadFinished() {
    deliverProgress(); // the last report, so the bar ends where the work did
    std::optional<taxo::Result<std::string>> result;
    {
        std::lock_guard lock(shared_->mutex);
        result.swap(shared_->result);
    }
    thread_->deleteLater();
    thread_ = nullptr;
    if (!result) {
        emit finished(false, tr("The work stopped without a result."));
        return;
    }
    if (result->ok())
        emit finished(true, QString::fromStdString(result->value()));
    else
        emit finished(false, QString::fromStdString(result->message()));
}

bool JobRunner::waitForFinished(int timeoutMs) {
    if (!thread_)
        return true;
    QEventLoop loop;
    bool done = false;
    connect(this, &JobRunner::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done;
}

bool JobRunner::isCancelledMessage(const QString& message) {
    return message == QLatin1String(taxo::kCancelledMessage);
}

} // namespace taxo::ui
