// threadline-ctl --server end to end: the real binary against a real threadline-server (SQLite in a temporary
// directory, a free loopback port) per test — accounts, queues, imports, customers and timelines through the
// REST API, roles, sign-in and its failures, TLS with a certificate made by openssl.
#include "CtlProcess.h"
#include "ServerProcess.h"

#include <gtest/gtest.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTimer>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cstdlib>

using tl::integration::CtlOutput;
using tl::integration::CtlProcess;
using tl::servertest::ServerProcess;

namespace {

QString dataFile(const QString& name) {
    return QDir(QStringLiteral(THREADLINE_CTL_TEST_DATA)).filePath(name);
}

/// Prints a run's output when an assertion about it fails.
std::string describe(const CtlOutput& output) {
    return (QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(output.exitCode).arg(output.out, output.err))
        .toStdString();
}

/// The password a command printed as "password: ..."; empty when there is none.
QString printedPassword(const CtlOutput& output) {
    static const QRegularExpression line(QStringLiteral("^password: (\\S+)$"), QRegularExpression::MultilineOption);
    return line.match(output.out).captured(1);
}

QJsonObject byKey(const QJsonArray& array, const QString& key, const QString& value) {
    for (const QJsonValue& item : array) {
        if (item.toObject().value(key).toString() == value)
            return item.toObject();
    }
    return {};
}

QStringList values(const QJsonArray& array, const QString& key) {
    QStringList result;
    for (const QJsonValue& item : array)
        result.append(item.toObject().value(key).toString());
    return result;
}

/// Runs the event loop until \a done or \a timeoutMs passes.
bool waitFor(const std::function<bool()>& done, int timeoutMs = 5000) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

class CtlServerTest : public ::testing::Test {
protected:
    void SetUp() override { startServer(); }

    /// Starts the server with a config file: SQLite, phone region PL, sign-ins not rate-limited (every run of
    /// the tool signs in), plus \a extra INI text.
    void startServer(const QByteArray& extra = {}) {
        const QString config = m_server.directory() + QStringLiteral("/server.conf");
        QFile file(config);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("[database]\nurl=sqlite:" + m_server.directory().toUtf8() +
                   "/server.sqlite\n[identity]\ndefault_region=PL\n[limits]\nlogins_per_minute=100000\n" + extra);
        file.close();
        const auto started = m_server.start({QStringLiteral("--config"), config});
        ASSERT_TRUE(started) << started.error().toStdString();
        ASSERT_FALSE(m_server.adminPassword().isEmpty()) << m_server.output().toStdString();
    }

    [[nodiscard]] QString serverUrl() const {
        return m_server.url(QStringLiteral("/")).toString(QUrl::StripTrailingSlash);
    }

    /// Runs `threadline-ctl --server URL --login LOGIN arguments...` with THREADLINE_PASSWORD = \a password.
    CtlOutput as(const QString& login, const QString& password, const QStringList& arguments,
                 const QByteArray& input = {}) const {
        QProcessEnvironment environment = CtlProcess::environment();
        environment.insert(QStringLiteral("THREADLINE_PASSWORD"), password);
        return CtlProcess::runBare(
            QStringList{QStringLiteral("--server"), serverUrl(), QStringLiteral("--login"), login} + arguments, input,
            environment);
    }

    CtlOutput asAdmin(const QStringList& arguments, const QByteArray& input = {}) const {
        return as(QStringLiteral("admin"), m_server.adminPassword(), arguments, input);
    }

    /// Runs `threadline-ctl --server URL arguments...` with THREADLINE_TOKEN = \a token.
    CtlOutput withToken(const QByteArray& token, const QStringList& arguments) const {
        QProcessEnvironment environment = CtlProcess::environment();
        environment.insert(QStringLiteral("THREADLINE_TOKEN"), QString::fromLatin1(token));
        return CtlProcess::runBare(QStringList{QStringLiteral("--server"), serverUrl()} + arguments, {}, environment);
    }

    /// Creates an account with \a queues through the tool; returns the password it printed.
    QString addAgent(const QString& login, const QStringList& queues) {
        QStringList arguments{QStringLiteral("agent-add"), login};
        for (const QString& queue : queues)
            arguments << QStringLiteral("--queue") << queue;
        const CtlOutput added = asAdmin(arguments);
        EXPECT_EQ(added.exitCode, 0) << describe(added);
        return printedPassword(added);
    }

    ServerProcess m_server;
};

} // namespace

// ---- queues and accounts ---------------------------------------------------------------------------------------

TEST_F(CtlServerTest, AdminCreatesQueuesAndListsThem) {
    const CtlOutput added = asAdmin({QStringLiteral("queue-add"), QStringLiteral("sales"),
                                     QStringLiteral("--description"), QStringLiteral("Sprzedaż i zamówienia")});
    EXPECT_EQ(added.exitCode, 0) << describe(added);
    EXPECT_EQ(added.out.trimmed(), QStringLiteral("created the queue sales")) << describe(added);

    const CtlOutput again = asAdmin({QStringLiteral("queue-add"), QStringLiteral("sales")});
    EXPECT_EQ(again.exitCode, 1) << describe(again);
    EXPECT_TRUE(again.err.contains(QStringLiteral("There already is a queue \"sales\"."))) << describe(again);

    const CtlOutput text = asAdmin({QStringLiteral("queues")});
    EXPECT_EQ(text.exitCode, 0) << describe(text);
    EXPECT_TRUE(text.out.startsWith(QStringLiteral("NAME"))) << describe(text);
    EXPECT_TRUE(text.out.contains(QStringLiteral("sales    Sprzedaż i zamówienia"))) << describe(text);
    EXPECT_TRUE(text.out.contains(QStringLiteral("general"))) << describe(text);

    const CtlOutput json = asAdmin({QStringLiteral("queues"), QStringLiteral("--json")});
    EXPECT_EQ(json.exitCode, 0) << describe(json);
    ASSERT_TRUE(json.json().isArray()) << describe(json);
    EXPECT_EQ(byKey(json.json().array(), QStringLiteral("name"), QStringLiteral("sales"))
                  .value(QStringLiteral("description"))
                  .toString(),
              QStringLiteral("Sprzedaż i zamówienia"));
}

