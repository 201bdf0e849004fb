#pragma once

#include "core/Result.h"
#include "store/ServerStore.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <type_traits>

namespace tl::server {

class ServerMetrics;
class StoreWorker;

/// The server's database thread: a QThread whose StoreWorker owns the ServerStore (and its own connection).
/// The event loop hands jobs in with call() and gets their results back as queued calls, so it never waits on
/// the database. Jobs run one at a time in the order they were posted: a read posted after a write sees it.
/// Thread: the main thread.
class StoreThread final : public QObject {
    Q_OBJECT
public:
    explicit StoreThread(ServerMetrics& metrics, QObject* parent = nullptr);
    ~StoreThread() override;

    /// Opens the store on the database thread and waits for it; for start-up, before the server serves.
    [[nodiscard]] core::Status open(const QString& url);
    [[nodiscard]] bool isPostgres() const;

    /// Runs \a job(ServerStore&) on the database thread, then \a done(result) on this thread — unless \a context
    /// was destroyed meanwhile.
    template <typename Job, typename Done> void call(QObject* context, Job job, Done done) {
        using T = std::invoke_result_t<Job&, store::ServerStore&>;
        post([this, context = QPointer<QObject>(context), job = std::move(job),
              done = std::move(done)](store::ServerStore& store) mutable {
            auto result = std::make_shared<T>(job(store));
            QMetaObject::invokeMethod(
                this,
                [context, done = std::move(done), result]() mutable {
                    if (context)
                        done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    /// Runs \a job on the database thread and waits for its result; for start-up and tests only.
    template <typename Job> auto callBlocking(Job job) -> std::invoke_result_t<Job&, store::ServerStore&> {
        using T = std::invoke_result_t<Job&, store::ServerStore&>;
        std::shared_ptr<T> result;
        postBlocking([&](store::ServerStore& store) { result = std::make_shared<T>(job(store)); });
        return std::move(*result);
    }

signals:
    /// Another server instance appended events (PostgreSQL NOTIFY), or the store reconnected.
    void appended();

private:
    void post(std::function<void(store::ServerStore&)> job);
    void postBlocking(const std::function<void(store::ServerStore&)>& job);

    QThread m_thread;
    StoreWorker* m_worker = nullptr;
    bool m_postgres = false;
};

} // namespace tl::server
