#include "ApiGet.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace tl::sync {

QUrl apiUrl(const QUrl& server, const QString& path) {
    QUrl url = server;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/api/v1/") + path);
    return url;
}

void getApiJson(QNetworkAccessManager& network, const QUrl& url, const QString& token, int timeoutMs, QObject* context,
                std::function<void(core::Result<QJsonObject>)> done) {
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = network.get(request);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        using Answer = core::Result<QJsonObject>;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            done(Answer::failure(
                QCoreApplication::translate("ApiGet", "Cannot reach the server: %1").arg(reply->errorString())));
            return;
        }
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200) {
            const QString error = answer.value(QStringLiteral("error")).toString();
            done(Answer::failure(
                error.isEmpty()
                    ? QCoreApplication::translate("ApiGet", "The server refused the request (HTTP %1).").arg(status)
                    : QCoreApplication::translate("ApiGet", "The server refused the request: %1").arg(error)));
            return;
        }
        done(answer);
    });
}

} // namespace tl::sync
