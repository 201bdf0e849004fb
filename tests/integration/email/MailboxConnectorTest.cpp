// The server's shared-mailbox connector (docs/email.md, "Shared mailboxes") in this process, over a real store and a
// real Dovecot on a free loopback port: what arrives, how fast, and that a restart of Dovecot or broken mail neither
// duplicates, loses nor stops anything.

#include "DovecotServer.h"

#include "channels/email/MailboxConnector.h"
#include "server/ServerMetrics.h"
#include "server/StoreThread.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>

#include <cstdio>

#include <functional>

namespace tl::emailtest {
namespace {

using namespace Qt::StringLiterals;
using testsupport::DovecotServer;

QByteArray readData(const QString& name) {
    QFile file(QStringLiteral(THREADLINE_EMAIL_TEST_DATA) + u'/' + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray simpleMail(const QString& from, const QString& messageId, const QString& subject, const QString& body) {
    return u"From: %1\r\nTo: support@example.test\r\nSubject: %2\r\nMessage-ID: %3\r\n"
           u"Date: Mon, 16 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
           u"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%4\r\n"_s
               .arg(from, subject, messageId, body)
               .toUtf8();
}

class MailboxConnectorTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!DovecotServer::available())
            GTEST_SKIP() << "Dovecot is not installed (scripts/setup installs dovecot-imapd)";
        ASSERT_TRUE(m_dir.isValid());
        const auto opened = m_store.open(u"sqlite:"_s + m_dir.path() + u"/server.sqlite"_s);
        ASSERT_TRUE(opened) << opened.error().toStdString();
        const auto started = m_dovecot.start();
        ASSERT_TRUE(started) << started.error().toStdString();
    }

    server::MailboxConfig config() const {
        server::MailboxConfig mailbox;
        mailbox.name = u"support"_s;
        mailbox.host = u"127.0.0.1"_s;
        mailbox.port = static_cast<quint16>(m_dovecot.imapPort());
        mailbox.security = server::MailboxConfig::Security::None;
        mailbox.login = u"support"_s;
        mailbox.password = DovecotServer::password();
        mailbox.address = u"support@example.test"_s;
        mailbox.queue = u"email"_s;
        mailbox.retryMaxS = 2;
        mailbox.timeoutS = 10;
        return mailbox;
    }

    void startConnector() {
        m_connector =
            std::make_unique<email::MailboxConnector>(config(), m_store, m_metrics, m_dir.path() + u"/attachments"_s);
        m_connector->start();
    }

    /// Every e-mail event in the log.
    QVector<core::Event> emailEvents() {
        const auto events = m_store.callBlocking([](store::ServerStore& store) {
            store::Visibility all;
            all.all = true;
            return store.eventsAfter(0, 100000, all);
        });
        EXPECT_TRUE(events) << events.error().toStdString();
        QVector<core::Event> email;
        for (const core::Event& event : events ? events.value() : QVector<core::Event>()) {
            if (event.channel == core::Channel::Email)
                email.append(event);
        }
        return email;
    }

    /// Runs the event loop until \a done or the deadline.
    static bool waitUntil(const std::function<bool()>& done, int ms) {
        QDeadlineTimer deadline(ms);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return true;
    }

    server::MailboxHealth health() const {
        const auto all = m_metrics.mailboxes();
        return all.isEmpty() ? server::MailboxHealth{} : all.first();
    }

