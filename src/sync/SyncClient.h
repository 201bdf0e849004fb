#pragma once

#include "ConnectionState.h"

#include "core/Event.h"

#include <QObject>
#include <QThread>
#include <QUrl>

namespace tl::sync {

class SyncWorker;

/// Keeps the local cache in step with threadline-server over one WebSocket (docs/protocol.md): resumes after
/// the last applied seq, applies the server's events to the cache, delivers the outbox and marks what the
/// server acknowledged, reconnects with backoff when the link drops. All of it runs in a worker thread with
/// its own database connection; this object is the GUI thread's handle. Thread: GUI.
class SyncClient final : public QObject {
    Q_OBJECT
public:
    SyncClient(QString databasePath, QObject* parent = nullptr);
    ~SyncClient() override;

    /// Starts syncing with \a server (its HTTP base URL) using a session \a token.
    void start(const QUrl& server, const QString& token);
    /// Stops syncing; the outbox keeps what has not been delivered.
    void stop();
    /// Asks the worker to deliver the outbox now (after a local write).
    void flushOutbox();
    /// Tells the server the agent is typing (or stopped) a chat reply to \a identity ("chat:<visitor>").
    void sendTyping(const QString& identity, bool active);

    [[nodiscard]] ConnectionState state() const { return m_state; }
    [[nodiscard]] const QString& stateDetail() const { return m_detail; }
    /// Actions in the outbox not yet acknowledged.
    [[nodiscard]] int pending() const { return m_pending; }

signals:
    /// \a detail is a sentence for the agent (the last error when disconnected); may be empty.
    void stateChanged(tl::sync::ConnectionState state, const QString& detail);
    void pendingChanged(int pending);
    /// The server's events or acknowledgements changed these customers in the cache.
    void customersChanged(const QStringList& customerIds);
    /// The token was refused (revoked, expired, account disabled): sign in again.
    void signedOut(const QString& reason);
    /// Events from the customers' side that arrived live: new chats and inbound messages (for notifications).
    void liveArrived(const QList<tl::core::Event>& events);
    /// A customer started or stopped typing in a live chat.
    void customerTyping(const QString& customerId, const QString& identity, bool active);

private:
    QThread m_thread;
    SyncWorker* m_worker = nullptr;
    ConnectionState m_state = ConnectionState::Offline;
    QString m_detail;
    int m_pending = 0;
};

} // namespace tl::sync