TEST_F(CtlServerTest, AgentAddPrintsAGeneratedPasswordThatSignsIn) {
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("sales")}).exitCode, 0);
    const CtlOutput added = asAdmin({QStringLiteral("agent-add"), QStringLiteral("anna"), QStringLiteral("--name"),
                                     QStringLiteral("Anna Nowak"), QStringLiteral("--queue"), QStringLiteral("sales")});
    ASSERT_EQ(added.exitCode, 0) << describe(added);
    EXPECT_TRUE(added.out.startsWith(QStringLiteral("created the account anna: role agent, queues sales\n")))
        << describe(added);
    const QString password = printedPassword(added);
    ASSERT_GE(password.size(), 12) << describe(added);

    const CtlOutput me = as(QStringLiteral("anna"), password, {QStringLiteral("whoami")});
    EXPECT_EQ(me.exitCode, 0) << describe(me);
    EXPECT_TRUE(me.out.contains(QStringLiteral("login:   anna\n"))) << describe(me);
    EXPECT_TRUE(me.out.contains(QStringLiteral("name:    Anna Nowak\n"))) << describe(me);
    EXPECT_TRUE(me.out.contains(QStringLiteral("role:    agent\n"))) << describe(me);
    EXPECT_TRUE(me.out.contains(QStringLiteral("queues:  sales\n"))) << describe(me);

    // The JSON is the server's answer: the account and, as it was generated, the password.
    const CtlOutput json = asAdmin({QStringLiteral("agent-add"), QStringLiteral("piotr"), QStringLiteral("--role"),
                                    QStringLiteral("supervisor"), QStringLiteral("--json")});
    ASSERT_EQ(json.exitCode, 0) << describe(json);
    const QJsonObject answer = json.json().object();
    EXPECT_EQ(answer.value(QStringLiteral("account"))[QStringLiteral("role")].toString(), QStringLiteral("supervisor"));
    EXPECT_FALSE(answer.value(QStringLiteral("password")).toString().isEmpty()) << describe(json);

    // A chosen password is not printed.
    const CtlOutput chosen = asAdmin({QStringLiteral("agent-add"), QStringLiteral("ewa"), QStringLiteral("--password"),
                                      QStringLiteral("ewa-has-a-long-password")});
    EXPECT_EQ(chosen.exitCode, 0) << describe(chosen);
    EXPECT_TRUE(printedPassword(chosen).isEmpty()) << describe(chosen);
    EXPECT_EQ(as(QStringLiteral("ewa"), QStringLiteral("ewa-has-a-long-password"), {QStringLiteral("whoami")}).exitCode,
              0);

    const CtlOutput duplicate = asAdmin({QStringLiteral("agent-add"), QStringLiteral("anna")});
    EXPECT_EQ(duplicate.exitCode, 1) << describe(duplicate);
    EXPECT_TRUE(duplicate.err.contains(QStringLiteral("There already is an account \"anna\"."))) << describe(duplicate);

    const CtlOutput shortPassword = asAdmin(
        {QStringLiteral("agent-add"), QStringLiteral("jan"), QStringLiteral("--password"), QStringLiteral("short")});
    EXPECT_EQ(shortPassword.exitCode, 2) << describe(shortPassword);
    EXPECT_TRUE(shortPassword.err.contains(QStringLiteral("at least 8 characters"))) << describe(shortPassword);

    const CtlOutput unknownQueue = asAdmin(
        {QStringLiteral("agent-add"), QStringLiteral("jan"), QStringLiteral("--queue"), QStringLiteral("nowhere")});
    EXPECT_EQ(unknownQueue.exitCode, 2) << describe(unknownQueue);
    EXPECT_TRUE(unknownQueue.err.contains(QStringLiteral("nowhere"))) << describe(unknownQueue);

    const CtlOutput badRole =
        asAdmin({QStringLiteral("agent-add"), QStringLiteral("jan"), QStringLiteral("--role"), QStringLiteral("boss")});
    EXPECT_EQ(badRole.exitCode, 2) << describe(badRole);
    EXPECT_TRUE(badRole.err.contains(QStringLiteral("\"boss\" is not agent, supervisor or admin")))
        << describe(badRole);
}

