// Two threadline-server instances on one PostgreSQL: what is live crosses between them over ClusterBus (revocations,
// account changes, chat availability, typing), also after the bus's database connections were cut.

#include "ChatVisitorClient.h"
#include "HttpTestClient.h"
#include "ServerProcess.h"
#include "SyncTestClient.h"

#include "PostgresServer.h"
#include "protocol/CloseCode.h"
#include "protocol/FrameCodec.h"

#include <gtest/gtest.h>

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

namespace tl::servertest {
namespace {

using namespace Qt::StringLiterals;
using chattest::ChatVisitorClient;

int remaining(const QDeadlineTimer& deadline) {
    return static_cast<int>(std::max<qint64>(1, deadline.remainingTime()));
}

/// Two instances ("A" and "B") on a fresh PostgreSQL database of their own, the admin signed in.
class ClusterTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto& postgres = testsupport::PostgresServer::shared();
        if (!postgres.ok())
            GTEST_SKIP() << "no PostgreSQL: " << postgres.error().toStdString();
        const QString database = u"cluster_%1"_s.arg(
            QString::fromLatin1(::testing::UnitTest::GetInstance()->current_test_info()->name()).toLower());
        ASSERT_TRUE(postgres.createDatabase(database));
        m_databaseName = database;
        const QString url = postgres.url(database);
        const auto startedA = a.start({u"--db"_s, url});
        ASSERT_TRUE(startedA) << startedA.error().toStdString();
        const auto startedB = b.start({u"--db"_s, url});
        ASSERT_TRUE(startedB) << startedB.error().toStdString();
        adminToken = signIn(a, u"admin"_s, a.adminPassword());
        ASSERT_FALSE(adminToken.isEmpty());
    }

    QByteArray signIn(const ServerProcess& server, const QString& login, const QString& password) {
        const HttpReply reply =
            http.post(server.url(u"/api/v1/login"_s),
                      QJsonDocument(QJsonObject{{u"login"_s, login}, {u"password"_s, password}}).toJson());
        return reply.json.value(u"token"_s).toString().toUtf8();
    }

    HttpReply post(const ServerProcess& server, const QString& path, const QJsonObject& body, const QByteArray& token) {
        return http.post(server.url(path), QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    }

    /// Creates an account (on A) and returns its password.
    QString createAccount(const QString& login, const QString& role, const QStringList& queues) {
        const QString password = u"secret-%1-pass"_s.arg(login);
        const HttpReply reply = post(a, u"/api/v1/agents"_s,
                                     {{u"login"_s, login},
                                      {u"name"_s, login.toUpper()},
                                      {u"role"_s, role},
                                      {u"queues"_s, QJsonArray::fromStringList(queues)},
                                      {u"password"_s, password}},
                                     adminToken);
        EXPECT_EQ(reply.status, 201) << reply.body.toStdString();
        return password;
    }

    /// A workstation on \a server, caught up.
    static std::unique_ptr<SyncTestClient> workstation(const ServerProcess& server, const QByteArray& token) {
        auto client = std::make_unique<SyncTestClient>();
        EXPECT_TRUE(client->open(server.syncUrl()));
        EXPECT_TRUE(client->hello(token).has_value());
        (void)client->backlog();
        return client;
    }

    /// Waits for the error frame of a refused connection, skipping other frames, then for the close.
    static void expectRefused(SyncTestClient& client, protocol::ErrorCode code, int timeoutMs = 5000) {
        const QDeadlineTimer deadline(timeoutMs);
        std::optional<protocol::ErrorFrame> error;
        while (!error && !deadline.hasExpired()) {
            const auto frame = client.next(remaining(deadline));
            if (!frame)
                break;
            if (const auto* refused = std::get_if<protocol::ErrorFrame>(&*frame))
                error = *refused;
        }
        ASSERT_TRUE(error) << "the connection on the other instance was not refused within " << timeoutMs << " ms";
        EXPECT_EQ(error->code, code) << error->message.toStdString();
        ASSERT_TRUE(client.waitClosed());
        EXPECT_EQ(client.closeCode(), static_cast<int>(protocol::closeCodeFor(code)));
    }

    /// A ping answered: the connection is alive.
    static void expectAlive(SyncTestClient& client) {
        client.sendFrame(protocol::Ping{u"alive"_s});
        const QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired()) {
            const auto frame = client.next(remaining(deadline));
            ASSERT_TRUE(frame.has_value()) << "no pong";
            if (std::holds_alternative<protocol::Pong>(*frame))
                return;
        }
        FAIL() << "no pong";
    }

