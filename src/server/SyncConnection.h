#pragma once

#include "SyncSettings.h"
#include "TokenBucket.h"
#include "protocol/Frames.h"
#include "store/ServerStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <tuple>

namespace tl::server {

class ServerMetrics;

/// One workstation's /sync WebSocket: reads and validates its frames (size, rate, JSON, order), answers pings,
/// drops it when silent, and sends what the hub gives it. The hub decides what the frames mean (authentication,
/// submits, which events to send); this class keeps the connection's stream position. Thread: the main thread.
class SyncConnection final : public QObject {
    Q_OBJECT
public:
    /// Events encoded as JSON by seq, shared by the reads of one pass: an event that several groups of connections
    /// see (supervisors and the agents of its queue) is encoded once.
    using EncodedEvents = QHash<qint64, QByteArray>;

    /// One read of the log (visible events after some seq, in seq order) as the connections that share it send
    /// it: the events frames are built on first use and reused by every connection that sends the same events,
    /// so a pass encodes each event about once, not once per connection.
    class SharedPage final {
    public:
        /// \a encoded: the pass's cache of encoded events (it must outlive this page).
        SharedPage(QVector<core::Event> events, EncodedEvents& encoded)
            : m_events(std::move(events))
            , m_encoded(encoded) {}
        [[nodiscard]] const QVector<core::Event>& events() const { return m_events; }

    private:
        friend class SyncConnection;
        /// One encoded events frame and how many events it carries.
        struct Frame final {
            /// The frame's UTF-8 JSON: sent as it is (implicitly shared) to the connections that asked for binary
            /// frames.
            QByteArray bytes;
            /// The same as text, for the connections that did not: converted on first use, once per page.
            QString text;
            /// \a bytes as a complete WebSocket binary message (frame headers included), built on first use and
            /// written as it is to the transport of every binary connection (see SyncConnection's transport).
            QByteArray wire;
            qsizetype events = 0;
        };
        /// The frames that carry the events from \a start to the end of the page with this \a live flag.
        QList<Frame>& framesFrom(qsizetype start, bool live);
        /// Appends the frames for events [first, last): at most maxEventsPerFrame each, halved while over
        /// maxFrameBytes.
        void encodeInto(QList<Frame>& frames, qsizetype first, qsizetype last, bool live);
        /// Exactly protocol::encode(EventsFrame{events [first, last), live}).
        [[nodiscard]] QByteArray frameBytes(qsizetype first, qsizetype last, bool live);

        QVector<core::Event> m_events;
        EncodedEvents& m_encoded;
        /// Frames by (first event, live); a pass needs one or two variants.
        QList<std::tuple<qsizetype, bool, QList<Frame>>> m_frames;
    };

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

    /// \a transport: the TCP (or TLS) socket under \a socket when known, or null. Binary frames are then written
    /// to it as complete WebSocket messages built once and shared by all connections (QWebSocket would copy every
    /// frame into each socket's buffer); everything else still goes through \a socket, in order, on the same
    /// transport.
    SyncConnection(quint64 id, std::unique_ptr<QWebSocket> socket, QTcpSocket* transport, const SyncSettings& settings,
                   ServerMetrics& metrics, QObject* parent = nullptr);
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
    /// \a staged: the cursor advances now, but what a binary connection would write waits for writeStaged(), so
    /// that the hub can start its next read before it spends its time writing to every connection.
    qsizetype deliver(SharedPage& page, bool complete, bool staged = false);
    /// Writes (and flushes) what deliver() staged, in order.
    void writeStaged();

    void sendFrame(const protocol::ServerFrame& frame);
    /// Sends an error frame and closes with the error's close code once the peer has stopped sending (a
    /// fraction of a second; frames that arrive meanwhile are ignored).
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
    /// Sends one encoded frame as the peer asked for it (binary or text) and flushes it.
    void sendEncoded(const QByteArray& frame);
    /// Writes a complete binary WebSocket message (binaryMessage()) to the transport, or sends \a payload through
    /// QWebSocket when there is no transport; does not flush.
    void writeBinary(const QByteArray& payload, QByteArray& wire);
    void closeSocket(quint16 code, const QString& reason);
    void keepLingering();

    quint64 m_id;
    std::unique_ptr<QWebSocket> m_socket;
    QPointer<QTcpSocket> m_transport;
    /// Complete WebSocket messages staged by deliver(), written by writeStaged().
    QList<QByteArray> m_staged;
    bool m_staging = false;
    SyncSettings m_settings;
    ServerMetrics& m_metrics;
    State m_state = State::AwaitingHello;
    QString m_client;
    QString m_pendingMessage;
    QTimer m_helloTimer;
    QTimer m_silenceTimer;
    QTimer m_closeTimer;
    /// Between an error frame and its close: fires once the peer has been quiet (see fail()).
    QTimer m_lingerTimer;
    qint64 m_lingerDeadline = 0;
    quint16 m_lingerCloseCode = 0;
    QString m_lingerCloseReason;
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
    /// The hello asked for binary frames ("binary_frames"); text frames until then.
    bool m_binaryFrames = false;
    bool m_counted = false;
    qsizetype m_refused = 0;
};

} // namespace tl::server