TEST_F(CtlServerTest, AgentsListsEveryAccountAsTextAndJson) {
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("sales")}).exitCode, 0);
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("support")}).exitCode, 0);
    ASSERT_EQ(asAdmin({QStringLiteral("agent-add"), QStringLiteral("anna"), QStringLiteral("--name"),
                       QStringLiteral("Anna Nowak"), QStringLiteral("--queue"), QStringLiteral("sales,support")})
                  .exitCode,
              0);

    const CtlOutput text = asAdmin({QStringLiteral("agents")});
    EXPECT_EQ(text.exitCode, 0) << describe(text);
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3) << describe(text);
    static const QRegularExpression header(QStringLiteral("^LOGIN +NAME +ROLE +STATE +CREATED +QUEUES$"));
    EXPECT_TRUE(header.match(lines[0]).hasMatch()) << describe(text);
    static const QRegularExpression anna(QStringLiteral(
        "^anna +Anna Nowak +agent +active +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +sales, support$"));
    EXPECT_TRUE(text.out.split(QLatin1Char('\n')).filter(anna).size() == 1) << describe(text);

    const CtlOutput json = asAdmin({QStringLiteral("agents"), QStringLiteral("--json")});
    EXPECT_EQ(json.exitCode, 0) << describe(json);
    ASSERT_TRUE(json.json().isArray()) << describe(json);
    const QJsonArray accounts = json.json().array();
    EXPECT_EQ(values(accounts, QStringLiteral("login")),
              (QStringList{QStringLiteral("admin"), QStringLiteral("anna")}));
    const QJsonObject annaJson = byKey(accounts, QStringLiteral("login"), QStringLiteral("anna"));
    EXPECT_EQ(annaJson.value(QStringLiteral("role")).toString(), QStringLiteral("agent"));
    EXPECT_FALSE(annaJson.value(QStringLiteral("disabled")).toBool());
    EXPECT_EQ(annaJson.value(QStringLiteral("queues")).toArray(),
              (QJsonArray{QStringLiteral("sales"), QStringLiteral("support")}));
}

TEST_F(CtlServerTest, AgentQueuesDisableEnableAndPassword) {
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("sales")}).exitCode, 0);
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("support")}).exitCode, 0);
    const QString password = addAgent(QStringLiteral("anna"), {QStringLiteral("sales")});
    ASSERT_FALSE(password.isEmpty());

    const CtlOutput queues =
        asAdmin({QStringLiteral("agent-queues"), QStringLiteral("anna"), QStringLiteral("support, sales")});
    EXPECT_EQ(queues.exitCode, 0) << describe(queues);
    EXPECT_EQ(queues.out.trimmed(), QStringLiteral("anna now works the queues sales, support")) << describe(queues);
    const CtlOutput mine = as(QStringLiteral("anna"), password, {QStringLiteral("queues"), QStringLiteral("--json")});
    EXPECT_EQ(values(mine.json().array(), QStringLiteral("name")),
              (QStringList{QStringLiteral("sales"), QStringLiteral("support")}))
        << describe(mine);
    const CtlOutput none =
        asAdmin({QStringLiteral("agent-queues"), QStringLiteral("anna"), QString(), QStringLiteral("--json")});
    EXPECT_EQ(none.exitCode, 0) << describe(none);
    EXPECT_TRUE(none.json().object().value(QStringLiteral("account"))[QStringLiteral("queues")].toArray().isEmpty())
        << describe(none);
    const CtlOutput unknownQueue =
        asAdmin({QStringLiteral("agent-queues"), QStringLiteral("anna"), QStringLiteral("nowhere")});
    EXPECT_EQ(unknownQueue.exitCode, 2) << describe(unknownQueue);
    const CtlOutput unknownAccount =
        asAdmin({QStringLiteral("agent-queues"), QStringLiteral("nobody"), QStringLiteral("sales")});
    EXPECT_EQ(unknownAccount.exitCode, 1) << describe(unknownAccount);
    EXPECT_TRUE(unknownAccount.err.contains(QStringLiteral("There is no account \"nobody\".")))
        << describe(unknownAccount);

    // Disabled: its sign-in fails like a wrong password; enabled again: it works.
    const CtlOutput disabled = asAdmin({QStringLiteral("agent-disable"), QStringLiteral("anna")});
    EXPECT_EQ(disabled.exitCode, 0) << describe(disabled);
    EXPECT_EQ(disabled.out.trimmed(), QStringLiteral("disabled the account anna; its sessions have ended"));
    const CtlOutput refused = as(QStringLiteral("anna"), password, {QStringLiteral("whoami")});
    EXPECT_EQ(refused.exitCode, 4) << describe(refused);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("cannot sign in as anna: Wrong login or password.")))
        << describe(refused);
    const CtlOutput listed = asAdmin({QStringLiteral("agents"), QStringLiteral("--json")});
    EXPECT_TRUE(byKey(listed.json().array(), QStringLiteral("login"), QStringLiteral("anna"))
                    .value(QStringLiteral("disabled"))
                    .toBool())
        << describe(listed);
    EXPECT_TRUE(asAdmin({QStringLiteral("agents")}).out.contains(QStringLiteral("disabled")));
    const CtlOutput self = asAdmin({QStringLiteral("agent-disable"), QStringLiteral("admin")});
    EXPECT_EQ(self.exitCode, 1) << describe(self);
    EXPECT_TRUE(self.err.contains(QStringLiteral("You cannot disable your own account."))) << describe(self);

    const CtlOutput enabled = asAdmin({QStringLiteral("agent-enable"), QStringLiteral("anna")});
    EXPECT_EQ(enabled.exitCode, 0) << describe(enabled);
    EXPECT_EQ(enabled.out.trimmed(), QStringLiteral("enabled the account anna"));
    EXPECT_EQ(as(QStringLiteral("anna"), password, {QStringLiteral("whoami")}).exitCode, 0);

    // A generated new password replaces the old one.
    const CtlOutput reset = asAdmin({QStringLiteral("agent-password"), QStringLiteral("anna")});
    EXPECT_EQ(reset.exitCode, 0) << describe(reset);
    const QString newPassword = printedPassword(reset);
    ASSERT_FALSE(newPassword.isEmpty()) << describe(reset);
    EXPECT_NE(newPassword, password);
    EXPECT_EQ(as(QStringLiteral("anna"), password, {QStringLiteral("whoami")}).exitCode, 4);
    EXPECT_EQ(as(QStringLiteral("anna"), newPassword, {QStringLiteral("whoami")}).exitCode, 0);

    // A chosen one is not printed.
    const CtlOutput chosen = asAdmin({QStringLiteral("agent-password"), QStringLiteral("anna"),
                                      QStringLiteral("--password"), QStringLiteral("anna-chose-this-one")});
    EXPECT_EQ(chosen.exitCode, 0) << describe(chosen);
    EXPECT_TRUE(printedPassword(chosen).isEmpty()) << describe(chosen);
    EXPECT_EQ(as(QStringLiteral("anna"), QStringLiteral("anna-chose-this-one"), {QStringLiteral("whoami")}).exitCode,
              0);

    // An agent may do none of it.
    const CtlOutput forbidden = as(QStringLiteral("anna"), QStringLiteral("anna-chose-this-one"),
                                   {QStringLiteral("agent-disable"), QStringLiteral("admin")});
    EXPECT_EQ(forbidden.exitCode, 4) << describe(forbidden);
    EXPECT_TRUE(forbidden.err.contains(QStringLiteral("Your role may not manage accounts."))) << describe(forbidden);
}

