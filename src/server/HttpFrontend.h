#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "core/Result.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QTcpSocket>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace tl::server {

class ServerMetrics;

/// The server's one listening port: HTTP(S) requests go to the request handler, WebSocket upgrades to the
/// WebSocket handler (QAbstractHttpServer hands them over on the same port, TLS included). Answers may come
/// later than the handler returns: the handler gets a responder to call once. Thread: the main thread.
class HttpFrontend final : public QAbstractHttpServer {
    Q_OBJECT
public:
    /// Sends the answer to one request; later calls are ignored, and so is a call after the client went away.
    using Responder = std::function<void(const HttpResponse&)>;
    using RequestHandler = std::function<void(const HttpRequest&, Responder)>;
    /// \a transport: the TCP (or TLS) socket the WebSocket runs on, or null when it could not be told.
    using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket>, QTcpSocket* transport)>;

    HttpFrontend(qint64 maxRequestBytes, ServerMetrics& metrics, QObject* parent = nullptr);

    void setRequestHandler(RequestHandler handler) { m_requestHandler = std::move(handler); }
    void setWebSocketHandler(WebSocketHandler handler) { m_webSocketHandler = std::move(handler); }
    /// The paths whose WebSocket upgrades go to the handler (default: /sync); others get 404.
    void setWebSocketPaths(QStringList paths) { m_webSocketPaths = std::move(paths); }

    /// Serves HTTPS and WSS with the PEM certificate (chain) and private key in these files.
    [[nodiscard]] core::Status enableTls(const QString& certificateFile, const QString& keyFile);
    /// Listens; returns the port (the chosen one when \a port is 0).
    [[nodiscard]] core::Result<quint16> start(const QHostAddress& address, quint16 port);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    void takeWebSockets();
    /// The socket an upgrade arrived on, for the WebSocket that QAbstractHttpServer makes of it (matched by the
    /// connection's addresses and ports: Qt does not say which socket a QWebSocket runs on).
    [[nodiscard]] QTcpSocket* takeUpgradedSocket(const QWebSocket& socket);

    qint64 m_maxRequestBytes;
    ServerMetrics& m_metrics;
    RequestHandler m_requestHandler;
    WebSocketHandler m_webSocketHandler;
    QStringList m_webSocketPaths{QStringLiteral("/sync")};
    /// Sockets whose upgrade was accepted and whose WebSocket has not been taken yet, by connection key.
    QHash<QString, QPointer<QTcpSocket>> m_upgrading;
};

} // namespace tl::server
