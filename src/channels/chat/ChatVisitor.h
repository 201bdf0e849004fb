#pragma once

#include "ChatFrames.h"
#include "ChatSettings.h"

#include "server/TokenBucket.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <memory>

namespace tl::chat {

/// One visitor's /chat/ws WebSocket: reads and validates its frames (size, rate, JSON, order), answers pings,
/// drops it when silent, and sends what the gateway gives it. The gateway decides what the frames mean.
/// Thread: the main thread.
class ChatVisitor final : public QObject {
    Q_OBJECT
public:
    enum class State {
        /// Connected; hello not yet received.
        AwaitingHello,
        /// hello received; the gateway reads the conversation so far.
        Welcoming,
        /// welcome sent: frames flow both ways.
        Ready,
        /// An error frame or close was sent; nothing more is read.
        Closing,
    };

    ChatVisitor(quint64 id, std::unique_ptr<QWebSocket> socket, const ChatSettings& settings,
                QObject* parent = nullptr);
    ~ChatVisitor() override;

    [[nodiscard]] quint64 id() const { return m_id; }
    [[nodiscard]] State state() const { return m_state; }
    /// The peer's address, as the per-address limit counts it.
    [[nodiscard]] QString address() const { return m_address; }
    /// The page's origin ("https://shop.example"), empty when the client sent none.
    [[nodiscard]] QString origin() const;
    /// The Host the client connected to, as its handshake named it.
    [[nodiscard]] QString host() const;
    /// "visitor 12 from 127.0.0.1 (chat:…)" for the logs.
    [[nodiscard]] QString peer() const;

    /// The visitor id, identity, page and language (set by the gateway on hello).
    [[nodiscard]] const QString& visitorId() const { return m_visitorId; }
    [[nodiscard]] const QString& identity() const { return m_identity; }
    [[nodiscard]] const QString& page() const { return m_page; }
    [[nodiscard]] const QString& language() const { return m_language; }
    void setVisitor(const QString& visitorId, const QString& identity, const QString& page, const QString& language);

    /// Sends welcome; from now on frames flow.
    void welcome(const ChatWelcome& welcome);
    void sendFrame(const ChatServerFrame& frame);
    /// Sends an error frame and closes with the error's close code.
    void fail(ChatErrorCode code, const QString& message);
    /// Closes with 1001 (the server shuts down); the widget reconnects.
    void goAway(const QString& reason);

    /// Records the visitor's typing state; true when the gateway should pass it on: a change, or still typing
    /// \a repeatMs after it last passed it on.
    [[nodiscard]] bool noteTyping(bool active, qint64 repeatMs);
    [[nodiscard]] bool isTyping() const { return m_typing; }
    /// True once welcome was sent (it stays true while the connection closes).
    [[nodiscard]] bool wasWelcomed() const { return m_welcomed; }

signals:
    void frameReceived(tl::chat::ChatVisitor* visitor, const tl::chat::ChatClientFrame& frame);
    /// The socket is gone; the gateway forgets the visitor (which deletes itself later).
    void closed(tl::chat::ChatVisitor* visitor);
    /// The connection is being closed with an error frame of \a code (fail()).
    void refused(tl::chat::ChatErrorCode code);

private:
    void onTextFrame(const QString& fragment, bool isLastFrame);
    void onMessage(const QByteArray& message);
    void onDisconnected();
    void closeSocket(quint16 code, const QString& reason);

    quint64 m_id;
    std::unique_ptr<QWebSocket> m_socket;
    ChatSettings m_settings;
    QString m_address;
    State m_state = State::AwaitingHello;
    QString m_pendingMessage;
    QString m_visitorId;
    QString m_identity;
    QString m_page;
    QString m_language;
    QTimer m_helloTimer;
    QTimer m_silenceTimer;
    QTimer m_closeTimer;
    QElapsedTimer m_clock;
    server::TokenBucket m_frames;
    server::TokenBucket m_stored;
    bool m_typing = false;
    bool m_welcomed = false;
    qint64 m_typingPassedAtMs = -1;
};

} // namespace tl::chat