// ---- customers and timelines -------------------------------------------------------------------------------------

TEST_F(CtlServerTest, IngestThenCustomersAndTimeline) {
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("sales")}).exitCode, 0);
    const CtlOutput ingested = asAdmin({QStringLiteral("ingest"), dataFile(QStringLiteral("good.jsonl")),
                                        QStringLiteral("--queue"), QStringLiteral("sales")});
    EXPECT_EQ(ingested.exitCode, 0) << describe(ingested);
    EXPECT_EQ(ingested.out.trimmed(), QStringLiteral("accepted 7, refused 0")) << describe(ingested);

    const CtlOutput customers = asAdmin({QStringLiteral("customers"), QStringLiteral("--json")});
    EXPECT_EQ(customers.exitCode, 0) << describe(customers);
    ASSERT_TRUE(customers.json().isArray()) << describe(customers);
    const QJsonArray list = customers.json().array();
    EXPECT_EQ(list.size(), 4) << describe(customers);
    for (const QJsonValue& customer : list)
        EXPECT_EQ(customer[QStringLiteral("queue")].toString(), QStringLiteral("sales"));
    QJsonObject jan;
    for (const QJsonValue& customer : list) {
        if (customer[QStringLiteral("identities")].toArray().contains(QStringLiteral("email:jan.kowalski@example.pl")))
            jan = customer.toObject();
    }
    EXPECT_EQ(jan.value(QStringLiteral("name")).toString(), QStringLiteral("Jan Kowalski")) << describe(customers);
    EXPECT_EQ(jan.value(QStringLiteral("identities")).toArray(),
              (QJsonArray{QStringLiteral("email:jan.kowalski@example.pl"), QStringLiteral("phone:+48601234567")}));

    const CtlOutput text = asAdmin({QStringLiteral("customers")});
    EXPECT_EQ(text.exitCode, 0) << describe(text);
    static const QRegularExpression header(QStringLiteral("^ID +NAME +QUEUE +CREATED +IDENTITIES\n"));
    EXPECT_TRUE(header.match(text.out).hasMatch()) << describe(text);
    EXPECT_TRUE(text.out.contains(QStringLiteral("Jan Kowalski"))) << describe(text);
    EXPECT_TRUE(text.out.contains(QStringLiteral("李伟"))) << describe(text);
    const CtlOutput limited = asAdmin(
        {QStringLiteral("customers"), QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--json")});
    EXPECT_EQ(limited.json().array().size(), 2) << describe(limited);

    // The server normalizes the identity with its region (PL); the kind may be left out as on a local database.
    const CtlOutput timeline =
        asAdmin({QStringLiteral("timeline"), QStringLiteral("601 234 567"), QStringLiteral("--json")});
    EXPECT_EQ(timeline.exitCode, 0) << describe(timeline);
    QStringList ids;
    for (const QJsonValue& event : timeline.json().array()) {
        if (event[QStringLiteral("channel")].toString() != QLatin1String("system"))
            ids.append(event[QStringLiteral("id")].toString());
    }
    EXPECT_EQ(ids, (QStringList{QStringLiteral("email:<CA4471@mail.example.pl>"),
                                QStringLiteral("email:<re-4471@threadline.example>"), QStringLiteral("sms:kannel:1001"),
                                QStringLiteral("call:a84b2c@pbx.example:ended")}))
        << describe(timeline);

    const CtlOutput timelineText = asAdmin({QStringLiteral("timeline"), QStringLiteral("Jan.Kowalski@EXAMPLE.pl")});
    EXPECT_EQ(timelineText.exitCode, 0) << describe(timelineText);
    EXPECT_TRUE(timelineText.out.startsWith(
        QStringLiteral("customer %1, queue sales\n\nTIME").arg(jan.value(QStringLiteral("id")).toString())))
        << describe(timelineText);
    static const QRegularExpression call(QStringLiteral("\n2026-11-03T10:30:00Z  voice +call\\.ended +piotr  "));
    EXPECT_TRUE(call.match(timelineText.out).hasMatch()) << describe(timelineText);
    EXPECT_TRUE(timelineText.out.contains(QStringLiteral("incoming call, 3:05 — Klient pyta o zamówienie 4471.")))
        << describe(timelineText);

    const CtlOutput nobody = asAdmin({QStringLiteral("timeline"), QStringLiteral("email:nobody@example.pl")});
    EXPECT_EQ(nobody.exitCode, 1) << describe(nobody);
    EXPECT_TRUE(nobody.err.contains(QStringLiteral("No customer has the identity email:nobody@example.pl.")))
        << describe(nobody);
    const CtlOutput malformed = asAdmin({QStringLiteral("timeline"), QStringLiteral("phone:abc")});
    EXPECT_EQ(malformed.exitCode, 2) << describe(malformed);

    // Again: every event is accepted again (the server applies each id once).
    const CtlOutput again = asAdmin({QStringLiteral("ingest"), QStringLiteral("-"), QStringLiteral("--queue"),
                                     QStringLiteral("sales"), QStringLiteral("--json")},
                                    [] {
                                        QFile file(dataFile(QStringLiteral("good.jsonl")));
                                        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
                                    }());
    EXPECT_EQ(again.exitCode, 0) << describe(again);
    EXPECT_EQ(again.json().object().value(QStringLiteral("accepted")).toInt(), 7) << describe(again);
    EXPECT_EQ(asAdmin({QStringLiteral("customers"), QStringLiteral("--json")}).json().array().size(), 4);
}

TEST_F(CtlServerTest, IngestNamesRefusedLinesAcrossTheWholeInput) {
    const CtlOutput mixed = asAdmin({QStringLiteral("ingest"), dataFile(QStringLiteral("mixed.jsonl"))});
    EXPECT_EQ(mixed.exitCode, 1) << describe(mixed);
    EXPECT_EQ(mixed.out.trimmed(), QStringLiteral("accepted 4, refused 5")) << describe(mixed);
    const QStringList errors = mixed.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(errors.size(), 5) << describe(mixed);
    EXPECT_TRUE(errors[0].startsWith(QStringLiteral("line 2: "))) << describe(mixed);
    EXPECT_TRUE(errors[1].startsWith(QStringLiteral("line 4: unknown channel \"fax\""))) << describe(mixed);
    EXPECT_TRUE(errors[2].startsWith(QStringLiteral("line 5: unknown kind"))) << describe(mixed);
    EXPECT_TRUE(errors[3].startsWith(QStringLiteral("line 6: "))) << describe(mixed);
    EXPECT_TRUE(errors[4].startsWith(QStringLiteral("line 7: malformed date"))) << describe(mixed);

    // An input larger than one request (1 MiB): the line numbers still count over the whole input.
    QByteArray large;
    constexpr int lines = 6000;
    constexpr int badLine = 5800;
    for (int line = 1; line <= lines; ++line) {
        if (line == badLine) {
            large += "{\"channel\": \"fax\"}\n";
            continue;
        }
        large += QStringLiteral("{\"id\": \"bulk:%1\", \"channel\": \"email\", \"kind\": \"message.in\", "
                                "\"occurred_at\": \"2026-11-10T09:00:00Z\", \"identity\": "
                                "\"email:bulk%2@example.pl\", \"payload\": {\"text\": \"%3\"}}\n")
                     .arg(line)
                     .arg(line % 50)
                     .arg(QString(120, QLatin1Char('x')))
                     .toUtf8();
    }
    ASSERT_GT(large.size(), 1024 * 1024);
    const CtlOutput bulk = asAdmin({QStringLiteral("ingest"), QStringLiteral("-"), QStringLiteral("--json")}, large);
    EXPECT_EQ(bulk.exitCode, 1) << describe(bulk);
    const QJsonObject counts = bulk.json().object();
    EXPECT_EQ(counts.value(QStringLiteral("accepted")).toInt(), lines - 1) << bulk.err.toStdString();
    const QJsonArray refused = counts.value(QStringLiteral("refused")).toArray();
    ASSERT_EQ(refused.size(), 1) << bulk.err.toStdString();
    EXPECT_EQ(refused[0][QStringLiteral("line")].toInt(), badLine);
    EXPECT_TRUE(bulk.err.startsWith(QStringLiteral("line %1: unknown channel").arg(badLine))) << bulk.err.toStdString();

    const CtlOutput noQueue = asAdmin({QStringLiteral("ingest"), dataFile(QStringLiteral("good.jsonl")),
                                       QStringLiteral("--queue"), QStringLiteral("nowhere")});
    EXPECT_EQ(noQueue.exitCode, 1) << describe(noQueue);
    EXPECT_TRUE(noQueue.err.contains(QStringLiteral("There is no queue \"nowhere\"."))) << describe(noQueue);
}

TEST_F(CtlServerTest, AnAgentSeesOnlyItsQueuesCustomers) {
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("sales")}).exitCode, 0);
    ASSERT_EQ(asAdmin({QStringLiteral("queue-add"), QStringLiteral("support")}).exitCode, 0);
    ASSERT_EQ(asAdmin({QStringLiteral("ingest"), dataFile(QStringLiteral("good.jsonl")), QStringLiteral("--queue"),
                       QStringLiteral("sales")})
                  .exitCode,
              0);
    ASSERT_EQ(asAdmin({QStringLiteral("ingest"), dataFile(QStringLiteral("mixed.jsonl")), QStringLiteral("--queue"),
                       QStringLiteral("support")})
                  .exitCode,
              1);
    const QString password = addAgent(QStringLiteral("anna"), {QStringLiteral("support")});
    ASSERT_FALSE(password.isEmpty());
    const auto anna = [&](const QStringList& arguments) {
        return as(QStringLiteral("anna"), password, arguments);
    };

    const CtlOutput customers = anna({QStringLiteral("customers"), QStringLiteral("--json")});
    EXPECT_EQ(customers.exitCode, 0) << describe(customers);
    const QJsonArray list = customers.json().array();
    ASSERT_EQ(list.size(), 1) << describe(customers);
    EXPECT_EQ(list[0][QStringLiteral("identities")].toArray(), QJsonArray{QStringLiteral("email:ewa@example.pl")});
    EXPECT_EQ(asAdmin({QStringLiteral("customers"), QStringLiteral("--json")}).json().array().size(), 5);

    const CtlOutput own =
        anna({QStringLiteral("timeline"), QStringLiteral("ewa@example.pl"), QStringLiteral("--json")});
    EXPECT_EQ(own.exitCode, 0) << describe(own);
    QStringList ids;
    for (const QJsonValue& event : own.json().array()) {
        if (event[QStringLiteral("channel")].toString() != QLatin1String("system"))
            ids.append(event[QStringLiteral("id")].toString());
    }
    EXPECT_EQ(ids, (QStringList{QStringLiteral("test:1"), QStringLiteral("test:3"), QStringLiteral("test:8"),
                                QStringLiteral("test:10")}))
        << describe(own);

    const CtlOutput other = anna({QStringLiteral("timeline"), QStringLiteral("email:jan.kowalski@example.pl")});
    EXPECT_EQ(other.exitCode, 4) << describe(other);
    EXPECT_TRUE(other.err.contains(QStringLiteral("is not in your queues"))) << describe(other);
    EXPECT_TRUE(other.out.isEmpty()) << describe(other);

    const CtlOutput otherQueue =
        anna({QStringLiteral("customers"), QStringLiteral("--queue"), QStringLiteral("sales")});
    EXPECT_EQ(otherQueue.exitCode, 4) << describe(otherQueue);
    EXPECT_TRUE(otherQueue.err.contains(QStringLiteral("The queue \"sales\" is not one of yours.")))
        << describe(otherQueue);

    const CtlOutput agents = anna({QStringLiteral("agents")});
    EXPECT_EQ(agents.exitCode, 4) << describe(agents);
    EXPECT_TRUE(agents.err.contains(QStringLiteral("Your role may not list accounts."))) << describe(agents);
    const CtlOutput ingest = anna({QStringLiteral("ingest"), dataFile(QStringLiteral("good.jsonl"))});
    EXPECT_EQ(ingest.exitCode, 4) << describe(ingest);
    EXPECT_TRUE(ingest.err.contains(QStringLiteral("Your role may not import events."))) << describe(ingest);
}

