#pragma once

#include "SyncSettings.h"
#include "TokenBucket.h"
#include "protocol/Frames.h"
#include "store/ServerStore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <memory>

namespace tl::server {

class ServerMetrics;

/// One workstation's /sync WebSocket: reads and validates its frames (size, rate, JSON, order), answers pings,
/// drops it when silent, and sends what the hub gives it. The hub decides what the frames mean (authentication,
/// submits, which events to send); this class keeps the connection's stream position. Thread: the main thread.
class SyncConnection final : public QObject {
    Q_OBJECT
public:
    enum class State {
        /// Connected; hello not yet received.
        AwaitingHello,
        /// hello received; the hub is checking the token.
        Authenticating,
        /// welcome sent: backlog, then live.
        Ready,
        /// An error frame or close was sent; nothing more is read.
        Closing,
    };

    SyncConnection(quint64 id, std::unique_ptr<QWebSocket> socket, const SyncSettings& settings, ServerMetrics& metrics,
                   QObject* parent = nullptr);
    ~SyncConnection() override;

    [[nodiscard]] quint64 id() const { return m_id; }
    [[nodiscard]] State state() const { return m_state; }
    /// The peer's address and the client it named, for the logs.
    [[nodiscard]] QString peer() const;

    /// Sends welcome and starts streaming from \a after (the hub reads, the connection remembers).
    void accept(const protocol::Welcome& welcome, const store::Visibility& visibility, const QByteArray& tokenHash,
                qint64 after);
    [[nodiscard]] const QString& login() const { return m_login; }
    /// The account's display name (its login when it has none), as visitors see it.
    [[nodiscard]] const QString& agentName() const { return m_agentName; }
    [[nodiscard]] const QByteArray& tokenHash() const { return m_tokenHash; }
    [[nodiscard]] const store::Visibility& visibility() const { return m_visibility; }
    /// Groups connections that see the same events: "*" for everything, else the sorted queues.
    [[nodiscard]] const QString& visibilityKey() const { return m_visibilityKey; }

    /// Every visible event with seq <= cursor() has been sent.
    [[nodiscard]] qint64 cursor() const { return m_cursor; }
    [[nodiscard]] bool caughtUp() const { return m_caughtUp; }
    /// Sends the events with seq > cursor() of \a page, a read of the visible events after some seq at or below
    /// cursor(), and advances the cursor. \a complete: the read returned everything there was (no more pages),
    /// so a connection still in its backlog sends caught_up. Returns how many events it sent.
    qsizetype deliver(const QVector<core::Event>& page, bool complete);

    void sendFrame(const protocol::ServerFrame& frame);
    /// Sends an error frame and closes with the error's close code.
    void fail(protocol::ErrorCode code, const QString& message);
    /// Closes with 1001 ("going away": the server shuts down, or the account changed); the client reconnects.
    void goAway(const QString& reason);
    /// Counts refused submitted events; true when the connection keeps submitting what it may not.
    [[nodiscard]] bool noteRefused(qsizetype count);

signals:
    void helloReceived(tl::server::SyncConnection* connection, const tl::protocol::Hello& hello);
    void submitReceived(tl::server::SyncConnection* connection, const tl::protocol::Submit& submit);
    void typingReceived(tl::server::SyncConnection* connection, const tl::protocol::Typing& typing);
    /// The socket is gone; the hub forgets the connection (which deletes itself later).
    void closed(tl::server::SyncConnection* connection);

private:
    void onTextFrame(const QString& fragment, bool isLastFrame);
    void onMessage(const QByteArray& message);
    void onBinaryFrame();
    void onDisconnected();
    void closeSocket(quint16 code, const QString& reason);
    void sendEventsFrames(const QVector<core::Event>& events, bool live);

    quint64 m_id;
    std::unique_ptr<QWebSocket> m_socket;
    SyncSettings m_settings;
    ServerMetrics& m_metrics;
    State m_state = State::AwaitingHello;
    QString m_client;
    QString m_pendingMessage;
    QTimer m_helloTimer;
    QTimer m_silenceTimer;
    QTimer m_closeTimer;
    QElapsedTimer m_clock;
    TokenBucket m_frames;
    TokenBucket m_events;
    QString m_login;
    QString m_agentName;
    QByteArray m_tokenHash;
    store::Visibility m_visibility;
    QString m_visibilityKey;
    qint64 m_cursor = 0;
    qint64 m_welcomeHead = 0;
    bool m_caughtUp = false;
    bool m_counted = false;
    qsizetype m_refused = 0;
};

} // namespace tl::server
