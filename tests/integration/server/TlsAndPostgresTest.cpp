// threadline-server with TLS (a self-signed certificate made by openssl), and two instances on one PostgreSQL.

#include "HttpTestClient.h"
#include "ServerProcess.h"
#include "SyncTestClient.h"

#include "PostgresServer.h"
#include "protocol/FrameCodec.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>

using namespace tl;
using namespace tl::servertest;

namespace {

QByteArray signIn(HttpTestClient& http, const ServerProcess& server, const QString& password) {
    const HttpReply reply = http.post(server.url(QStringLiteral("/api/v1/login")),
                                      QJsonDocument(QJsonObject{{QStringLiteral("login"), QStringLiteral("admin")},
                                                                {QStringLiteral("password"), password}})
                                          .toJson());
    return reply.json.value(QStringLiteral("token")).toString().toUtf8();
}

} // namespace

TEST(ServerTls, HttpsAndWssWithASelfSignedCertificate) {
    ServerProcess server;
    const QString certificate = server.directory() + QStringLiteral("/cert.pem");
    const QString key = server.directory() + QStringLiteral("/key.pem");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), certificate, QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    ASSERT_TRUE(openssl.waitForFinished(60000));
    ASSERT_EQ(openssl.exitCode(), 0) << openssl.readAllStandardError().toStdString();

    const QString config = server.directory() + QStringLiteral("/tls.conf");
    QFile file(config);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("[database]\nurl=sqlite:" + server.directory().toUtf8() +
               "/tls.sqlite\n[tls]\ncertificate=" + certificate.toUtf8() + "\nkey=" + key.toUtf8() + "\n");
    file.close();
    server.setTls(true);
    const auto started = server.start({QStringLiteral("--config"), config});
    ASSERT_TRUE(started) << started.error().toStdString();
    EXPECT_TRUE(server.output().contains(QStringLiteral("https://"))) << server.output().toStdString();

    // Trust exactly the server's certificate.
    QSslConfiguration trust = QSslConfiguration::defaultConfiguration();
    trust.setCaCertificates(QSslCertificate::fromPath(certificate));
    HttpTestClient http;
    http.setSslConfiguration(trust);
    const HttpReply health = http.get(server.url(QStringLiteral("/healthz")));
    EXPECT_EQ(health.status, 200) << health.error.toStdString();
    const QByteArray token = signIn(http, server, server.adminPassword());
    ASSERT_FALSE(token.isEmpty());

    SyncTestClient client;
    client.setSslConfiguration(trust);
    ASSERT_TRUE(client.open(server.syncUrl()));
    const auto welcome = client.hello(token);
    ASSERT_TRUE(welcome.has_value());
    qint64 caughtUp = -1;
    (void)client.backlog(&caughtUp);
    EXPECT_EQ(caughtUp, welcome->head);

    // Plain HTTP to the TLS port gets nowhere.
    HttpTestClient plain;
    QUrl insecure = server.url(QStringLiteral("/healthz"));
    insecure.setScheme(QStringLiteral("http"));
    EXPECT_NE(plain.get(insecure).status, 200);
}

TEST(ServerPostgres, TwoInstancesServeOneTeam) {
    auto& postgres = testsupport::PostgresServer::shared();
    if (!postgres.ok())
        GTEST_SKIP() << "no PostgreSQL: " << postgres.error().toStdString();
    ASSERT_TRUE(postgres.createDatabase(QStringLiteral("two_servers")));
    const QString url = postgres.url(QStringLiteral("two_servers"));

    ServerProcess first;
    ASSERT_TRUE(first.start({QStringLiteral("--db"), url}));
    ServerProcess second;
    ASSERT_TRUE(second.start({QStringLiteral("--db"), url}));
    ASSERT_FALSE(first.adminPassword().isEmpty());
    EXPECT_TRUE(second.adminPassword().isEmpty()) << "the account is shared";

    HttpTestClient http;
    const QByteArray token = signIn(http, first, first.adminPassword());
    ASSERT_FALSE(token.isEmpty());

    // A workstation on the second instance, caught up.
    SyncTestClient onSecond;
    ASSERT_TRUE(onSecond.open(second.syncUrl()));
    ASSERT_TRUE(onSecond.hello(token).has_value()) << "the session made on the first works on the second";
    (void)onSecond.backlog();

    // An event accepted by the first instance reaches it within a second.
    const QByteArray line =
        QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("sms:kannel:77")},
                                  {QStringLiteral("channel"), QStringLiteral("sms")},
                                  {QStringLiteral("kind"), QStringLiteral("message.in")},
                                  {QStringLiteral("occurred_at"), QStringLiteral("2026-11-03T08:00:00Z")},
                                  {QStringLiteral("identity"), QStringLiteral("phone:+48601234567")},
                                  {QStringLiteral("payload"),
                                   QJsonObject{{QStringLiteral("text"), QStringLiteral("Czy paczka?")}}}})
            .toJson(QJsonDocument::Compact);
    QElapsedTimer timer;
    timer.start();
    const HttpReply imported = http.post(first.url(QStringLiteral("/api/v1/events")), line, token);
    ASSERT_EQ(imported.status, 200) << imported.body.toStdString();
    bool seen = false;
    while (!seen) {
        const auto frame = onSecond.next(2000);
        ASSERT_TRUE(frame.has_value()) << "nothing reached the second instance's workstation";
        const auto* events = std::get_if<protocol::EventsFrame>(&*frame);
        ASSERT_NE(events, nullptr);
        EXPECT_TRUE(events->live);
        for (const core::Event& event : events->events)
            seen = seen || event.id == QStringLiteral("sms:kannel:77");
    }
    EXPECT_LT(timer.elapsed(), 1000);

    // And the other way round: a submit through the second reaches a workstation of the first.
    SyncTestClient onFirst;
    ASSERT_TRUE(onFirst.open(first.syncUrl()));
    ASSERT_TRUE(onFirst.hello(token).has_value());
    const QVector<core::Event> backlog = onFirst.backlog();
    ASSERT_FALSE(backlog.isEmpty());
    core::Event written;
    written.id = QStringLiteral("0196f2c4-7b1a-7c3e-9a51-2f0d8e6b4c99");
    written.customer = backlog.last().customer;
    written.channel = core::Channel::Note;
    written.kind = QStringLiteral("note");
    written.occurredAt = 1793000000000;
    written.payload = QJsonObject{{QStringLiteral("text"), QStringLiteral("from the second instance")}};
    timer.restart();
    onSecond.sendFrame(protocol::Submit{{written}});
    seen = false;
    while (!seen) {
        const auto frame = onFirst.next(2000);
        ASSERT_TRUE(frame.has_value());
        if (const auto* events = std::get_if<protocol::EventsFrame>(&*frame)) {
            for (const core::Event& event : events->events)
                seen = seen || event.id == written.id;
        }
    }
    EXPECT_LT(timer.elapsed(), 1000);
}