    QTemporaryDir m_dir;
    server::ServerMetrics m_metrics{u"test"_s};
    server::StoreThread m_store{m_metrics};
    DovecotServer m_dovecot;
    std::unique_ptr<email::MailboxConnector> m_connector;
};

TEST_F(MailboxConnectorTest, MailInEveryCharsetArrivesReadableInTheSendersThread) {
    const QList<std::pair<QString, QString>> files{
        {u"utf8-polish.eml"_s, u"Re: Zamówienie 4471 — gdzie jest paczka?"_s},
        {u"iso-8859-2.eml"_s, u"Prośba o fakturę"_s},
        {u"windows-1250.eml"_s, u"Reklamacja — ekspres nie grzeje"_s},
        {u"koi8-r.eml"_s, u"Re: Заказ 5120"_s},
        {u"windows-1251.eml"_s, u"Возврат денег, заказ № 6031"_s},
        {u"windows-1256.eml"_s, u"پيگيري سفارش"_s},
        {u"gb2312.eml"_s, QString()},
        {u"gb18030.eml"_s, u"收件人错误"_s},
        {u"big5.eml"_s, u"咖啡豆何時寄出"_s},
    };
    for (const auto& [file, subject] : files) {
        const QByteArray raw = readData(file);
        ASSERT_FALSE(raw.isEmpty()) << file.toStdString();
        const auto delivered = m_dovecot.deliver(u"support"_s, raw);
        ASSERT_TRUE(delivered) << delivered.error().toStdString();
    }
    // A second message of the Polish customer joins the same customer.
    ASSERT_TRUE(m_dovecot.deliver(u"support"_s,
                                  simpleMail(u"Jan Kowalski <jan.kowalski@example.pl>"_s, u"<second-4471@example.pl>"_s,
                                             u"Re: Zamówienie 4471"_s, u"Paczka dotarła, dziękuję."_s)));

    startConnector();
    ASSERT_TRUE(waitUntil(
        [&] { return emailEvents().size() == files.size() + 1 && health().stored == files.size() + 1; }, 30000))
        << "stored " << emailEvents().size() << "; health: " << health().lastError.toStdString();

    const QVector<core::Event> events = emailEvents();
    QHash<QString, core::Event> bySubject;
    for (const core::Event& event : events) {
        EXPECT_EQ(event.kind, u"message.in"_s);
        EXPECT_FALSE(event.payload.value(u"text"_s).toString().contains(QChar(0xFFFD))) << event.id.toStdString();
        bySubject.insert(event.payload.value(u"subject"_s).toString(), event);
    }
    for (const auto& [file, subject] : files) {
        if (!subject.isEmpty()) {
            EXPECT_TRUE(bySubject.contains(subject)) << file.toStdString() << ": " << subject.toStdString();
        }
    }
    const core::Event first = bySubject.value(u"Re: Zamówienie 4471 — gdzie jest paczka?"_s);
    const core::Event second = bySubject.value(u"Re: Zamówienie 4471"_s);
    EXPECT_EQ(first.identity, u"email:jan.kowalski@example.pl"_s);
    EXPECT_FALSE(first.customer.isEmpty());
    EXPECT_EQ(first.customer, second.customer);
    EXPECT_NE(first.customer, bySubject.value(u"Re: Заказ 5120"_s).customer);
    // New customers go to the mailbox's queue.
    const auto queue = m_store.callBlocking([&](store::ServerStore& store) { return store.queueOf(first.customer); });
    ASSERT_TRUE(queue);
    EXPECT_EQ(queue.value(), u"email"_s);

    const server::MailboxHealth now = health();
    EXPECT_TRUE(now.connected);
    EXPECT_GT(now.lastSyncAt, 0);
    EXPECT_EQ(now.stored, files.size() + 1);
    const QByteArray metrics = m_metrics.prometheusText();
    EXPECT_TRUE(metrics.contains("threadline_mailbox_connected{mailbox=\"support\"} 1")) << metrics.constData();

    // The cursor is stored: a new connector (a restarted server) reads nothing again.
    m_connector.reset();
    const auto cursor =
        m_store.callBlocking([](store::ServerStore& store) { return store.mailboxState(u"support"_s); });
    ASSERT_TRUE(cursor);
    EXPECT_EQ(cursor.value().lastUid, quint32(files.size() + 1));
    EXPECT_NE(cursor.value().uidValidity, 0u);
}

TEST_F(MailboxConnectorTest, IdleDeliversWithinTwoSeconds) {
    startConnector();
    ASSERT_TRUE(waitUntil([&] { return health().lastSyncAt > 0; }, 20000)) << health().lastError.toStdString();
    QSignalSpy stored(m_connector.get(), &email::MailboxConnector::eventsStored);
    for (int round = 0; round < 3; ++round) {
        // Let the connector settle into IDLE after the previous round.
        waitUntil([] { return false; }, 300);
        stored.clear();
        QElapsedTimer clock;
        clock.start();
        ASSERT_TRUE(
            m_dovecot.deliver(u"support"_s, simpleMail(u"Ola <ola@example.pl>"_s, u"<idle-%1@example.pl>"_s.arg(round),
                                                       u"Pytanie %1"_s.arg(round), u"Czy jest jeszcze?"_s)));
        ASSERT_TRUE(waitUntil([&] { return !stored.isEmpty(); }, 10000));
        const qint64 elapsed = clock.elapsed();
        EXPECT_LT(elapsed, 2000) << "round " << round;
        std::printf("[ figure ] IDLE: delivered to stored in %lld ms\n", static_cast<long long>(elapsed));
    }
    EXPECT_EQ(emailEvents().size(), 3);
}

TEST_F(MailboxConnectorTest, DovecotRestartMidSyncDuplicatesAndLosesNothing) {
    // Big enough that reading them takes a while, so that Dovecot stops in the middle.
    constexpr int count = 300;
    const QString filler = u"Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n"_s.repeated(1500);
    for (int i = 0; i < count; ++i) {
        ASSERT_TRUE(m_dovecot.deliver(u"support"_s, simpleMail(u"Customer %1 <c%1@example.com>"_s.arg(i % 40),
                                                               u"<bulk-%1@example.com>"_s.arg(i),
                                                               u"Message %1"_s.arg(i), filler + QString::number(i))));
    }
    startConnector();
    // Stop Dovecot once some but not all of it is stored.
    ASSERT_TRUE(waitUntil([&] { return health().stored > 0; }, 30000)) << health().lastError.toStdString();
    m_dovecot.stop();
    ASSERT_TRUE(waitUntil([&] { return !health().connected; }, 15000));
    const qint64 storedAtStop = health().stored;
    EXPECT_LT(storedAtStop, count) << "Dovecot stopped only after the whole folder was read";
    ASSERT_TRUE(m_dovecot.start());
    ASSERT_TRUE(waitUntil([&] { return emailEvents().size() >= count && health().lastSyncAt > 0; }, 60000))
        << "stored " << emailEvents().size() << " of " << count;
    std::printf("[ figure ] restart: %lld of %d stored when Dovecot stopped\n", static_cast<long long>(storedAtStop),
                count);
    // Mail arriving after the reconnection still arrives.
    ASSERT_TRUE(m_dovecot.deliver(u"support"_s, simpleMail(u"Late <late@example.com>"_s, u"<late@example.com>"_s,
                                                           u"Late"_s, u"After the restart"_s)));
    ASSERT_TRUE(waitUntil([&] { return emailEvents().size() == count + 1; }, 20000));

    const QVector<core::Event> events = emailEvents();
    QSet<QString> ids;
    for (const core::Event& event : events)
        ids.insert(event.id);
    EXPECT_EQ(ids.size(), count + 1);
    for (int i = 0; i < count; ++i)
        EXPECT_TRUE(ids.contains(u"email:<bulk-%1@example.com>"_s.arg(i))) << i;
    EXPECT_GE(health().errors, 1);
    EXPECT_FALSE(health().lastError.isEmpty());
    EXPECT_TRUE(health().connected);
}

TEST_F(MailboxConnectorTest, MalformedMailDoesNotStopTheMailbox) {
    ASSERT_TRUE(m_dovecot.deliver(u"support"_s, readData(u"missing-boundary-end.eml"_s)));
    ASSERT_TRUE(m_dovecot.deliver(u"support"_s, readData(u"bad-base64.eml"_s)));
    // No sender at all: it cannot become an event, and is skipped.
    ASSERT_TRUE(m_dovecot.deliver(u"support"_s, "Subject: who sent this?\r\n\r\n\x01\x02\xff\xfe garbage\r\n"));
    ASSERT_TRUE(m_dovecot.deliver(u"support"_s, QByteArray(3000, '\x80') + "\r\n\r\n"));
    ASSERT_TRUE(m_dovecot.deliver(u"support"_s, simpleMail(u"Good <good@example.com>"_s, u"<good@example.com>"_s,
                                                           u"Still here"_s, u"Read me"_s)));
    startConnector();
    ASSERT_TRUE(waitUntil([&] { return health().lastSyncAt > 0; }, 20000)) << health().lastError.toStdString();
    const QVector<core::Event> events = emailEvents();
    EXPECT_EQ(events.size(), 3);
    EXPECT_EQ(health().rejected, 2);
    EXPECT_TRUE(health().connected);
    bool good = false;
    for (const core::Event& event : events)
        good = good || event.id == u"email:<good@example.com>"_s;
    EXPECT_TRUE(good);
    // And the next mail still comes.
    ASSERT_TRUE(m_dovecot.deliver(
        u"support"_s, simpleMail(u"Next <next@example.com>"_s, u"<next@example.com>"_s, u"Next"_s, u"Next one"_s)));
    ASSERT_TRUE(waitUntil([&] { return emailEvents().size() == 4; }, 10000));
}

TEST_F(MailboxConnectorTest, WrongPasswordIsReportedAndRetried) {
    server::MailboxConfig wrong = config();
    wrong.password = u"wrong"_s;
    m_connector = std::make_unique<email::MailboxConnector>(wrong, m_store, m_metrics, m_dir.path());
    m_connector->start();
    ASSERT_TRUE(waitUntil([&] { return health().errors >= 2; }, 20000));
    EXPECT_FALSE(health().connected);
    EXPECT_TRUE(health().lastError.contains(u"LOGIN"_s)) << health().lastError.toStdString();
}

} // namespace
} // namespace tl::emailtest

