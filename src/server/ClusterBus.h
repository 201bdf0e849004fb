#pragma once

#include "store/ServerStore.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <functional>

namespace tl::server {

class ClusterConnection;
class StoreThread;

/// What live state crosses server instances on one PostgreSQL database (docs/server.md, "What crosses
/// instances"): session revocations, account changes, typing and which queues an instance has a signed-in
/// workstation for. Notices travel as PostgreSQL NOTIFY on channel "threadline_cluster" over a connection of the
/// bus's own, on a thread of its own (the event loop never waits on it); each carries a random id of the sending
/// process so that an instance ignores its own. Only for PostgreSQL: with SQLite there is one instance and no bus.
/// Thread: the main thread (the connection lives on the bus thread).
class ClusterBus final : public QObject {
    Q_OBJECT
public:
    struct Settings final {
        /// The database URL (postgresql://...), as the store took it.
        QString databaseUrl;
        /// How often this instance announces its staffing; others forget it after missedAnnouncements of them.
        int announceMs = 5000;
        int missedAnnouncements = 3;
    };

    /// \a store: for the list of queues whose staffing is announced.
    explicit ClusterBus(Settings settings, QObject* parent = nullptr);
    ~ClusterBus() override;

    /// Connects (in the background, retrying with backoff) and starts announcing.
    void start();
    /// Tells the others that this instance's workstations are gone (before a shutdown).
    void leave();

    /// What this instance's ready workstations see together (SyncHub::staffing).
    void setLocalStaffing(std::function<store::Visibility()> staffedHere);
    /// True when a live other instance announced a workstation that sees \a queue.
    [[nodiscard]] bool isStaffedElsewhere(const QString& queue) const;
    /// This process's id in notices.
    [[nodiscard]] const QString& instanceId() const { return m_instanceId; }

    /// A compact notice: {"v":1,"i":instance,"t":type, ...fields}; empty when it would not fit in a NOTIFY.
    [[nodiscard]] static QByteArray encode(const QString& instance, const QString& type, QJsonObject fields);

public slots:
    /// A session ended here: \a tokenHash is the SHA-256 of its token (the token never leaves the instance).
    void publishSessionClosed(const QByteArray& tokenHash);
    /// Every session of \a login ended (disabled, password reset).
    void publishSessionsOfClosed(const QString& login);
    /// \a login's account changed (queues): its connections should reconnect.
    void publishAccountChanged(const QString& login);
    void publishCustomerTyping(const QString& identity, bool active);
    void publishAgentTyping(const QString& identity, const QString& agentName, bool active);
    /// This instance's staffing may have changed: announces it soon (changes within a moment are coalesced).
    void staffingChanged();

signals:
    /// Another instance ended the session whose token has this SHA-256.
    void sessionClosed(const QByteArray& tokenHash);
    void sessionsOfClosed(const QString& login);
    void accountChanged(const QString& login);
    void customerTyping(const QString& identity, bool active);
    void agentTyping(const QString& identity, const QString& agentName, bool active);
    /// What isStaffedElsewhere() answers may have changed.
    void remoteStaffingChanged();

private:
    struct RemoteStaffing final {
        bool all = false;
        QStringList queues;
        QDeadlineTimer expires;
    };

    void publish(const QString& kind, const QJsonObject& fields);
    void received(const QString& payload);
    void announce();
    void expireStaffing();

    Settings m_settings;
    QString m_instanceId;
    QThread m_thread;
    ClusterConnection* m_connection = nullptr;
    std::function<store::Visibility()> m_staffedHere;
    QHash<QString, RemoteStaffing> m_remote;
    QTimer m_announceTimer;
    QTimer m_changeTimer;
    QTimer m_expiryTimer;
    bool m_started = false;
};

} // namespace tl::server