    QUrl chatUrl(const ServerProcess& server) const {
        QUrl url = server.url(u"/chat/ws"_s);
        url.setScheme(u"ws"_s);
        return url;
    }

    /// Takes availability frames until one says \a available; false when none did in time.
    static bool awaitAvailability(ChatVisitorClient& visitor, bool available, int timeoutMs) {
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const auto frame = visitor.nextOf(u"availability"_s, remaining(deadline));
            if (!frame)
                return false;
            if (frame->value(u"agents_available"_s).toBool() == available)
                return true;
        }
        return false;
    }

    /// Reads the workstation's stream until a typing frame for \a identity with \a active arrives.
    static bool awaitTyping(SyncTestClient& agent, const QString& identity, bool active, int timeoutMs) {
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const auto frame = agent.next(remaining(deadline));
            if (!frame)
                return false;
            if (const auto* typing = std::get_if<protocol::TypingNotice>(&*frame);
                typing && typing->identity == identity && typing->active == active)
                return true;
        }
        return false;
    }

    /// Ends the bus connections of both instances from the database's side; returns how many it ended.
    int terminateBusConnections() {
        auto& postgres = testsupport::PostgresServer::shared();
        int ended = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"cluster-test"_s);
            db.setHostName(u"127.0.0.1"_s);
            db.setPort(postgres.port());
            db.setUserName(u"threadline"_s);
            db.setDatabaseName(m_databaseName);
            EXPECT_TRUE(db.open());
            QSqlQuery query(db);
            EXPECT_TRUE(
                query.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           u"WHERE application_name = 'threadline-cluster' AND datname = current_database()"_s));
            while (query.next())
                ended += query.value(0).toBool() ? 1 : 0;
        }
        QSqlDatabase::removeDatabase(u"cluster-test"_s);
        return ended;
    }

    ServerProcess a;
    ServerProcess b;
    HttpTestClient http;
    QByteArray adminToken;
    QString m_databaseName;
};

TEST_F(ClusterTest, RevocationOnOneInstanceClosesStreamsOnTheOther) {
    const QString password = createAccount(u"anna"_s, u"agent"_s, {u"general"_s});
    // A supervisor's workstation on B that nothing here revokes: it must stay open throughout.
    const QString supervisorPassword = createAccount(u"sam"_s, u"supervisor"_s, {});
    auto bystander = workstation(b, signIn(b, u"sam"_s, supervisorPassword));

    // Signed out on A: the stream on B ends with unauthorized.
    QByteArray token = signIn(b, u"anna"_s, password);
    auto onB = workstation(b, token);
    EXPECT_EQ(post(a, u"/api/v1/logout"_s, {}, token).status, 200);
    expectRefused(*onB, protocol::ErrorCode::Unauthorized);

    // Disabled on A.
    token = signIn(b, u"anna"_s, password);
    onB = workstation(b, token);
    EXPECT_EQ(post(a, u"/api/v1/agents/anna/disable"_s, {}, adminToken).status, 200);
    expectRefused(*onB, protocol::ErrorCode::Unauthorized);

    // A new password set on A ends the sessions made with the old one.
    EXPECT_EQ(post(a, u"/api/v1/agents/anna/enable"_s, {}, adminToken).status, 200);
    token = signIn(b, u"anna"_s, password);
    onB = workstation(b, token);
    EXPECT_EQ(post(a, u"/api/v1/agents/anna/password"_s, {}, adminToken).status, 200);
    expectRefused(*onB, protocol::ErrorCode::Unauthorized);

    expectAlive(*bystander);
}

TEST_F(ClusterTest, QueueChangeOnOneInstanceReconnectsTheOther) {
    const HttpReply queue = post(a, u"/api/v1/queues"_s, {{u"name"_s, u"billing"_s}}, adminToken);
    ASSERT_EQ(queue.status, 201) << queue.body.toStdString();
    const QString password = createAccount(u"piotr"_s, u"agent"_s, {u"general"_s});
    const QByteArray token = signIn(b, u"piotr"_s, password);
    auto onB = workstation(b, token);

    const HttpReply changed =
        post(a, u"/api/v1/agents/piotr/queues"_s, {{u"queues"_s, QJsonArray{u"billing"_s}}}, adminToken);
    ASSERT_EQ(changed.status, 200) << changed.body.toStdString();
    ASSERT_TRUE(onB->waitClosed(5000)) << "the workstation on B was not told to reconnect";
    EXPECT_EQ(onB->closeCode(), static_cast<int>(protocol::CloseCode::GoingAway));
    // The session itself is still good: it reconnects.
    auto again = workstation(b, token);
    expectAlive(*again);
}

