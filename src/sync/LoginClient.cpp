#include "LoginClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace tl::sync {

namespace {

constexpr int loginTimeoutMs = 15000;

QUrl endpoint(const QUrl& server, const QString& path) {
    QUrl url = server;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

} // namespace

LoginClient::LoginClient(QObject* parent)
    : QObject(parent) {}

QUrl LoginClient::normalizedServerUrl(const QString& text) {
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QStringLiteral("http://"));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    return url;
}

void LoginClient::login(const QUrl& server, const QString& login, const QString& password,
                        std::function<void(core::Result<Session>)> done) {
    QNetworkRequest request(endpoint(server, QStringLiteral("/api/v1/login")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(loginTimeoutMs);
    const QJsonObject body{{QStringLiteral("login"), login}, {QStringLiteral("password"), password}};
    QNetworkReply* reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [reply, server, login, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 401) {
            done(core::Result<Session>::failure(tr("Wrong login or password.")));
            return;
        }
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            done(core::Result<Session>::failure(tr("Cannot reach the server: %1").arg(reply->errorString())));
            return;
        }
        const QString token = answer.value(QStringLiteral("token")).toString();
        if (status != 200 || token.isEmpty()) {
            const QString error = answer.value(QStringLiteral("error")).toString();
            done(core::Result<Session>::failure(error.isEmpty()
                                                    ? tr("The server refused to sign you in (HTTP %1).").arg(status)
                                                    : tr("The server refused to sign you in: %1").arg(error)));
            return;
        }
        const QJsonObject account = answer.value(QStringLiteral("account")).toObject();
        Session session;
        session.server = server;
        session.token = token;
        session.login = account.value(QStringLiteral("login")).toString(login);
        session.name = account.value(QStringLiteral("name")).toString();
        session.role = account.value(QStringLiteral("role")).toString();
        done(session);
    });
}

void LoginClient::logout(const Session& session) {
    QNetworkRequest request(endpoint(session.server, QStringLiteral("/api/v1/logout")));
    request.setRawHeader("Authorization", "Bearer " + session.token.toUtf8());
    request.setTransferTimeout(loginTimeoutMs);
    QNetworkReply* reply = m_network.post(request, QByteArray());
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

} // namespace tl::sync
