#include "ColleagueClient.h"

#include "ApiGet.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

namespace tl::sync {

namespace {

/// A small answer: an agent waiting to hand a chat over should not wait long for an unreachable server.
constexpr int requestTimeoutMs = 8000;

Colleague colleagueFrom(const QJsonObject& object) {
    Colleague colleague;
    colleague.login = object.value(QStringLiteral("login")).toString();
    colleague.name = object.value(QStringLiteral("name")).toString();
    colleague.role = object.value(QStringLiteral("role")).toString();
    colleague.online = object.value(QStringLiteral("online")).toBool();
    return colleague;
}

} // namespace

ColleagueClient::ColleagueClient(QObject* parent)
    : QObject(parent) {}

void ColleagueClient::setSession(const QUrl& server, const QString& token) {
    m_server = server;
    m_token = token;
}

QList<Colleague> ColleagueClient::merged(const QList<QList<Colleague>>& lists) {
    QList<Colleague> all;
    QHash<QString, qsizetype> indexOf;
    for (const QList<Colleague>& list : lists) {
        for (const Colleague& colleague : list) {
            if (colleague.login.isEmpty())
                continue;
            const auto found = indexOf.constFind(colleague.login);
            if (found == indexOf.cend()) {
                indexOf.insert(colleague.login, all.size());
                all.append(colleague);
            } else if (colleague.online) {
                all[*found].online = true;
            }
        }
    }
    std::sort(all.begin(), all.end(), [](const Colleague& left, const Colleague& right) {
        if (left.online != right.online)
            return left.online;
        if (const int order = left.displayName().localeAwareCompare(right.displayName()); order != 0)
            return order < 0;
        return left.login < right.login;
    });
    return all;
}

void ColleagueClient::get(const QUrl& url, std::function<void(core::Result<QJsonObject>)> done) {
    getApiJson(m_network, url, m_token, requestTimeoutMs, this, std::move(done));
}

void ColleagueClient::fetch(const QString& queue, Done done) {
    if (!hasSession()) {
        done(core::Result<QList<Colleague>>::failure(tr("Not signed in to a server.")));
        return;
    }
    if (!queue.isEmpty()) {
        fetchQueues({queue}, std::move(done));
        return;
    }
    get(apiUrl(m_server, QStringLiteral("queues")), [this, done = std::move(done)](core::Result<QJsonObject> answer) {
        if (!answer) {
            done(core::Result<QList<Colleague>>::failure(answer.error()));
            return;
        }
        QStringList queues;
        for (const QJsonValue& value : answer.value().value(QStringLiteral("queues")).toArray())
            queues.append(value.toObject().value(QStringLiteral("name")).toString());
        queues.removeAll(QString());
        fetchQueues(queues, done);
    });
}

void ColleagueClient::fetchQueues(const QStringList& queues, Done done) {
    if (queues.isEmpty()) {
        done(QList<Colleague>());
        return;
    }
    // One request per queue, answered together once the last is in (or at the first failure).
    struct Pending final {
        Done done;
        QList<QList<Colleague>> lists;
        qsizetype waiting = 0;
        bool failed = false;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    pending->waiting = queues.size();
    for (const QString& queue : queues) {
        QUrl url = apiUrl(m_server, QStringLiteral("colleagues"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("queue"), queue);
        url.setQuery(query);
        get(url, [pending](core::Result<QJsonObject> answer) {
            if (pending->failed)
                return;
            if (!answer) {
                pending->failed = true;
                pending->done(core::Result<QList<Colleague>>::failure(answer.error()));
                return;
            }
            QList<Colleague> list;
            for (const QJsonValue& value : answer.value().value(QStringLiteral("colleagues")).toArray())
                list.append(colleagueFrom(value.toObject()));
            pending->lists.append(list);
            if (--pending->waiting == 0)
                pending->done(merged(pending->lists));
        });
    }
}

} // namespace tl::sync
