#pragma once

#include "core/Result.h"
#include "store/ServerStore.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace tl::server {

class ServerMetrics;

/// Owns the server's ServerStore on the database thread and runs the jobs StoreThread hands it, one at a time,
/// in the order they were posted. On PostgreSQL it listens for other instances' appends and reopens a lost
/// connection. Thread: the database thread (everything but the constructor).
class StoreWorker final : public QObject {
    Q_OBJECT
public:
    explicit StoreWorker(ServerMetrics& metrics);
    ~StoreWorker() override;

    /// Opens the store and, on PostgreSQL, subscribes to other instances' appends.
    [[nodiscard]] core::Status open(const QString& url);
    /// Runs \a job on the open store and records how long it took.
    void run(const std::function<void(store::ServerStore&)>& job);
    /// Closes the store (on this thread, where its connection lives).
    void close();
    [[nodiscard]] bool isPostgres() const { return m_postgres; }

signals:
    /// Events were appended by someone else (another instance), or the store reconnected and may have missed
    /// notifications: readers should read after their cursors.
    void appended();

private:
    void subscribe();
    void checkConnection();

    ServerMetrics& m_metrics;
    QString m_url;
    bool m_postgres = false;
    std::unique_ptr<store::ServerStore> m_store;
    QTimer* m_healthTimer = nullptr;
};

} // namespace tl::server
