// SyncClient end to end: the workstation's sync loop against a real threadline-server process.

#include "ServerFixture.h"

#include "store/EventStore.h"
#include "sync/SyncClient.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace tl::sync {
namespace {

using namespace Qt::StringLiterals;
using servertest::HttpReply;

/// Generous: the machine is small and the tests run in parallel with others.
constexpr int waitMs = 60000;

class SyncClientTest : public servertest::ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(m_cacheDir.isValid());
        agentToken = createAndSignIn(u"anna"_s, u"agent"_s, {u"general"_s});
        ASSERT_FALSE(agentToken.isEmpty());
    }

    [[nodiscard]] QString cachePath() const { return m_cacheDir.filePath(u"cache.sqlite"_s); }
    [[nodiscard]] QUrl serverUrl() const { return server.url(QString()); }

    /// A second connection to the client's cache, as the GUI thread would hold.
    std::unique_ptr<store::EventStore> openCache() {
        auto opened = store::EventStore::open(cachePath());
        EXPECT_TRUE(opened) << opened.error().toStdString();
        return opened ? std::move(opened).value() : nullptr;
    }

    /// The server's newest seq, from a welcome.
    qint64 serverHead() {
        servertest::SyncTestClient probe;
        if (!probe.open(server.syncUrl()))
            return -1;
        const auto welcome = probe.hello(agentToken);
        return welcome ? welcome->head : -1;
    }

    /// Every event the agent sees on the server (the whole backlog), by id.
    QVector<core::Event> serverEvents() {
        servertest::SyncTestClient probe;
        if (!probe.open(server.syncUrl()) || !probe.hello(agentToken))
            return {};
        return probe.backlog(nullptr, waitMs);
    }

    /// Every event id in the cache, read with SQL (duplicates would show as repeated ids).
    QStringList cacheEventIds() {
        QStringList ids;
        const QString name = u"sync-test-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(cachePath());
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(u"SELECT id FROM events WHERE seq > 0"_s)) {
                    while (query.next())
                        ids.append(query.value(0).toString());
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return ids;
    }

    /// The events the server holds for one identity.
    QJsonArray serverTimeline(const QString& identity) {
        const HttpReply reply =
            http.get(server.url(u"/api/v1/timeline?identity="_s + QString::fromUtf8(QUrl::toPercentEncoding(identity))),
                     agentToken);
        EXPECT_EQ(reply.status, 200) << reply.body.toStdString();
        return reply.json.value(u"events"_s).toArray();
    }

    static bool waitForState(const SyncClient& client, ConnectionState state, int timeoutMs = waitMs) {
        return QTest::qWaitFor([&] { return client.state() == state; }, timeoutMs);
    }

    /// Imports \a count e-mails spread over \a customers addresses into the general queue.
    void importMails(int count, int customers, const QString& prefix = u"m"_s) {
        QByteArray lines;
        for (int index = 0; index < count; ++index)
            lines += mailLine(u"email:<%1%2@x>"_s.arg(prefix).arg(index), u"c%1@example.pl"_s.arg(index % customers),
                              u"message %1"_s.arg(index));
        const HttpReply reply = importLines(u"general"_s, lines);
        ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
        ASSERT_EQ(reply.json.value(u"accepted"_s).toInt(), count) << reply.body.toStdString();
    }

    /// Restarts the (stopped or killed) server on the same database and port.
    void restartServer() {
        const quint16 port = server.port();
        const auto started = server.start({u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)});
        ASSERT_TRUE(started) << started.error().toStdString();
        ASSERT_EQ(server.port(), port);
    }

    /// Finds the cache's customer with \a identity.
    static QString customerWith(store::EventStore& cache, const QString& identity) {
        const auto customers = cache.customers();
        if (!customers)
            return {};
        for (const core::Customer& customer : customers.value()) {
            if (customer.identities.contains(identity))
                return customer.id;
        }
        return {};
    }

    /// The cache's copy of one event (seq -1 when it is not there).
    static core::Event cachedEvent(store::EventStore& cache, const QString& customer, const QString& id) {
        const auto timeline = cache.timeline(customer);
        if (timeline) {
            for (const core::Event& event : timeline.value()) {
                if (event.id == id)
                    return event;
            }
        }
        core::Event missing;
        missing.seq = -1;
        return missing;
    }

    static int countId(const QJsonArray& events, const QString& id) {
        int count = 0;
        for (const QJsonValue& event : events)
            count += event.toObject().value(u"id"_s).toString() == id ? 1 : 0;
        return count;
    }

    QByteArray agentToken;

