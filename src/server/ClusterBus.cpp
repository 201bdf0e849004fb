#include "ClusterBus.h"

#include "ClusterConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>

namespace tl::server {

Q_LOGGING_CATEGORY(lcClusterBus, "threadline.server.cluster.bus")

using namespace Qt::StringLiterals;

namespace {

/// The NOTIFY channel of the bus (the store's appends go on "threadline_events").
const QString channel = u"threadline_cluster"_s;
/// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; notices stay well below.
constexpr qsizetype maxPayloadBytes = 7000;
/// Changes of this instance's staffing within this time go out as one announcement.
constexpr int coalesceMs = 50;
/// How often remote staffing is checked for expiry.
constexpr int expiryCheckMs = 1000;

namespace kinds {
const QString sessionClosed = u"session.closed"_s;
const QString sessionsOfClosed = u"account.closed"_s;
const QString accountChanged = u"account.changed"_s;
const QString customerTyping = u"typing.customer"_s;
const QString agentTyping = u"typing.agent"_s;
const QString staffing = u"staffing"_s;
const QString leave = u"leave"_s;
} // namespace kinds

} // namespace

ClusterBus::ClusterBus(Settings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_instanceId(QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0'))
    , m_connection(new ClusterConnection(m_settings.databaseUrl, channel)) {
    m_thread.setObjectName(u"threadline-cluster"_s);
    m_connection->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_connection, &QObject::deleteLater);
    connect(m_connection, &ClusterConnection::received, this, &ClusterBus::received);
    // Whatever was said while the connection was down is lost: say where this instance stands again.
    connect(m_connection, &ClusterConnection::connected, this, &ClusterBus::announce);
    m_thread.start();

    m_announceTimer.setInterval(m_settings.announceMs);
    connect(&m_announceTimer, &QTimer::timeout, this, &ClusterBus::announce);
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(coalesceMs);
    connect(&m_changeTimer, &QTimer::timeout, this, &ClusterBus::announce);
    m_expiryTimer.setInterval(expiryCheckMs);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ClusterBus::expireStaffing);
}

ClusterBus::~ClusterBus() {
    // The connection closes on its own thread after what was published before; the thread then deletes it.
    QMetaObject::invokeMethod(
        m_connection, [connection = m_connection] { connection->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ClusterBus::start() {
    if (m_started)
        return;
    m_started = true;
    qCInfo(lcClusterBus).noquote() << "this instance is" << m_instanceId << "on the cluster bus";
    QMetaObject::invokeMethod(m_connection, [connection = m_connection] { connection->open(); });
    m_announceTimer.start();
    m_expiryTimer.start();
}

void ClusterBus::leave() {
    m_announceTimer.stop();
    m_changeTimer.stop();
    m_staffedHere = nullptr;
    publish(kinds::leave, {});
}

void ClusterBus::setLocalStaffing(std::function<store::Visibility()> staffedHere) {
    m_staffedHere = std::move(staffedHere);
}

bool ClusterBus::isStaffedElsewhere(const QString& queue) const {
    for (const RemoteStaffing& remote : m_remote) {
        if (!remote.expires.hasExpired() && (remote.all || remote.queues.contains(queue)))
            return true;
    }
    return false;
}

QByteArray ClusterBus::encode(const QString& instance, const QString& type, QJsonObject fields) {
    fields.insert(u"v"_s, 1);
    fields.insert(u"i"_s, instance);
    fields.insert(u"t"_s, type);
    QByteArray payload = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    if (payload.size() > maxPayloadBytes)
        return {};
    return payload;
}

void ClusterBus::publish(const QString& kind, const QJsonObject& fields) {
    const QByteArray payload = encode(m_instanceId, kind, fields);
    if (payload.isEmpty()) {
        qCWarning(lcClusterBus).noquote() << "a" << kind << "notice is too long for NOTIFY and is not sent";
        return;
    }
    // Typing and staffing are worth nothing late (staffing is announced again anyway).
    const bool droppable = kind == kinds::customerTyping || kind == kinds::agentTyping || kind == kinds::staffing;
    QMetaObject::invokeMethod(
        m_connection, [connection = m_connection, payload, droppable] { connection->publish(payload, droppable); });
}

void ClusterBus::publishSessionClosed(const QByteArray& tokenHash) {
    publish(kinds::sessionClosed, {{u"h"_s, QString::fromLatin1(tokenHash.toHex())}});
}

void ClusterBus::publishSessionsOfClosed(const QString& login) {
    publish(kinds::sessionsOfClosed, {{u"l"_s, login}});
}

void ClusterBus::publishAccountChanged(const QString& login) {
    publish(kinds::accountChanged, {{u"l"_s, login}});
}

void ClusterBus::publishCustomerTyping(const QString& identity, bool active) {
    publish(kinds::customerTyping, {{u"id"_s, identity}, {u"a"_s, active}});
}

void ClusterBus::publishAgentTyping(const QString& identity, const QString& agentName, bool active) {
    publish(kinds::agentTyping, {{u"id"_s, identity}, {u"n"_s, agentName}, {u"a"_s, active}});
}

void ClusterBus::staffingChanged() {
    if (m_started && m_staffedHere)
        m_changeTimer.start();
}

void ClusterBus::announce() {
    if (!m_started || !m_staffedHere)
        return;
    const store::Visibility staffed = m_staffedHere();
    QJsonArray queues;
    if (!staffed.all) {
        for (const QString& queue : staffed.queues)
            queues.append(queue);
    }
    QJsonObject fields{{u"all"_s, staffed.all}, {u"q"_s, queues}, {u"p"_s, m_settings.announceMs}};
    // Hundreds of long queue names would not fit: the ones that do are announced.
    bool trimmed = false;
    while (!queues.isEmpty() && encode(m_instanceId, kinds::staffing, fields).isEmpty()) {
        queues.removeLast();
        fields.insert(u"q"_s, queues);
        trimmed = true;
    }
    if (trimmed)
        qCWarning(lcClusterBus) << "too many staffed queues for one notice; announcing" << queues.size();
    publish(kinds::staffing, fields);
}

void ClusterBus::received(const QString& payload) {
    const QJsonDocument document = QJsonDocument::fromJson(payload.toUtf8());
    const QJsonObject notice = document.object();
    const QString instance = notice.value(u"i"_s).toString();
    const QString kind = notice.value(u"t"_s).toString();
    if (!document.isObject() || notice.value(u"v"_s).toInt() != 1 || instance.isEmpty() || kind.isEmpty()) {
        qCWarning(lcClusterBus).noquote() << "ignored a malformed notice:" << payload.left(200);
        return;
    }
    if (instance == m_instanceId)
        return;
    qCDebug(lcClusterBus).noquote() << "notice" << kind << "from" << instance;
    const QString login = notice.value(u"l"_s).toString();
    const QString identity = notice.value(u"id"_s).toString();
    const bool active = notice.value(u"a"_s).toBool();
    if (kind == kinds::sessionClosed) {
        const QByteArray hash = QByteArray::fromHex(notice.value(u"h"_s).toString().toLatin1());
        if (hash.size() == 32)
            emit sessionClosed(hash);
    } else if (kind == kinds::sessionsOfClosed) {
        if (!login.isEmpty())
            emit sessionsOfClosed(login);
    } else if (kind == kinds::accountChanged) {
        if (!login.isEmpty())
            emit accountChanged(login);
    } else if (kind == kinds::customerTyping) {
        if (!identity.isEmpty())
            emit customerTyping(identity, active);
    } else if (kind == kinds::agentTyping) {
        if (!identity.isEmpty())
            emit agentTyping(identity, notice.value(u"n"_s).toString(), active);
    } else if (kind == kinds::staffing) {
        RemoteStaffing staffing;
        staffing.all = notice.value(u"all"_s).toBool();
        for (const QJsonValue& queue : notice.value(u"q"_s).toArray())
            staffing.queues.append(queue.toString());
        const int period = std::clamp(notice.value(u"p"_s).toInt(m_settings.announceMs), 100, 600'000);
        staffing.expires = QDeadlineTimer(qint64{period} * m_settings.missedAnnouncements + period / 2);
        const auto previous = m_remote.constFind(instance);
        const bool changed =
            previous == m_remote.cend() || previous->all != staffing.all || previous->queues != staffing.queues;
        m_remote.insert(instance, staffing);
        if (changed)
            emit remoteStaffingChanged();
    } else if (kind == kinds::leave) {
        if (m_remote.remove(instance) > 0)
            emit remoteStaffingChanged();
    } else {
        qCDebug(lcClusterBus).noquote() << "ignored a notice of unknown type" << kind;
    }
}

void ClusterBus::expireStaffing() {
    bool expired = false;
    for (auto it = m_remote.begin(); it != m_remote.end();) {
        if (it->expires.hasExpired()) {
            qCInfo(lcClusterBus).noquote() << "instance" << it.key() << "stopped announcing; forgetting its staffing";
            it = m_remote.erase(it);
            expired = true;
        } else {
            ++it;
        }
    }
    if (expired)
        emit remoteStaffingChanged();
}

} // namespace tl::server
