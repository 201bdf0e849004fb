// GET /api/v1/colleagues?queue=NAME against the real server: who can take a chat of a queue, with online flags
// from the hub's ready /sync connections; and the workstation's tl::sync::ColleagueClient against it.

#include "ServerFixture.h"

#include "sync/ColleagueClient.h"

#include <QTest>

#include <optional>

using namespace tl;
using namespace tl::servertest;

namespace {

class ColleaguesApi : public ServerFixture {
protected:
    HttpReply colleagues(const QString& query, const QByteArray& token) {
        return http.get(server.url(QStringLiteral("/api/v1/colleagues") + query), token);
    }

    /// login → online, from a colleagues answer.
    static QMap<QString, bool> onlineByLogin(const HttpReply& reply) {
        QMap<QString, bool> found;
        for (const QJsonValue& value : reply.json.value(QStringLiteral("colleagues")).toArray())
            found.insert(value.toObject().value(QStringLiteral("login")).toString(),
                         value.toObject().value(QStringLiteral("online")).toBool());
        return found;
    }

    static QStringList logins(const HttpReply& reply) {
        QStringList found;
        for (const QJsonValue& value : reply.json.value(QStringLiteral("colleagues")).toArray())
            found << value.toObject().value(QStringLiteral("login")).toString();
        return found;
    }
};

} // namespace

TEST_F(ColleaguesApi, ListsWhoCanTakeAChatOfTheQueueWithOnlineFlags) {
    createQueue(QStringLiteral("billing"));
    const QByteArray anna =
        createAndSignIn(QStringLiteral("anna"), QStringLiteral("agent"), {QStringLiteral("general")});
    const QByteArray piotr = createAndSignIn(QStringLiteral("piotr"), QStringLiteral("agent"),
                                             {QStringLiteral("general"), QStringLiteral("billing")});
    createAndSignIn(QStringLiteral("olga"), QStringLiteral("agent"), {QStringLiteral("general")});
    createAndSignIn(QStringLiteral("bea"), QStringLiteral("agent"), {QStringLiteral("billing")});
    createAndSignIn(QStringLiteral("sam"), QStringLiteral("supervisor"), {});
    ASSERT_FALSE(anna.isEmpty());
    ASSERT_FALSE(piotr.isEmpty());
    // A disabled agent of the queue is not offered.
    ASSERT_EQ(http.post(server.url(QStringLiteral("/api/v1/agents/olga/disable")), {}, adminToken).status, 200);

    // Piotr's workstation is connected over /sync: online.
    auto piotrSync = connectSync(piotr);
    ASSERT_FALSE(piotrSync->isClosed());

    const HttpReply reply = colleagues(QStringLiteral("?queue=general"), anna);
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
    EXPECT_EQ(reply.json.value(QStringLiteral("queue")).toString(), QStringLiteral("general"));
    const QMap<QString, bool> online = onlineByLogin(reply);
    // Agents of the queue, supervisors and admins; not bea (billing only), not olga (disabled), not anna herself.
    EXPECT_EQ(online.keys(), (QStringList{QStringLiteral("admin"), QStringLiteral("piotr"), QStringLiteral("sam")}));
    EXPECT_TRUE(online.value(QStringLiteral("piotr")));
    EXPECT_FALSE(online.value(QStringLiteral("sam")));
    EXPECT_FALSE(online.value(QStringLiteral("admin")));
    // Online ones first.
    EXPECT_EQ(logins(reply).value(0), QStringLiteral("piotr"));
    const QJsonObject first = reply.json.value(QStringLiteral("colleagues")).toArray().at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("name")).toString(), QStringLiteral("PIOTR"));
    EXPECT_EQ(first.value(QStringLiteral("role")).toString(), QStringLiteral("agent"));

    // A supervisor may ask about any queue; the flag follows the connection.
    const HttpReply billing = colleagues(QStringLiteral("?queue=billing"), adminToken);
    ASSERT_EQ(billing.status, 200) << billing.body.toStdString();
    EXPECT_EQ(onlineByLogin(billing).keys(),
              (QStringList{QStringLiteral("bea"), QStringLiteral("piotr"), QStringLiteral("sam")}));
    // The workstation goes away: offline again.
    piotrSync.reset();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return !onlineByLogin(colleagues(QStringLiteral("?queue=general"), anna)).value(QStringLiteral("piotr"));
        },
        10000));
}