// ---- sessions and failures -----------------------------------------------------------------------------------------

TEST_F(CtlServerTest, SignsOutAtTheEndAndTokensWork) {
    const CtlOutput me = asAdmin({QStringLiteral("whoami")});
    EXPECT_EQ(me.exitCode, 0) << describe(me);
    EXPECT_TRUE(waitFor([&] { return m_server.errors().contains(QStringLiteral("admin signed out")); }))
        << "the tool did not sign out:\n"
        << m_server.errors().toStdString();

    // login prints a token that stays valid; logout ends it.
    const CtlOutput login = asAdmin({QStringLiteral("login")});
    ASSERT_EQ(login.exitCode, 0) << describe(login);
    const QByteArray token = login.out.trimmed().toUtf8();
    ASSERT_FALSE(token.isEmpty());
    const CtlOutput withSession = withToken(token, {QStringLiteral("whoami"), QStringLiteral("--json")});
    EXPECT_EQ(withSession.exitCode, 0) << describe(withSession);
    EXPECT_EQ(withSession.json().object().value(QStringLiteral("account"))[QStringLiteral("login")].toString(),
              QStringLiteral("admin"));
    EXPECT_EQ(withToken(token, {QStringLiteral("queues")}).exitCode, 0) << "a token run does not sign out";

    const CtlOutput logout = withToken(token, {QStringLiteral("logout")});
    EXPECT_EQ(logout.exitCode, 0) << describe(logout);
    const CtlOutput dead = withToken(token, {QStringLiteral("whoami")});
    EXPECT_EQ(dead.exitCode, 4) << describe(dead);
    EXPECT_TRUE(dead.err.contains(QStringLiteral("The session is not valid"))) << describe(dead);
}

