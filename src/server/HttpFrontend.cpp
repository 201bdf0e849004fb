#include "HttpFrontend.h"

#include "ServerMetrics.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

namespace tl::server {

Q_LOGGING_CATEGORY(lcHttp, "threadline.server.http")

using namespace Qt::StringLiterals;

namespace {

/// One TCP connection to this server, as both its socket and the WebSocket made of it can tell.
QString connectionKey(const QHostAddress& peer, quint16 peerPort, quint16 localPort) {
    return u"%1|%2|%3"_s.arg(peer.toString()).arg(peerPort).arg(localPort);
}

QByteArray methodName(QHttpServerRequest::Method method) {
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

} // namespace

HttpFrontend::HttpFrontend(qint64 maxRequestBytes, ServerMetrics& metrics, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_maxRequestBytes(maxRequestBytes)
    , m_metrics(metrics) {
    // QAbstractHttpServer hands WebSocket upgrades over only while this signal is connected.
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpFrontend::takeWebSockets);
}

core::Status HttpFrontend::enableTls(const QString& certificateFile, const QString& keyFile) {
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty())
        return core::Status::failure(
            u"tls/certificate = \"%1\": no PEM certificate in the file"_s.arg(certificateFile));
    QFile keyIn(keyFile);
    if (!keyIn.open(QIODevice::ReadOnly))
        return core::Status::failure(u"tls/key = \"%1\": cannot read it: %2"_s.arg(keyFile, keyIn.errorString()));
    const QByteArray pem = keyIn.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return core::Status::failure(u"tls/key = \"%1\": not an unencrypted PEM RSA or EC private key"_s.arg(keyFile));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    sslSetup(configuration);
    return {};
}

core::Result<quint16> HttpFrontend::start(const QHostAddress& address, quint16 port) {
    const quint16 bound = listen(address, port);
    if (bound == 0)
        return core::Result<quint16>::failure(
            u"server/listen = \"%1:%2\": cannot listen there (in use, or not an address of this machine)"_s
                .arg(address.toString())
                .arg(port));
    return bound;
}

bool HttpFrontend::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    // Qt 6.4 asks this function about WebSocket upgrades too: true hands the socket to the WebSocket server (so
    // nothing may be written), false refuses it through missingHandler().
    for (const auto& [name, value] : request.headers()) {
        if (name.compare("Upgrade", Qt::CaseInsensitive) == 0 && value.compare("websocket", Qt::CaseInsensitive) == 0) {
            // WebSocket frames are small and latency-bound: without TCP_NODELAY, Nagle's algorithm holds a frame
            // until the peer acknowledges the previous one, which a delayed ACK makes up to 40 ms.
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            const bool accepted = m_webSocketPaths.contains(request.url().path()) && m_webSocketHandler;
            if (accepted) {
                for (auto it = m_upgrading.begin(); it != m_upgrading.end();)
                    it = it.value().isNull() ? m_upgrading.erase(it) : std::next(it);
                m_upgrading.insert(connectionKey(socket->peerAddress(), socket->peerPort(), socket->localPort()),
                                   socket);
            }
            return accepted;
        }
    }

    HttpRequest copy;
    copy.method = methodName(request.method());
    copy.path = request.url().path();
    copy.query = request.query();
    copy.headers = request.headers();
    copy.remoteAddress = request.remoteAddress();
    const bool keepAlive = copy.header("Connection").compare("close", Qt::CaseInsensitive) != 0;

    QPointer<QTcpSocket> guardedSocket(socket);
    auto answered = std::make_shared<bool>(false);
    Responder responder = [this, guardedSocket, answered, keepAlive, method = copy.method,
                           path = copy.path](const HttpResponse& response) {
        if (*answered)
            return;
        *answered = true;
        m_metrics.httpResponse(response.status);
        qCDebug(lcHttp).noquote() << method << path << response.status;
        if (!guardedSocket || guardedSocket->state() != QAbstractSocket::ConnectedState)
            return;
        guardedSocket->write(response.serialized(keepAlive));
        if (!keepAlive)
            guardedSocket->disconnectFromHost();
    };

    const qint64 declared = copy.header("Content-Length").toLongLong();
    if (declared > m_maxRequestBytes || request.body().size() > m_maxRequestBytes) {
        responder(HttpResponse::error(
            413, u"The request body is larger than the server's limit of %1 bytes (limits/max_request_bytes)."_s.arg(
                     m_maxRequestBytes)));
        return true;
    }
    copy.body = request.body();
    if (m_requestHandler)
        m_requestHandler(copy, std::move(responder));
    else
        responder(HttpResponse::error(503, u"The server is starting."_s));
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    m_metrics.httpResponse(404);
    socket->write(HttpResponse::error(404, u"There is nothing at %1."_s.arg(request.url().path())).serialized(false));
    socket->disconnectFromHost();
}

QTcpSocket* HttpFrontend::takeUpgradedSocket(const QWebSocket& socket) {
    const QPointer<QTcpSocket> transport =
        m_upgrading.take(connectionKey(socket.peerAddress(), socket.peerPort(), socket.localPort()));
    if (!transport || transport->state() != QAbstractSocket::ConnectedState)
        return nullptr;
    return transport.data();
}

void HttpFrontend::takeWebSockets() {
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            break;
        QTcpSocket* transport = takeUpgradedSocket(*socket);
        if (m_webSocketHandler)
            m_webSocketHandler(std::move(socket), transport);
        else
            socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"The server is starting."_s);
    }
}

} // namespace tl::server
