#include "SyncHub.h"

#include "ServerMetrics.h"
#include "StoreThread.h"
#include "SyncConnection.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace tl::server {

Q_LOGGING_CATEGORY(lcSyncHub, "threadline.server.sync.hub")

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

namespace {

QByteArray hashOf(const QByteArray& token) {
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

/// What the store says about a hello's token.
struct HelloOutcome {
    std::optional<store::Account> account;
    qint64 head = 0;
    /// Set when the token is refused (unauthorized) or the store failed (internal).
    QString error;
    bool internal = false;
};

/// One read of a pass: the visible events after one seq, for the connections that share it.
struct PassRead {
    store::Visibility visibility;
    qint64 after = 0;
    QVector<quint64> members;
};

} // namespace

SyncHub::SyncHub(StoreThread& store, ServerMetrics& metrics, const SyncSettings& settings, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_metrics(metrics)
    , m_settings(settings) {
    m_submits = new SubmitBatcher(
        m_store, [this](const QVector<SubmitBatcher::Outcome>& outcomes) { onSubmitsApplied(outcomes); }, this);
    connect(&m_recheckTimer, &QTimer::timeout, this, &SyncHub::recheckSessions);
    m_recheckTimer.start(static_cast<int>(std::min<qint64>(m_settings.sessionRecheckMs, 86400000)));
}

SyncHub::~SyncHub() {
    for (SyncConnection* connection : std::as_const(m_connections))
        connection->disconnect(this);
    qDeleteAll(m_connections);
}

void SyncHub::addConnection(std::unique_ptr<QWebSocket> socket, QTcpSocket* transport) {
    if (socket->requestUrl().path() != u"/sync") {
        qCInfo(lcSyncHub).noquote() << "refused a WebSocket for" << socket->requestUrl().path() << "(only /sync)";
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"unknown path; the sync endpoint is /sync"_s);
        QWebSocket* released = socket.release();
        connect(released, &QWebSocket::disconnected, released, &QObject::deleteLater);
        QTimer::singleShot(5000, released, &QObject::deleteLater);
        return;
    }
    auto* connection = new SyncConnection(m_nextId++, std::move(socket), transport, m_settings, m_metrics, this);
    m_connections.insert(connection->id(), connection);
    connect(connection, &SyncConnection::helloReceived, this, &SyncHub::onHello);
    connect(connection, &SyncConnection::submitReceived, this, &SyncHub::onSubmit);
    connect(connection, &SyncConnection::typingReceived, this,
            [this](SyncConnection* from, const protocol::Typing& typing) {
                emit agentTyping(typing.identity, from->agentName(), typing.active);
            });
    connect(connection, &SyncConnection::closed, this, &SyncHub::onClosed);
}

void SyncHub::onClosed(SyncConnection* connection) {
    const bool wasReady = connection->state() == SyncConnection::State::Ready;
    m_connections.remove(connection->id());
    connection->deleteLater();
    if (wasReady)
        emit staffingChanged();
}

bool SyncHub::isQueueStaffed(const QString& queue) const {
    return std::any_of(m_connections.cbegin(), m_connections.cend(), [&queue](const SyncConnection* connection) {
        return connection->state() == SyncConnection::State::Ready &&
               (connection->visibility().all || connection->visibility().queues.contains(queue));
    });
}

store::Visibility SyncHub::staffing() const {
    store::Visibility staffed;
    for (const SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->state() != SyncConnection::State::Ready)
            continue;
        if (connection->visibility().all)
            return store::Visibility{true, {}};
        staffed.queues += connection->visibility().queues;
    }
    staffed.queues.removeDuplicates();
    staffed.queues.sort();
    return staffed;
}

void SyncHub::customerTyping(const QString& identity, bool active) {
    struct Owner final {
        QString customer;
        QString queue;
    };
    m_store.call(
        this,
        [identity](store::ServerStore& store) -> Owner {
            const auto customer = store.customerOfIdentity(identity);
            if (!customer || customer.value().isEmpty())
                return {};
            const auto queue = store.queueOf(customer.value());
            return {customer.value(), queue ? queue.value() : QString()};
        },
        [this, identity, active](const Owner& owner) {
            if (owner.customer.isEmpty())
                return;
            const protocol::TypingNotice notice{owner.customer, identity, active};
            for (SyncConnection* connection : std::as_const(m_connections)) {
                if (connection->state() == SyncConnection::State::Ready &&
                    (connection->visibility().all || connection->visibility().queues.contains(owner.queue)))
                    connection->sendFrame(notice);
            }
        });
}

