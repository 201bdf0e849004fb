#pragma once

#include "HttpFrontend.h"
#include "TokenBucket.h"
#include "store/ServerStore.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace tl::server {

class PasswordService;
class ServerMetrics;
class StoreThread;
class SyncHub;

/// The JSON API under /api/v1 (docs/server.md), /healthz and /metrics. Every answer that needs the database or
/// a password hash comes back asynchronously; the event loop never waits. Roles: admins manage accounts and
/// queues, supervisors read everything, agents read their own queues. Thread: the main thread.
class RestApi final : public QObject {
    Q_OBJECT
public:
    struct Settings final {
        /// For phone numbers without a country code in timeline lookups and imports.
        QString defaultRegion;
        /// Sign-in attempts per minute and client address.
        double loginsPerMinute = 20;
        /// Where the shared mailboxes store attachment contents (AttachmentStore's layout); empty serves none.
        QString attachmentsDir = {};
    };

    RestApi(StoreThread& store, PasswordService& passwords, SyncHub& hub, ServerMetrics& metrics, Settings settings,
            QObject* parent = nullptr);

    /// Answers one request (the HttpFrontend's request handler).
    void handle(const HttpRequest& request, const HttpFrontend::Responder& respond);

signals:
    /// Emitted after the hub was told, for other server instances (ClusterBus): a session was signed out here
    /// (\a tokenHash: the SHA-256 of its token), every session of \a login ended (disabled, new password), or
    /// \a login's queues changed (its connections reconnect).
    void sessionClosed(const QByteArray& tokenHash);
    void sessionsOfClosed(const QString& login);
    void accountChanged(const QString& login);

private:
    using Respond = HttpFrontend::Responder;
    using AccountHandler = std::function<void(const store::Account&, const QByteArray& token)>;

    /// Checks the bearer token, then calls \a next with its account (or answers 401 / 503).
    void authenticate(const HttpRequest& request, const Respond& respond, AccountHandler next);

    void login(const HttpRequest& request, const Respond& respond);
    void logout(const HttpRequest& request, const Respond& respond);
    void health(const Respond& respond);
    void metrics(const HttpRequest& request, const Respond& respond);
    void listAgents(const store::Account& caller, const Respond& respond);
    void createAgent(const store::Account& caller, const HttpRequest& request, const Respond& respond);
    void agentAction(const store::Account& caller, const QString& login, const QString& action,
                     const HttpRequest& request, const Respond& respond);
    void setPassword(const QString& login, const HttpRequest& request, const Respond& respond);
    void listQueues(const store::Account& caller, const Respond& respond);
    /// GET /api/v1/colleagues?queue=NAME: who can take a chat of the queue (any signed-in account; agents only
    /// about their own queues).
    void listColleagues(const store::Account& caller, const HttpRequest& request, const Respond& respond);
    /// GET /api/v1/mailboxes: the shared mailboxes' health (supervisors and admins).
    void listMailboxes(const store::Account& caller, const Respond& respond);
    /// GET /api/v1/attachments/<sha256>: one stored attachment's bytes (any signed-in account; docs/email.md).
    void sendAttachment(const QString& sha256, const Respond& respond);
    void createQueue(const store::Account& caller, const HttpRequest& request, const Respond& respond);
    void listCustomers(const store::Account& caller, const HttpRequest& request, const Respond& respond);
    void timeline(const store::Account& caller, const HttpRequest& request, const Respond& respond);
    void importEvents(const store::Account& caller, const HttpRequest& request, const Respond& respond);

    [[nodiscard]] bool allowLogin(const QString& address);

    StoreThread& m_store;
    PasswordService& m_passwords;
    SyncHub& m_hub;
    ServerMetrics& m_metrics;
    Settings m_settings;
    QHash<QString, TokenBucket> m_loginBuckets;
};

} // namespace tl::server
