#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <optional>

namespace tl::chattest {

/// One visitor's /chat/ws WebSocket, driven synchronously by a test: what the server sends is queued as JSON
/// objects and taken in order with next().
class ChatVisitorClient final : public QObject {
    Q_OBJECT
public:
    /// \a origin: the Origin header a browser would send (none when empty).
    explicit ChatVisitorClient(const QString& origin = {});
    ~ChatVisitorClient() override;

    [[nodiscard]] bool open(const QUrl& url, int timeoutMs = 10000);
    void sendText(const QString& text);
    void send(const QJsonObject& frame);
    /// hello with \a token, then the welcome (nothing when the server answered otherwise).
    [[nodiscard]] std::optional<QJsonObject> hello(const QString& token);

    /// The next frame the server sent; nothing after the timeout.
    [[nodiscard]] std::optional<QJsonObject> next(int timeoutMs = 5000);
    /// The next frame of \a type, skipping others (they stay queued); nothing after the timeout.
    [[nodiscard]] std::optional<QJsonObject> nextOf(const QString& type, int timeoutMs = 5000);
    /// Runs the event loop for \a ms (frames arriving meanwhile are queued).
    void wait(int ms);
    /// True when a frame of \a type has arrived and not been taken yet.
    [[nodiscard]] bool hasReceived(const QString& type) const;
    /// Waits until the server closed the connection; true when it did.
    [[nodiscard]] bool waitClosed(int timeoutMs = 5000);
    [[nodiscard]] int closeCode() const { return m_closeCode; }
    [[nodiscard]] bool isClosed() const { return m_closed; }
    /// Closes the connection (as a tab that is closed).
    void close() { m_socket.close(); }

    /// A fresh visitor token: 64 random lower-case hex digits.
    [[nodiscard]] static QString newToken();

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    bool m_closed = false;
    int m_closeCode = 0;
};

} // namespace tl::chattest
