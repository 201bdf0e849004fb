#include "MailboxClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace tl::sync {

namespace {

constexpr int requestTimeoutMs = 15000;

} // namespace

MailboxClient::MailboxClient(QObject* parent)
    : QObject(parent) {}

bool MailboxClient::mayRead(const QString& role) {
    return role == QLatin1String("supervisor") || role == QLatin1String("admin");
}

void MailboxClient::fetch(const QUrl& server, const QString& token,
                          std::function<void(core::Result<QList<MailboxHealth>>)> done) {
    QUrl url = server;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/api/v1/mailboxes"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(requestTimeoutMs);
    QNetworkReply* reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        using Answer = core::Result<QList<MailboxHealth>>;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            done(Answer::failure(tr("Cannot reach the server: %1").arg(reply->errorString())));
            return;
        }
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200) {
            const QString error = answer.value(QStringLiteral("error")).toString();
            done(Answer::failure(error.isEmpty() ? tr("The server refused the request (HTTP %1).").arg(status)
                                                 : tr("The server refused the request: %1").arg(error)));
            return;
        }
        QList<MailboxHealth> list;
        const QJsonArray mailboxes = answer.value(QStringLiteral("mailboxes")).toArray();
        for (const QJsonValue& value : mailboxes) {
            const QJsonObject object = value.toObject();
            MailboxHealth health;
            health.name = object.value(QStringLiteral("name")).toString();
            health.address = object.value(QStringLiteral("address")).toString();
            health.queue = object.value(QStringLiteral("queue")).toString();
            health.connected = object.value(QStringLiteral("connected")).toBool();
            health.lastSyncAt = qint64(object.value(QStringLiteral("last_sync_at")).toDouble());
            health.lastError = object.value(QStringLiteral("last_error")).toString();
            health.lastErrorAt = qint64(object.value(QStringLiteral("last_error_at")).toDouble());
            list.append(health);
        }
        done(list);
    });
}

} // namespace tl::sync