void SyncHub::onHello(SyncConnection* connection, const protocol::Hello& hello) {
    const QByteArray token = hello.token.toUtf8();
    m_store.call(
        connection,
        [token](store::ServerStore& store) {
            HelloOutcome outcome;
            auto account = store.accountForToken(token);
            const auto head = store.head();
            if (!head) {
                outcome.error = head.error();
                outcome.internal = true;
            } else if (!account) {
                outcome.error = account.error();
            } else {
                outcome.account = std::move(account).value();
                outcome.head = head.value();
            }
            return outcome;
        },
        [this, connection, token, after = hello.after](HelloOutcome outcome) {
            if (connection->state() != SyncConnection::State::Authenticating)
                return;
            if (outcome.internal) {
                qCWarning(lcSyncHub) << "cannot check a session:" << outcome.error;
                connection->fail(ErrorCode::Internal, u"the event log is unavailable"_s);
                return;
            }
            if (!outcome.account) {
                connection->fail(ErrorCode::Unauthorized, u"the session is not valid (signed out, revoked or "
                                                          u"unknown); sign in again"_s);
                return;
            }
            const store::Account& account = *outcome.account;
            protocol::Welcome welcome;
            welcome.agent.login = account.login;
            welcome.agent.name = account.name.left(protocol::maxAgentNameLength);
            welcome.agent.role = account.role;
            QStringList queues = account.queues;
            queues.sort();
            welcome.agent.queues = queues;
            welcome.head = outcome.head;
            welcome.heartbeatMs = m_settings.heartbeatMs;
            store::Visibility visibility;
            visibility.all = account.role != store::Role::Agent;
            visibility.queues = account.queues;
            // The stream starts after the hello's seq; the next pass reads from there.
            connection->accept(welcome, visibility, hashOf(token), after);
            schedulePass();
            emit staffingChanged();
        });
}

void SyncHub::onSubmit(SyncConnection* connection, const protocol::Submit& submit) {
    store::Submission submission;
    submission.events = QVector<core::Event>(submit.events.cbegin(), submit.events.cend());
    submission.author = connection->login();
    submission.visibility = connection->visibility();
    m_submits->submit(connection->id(), std::move(submission));
}

void SyncHub::onSubmitsApplied(const QVector<SubmitBatcher::Outcome>& outcomes) {
    qsizetype groupAccepted = 0;
    for (const SubmitBatcher::Outcome& outcome : outcomes) {
        SyncConnection* target = m_connections.value(outcome.submitter);
        const core::Result<QVector<store::Applied>>& applied = outcome.applied;
        if (!applied) {
            qCWarning(lcSyncHub) << "storing submitted events failed:" << applied.error();
            if (target)
                target->fail(ErrorCode::Internal, u"the event log is unavailable"_s);
            continue;
        }
        protocol::Ack ack;
        qsizetype accepted = 0;
        qsizetype refused = 0;
        for (qsizetype index = 0; index < outcome.events.size(); ++index) {
            protocol::AckResult result;
            result.id = outcome.events.at(index).id;
            if (index < applied.value().size() && applied.value().at(index).seq > 0) {
                result.seq = applied.value().at(index).seq;
                ++accepted;
            } else {
                result.error = index < applied.value().size() ? applied.value().at(index).error
                                                              : u"The server did not store the event."_s;
                if (result.error.isEmpty())
                    result.error = u"The server did not store the event."_s;
                result.error = result.error.left(protocol::maxMessageLength);
                ++refused;
            }
            ack.results.append(result);
        }
        m_metrics.eventsAccepted(u"sync"_s, accepted);
        m_metrics.eventsRefused(u"sync"_s, refused);
        groupAccepted += accepted;
        if (target && target->state() == SyncConnection::State::Ready) {
            target->sendFrame(ack);
            if (refused > 0 && target->noteRefused(refused))
                target->fail(ErrorCode::Forbidden, u"too many refused events on this connection; it keeps "
                                                   u"submitting what its agent may not"_s);
        }
    }
    // One pass for the whole group.
    if (groupAccepted > 0)
        eventsAppended();
}

void SyncHub::eventsAppended() {
    schedulePass();
    emit eventsCommitted();
}

void SyncHub::schedulePass() {
    m_passWanted = true;
    if (m_passRunning || m_passScheduled)
        return;
    m_passScheduled = true;
    // Zero-delay: everything that arrives in this event-loop iteration joins the same pass.
    QTimer::singleShot(0, this, &SyncHub::runPass);
}

