#pragma once

#include "SubmitBatcher.h"
#include "SyncSettings.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QWebSocket>

#include <memory>

namespace tl::server {

class ServerMetrics;
class StoreThread;
class SyncConnection;

/// The server's side of sync (docs/protocol.md): authenticates each /sync connection, streams it the visible log
/// after its cursor — backlog, caught_up, then live — and stores what it submits.
///
/// Gap-free and duplicate-free by construction: every connection keeps the seq it has sent up to, and whatever
/// wakes the hub (a submit, an import, another instance's NOTIFY) only leads to reads "after the cursor" from the
/// store, whose seq order is commit order. Reads are coalesced: one pass at a time, one read per group of
/// connections that see the same events (live connections of one visibility share a read; backlog readers share
/// one when they stand at the same seq). Thread: the main thread.
class SyncHub final : public QObject {
    Q_OBJECT
public:
    SyncHub(StoreThread& store, ServerMetrics& metrics, const SyncSettings& settings, QObject* parent = nullptr);
    ~SyncHub() override;

    /// Takes over a WebSocket that asked for /sync (others are closed). \a transport: the socket under it, when
    /// known (SyncConnection writes binary frames there directly).
    void addConnection(std::unique_ptr<QWebSocket> socket, QTcpSocket* transport = nullptr);
    /// Events were committed (here or by another instance): every connection reads after its cursor.
    void eventsAppended();
    /// Closes (4001) the connections signed in with this session token, or by this login.
    void closeSession(const QByteArray& token);
    void closeSessionsOf(const QString& login);
    /// Closes (4001) the connections signed in with the session token whose SHA-256 is \a tokenHash (a session
    /// another instance ended; ClusterBus).
    void closeSessionByTokenHash(const QByteArray& tokenHash);
    /// Closes (1001) the connections of \a login so that they reconnect and read the account afresh.
    void reconnectSessionsOf(const QString& login);
    /// Closes every connection with 1001.
    void shutdown();
    [[nodiscard]] qsizetype connectionCount() const { return m_connections.size(); }
    /// True when a signed-in workstation on this instance sees \a queue's customers (an agent of the queue, or a
    /// supervisor or admin): someone can answer a chat there.
    [[nodiscard]] bool isQueueStaffed(const QString& queue) const;
    /// What the signed-in workstations on this instance see together: every queue when one of them is a
    /// supervisor's or an admin's, else the union of their queues (sorted).
    [[nodiscard]] store::Visibility staffing() const;

    /// A customer started or stopped typing at \a identity ("chat:<visitor>"): tells the connections that see
    /// the customer (a typing frame; nothing when no customer owns the identity yet).
    void customerTyping(const QString& identity, bool active);

    /// The logins with a ready connection on this instance (signed in and past hello): who is online here.
    [[nodiscard]] QSet<QString> readyLogins() const;

signals:
    /// Emitted by eventsAppended(): events were committed here or by another instance (for other readers of the
    /// log, such as the chat gateway).
    void eventsCommitted();
    /// An agent's workstation sent a typing frame for a visitor.
    void agentTyping(const QString& identity, const QString& agentName, bool active);
    /// A workstation signed in or went away: isQueueStaffed() may answer differently.
    void staffingChanged();

private:
    void onHello(SyncConnection* connection, const protocol::Hello& hello);
    void onSubmit(SyncConnection* connection, const protocol::Submit& submit);
    /// Acknowledges each submit of a group the store applied together (group commit).
    void onSubmitsApplied(const QVector<SubmitBatcher::Outcome>& outcomes);
    void onClosed(SyncConnection* connection);
    void schedulePass();
    void runPass();
    /// Closes the connections whose session was revoked (or account disabled) and renews those whose account's
    /// queues changed, whatever this instance heard of it: the cluster bus may have been down meanwhile.
    void recheckSessions();

    StoreThread& m_store;
    ServerMetrics& m_metrics;
    SyncSettings m_settings;
    /// Submits wait here for the database thread; each group is applied in one transaction.
    SubmitBatcher* m_submits = nullptr;
    QHash<quint64, SyncConnection*> m_connections;
    quint64 m_nextId = 1;
    bool m_passRunning = false;
    bool m_passWanted = false;
    QTimer m_recheckTimer;
    bool m_passScheduled = false;
};

} // namespace tl::server