private:
    QTemporaryDir m_cacheDir;
};

TEST_F(SyncClientTest, ReachesOnlineAndReceivesWhatTheServerHolds) {
    importMails(6, 3);
    const qint64 head = serverHead();
    ASSERT_GT(head, 0);

    SyncClient client(cachePath());
    client.start(serverUrl(), QString::fromUtf8(agentToken));
    ASSERT_TRUE(waitForState(client, ConnectionState::Online)) << client.stateDetail().toStdString();

    auto cache = openCache();
    ASSERT_TRUE(cache);
    const auto customers = cache->customers();
    ASSERT_TRUE(customers) << customers.error().toStdString();
    EXPECT_EQ(customers.value().size(), 3);
    for (int index = 0; index < 3; ++index) {
        const QString customer = customerWith(*cache, u"email:c%1@example.pl"_s.arg(index));
        ASSERT_FALSE(customer.isEmpty()) << index;
        const auto timeline = cache->timeline(customer);
        ASSERT_TRUE(timeline) << timeline.error().toStdString();
        int messages = 0;
        for (const core::Event& event : timeline.value()) {
            EXPECT_GT(event.seq, 0);
            messages += event.kind == u"message.in" ? 1 : 0;
        }
        EXPECT_EQ(messages, 2) << index;
    }
    const auto last = cache->lastServerSeq();
    ASSERT_TRUE(last);
    EXPECT_EQ(last.value(), head);
}

TEST_F(SyncClientTest, FlushedReplyReachesTheServerAndLeavesTheOutbox) {
    importMails(2, 1);
    SyncClient client(cachePath());
    QSignalSpy pendingSpy(&client, &SyncClient::pendingChanged);
    client.start(serverUrl(), QString::fromUtf8(agentToken));
    ASSERT_TRUE(waitForState(client, ConnectionState::Online)) << client.stateDetail().toStdString();

    auto cache = openCache();
    ASSERT_TRUE(cache);
    const QString customer = customerWith(*cache, u"email:c0@example.pl"_s);
    ASSERT_FALSE(customer.isEmpty());
    const auto reply = cache->appendOutbound(customer, core::Channel::Email, u"message.out"_s,
                                             QJsonObject{{u"text"_s, u"Thanks, on its way."_s}}, u"anna"_s);
    ASSERT_TRUE(reply) << reply.error().toStdString();
    EXPECT_EQ(reply.value().seq, 0);
    client.flushOutbox();

    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto pending = cache->pendingOutbox();
            return pending && pending.value().isEmpty();
        },
        waitMs));
    EXPECT_GT(cachedEvent(*cache, customer, reply.value().id).seq, 0);
    EXPECT_EQ(countId(serverTimeline(u"email:c0@example.pl"_s), reply.value().id), 1);
    // The count the agent sees went up with the write and back to zero with the acknowledgement.
    ASSERT_TRUE(QTest::qWaitFor([&] { return pendingSpy.size() >= 2 && client.pending() == 0; }, waitMs));
    EXPECT_EQ(pendingSpy.first().at(0).toInt(), 1);
    EXPECT_EQ(pendingSpy.last().at(0).toInt(), 0);
}