TEST_F(CtlServerTest, WrongPasswordIsAClearErrorAndNonZeroExit) {
    const CtlOutput wrong = as(QStringLiteral("admin"), QStringLiteral("not-the-password"), {QStringLiteral("agents")});
    EXPECT_EQ(wrong.exitCode, 4) << describe(wrong);
    EXPECT_EQ(wrong.err.trimmed(), QStringLiteral("threadline-ctl: cannot sign in as admin: Wrong login or password."))
        << describe(wrong);
    EXPECT_TRUE(wrong.out.isEmpty()) << describe(wrong);

    const CtlOutput unknown =
        as(QStringLiteral("nobody"), QStringLiteral("whatever-it-is"), {QStringLiteral("agents")});
    EXPECT_EQ(unknown.exitCode, 4) << describe(unknown);
}

TEST_F(CtlServerTest, NoPasswordAndNoTerminalIsRefusedBeforeAnyRequest) {
    const CtlOutput output = CtlProcess::runBare({QStringLiteral("--server"), serverUrl(), QStringLiteral("--login"),
                                                  QStringLiteral("admin"), QStringLiteral("agents")});
    EXPECT_EQ(output.exitCode, 2) << describe(output);
    EXPECT_TRUE(output.err.contains(QStringLiteral("no password to sign in as admin: set THREADLINE_PASSWORD")))
        << describe(output);

    const CtlOutput noCredentials =
        CtlProcess::runBare({QStringLiteral("--server"), serverUrl(), QStringLiteral("agents")});
    EXPECT_EQ(noCredentials.exitCode, 2) << describe(noCredentials);
    EXPECT_TRUE(noCredentials.err.contains(QStringLiteral("THREADLINE_TOKEN"))) << describe(noCredentials);
}

