#include "MailboxClient.h"

#include "ApiGet.h"

#include <QJsonArray>
#include <QJsonObject>

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
    getApiJson(m_network, apiUrl(server, QStringLiteral("mailboxes")), token, requestTimeoutMs, this,
               [done = std::move(done)](const core::Result<QJsonObject>& answer) {
                   if (!answer) {
                       done(core::Result<QList<MailboxHealth>>::failure(answer.error()));
                       return;
                   }
                   QList<MailboxHealth> list;
                   const QJsonArray mailboxes = answer.value().value(QStringLiteral("mailboxes")).toArray();
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