namespace tl::emailtest {
namespace {

using namespace Qt::StringLiterals;

core::Result<server::ServerConfig> configFrom(const QByteArray& ini) {
    QTemporaryDir dir;
    QFile file(dir.path() + u"/server.conf"_s);
    if (!file.open(QIODevice::WriteOnly))
        return core::Result<server::ServerConfig>::failure(u"cannot write"_s);
    file.write(ini);
    file.close();
    auto config = server::ServerConfig::fromFile(file.fileName());
    if (config) {
        if (const core::Status valid = config.value().validate(); !valid)
            return core::Result<server::ServerConfig>::failure(valid.error());
    }
    return config;
}

TEST(MailboxConfigTest, GroupsAreReadAndCheckedWithClearErrors) {
    const auto config = configFrom("[mailbox.support]\nhost = imap.example.pl\nlogin = pomoc\npassword = s3cret\n"
                                   "address = pomoc@sklep.example\nqueue = email\nname = Obsługa\n"
                                   "[mailbox.sales]\nhost = 127.0.0.1\nport = 1143\nsecurity = none\nlogin = s\n"
                                   "password = p\naddress = sales@sklep.example\n");
    ASSERT_TRUE(config) << config.error().toStdString();
    ASSERT_EQ(config.value().mailboxes.size(), 2);
    const server::MailboxConfig& sales = config.value().mailboxes.at(0);
    const server::MailboxConfig& support = config.value().mailboxes.at(1);
    EXPECT_EQ(sales.name, u"sales"_s);
    EXPECT_EQ(sales.effectivePort(), 1143);
    EXPECT_EQ(support.effectivePort(), 993);
    EXPECT_EQ(support.security, server::MailboxConfig::Security::Tls);
    EXPECT_EQ(support.folder, u"INBOX"_s);
    EXPECT_EQ(support.queue, u"email"_s);
    EXPECT_EQ(support.displayName, u"Obsługa"_s);

    const auto clear = configFrom("[mailbox.x]\nhost = imap.example.pl\nsecurity = none\nlogin = a\npassword = b\n"
                                  "address = a@example.pl\n");
    ASSERT_FALSE(clear);
    EXPECT_TRUE(clear.error().contains(u"in the clear"_s)) << clear.error().toStdString();
    const auto noAddress = configFrom("[mailbox.x]\nhost = imap.example.pl\nlogin = a\npassword = b\n");
    ASSERT_FALSE(noAddress);
    EXPECT_TRUE(noAddress.error().contains(u"[mailbox.x]: address must be set"_s)) << noAddress.error().toStdString();
    const auto unknown = configFrom("[mailbox.x]\nhots = imap.example.pl\n");
    ASSERT_FALSE(unknown);
    EXPECT_TRUE(unknown.error().contains(u"mailbox.x/hots"_s)) << unknown.error().toStdString();
    const QString base = u"[mailbox.x]\nhost = imap.example.pl\nlogin = a\npassword = b\naddress = a@example.pl\n"_s;
    const auto missingCa = configFrom((base + u"tls_ca_file = /nonexistent/ca.pem\n"_s).toUtf8());
    ASSERT_FALSE(missingCa);
    EXPECT_TRUE(missingCa.error().contains(u"tls_ca_file = \"/nonexistent/ca.pem\": the file does not exist"_s))
        << missingCa.error().toStdString();
    QTemporaryFile notPem;
    ASSERT_TRUE(notPem.open());
    notPem.write("not a certificate\n");
    notPem.close();
    const auto badCa = configFrom((base + u"tls_ca_file = %1\n"_s.arg(notPem.fileName())).toUtf8());
    ASSERT_FALSE(badCa);
    EXPECT_TRUE(badCa.error().contains(u"no PEM certificate"_s)) << badCa.error().toStdString();
    const auto badSecurity = configFrom("[mailbox.x]\nsecurity = ssl\n");
    ASSERT_FALSE(badSecurity);
    EXPECT_TRUE(badSecurity.error().contains(u"expected tls, starttls or none"_s)) << badSecurity.error().toStdString();
}

} // namespace
} // namespace tl::emailtest
