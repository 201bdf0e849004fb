#pragma once

#include "ConnectionState.h"

#include "protocol/Frames.h"
#include "store/EventStore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <memory>

namespace tl::sync {

/// The sync loop itself, living in SyncClient's worker thread: owns the WebSocket and an EventStore
/// connection of its own. Thread: the sync worker thread (every member).
class SyncWorker final : public QObject {
    Q_OBJECT
public:
    explicit SyncWorker(QString databasePath);
    ~SyncWorker() override;

    void start(const QUrl& server, const QString& token);
    void stop();
    void flushOutbox();
    /// Tells the server that the agent is typing (or stopped) a chat reply to \a identity; dropped while offline.
    void sendTyping(const QString& identity, bool active);

    /// The WebSocket URL for a server's HTTP base URL: http → ws, https → wss, path /sync.
    [[nodiscard]] static QUrl syncUrl(const QUrl& server);

signals:
    void stateChanged(tl::sync::ConnectionState state, const QString& detail);
    void pendingChanged(int pending);
    void customersChanged(const QStringList& customerIds);
    void signedOut(const QString& reason);
    /// Events that arrived live (after caught_up) from the customers' side: new chats and inbound messages.
    void liveArrived(const QList<tl::core::Event>& events);
    /// A customer started or stopped typing in a live chat.
    void customerTyping(const QString& customerId, const QString& identity, bool active);

private:
    void connectNow();
    void onConnected();
    void onDisconnected();
    /// A frame from the server: its UTF-8 JSON, from a binary message (what hello asks for) or a text message (a
    /// server of the first revision of version 1).
    void onMessage(const QByteArray& message);
    void handle(const protocol::Welcome& frame);
    void handle(const protocol::EventsFrame& frame);
    void handle(const protocol::CaughtUp& frame);
    void handle(const protocol::Ack& frame);
    void handle(const protocol::Pong& frame);
    void handle(const protocol::ErrorFrame& frame);
    void handle(const protocol::TypingNotice& frame);
    void sendPing();
    void scheduleReconnect(const QString& reason);
    void setState(ConnectionState state, const QString& detail = {});
    void reportPending();
    [[nodiscard]] bool ensureStore();

    QString m_databasePath;
    std::unique_ptr<store::EventStore> m_store;
    QWebSocket* m_socket = nullptr;
    QUrl m_server;
    QString m_token;
    ConnectionState m_state = ConnectionState::Offline;
    bool m_running = false;
    bool m_submitInFlight = false;
    int m_failures = 0;
    /// The next hello asks for the whole log (after 0): the account gained a queue since the cache was synced.
    bool m_readFromStart = false;
    /// The after of the hello on this connection.
    qint64 m_helloAfter = 0;
    /// What the account sees, recorded in the cache at caught_up (once everything it may see has been read).
    std::optional<store::SyncedVisibility> m_visibilityToRecord;
    qint64 m_heartbeatMs = 15000;
    // Children, so that they move to the worker thread with this object.
    QTimer* m_reconnectTimer = nullptr;
    QTimer* m_heartbeatTimer = nullptr;
    QElapsedTimer m_sinceLastMessage;
};

} // namespace tl::sync