TEST_F(ColleaguesApi, AnAgentMayAskAboutItsOwnQueuesOnly) {
    createQueue(QStringLiteral("billing"));
    const QByteArray anna =
        createAndSignIn(QStringLiteral("anna"), QStringLiteral("agent"), {QStringLiteral("general")});

    const HttpReply other = colleagues(QStringLiteral("?queue=billing"), anna);
    EXPECT_EQ(other.status, 403);
    EXPECT_TRUE(other.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("billing")))
        << other.body.toStdString();

    EXPECT_EQ(colleagues({}, anna).status, 400);
    EXPECT_EQ(colleagues(QStringLiteral("?queue="), anna).status, 400);
    EXPECT_EQ(colleagues(QStringLiteral("?queue=nowhere"), adminToken).status, 404);
    EXPECT_EQ(colleagues(QStringLiteral("?queue=general"), {}).status, 401);
    EXPECT_EQ(colleagues(QStringLiteral("?queue=general"), "not-a-token").status, 401);
    EXPECT_EQ(http.post(server.url(QStringLiteral("/api/v1/colleagues?queue=general")), {}, anna).status, 405);
}

TEST_F(ColleaguesApi, TheWorkstationClientMergesTheAgentsQueues) {
    createQueue(QStringLiteral("billing"));
    createQueue(QStringLiteral("vip"));
    const QByteArray anna = createAndSignIn(QStringLiteral("anna"), QStringLiteral("agent"),
                                            {QStringLiteral("general"), QStringLiteral("billing")});
    const QByteArray piotr =
        createAndSignIn(QStringLiteral("piotr"), QStringLiteral("agent"), {QStringLiteral("billing")});
    createAndSignIn(QStringLiteral("olga"), QStringLiteral("agent"), {QStringLiteral("general")});
    createAndSignIn(QStringLiteral("vera"), QStringLiteral("agent"), {QStringLiteral("vip")});
    const auto piotrSync = connectSync(piotr);

    sync::ColleagueClient client;
    const auto fetch = [&client](const QString& queue) {
        std::optional<core::Result<QList<sync::Colleague>>> outcome;
        client.fetch(queue, [&outcome](core::Result<QList<sync::Colleague>> result) { outcome = std::move(result); });
        EXPECT_TRUE(QTest::qWaitFor([&] { return outcome.has_value(); }, 15000));
        return outcome.value_or(core::Result<QList<sync::Colleague>>::failure(QStringLiteral("no answer")));
    };

    // No session: fails at once, with a sentence.
    const auto signedOut = fetch({});
    ASSERT_FALSE(signedOut.ok());
    EXPECT_FALSE(signedOut.error().isEmpty());

    client.setSession(server.url(QString()), QString::fromLatin1(anna));
    const auto all = fetch({});
    ASSERT_TRUE(all.ok()) << all.error().toStdString();
    QStringList found;
    for (const sync::Colleague& colleague : all.value())
        found << colleague.login;
    // Both of anna's queues, each colleague once, the online one first; never vera (vip only).
    EXPECT_EQ(found, (QStringList{QStringLiteral("piotr"), QStringLiteral("admin"), QStringLiteral("olga")}));
    EXPECT_TRUE(all.value().at(0).online);
    EXPECT_EQ(all.value().at(0).displayName(), QStringLiteral("PIOTR"));

    const auto general = fetch(QStringLiteral("general"));
    ASSERT_TRUE(general.ok()) << general.error().toStdString();
    EXPECT_EQ(general.value().size(), 2);

    const auto refused = fetch(QStringLiteral("vip"));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().contains(QStringLiteral("vip"))) << refused.error().toStdString();
}
