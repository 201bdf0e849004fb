#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QUrl>

namespace tl::servertest {

/// What one HTTP request returned.
struct HttpReply final {
    /// The HTTP status; 0 when there was no answer (the error says why).
    int status = 0;
    QByteArray body;
    /// The body as a JSON object (empty when it is not one).
    QJsonObject json;
    QByteArray contentType;
    QString error;
};

/// Synchronous HTTP for tests: each call runs an event loop until the answer (or a timeout).
class HttpTestClient final {
public:
    HttpTestClient() = default;
    /// Trusts only this configuration's CA certificates (for the TLS test).
    void setSslConfiguration(const QSslConfiguration& configuration) {
        m_ssl = configuration;
        m_useSsl = true;
    }

    HttpReply get(const QUrl& url, const QByteArray& token = {});
    HttpReply post(const QUrl& url, const QByteArray& body, const QByteArray& token = {},
                   const QByteArray& contentType = "application/json");

private:
    HttpReply send(const QByteArray& method, const QUrl& url, const QByteArray& body, const QByteArray& token,
                   const QByteArray& contentType);

    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    bool m_useSsl = false;
};

} // namespace tl::servertest