TEST_F(SyncClientTest, OutboxWrittenOfflineIsDeliveredOnceAfterTheServerComesBack) {
    importMails(2, 1);
    QString customer;
    {
        // First a sync, so that the cache knows the customer the server sent.
        SyncClient first(cachePath());
        first.start(serverUrl(), QString::fromUtf8(agentToken));
        ASSERT_TRUE(waitForState(first, ConnectionState::Online)) << first.stateDetail().toStdString();
    }
    auto cache = openCache();
    ASSERT_TRUE(cache);
    customer = customerWith(*cache, u"email:c0@example.pl"_s);
    ASSERT_FALSE(customer.isEmpty());

    server.stop();
    const auto reply = cache->appendOutbound(customer, core::Channel::Email, u"message.out"_s,
                                             QJsonObject{{u"text"_s, u"Written offline."_s}}, u"anna"_s);
    ASSERT_TRUE(reply) << reply.error().toStdString();

    SyncClient client(cachePath());
    QSignalSpy pendingSpy(&client, &SyncClient::pendingChanged);
    client.start(serverUrl(), QString::fromUtf8(agentToken));
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.pending() == 1; }, waitMs));
    ASSERT_TRUE(waitForState(client, ConnectionState::Disconnected)) << client.stateDetail().toStdString();
    EXPECT_EQ(client.pending(), 1);

    restartServer();
    ASSERT_TRUE(waitForState(client, ConnectionState::Online)) << client.stateDetail().toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return client.pending() == 0; }, waitMs));
    ASSERT_GE(pendingSpy.size(), 2);
    EXPECT_EQ(pendingSpy.first().at(0).toInt(), 1);
    EXPECT_EQ(pendingSpy.last().at(0).toInt(), 0);

    const auto pending = cache->pendingOutbox();
    ASSERT_TRUE(pending);
    EXPECT_TRUE(pending.value().isEmpty());
    EXPECT_GT(cachedEvent(*cache, customer, reply.value().id).seq, 0);
    EXPECT_EQ(countId(serverTimeline(u"email:c0@example.pl"_s), reply.value().id), 1);
}

TEST_F(SyncClientTest, ResumesAfterTheServerIsKilledMidBacklogAndEndsWithEveryEventOnce) {
    importMails(3000, 40);
    const qint64 head = serverHead();
    ASSERT_GE(head, 3000);

    // Watches the cache from this thread, as the GUI would.
    auto cache = openCache();
    ASSERT_TRUE(cache);
    SyncClient client(cachePath());
    client.start(serverUrl(), QString::fromUtf8(agentToken));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto last = cache->lastServerSeq();
            return client.state() == ConnectionState::Online || (last && last.value() > 0);
        },
        waitMs));
    const qint64 beforeKill = cache->lastServerSeq().value();
    server.kill();
    // Mid-backlog is the interesting case; a client that was already through still has to come back.
    RecordProperty("applied_before_kill", static_cast<int>(beforeKill));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return client.state() == ConnectionState::Disconnected || client.state() == ConnectionState::Connecting;
        },
        waitMs));

    restartServer();
    ASSERT_TRUE(waitForState(client, ConnectionState::Online)) << client.stateDetail().toStdString();
    const auto last = cache->lastServerSeq();
    ASSERT_TRUE(last);
    EXPECT_EQ(last.value(), head);

    const QVector<core::Event> onServer = serverEvents();
    ASSERT_EQ(onServer.size(), head); // seqs 1..head, no gaps in a single-writer SQLite log
    QSet<QString> serverIds;
    for (const core::Event& event : onServer)
        serverIds.insert(event.id);
    ASSERT_EQ(serverIds.size(), onServer.size());

    const QStringList cached = cacheEventIds();
    const QSet<QString> cachedIds(cached.begin(), cached.end());
    EXPECT_EQ(cached.size(), cachedIds.size()) << "duplicates in the cache";
    EXPECT_EQ(cachedIds.size(), serverIds.size());
    EXPECT_EQ(cachedIds, serverIds);
}

TEST_F(SyncClientTest, RevokedTokenSignsOutWithoutReconnecting) {
    importMails(1, 1);
    SyncClient client(cachePath());
    QSignalSpy signedOutSpy(&client, &SyncClient::signedOut);
    QSignalSpy stateSpy(&client, &SyncClient::stateChanged);
    client.start(serverUrl(), QString::fromUtf8(agentToken));
    ASSERT_TRUE(waitForState(client, ConnectionState::Online)) << client.stateDetail().toStdString();

    const HttpReply logout = http.post(server.url(u"/api/v1/logout"_s), {}, agentToken);
    ASSERT_EQ(logout.status, 200) << logout.body.toStdString();

    ASSERT_TRUE(QTest::qWaitFor([&] { return !signedOutSpy.isEmpty(); }, waitMs));
    ASSERT_TRUE(waitForState(client, ConnectionState::Offline));
    stateSpy.clear();
    // Longer than the first backoff (at most 1 s): a reconnect loop would show as Connecting here.
    QTest::qWait(3000);
    EXPECT_EQ(client.state(), ConnectionState::Offline);
    for (const QList<QVariant>& change : std::as_const(stateSpy))
        EXPECT_EQ(change.at(0).value<ConnectionState>(), ConnectionState::Offline);
    EXPECT_EQ(signedOutSpy.size(), 1);
}