TEST_F(CtlServerTest, AsksForThePasswordOnATerminalWithoutEcho) {
    // A pseudo-terminal as the tool's standard input; the test types on its other side.
    const int terminal = ::posix_openpt(O_RDWR | O_NOCTTY);
    ASSERT_GE(terminal, 0);
    ASSERT_EQ(::grantpt(terminal), 0);
    ASSERT_EQ(::unlockpt(terminal), 0);
    const QString device = QString::fromLocal8Bit(::ptsname(terminal));

    QProcess process;
    process.setProcessEnvironment(CtlProcess::environment());
    process.setStandardInputFile(device);
    process.start(CtlProcess::program(), {QStringLiteral("--server"), serverUrl(), QStringLiteral("--login"),
                                          QStringLiteral("admin"), QStringLiteral("whoami")});
    ASSERT_TRUE(process.waitForStarted(10000));
    QByteArray errors;
    ASSERT_TRUE(waitFor(
        [&] {
            errors += process.readAllStandardError();
            return errors.contains("Password for admin at ");
        },
        20000))
        << errors.toStdString();
    const QByteArray typed = m_server.adminPassword().toUtf8() + '\n';
    ASSERT_EQ(::write(terminal, typed.constData(), static_cast<size_t>(typed.size())), typed.size());
    ASSERT_TRUE(waitFor([&] { return process.state() == QProcess::NotRunning; }, 30000));
    EXPECT_EQ(process.exitCode(), 0) << (errors + process.readAllStandardError()).toStdString();
    EXPECT_TRUE(process.readAllStandardOutput().contains("role:    admin"));

    // What the terminal showed: the Enter, never the password.
    QByteArray echoed;
    pollfd readable{terminal, POLLIN, 0};
    while (::poll(&readable, 1, 0) > 0 && (readable.revents & POLLIN)) {
        char buffer[256];
        const ssize_t count = ::read(terminal, buffer, sizeof buffer);
        if (count <= 0)
            break;
        echoed.append(buffer, count);
    }
    EXPECT_FALSE(echoed.contains(m_server.adminPassword().toUtf8())) << echoed.toStdString();
    ::close(terminal);
}

TEST_F(CtlServerTest, ServerNotRunningIsAClearError) {
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QProcessEnvironment environment = CtlProcess::environment();
    environment.insert(QStringLiteral("THREADLINE_PASSWORD"), QStringLiteral("whatever-it-is"));
    const CtlOutput output =
        CtlProcess::runBare({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(port),
                             QStringLiteral("--login"), QStringLiteral("admin"), QStringLiteral("agents")},
                            {}, environment);
    EXPECT_EQ(output.exitCode, 3) << describe(output);
    EXPECT_TRUE(output.err.contains(
        QStringLiteral(
            "cannot connect to http://127.0.0.1:%1: connection refused (is threadline-server running there?)")
            .arg(port)))
        << describe(output);
}

TEST_F(CtlServerTest, ASilentServerTimesOut) {
    // Accepts connections (the kernel does) and never answers.
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost, 0));
    QProcessEnvironment environment = CtlProcess::environment();
    environment.insert(QStringLiteral("THREADLINE_TOKEN"), QStringLiteral("some-token"));
    const CtlOutput output =
        CtlProcess::runBare({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()),
                             QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("queues")},
                            {}, environment);
    EXPECT_EQ(output.exitCode, 3) << describe(output);
    EXPECT_TRUE(output.err.contains(QStringLiteral("did not answer within 1 s"))) << describe(output);
}

