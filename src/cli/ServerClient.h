#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

namespace tl::cli {

/// What the server answered to one request.
struct ServerReply final {
    /// The HTTP status; 0 when no answer came.
    int status = 0;
    /// The body, parsed as a JSON object; empty when it was none.
    QJsonObject json;
    /// Why the request failed, in words for people: the server's {"error": ...} message, or what went wrong on
    /// the way (connection refused, TLS, time-out). Empty when it succeeded.
    QString error;
    /// True when no HTTP answer came at all: the server could not be reached, the TLS handshake failed, or it
    /// did not answer in time.
    bool unreachable = false;

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// The HTTP client of threadline-ctl for a Threadline server's REST API (docs/server.md, "HTTP API"): JSON
/// requests under BASE/api/v1/ with the session token as a bearer token, over http or https. Each request
/// runs QNetworkAccessManager on a local event loop until it is answered, fails, or goes longer than the
/// time-out without progress; the CLI has nothing else to do meanwhile.
class ServerClient final {
public:
    /// \a baseUrl: http or https, with an optional path prefix (a reverse proxy's); \a timeoutMs: how long a
    /// request may go without progress.
    ServerClient(QUrl baseUrl, int timeoutMs);
    ServerClient(const ServerClient&) = delete;
    ServerClient& operator=(const ServerClient&) = delete;

    /// Trusts the certificates of the PEM file \a path besides the system's (a self-signed server).
    [[nodiscard]] core::Status trustCertificates(const QString& path);
    /// The session token sent with every request; empty: none.
    void setToken(QByteArray token) { m_token = std::move(token); }
    [[nodiscard]] const QByteArray& token() const { return m_token; }
    /// The server's address as messages name it.
    [[nodiscard]] QString serverName() const;

    /// GET BASE/api/v1/\a path?\a query.
    [[nodiscard]] ServerReply get(const QString& path, const QList<std::pair<QString, QString>>& query = {});
    /// POST \a body as JSON to BASE/api/v1/\a path?\a query.
    [[nodiscard]] ServerReply post(const QString& path, const QJsonObject& body,
                                   const QList<std::pair<QString, QString>>& query = {});
    /// POST \a body of \a contentType as it is.
    [[nodiscard]] ServerReply postData(const QString& path, const QByteArray& body, const QByteArray& contentType,
                                       const QList<std::pair<QString, QString>>& query = {});

    /// BASE/api/v1/\a path?\a query, every query value percent-encoded ("+" included).
    [[nodiscard]] QUrl url(const QString& path, const QList<std::pair<QString, QString>>& query) const;

private:
    [[nodiscard]] ServerReply send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                                   const QByteArray& contentType);

    QNetworkAccessManager m_network;
    QUrl m_base;
    int m_timeoutMs;
    QByteArray m_token;
    std::optional<QSslConfiguration> m_ssl;
};

} // namespace tl::cli
