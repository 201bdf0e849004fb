#pragma once

#include "protocol/Frames.h"

#include <QObject>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <optional>

namespace tl::servertest {

/// One workstation's /sync WebSocket, driven synchronously by a test: everything the server sends is queued and
/// taken in order with next().
class SyncTestClient final : public QObject {
    Q_OBJECT
public:
    /// One WebSocket message the server sent: its bytes (a text message's as UTF-8) and whether it was binary.
    struct Message final {
        QByteArray bytes;
        bool binary = false;
    };

    SyncTestClient();
    ~SyncTestClient() override;

    void setSslConfiguration(const QSslConfiguration& configuration) { m_socket.setSslConfiguration(configuration); }
    [[nodiscard]] bool open(const QUrl& url, int timeoutMs = 10000);
    void sendText(const QString& text);
    void sendBinary(const QByteArray& bytes);
    void sendFrame(const protocol::ClientFrame& frame);
    /// hello (asking for binary frames when \a binaryFrames), then the welcome (nothing when the server answered
    /// otherwise).
    [[nodiscard]] std::optional<protocol::Welcome> hello(const QByteArray& token, qint64 after = 0,
                                                         bool binaryFrames = false);

    /// The next message the server sent, as it came; nothing after the timeout.
    [[nodiscard]] std::optional<Message> nextMessage(int timeoutMs = 5000);
    /// The next frame the server sent, decoded (strictly, like a workstation would); nothing after the timeout.
    [[nodiscard]] std::optional<protocol::ServerFrame> next(int timeoutMs = 5000);
    /// The next event of \a kind the server sends (backlog or live), skipping other frames; nothing after the timeout.
    [[nodiscard]] std::optional<core::Event> nextEventOfKind(const QString& kind, int timeoutMs = 5000);
    /// How many text and binary messages the server sent so far (taken or not).
    [[nodiscard]] int textMessages() const { return m_textMessages; }
    [[nodiscard]] int binaryMessages() const { return m_binaryMessages; }
    /// The events up to caught_up (checking that the seqs increase); \a caughtUp gets its seq.
    [[nodiscard]] QVector<core::Event> backlog(qint64* caughtUp = nullptr, int timeoutMs = 10000);
    /// Waits until the server closed the connection; true when it did.
    [[nodiscard]] bool waitClosed(int timeoutMs = 5000);
    [[nodiscard]] int closeCode() const { return m_closeCode; }
    [[nodiscard]] bool isClosed() const { return m_closed; }
    /// Frames the server sent that did not decode (a server bug).
    [[nodiscard]] const QStringList& undecodable() const { return m_undecodable; }

private:
    QWebSocket m_socket;
    QList<Message> m_received;
    QStringList m_undecodable;
    int m_textMessages = 0;
    int m_binaryMessages = 0;
    bool m_closed = false;
    int m_closeCode = 0;
};

} // namespace tl::servertest