TEST_F(ClusterTest, ChatAvailabilityAndTypingCrossInstances) {
    // A visitor on A while nobody is signed in anywhere: the offline form.
    auto visitor = std::make_unique<ChatVisitorClient>();
    ASSERT_TRUE(visitor->open(chatUrl(a)));
    const auto welcome = visitor->hello(ChatVisitorClient::newToken());
    ASSERT_TRUE(welcome);
    EXPECT_FALSE(welcome->value(u"agents_available"_s).toBool());
    const QString identity = u"chat:"_s + welcome->value(u"visitor"_s).toString();

    // An agent of the chat queue signs in on B: the visitor on A hears that someone is available.
    const QString password = createAccount(u"anna"_s, u"agent"_s, {u"general"_s});
    auto agent = workstation(b, signIn(b, u"anna"_s, password));
    ASSERT_TRUE(awaitAvailability(*visitor, true, 5000)) << "the visitor on A never heard of the agent on B";

    visitor->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s1"_s}, {u"name"_s, u"Mina"_s}});
    ASSERT_TRUE(visitor->nextOf(u"ack"_s));
    ASSERT_TRUE(agent->nextEventOfKind(u"chat.started"_s, 5000));

    // The visitor on A types: the workstation on B sees it.
    visitor->send({{u"type"_s, u"typing"_s}, {u"active"_s, true}});
    EXPECT_TRUE(awaitTyping(*agent, identity, true, 5000)) << "the visitor's typing did not reach B";

    // The agent on B types: the browser on A sees it, with the agent's name.
    agent->sendFrame(protocol::Typing{identity, true});
    const auto typing = visitor->nextOf(u"typing"_s, 5000);
    ASSERT_TRUE(typing) << "the agent's typing did not reach A";
    EXPECT_TRUE(typing->value(u"active"_s).toBool());
    EXPECT_EQ(typing->value(u"agent"_s).toString(), u"ANNA"_s);

    // The agent signs out of B: the offline form again on A.
    agent.reset();
    EXPECT_TRUE(awaitAvailability(*visitor, false, 5000)) << "the visitor on A still thinks someone is there";
}

TEST_F(ClusterTest, AVanishedInstancesStaffingExpires) {
    auto visitor = std::make_unique<ChatVisitorClient>();
    ASSERT_TRUE(visitor->open(chatUrl(a)));
    ASSERT_TRUE(visitor->hello(ChatVisitorClient::newToken()));
    const QString password = createAccount(u"anna"_s, u"agent"_s, {u"general"_s});
    auto agent = workstation(b, signIn(b, u"anna"_s, password));
    ASSERT_TRUE(awaitAvailability(*visitor, true, 5000));

    // B dies without a word: A forgets B's workstations after three missed announcements (5 s each).
    b.kill();
    EXPECT_TRUE(awaitAvailability(*visitor, false, 30000)) << "A kept trusting a dead instance";
}

TEST_F(ClusterTest, TheBusReconnectsAfterItsConnectionsWereCut) {
    auto visitor = std::make_unique<ChatVisitorClient>();
    ASSERT_TRUE(visitor->open(chatUrl(a)));
    const auto welcome = visitor->hello(ChatVisitorClient::newToken());
    ASSERT_TRUE(welcome);
    const QString identity = u"chat:"_s + welcome->value(u"visitor"_s).toString();
    const QString password = createAccount(u"anna"_s, u"agent"_s, {u"general"_s});
    const QByteArray token = signIn(b, u"anna"_s, password);
    auto agent = workstation(b, token);
    ASSERT_TRUE(awaitAvailability(*visitor, true, 5000));
    visitor->send({{u"type"_s, u"start"_s}, {u"id"_s, u"s1"_s}, {u"name"_s, u"Mina"_s}});
    ASSERT_TRUE(visitor->nextOf(u"ack"_s));
    ASSERT_TRUE(agent->nextEventOfKind(u"chat.started"_s, 5000));

    EXPECT_EQ(terminateBusConnections(), 2);

    // Typing crosses again once both buses are back (each try changes the state, so each one is sent).
    bool active = false;
    bool crossed = false;
    const QDeadlineTimer deadline(20000);
    while (!crossed && !deadline.hasExpired()) {
        active = !active;
        visitor->send({{u"type"_s, u"typing"_s}, {u"active"_s, active}});
        crossed = awaitTyping(*agent, identity, active, 500);
    }
    EXPECT_TRUE(crossed) << "the bus did not come back";
    // Both servers are still running, and a revocation on A still reaches B.
    EXPECT_EQ(post(a, u"/api/v1/logout"_s, {}, token).status, 200);
    expectRefused(*agent, protocol::ErrorCode::Unauthorized);
}

} // namespace
} // namespace tl::servertest
