#pragma once

#include "HttpTestClient.h"
#include "ServerProcess.h"
#include "SyncTestClient.h"

#include "core/Event.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

namespace tl::servertest {

/// A fresh threadline-server per test (SQLite in a temporary directory), signed in as its first admin, with
/// helpers for the API calls the tests make over and over.
class ServerFixture : public ::testing::Test {
protected:
    void SetUp() override {
        const auto started = server.start(extraArguments());
        ASSERT_TRUE(started) << started.error().toStdString();
        ASSERT_FALSE(server.adminPassword().isEmpty()) << server.output().toStdString();
        adminToken = signIn(QStringLiteral("admin"), server.adminPassword());
        ASSERT_FALSE(adminToken.isEmpty());
    }

    /// Further command-line arguments for the server of this test.
    virtual QStringList extraArguments() { return {}; }

    QByteArray signIn(const QString& login, const QString& password) {
        const HttpReply reply = http.post(
            server.url(QStringLiteral("/api/v1/login")),
            QJsonDocument(QJsonObject{{QStringLiteral("login"), login}, {QStringLiteral("password"), password}})
                .toJson());
        return reply.json.value(QStringLiteral("token")).toString().toUtf8();
    }

    HttpReply post(const QString& path, const QJsonObject& body, const QByteArray& token) {
        return http.post(server.url(path), QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    }

    void createQueue(const QString& name) {
        const HttpReply reply = post(QStringLiteral("/api/v1/queues"), {{QStringLiteral("name"), name}}, adminToken);
        ASSERT_EQ(reply.status, 201) << reply.body.toStdString();
    }

    /// Creates an account and signs it in; returns its token.
    QByteArray createAndSignIn(const QString& login, const QString& role, const QStringList& queues) {
        const QString password = QStringLiteral("secret-%1-pass").arg(login);
        const HttpReply reply = post(QStringLiteral("/api/v1/agents"),
                                     {{QStringLiteral("login"), login},
                                      {QStringLiteral("name"), login.toUpper()},
                                      {QStringLiteral("role"), role},
                                      {QStringLiteral("queues"), QJsonArray::fromStringList(queues)},
                                      {QStringLiteral("password"), password}},
                                     adminToken);
        EXPECT_EQ(reply.status, 201) << reply.body.toStdString();
        return signIn(login, password);
    }

    /// Imports JSON Lines into \a queue as the admin; returns the reply.
    HttpReply importLines(const QString& queue, const QByteArray& lines) {
        return http.post(server.url(QStringLiteral("/api/v1/events?queue=") + queue), lines, adminToken,
                         "application/x-ndjson");
    }

    /// One inbound e-mail from \a address, as an import line.
    static QByteArray mailLine(const QString& id, const QString& address, const QString& text) {
        return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                         {QStringLiteral("channel"), QStringLiteral("email")},
                                         {QStringLiteral("kind"), QStringLiteral("message.in")},
                                         {QStringLiteral("occurred_at"), QStringLiteral("2026-11-02T09:15:00Z")},
                                         {QStringLiteral("identity"), QStringLiteral("email:") + address},
                                         {QStringLiteral("payload"), QJsonObject{{QStringLiteral("text"), text}}}})
                   .toJson(QJsonDocument::Compact) +
               '\n';
    }

    /// A note an agent writes about \a customer.
    static core::Event note(const QString& id, const QString& customer, const QString& text) {
        core::Event event;
        event.id = id;
        event.customer = customer;
        event.channel = core::Channel::Note;
        event.kind = QStringLiteral("note");
        event.occurredAt = 1793000000000;
        event.payload = QJsonObject{{QStringLiteral("text"), text}};
        return event;
    }

    /// Opens /sync and says hello; fails the test when there is no welcome.
    std::unique_ptr<SyncTestClient> connectSync(const QByteArray& token, qint64 after = 0) {
        auto client = std::make_unique<SyncTestClient>();
        EXPECT_TRUE(client->open(server.syncUrl()));
        const auto welcome = client->hello(token, after);
        EXPECT_TRUE(welcome.has_value());
        return client;
    }

    ServerProcess server;
    HttpTestClient http;
    QByteArray adminToken;
};

} // namespace tl::servertest
