#include "HttpTestClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace tl::servertest {

HttpReply HttpTestClient::get(const QUrl& url, const QByteArray& token) {
    return send("GET", url, {}, token, {});
}

HttpReply HttpTestClient::post(const QUrl& url, const QByteArray& body, const QByteArray& token,
                               const QByteArray& contentType) {
    return send("POST", url, body, token, contentType);
}

HttpReply HttpTestClient::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                               const QByteArray& token, const QByteArray& contentType) {
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (m_useSsl)
        request.setSslConfiguration(m_ssl);
    QNetworkReply* reply = method == "GET" ? m_network.get(request) : m_network.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QStringLiteral("timeout");
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (result.error.isEmpty() && reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

} // namespace tl::servertest