TEST_F(SyncClientTest, AQueueGainedLaterBringsItsWholeHistory) {
    // History in a queue anna does not work yet, then something in hers: her cache's resume point passes both.
    createQueue(u"billing"_s);
    QByteArray billing;
    for (int index = 0; index < 5; ++index)
        billing +=
            mailLine(u"email:<b%1@x>"_s.arg(index), u"payer%1@example.pl"_s.arg(index % 2), u"invoice %1"_s.arg(index));
    const HttpReply imported = importLines(u"billing"_s, billing);
    ASSERT_EQ(imported.status, 200) << imported.body.toStdString();
    importMails(3, 3);

    SyncClient client(cachePath());
    client.start(serverUrl(), QString::fromUtf8(agentToken));
    ASSERT_TRUE(waitForState(client, ConnectionState::Online)) << client.stateDetail().toStdString();
    auto cache = openCache();
    ASSERT_TRUE(cache);
    EXPECT_TRUE(customerWith(*cache, u"email:payer0@example.pl"_s).isEmpty());
    const auto resumeAt = cache->lastServerSeq();
    ASSERT_TRUE(resumeAt);
    const auto recorded = cache->syncedVisibility();
    ASSERT_TRUE(recorded) << recorded.error().toStdString();
    ASSERT_TRUE(recorded.value().has_value());
    EXPECT_EQ(recorded.value()->queues, QStringList{u"general"_s});
    EXPECT_FALSE(recorded.value()->all);

    // The admin gives her billing: the server closes her stream, she reconnects, sees a new queue and reads the log
    // again — the old invoices arrive, nothing is doubled.
    const HttpReply changed =
        post(u"/api/v1/agents/anna/queues"_s, {{u"queues"_s, QJsonArray{u"general"_s, u"billing"_s}}}, adminToken);
    ASSERT_EQ(changed.status, 200) << changed.body.toStdString();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto visibility = cache->syncedVisibility();
            return visibility && visibility.value() && visibility.value()->queues.size() == 2;
        },
        waitMs));
    ASSERT_TRUE(waitForState(client, ConnectionState::Online)) << client.stateDetail().toStdString();
    EXPECT_EQ(cache->syncedVisibility().value()->queues, (QStringList{u"billing"_s, u"general"_s}));
    for (int payer = 0; payer < 2; ++payer) {
        const QString customer = customerWith(*cache, u"email:payer%1@example.pl"_s.arg(payer));
        ASSERT_FALSE(customer.isEmpty()) << payer;
        const auto timeline = cache->timeline(customer);
        ASSERT_TRUE(timeline) << timeline.error().toStdString();
        EXPECT_EQ(timeline.value().size(), payer == 0 ? 3 : 2);
    }
    QStringList ids = cacheEventIds();
    const qsizetype all = ids.size();
    ids.removeDuplicates();
    EXPECT_EQ(ids.size(), all);
    QStringList serverIds;
    for (const core::Event& event : serverEvents())
        serverIds.append(event.id);
    ids.sort();
    serverIds.sort();
    EXPECT_EQ(ids, serverIds);
    EXPECT_GE(serverIds.size(), 8);
    EXPECT_GE(cache->lastServerSeq().value(), resumeAt.value());

    // Losing a queue needs no reading again: it is recorded at the next welcome.
    const HttpReply fewer =
        post(u"/api/v1/agents/anna/queues"_s, {{u"queues"_s, QJsonArray{u"billing"_s}}}, adminToken);
    ASSERT_EQ(fewer.status, 200) << fewer.body.toStdString();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto visibility = cache->syncedVisibility();
            return visibility && visibility.value() && visibility.value()->queues == QStringList{u"billing"_s};
        },
        waitMs));
}

} // namespace
} // namespace tl::sync
