#include "ClusterConnection.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <utility>

namespace tl::server {

Q_LOGGING_CATEGORY(lcCluster, "threadline.server.cluster")

using namespace Qt::StringLiterals;

namespace {

/// The first and the longest delay before connecting again.
constexpr int firstRetryMs = 500;
constexpr int longestRetryMs = 30'000;
/// How often an idle connection is checked (a lost connection says nothing until it is used).
constexpr int healthCheckMs = 2000;
/// Notices kept while the connection is down; the oldest go first beyond that.
constexpr qsizetype maxWaiting = 200;

std::atomic<int> connectionCounter{0};

} // namespace

ClusterConnection::ClusterConnection(QString url, QString channel)
    : m_url(std::move(url))
    , m_channel(std::move(channel))
    , m_connectionName(u"threadline.cluster.%1"_s.arg(connectionCounter.fetch_add(1))) {}

ClusterConnection::~ClusterConnection() {
    close();
}

void ClusterConnection::open() {
    m_closing = false;
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &ClusterConnection::connectNow);
        m_healthTimer = new QTimer(this);
        m_healthTimer->setInterval(healthCheckMs);
        connect(m_healthTimer, &QTimer::timeout, this, &ClusterConnection::checkHealth);
    }
    connectNow();
}

void ClusterConnection::connectNow() {
    if (m_open || m_closing)
        return;
    // The store opened this URL already; only what QPSQL needs is taken from it.
    const QUrl url(m_url);
    QStringList options;
    bool named = false;
    bool timeout = false;
    for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        options.append(key + u'=' + value);
        named = named || key == u"application_name";
        timeout = timeout || key == u"connect_timeout";
    }
    if (!named)
        options.append(u"application_name=threadline-cluster"_s);
    if (!timeout)
        options.append(u"connect_timeout=10"_s);

    bool opened = false;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
        db.setHostName(url.host(QUrl::FullyDecoded));
        if (url.port(-1) > 0)
            db.setPort(url.port(-1));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setDatabaseName(url.path(QUrl::FullyDecoded).mid(1));
        db.setConnectOptions(options.join(u';'));
        if (!db.open()) {
            error = db.lastError().text();
        } else if (QSqlDriver* driver = db.driver(); !driver->subscribeToNotification(m_channel)) {
            error = u"LISTEN failed: "_s + driver->lastError().text();
        } else {
            connect(
                driver,
                qOverload<const QString&, QSqlDriver::NotificationSource, const QVariant&>(&QSqlDriver::notification),
                this, &ClusterConnection::onNotification);
            opened = true;
        }
    }
    if (!opened) {
        QSqlDatabase::removeDatabase(m_connectionName);
        ++m_failures;
        m_retryMs = std::min(m_retryMs <= 0 ? firstRetryMs : m_retryMs * 2, longestRetryMs);
        qCWarning(lcCluster).noquote() << "cannot connect the cluster bus (attempt" << m_failures << "):" << error
                                       << "- trying again in" << m_retryMs << "ms";
        m_retryTimer->start(m_retryMs);
        return;
    }
    m_open = true;
    m_retryMs = 0;
    if (m_everConnected)
        qCInfo(lcCluster) << "the cluster bus is connected again";
    else if (m_failures > 0)
        qCInfo(lcCluster).noquote() << "listening for other instances on" << m_channel << "after" << m_failures
                                    << "failed attempt(s)";
    else
        qCInfo(lcCluster).noquote() << "listening for other instances on" << m_channel;
    m_everConnected = true;
    m_failures = 0;
    m_healthTimer->start();
    while (!m_waiting.isEmpty()) {
        if (!send(m_waiting.constFirst()) && !alive()) {
            // What is left waits for the next connection.
            lost(u"sending failed"_s);
            return;
        }
        m_waiting.removeFirst();
    }
    emit connected();
}

void ClusterConnection::publish(const QByteArray& payload, bool droppable) {
    if (m_open) {
        m_busySinceCheck = true;
        if (send(payload))
            return;
        // A refused statement on a live connection is this notice's fault; a dead connection is everyone's.
        if (alive()) {
            qCWarning(lcCluster) << "a notice could not be sent and is dropped";
            return;
        }
        lost(u"sending failed"_s);
    }
    if (droppable || m_closing)
        return;
    m_waiting.append(payload);
    if (m_waiting.size() > maxWaiting)
        m_waiting.removeFirst();
}

bool ClusterConnection::send(const QByteArray& payload) {
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return false;
    QSqlQuery query(db);
    query.prepare(u"SELECT pg_notify(?, ?)"_s);
    query.addBindValue(m_channel);
    query.addBindValue(QString::fromUtf8(payload));
    if (query.exec())
        return true;
    qCDebug(lcCluster) << "NOTIFY failed:" << query.lastError().text();
    return false;
}

void ClusterConnection::checkHealth() {
    if (!m_open)
        return;
    if (std::exchange(m_busySinceCheck, false))
        return;
    if (!alive())
        lost(u"it does not answer"_s);
}

bool ClusterConnection::alive() const {
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return false;
    QSqlQuery probe(db);
    return probe.exec(u"SELECT 1"_s);
}

void ClusterConnection::lost(const QString& why) {
    if (!m_open)
        return;
    qCWarning(lcCluster).noquote() << u"the cluster bus lost its database connection (%1); reconnecting"_s.arg(
        why.trimmed());
    m_open = false;
    m_healthTimer->stop();
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_retryMs = firstRetryMs;
    m_retryTimer->start(m_retryMs);
}

void ClusterConnection::onNotification(const QString& name, QSqlDriver::NotificationSource source,
                                       const QVariant& payload) {
    if (name != m_channel || source == QSqlDriver::SelfSource)
        return;
    emit received(payload.toString());
}

void ClusterConnection::close() {
    m_closing = true;
    m_waiting.clear();
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_healthTimer)
        m_healthTimer->stop();
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

} // namespace tl::server