TEST_F(CtlServerTest, UsageErrors) {
    QProcessEnvironment environment = CtlProcess::environment();
    environment.insert(QStringLiteral("THREADLINE_TOKEN"), QStringLiteral("some-token"));
    const auto run = [&](const QStringList& arguments) {
        return CtlProcess::runBare(arguments, {}, environment);
    };
    const auto expectUsage = [&](const QStringList& arguments, const QString& message) {
        const CtlOutput output = run(arguments);
        EXPECT_EQ(output.exitCode, 2) << arguments.join(QLatin1Char(' ')).toStdString() << "\n" << describe(output);
        EXPECT_TRUE(output.err.contains(message)) << arguments.join(QLatin1Char(' ')).toStdString() << "\n"
                                                  << describe(output);
    };
    for (const QString& url :
         {QStringLiteral("ftp://127.0.0.1"), QStringLiteral("127.0.0.1:8080"), QStringLiteral("http://"),
          QStringLiteral("http://exa mple.com"), QStringLiteral("http://127.0.0.1:8080/?x=1")})
        expectUsage({QStringLiteral("--server"), url, QStringLiteral("queues")},
                    QStringLiteral("is not an http:// or https:// URL"));
    expectUsage({QStringLiteral("--server"), QStringLiteral("http://admin:secret@127.0.0.1"), QStringLiteral("queues")},
                QStringLiteral("must not hold credentials"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("search"), QStringLiteral("x")},
                QStringLiteral("\"search\" works on a local database only"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("merge"), QStringLiteral("a@b.pl"),
                 QStringLiteral("c@d.pl")},
                QStringLiteral("\"merge\" works on a local database only"));
    expectUsage(
        {QStringLiteral("--db"), m_server.directory() + QStringLiteral("/local.sqlite"), QStringLiteral("agents")},
        QStringLiteral("\"agents\" works through a server only"));
    expectUsage({QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--server"), serverUrl(),
                 QStringLiteral("customers")},
                QStringLiteral("--db and --server exclude each other"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("--region"), QStringLiteral("PL"),
                 QStringLiteral("customers")},
                QStringLiteral("--region works with --db only"));
    expectUsage({QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--login"), QStringLiteral("admin"),
                 QStringLiteral("customers")},
                QStringLiteral("--login works with --server only"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("--name"), QStringLiteral("X"),
                 QStringLiteral("queues")},
                QStringLiteral("--name does not apply to \"queues\""));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("agent-add")},
                QStringLiteral("usage: threadline-ctl --server URL agent-add LOGIN"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("--timeout"), QStringLiteral("0"),
                 QStringLiteral("queues")},
                QStringLiteral("--timeout"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("--ca"), QStringLiteral("ca.pem"),
                 QStringLiteral("queues")},
                QStringLiteral("--ca applies to https:// servers only"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("customers"), QStringLiteral("--queue"),
                 QStringLiteral("a,b")},
                QStringLiteral("\"customers\" takes one --queue"));
    expectUsage({QStringLiteral("--server"), serverUrl(), QStringLiteral("timeline"),
                 QStringLiteral("56ea4993-907f-5eb5-a00e-b0f21d678839")},
                QStringLiteral("name the customer by one of their identities"));

    // A URL that is no Threadline server's API: the sign-in says so.
    QProcessEnvironment withPassword = CtlProcess::environment();
    withPassword.insert(QStringLiteral("THREADLINE_PASSWORD"), m_server.adminPassword());
    const CtlOutput wrongPath =
        CtlProcess::runBare({QStringLiteral("--server"), serverUrl() + QStringLiteral("/elsewhere"),
                             QStringLiteral("--login"), QStringLiteral("admin"), QStringLiteral("queues")},
                            {}, withPassword);
    EXPECT_EQ(wrongPath.exitCode, 2) << describe(wrongPath);
    EXPECT_TRUE(wrongPath.err.contains(QStringLiteral("is --server the address of a Threadline server?")))
        << describe(wrongPath);
}

// ---- TLS -----------------------------------------------------------------------------------------------------------

TEST(CtlServerTls, TrustsASelfSignedCertificateWithCa) {
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

    QProcessEnvironment environment = CtlProcess::environment();
    environment.insert(QStringLiteral("THREADLINE_PASSWORD"), server.adminPassword());
    const QString url = QStringLiteral("https://127.0.0.1:%1").arg(server.port());
    const QStringList signIn{QStringLiteral("--login"), QStringLiteral("admin")};

    const CtlOutput trusted =
        CtlProcess::runBare(QStringList{QStringLiteral("--server"), url, QStringLiteral("--ca"), certificate} + signIn +
                                QStringList{QStringLiteral("whoami")},
                            {}, environment);
    EXPECT_EQ(trusted.exitCode, 0) << describe(trusted);
    EXPECT_TRUE(trusted.out.contains(QStringLiteral("role:    admin"))) << describe(trusted);

    const CtlOutput untrusted = CtlProcess::runBare(
        QStringList{QStringLiteral("--server"), url} + signIn + QStringList{QStringLiteral("whoami")}, {}, environment);
    EXPECT_EQ(untrusted.exitCode, 3) << describe(untrusted);
    EXPECT_TRUE(untrusted.err.contains(QStringLiteral("certificate is not trusted"))) << describe(untrusted);
    EXPECT_TRUE(untrusted.err.contains(QStringLiteral("--ca FILE"))) << describe(untrusted);

    const CtlOutput plain = CtlProcess::runBare(
        QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(server.port())} + signIn +
            QStringList{QStringLiteral("whoami")},
        {}, environment);
    EXPECT_EQ(plain.exitCode, 3) << describe(plain);
    EXPECT_TRUE(plain.err.contains(QStringLiteral("cannot connect to http://127.0.0.1"))) << describe(plain);

    const CtlOutput notACertificate =
        CtlProcess::runBare(QStringList{QStringLiteral("--server"), url, QStringLiteral("--ca"), config} + signIn +
                                QStringList{QStringLiteral("whoami")},
                            {}, environment);
    EXPECT_EQ(notACertificate.exitCode, 2) << describe(notACertificate);
    EXPECT_TRUE(notACertificate.err.contains(QStringLiteral("holds no PEM certificate"))) << describe(notACertificate);
}