void SyncHub::runPass() {
    m_passScheduled = false;
    if (m_passRunning || !m_passWanted)
        return;
    m_passWanted = false;

    QHash<QString, PassRead> reads;
    for (SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->state() != SyncConnection::State::Ready)
            continue;
        const QString key = connection->caughtUp()
                                ? u"live|"_s + connection->visibilityKey()
                                : u"backlog|%1|%2"_s.arg(connection->visibilityKey()).arg(connection->cursor());
        auto it = reads.find(key);
        if (it == reads.end()) {
            it = reads.insert(key, PassRead{connection->visibility(), connection->cursor(), {}});
        }
        it->after = std::min(it->after, connection->cursor());
        it->members.append(connection->id());
    }
    if (reads.isEmpty())
        return;

    m_passRunning = true;
    const QVector<PassRead> plan(reads.cbegin(), reads.cend());
    const int limit = m_settings.pageSize;
    m_store.call(
        this,
        [plan, limit](store::ServerStore& store) {
            // One walk of the log for every group where it covers them: each event is read and decoded once.
            QVector<store::EventRead> storeReads;
            storeReads.reserve(plan.size());
            for (const PassRead& read : plan)
                storeReads.append(store::EventRead{read.after, read.visibility});
            return store.eventsAfterEach(storeReads, limit);
        },
        [this, plan, limit](QVector<core::Result<QVector<core::Event>>> pages) {
            m_passRunning = false;
            // Groups mostly read the same events (supervisors and the agents of the queue): encoded once per pass.
            SyncConnection::EncodedEvents encoded;
            // Every cursor advances first and the writes wait, so that the next read (of what was committed
            // meanwhile) runs on the database thread while this thread writes to every connection.
            QList<QPointer<SyncConnection>> staged;
            for (qsizetype index = 0; index < plan.size(); ++index) {
                const auto& page = pages.at(index);
                if (!page)
                    qCWarning(lcSyncHub) << "reading the log failed:" << page.error();
                const bool complete = page && page.value().size() < limit;
                if (page && !complete)
                    m_passWanted = true;
                // Shared by the group: its frames are encoded once, not once per connection.
                SyncConnection::SharedPage shared(page ? page.value() : QVector<core::Event>(), encoded);
                for (const quint64 id : plan.at(index).members) {
                    SyncConnection* connection = m_connections.value(id);
                    if (!connection)
                        continue;
                    if (!page) {
                        connection->fail(ErrorCode::Internal, u"the event log is unavailable"_s);
                    } else {
                        connection->deliver(shared, complete, true);
                        staged.append(connection);
                    }
                }
            }
            if (m_passWanted)
                runPass();
            for (const QPointer<SyncConnection>& connection : std::as_const(staged)) {
                if (connection)
                    connection->writeStaged();
            }
        });
}

void SyncHub::recheckSessions() {
    QList<QByteArray> hashes;
    for (const SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->state() == SyncConnection::State::Ready && !hashes.contains(connection->tokenHash()))
            hashes.append(connection->tokenHash());
    }
    if (hashes.isEmpty())
        return;
    m_store.call(
        this, [hashes](store::ServerStore& store) { return store.liveSessions(hashes); },
        [this, hashes](const core::Result<QHash<QByteArray, store::Account>>& live) {
            if (!live) {
                qCWarning(lcSyncHub) << "cannot check the sessions of open connections:" << live.error();
                return;
            }
            for (SyncConnection* connection : std::as_const(m_connections)) {
                // Only the sessions asked about: a connection accepted meanwhile was checked at its hello.
                if (connection->state() != SyncConnection::State::Ready || !hashes.contains(connection->tokenHash()))
                    continue;
                const auto found = live.value().constFind(connection->tokenHash());
                if (found == live.value().cend()) {
                    connection->fail(ErrorCode::Unauthorized,
                                     u"the session was signed out or revoked, or the account disabled"_s);
                    continue;
                }
                const bool all = found->role != store::Role::Agent;
                QStringList queues = found->queues;
                QStringList current = connection->visibility().queues;
                queues.sort();
                current.sort();
                if (all != connection->visibility().all || (!all && queues != current))
                    connection->goAway(u"the account's queues changed; reconnect"_s);
            }
        });
}

void SyncHub::closeSession(const QByteArray& token) {
    const QByteArray hash = hashOf(token);
    for (SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->tokenHash() == hash)
            connection->fail(ErrorCode::Unauthorized, u"the session was signed out"_s);
    }
}

void SyncHub::closeSessionsOf(const QString& login) {
    for (SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->login() == login)
            connection->fail(ErrorCode::Unauthorized, u"the account was disabled or its sessions revoked"_s);
    }
}

void SyncHub::closeSessionByTokenHash(const QByteArray& tokenHash) {
    for (SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->tokenHash() == tokenHash)
            connection->fail(ErrorCode::Unauthorized, u"the session was signed out"_s);
    }
}

void SyncHub::reconnectSessionsOf(const QString& login) {
    for (SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->login() == login)
            connection->goAway(u"the account's queues changed; reconnect"_s);
    }
}

void SyncHub::shutdown() {
    for (SyncConnection* connection : std::as_const(m_connections))
        connection->goAway(u"the server is shutting down"_s);
}

QSet<QString> SyncHub::readyLogins() const {
    QSet<QString> logins;
    for (const SyncConnection* connection : std::as_const(m_connections)) {
        if (connection->state() == SyncConnection::State::Ready)
            logins.insert(connection->login());
    }
    return logins;
}

} // namespace tl::server
