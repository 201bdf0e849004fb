#pragma once

#include "MailboxSync.h"

#include "server/ServerConfig.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace tl::server {
class ServerMetrics;
class StoreThread;
} // namespace tl::server

namespace tl::email {

/// One shared mailbox in the server (docs/email.md, "Shared mailboxes"): runs a MailboxSync on a thread of its
/// own and stores what it reads through the StoreThread — each batch's events and the mailbox's new cursor —,
/// telling the sync hub (eventsStored) when events were committed. Health goes to ServerMetrics.
/// Thread: the main thread.
class MailboxConnector final : public QObject {
    Q_OBJECT
public:
    MailboxConnector(server::MailboxConfig config, server::StoreThread& store, server::ServerMetrics& metrics,
                     QString attachmentsDirectory, QObject* parent = nullptr);
    /// Stops the worker and waits for it.
    ~MailboxConnector() override;

    /// Reads the stored cursor, then starts the worker thread.
    void start();
    /// Stops the worker and waits for it (at most one network timeout when it is stuck in a read).
    void stop();
    [[nodiscard]] const server::MailboxConfig& config() const { return m_config; }

Q_SIGNALS:
    /// The connector committed events (for the sync hub to fan them out to workstations).
    void eventsStored();

private:
    /// Worker thread: hands \a batch to the main thread for the store; the returned wait blocks until it is committed.
    MailboxSync::Pending storeBatch(const MailboxSync::Batch& batch);
    void startWorker(const store::MailboxState& cursor);

    server::MailboxConfig m_config;
    server::StoreThread& m_store;
    server::ServerMetrics& m_metrics;
    QString m_attachmentsDirectory;
    std::unique_ptr<MailboxSync> m_sync;
    std::unique_ptr<QThread> m_thread;
};

} // namespace tl::email
