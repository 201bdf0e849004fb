// Sending agents' e-mail replies (docs/email.md, "Sending") in this process, over a real store and a real SMTP server
// (tests/support/smtp_front.py: aiosmtpd with AUTH, delivering into a real Dovecot through dovecot-lda): the reply
// lands in the customer's mailbox threaded under the customer's mail, a refusal and a retry become delivery.updated.

#include "DovecotServer.h"
#include "PostgresServer.h"

#include "channels/email/MailEvent.h"
#include "channels/email/MailParser.h"
#include "channels/email/MailSender.h"
#include "channels/email/MailboxConnector.h"
#include "core/EventKind.h"
#include "core/IdentityNormalizer.h"
#include "server/ServerMetrics.h"
#include "server/StoreThread.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QUuid>

#include <functional>

namespace tl::emailtest {
namespace {

using namespace Qt::StringLiterals;
using testsupport::DovecotServer;

const QString customerMessageId = u"<CAF4471.jk@mail.example.test>"_s;
const QString replyText =
    u"Dzień dobry, paczka wyszła wczoraj — zażółć gęślą jaźń.\nЗдравствуйте, посылка уже в пути.\n您好，包裹已经寄出。\n"_s;

/// Runs on the embedded SQLite (false) and on a throwaway PostgreSQL (true).
class MailSenderTest : public ::testing::TestWithParam<bool> {
protected:
    void SetUp() override {
        if (!DovecotServer::available())
            GTEST_SKIP() << "Dovecot is not installed (scripts/setup installs dovecot-imapd)";
        ASSERT_TRUE(m_dir.isValid());
        QString url = u"sqlite:"_s + m_dir.path() + u"/server.sqlite"_s;
        if (GetParam()) {
            testsupport::PostgresServer& postgres = testsupport::PostgresServer::shared();
            ASSERT_TRUE(postgres.ok()) << postgres.error().toStdString();
            static int databases = 0;
            const QString name = u"mail_sender_%1"_s.arg(++databases);
            const auto created = postgres.createDatabase(name);
            ASSERT_TRUE(created) << created.error().toStdString();
            url = postgres.url(name);
        }
        const auto opened = m_store.open(url);
        ASSERT_TRUE(opened) << opened.error().toStdString();
        const auto started = m_dovecot.start();
        ASSERT_TRUE(started) << started.error().toStdString();
        const auto smtp = m_dovecot.startSmtp();
        ASSERT_TRUE(smtp) << smtp.error().toStdString();
        const auto added = m_store.callBlocking([](store::ServerStore& store) {
            store::Account agent;
            agent.login = u"anna"_s;
            agent.name = u"Anna Nowak"_s;
            agent.queues = {u"general"_s};
            return store.addAccount(agent, u"$argon2id$not-used"_s);
        });
        ASSERT_TRUE(added) << added.error().toStdString();
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
        mailbox.displayName = u"Sklep Pomoc"_s;
        mailbox.signature = u"Zespół obsługi klienta"_s;
        mailbox.smtpHost = u"127.0.0.1"_s;
        mailbox.smtpPort = static_cast<quint16>(m_dovecot.smtpPort());
        mailbox.smtpSecurity = server::MailboxConfig::Security::None;
        mailbox.smtpRetryMaxS = 1;
        mailbox.timeoutS = 10;
        return mailbox;
    }

    /// The customer's mail, ingested as the IMAP connector ingests it; returns the customer's id.
    QString customerWrites(const QString& from) {
        const QByteArray raw = u"From: Jan Kowalski <%1>\r\nTo: Sklep <support@example.test>\r\n"
                               u"Subject: Zamówienie 4471\r\nMessage-ID: %2\r\n"
                               u"Date: Mon, 16 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                               u"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                               u"Gdzie jest moja paczka?\r\n"_s.arg(from, customerMessageId)
                                   .toUtf8();
        core::IdentityNormalizer normalizer;
        email::MailEvent::Options options;
        options.ownAddresses = {u"support@example.test"_s};
        const auto record = email::MailEvent::toRecord(email::MailParser::parse(raw), raw, normalizer, options);
        EXPECT_TRUE(record) << record.error().toStdString();
        if (!record)
            return {};
        const auto applied = m_store.callBlocking(
            [record = record.value()](store::ServerStore& store) { return store.ingest({record}, u"general"_s); });
        EXPECT_TRUE(applied) << applied.error().toStdString();
        return applied ? applied.value().first().customer : QString();
    }

    /// Anna's reply, submitted as a workstation submits it over /sync; returns its id.
    QString agentReplies(const QString& customer, const QString& to) {
        core::Event reply;
        reply.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        reply.customer = customer;
        reply.channel = core::Channel::Email;
        reply.kind = core::kinds::MessageOut;
        reply.occurredAt = QDateTime::currentMSecsSinceEpoch();
        reply.identity = u"email:"_s + to;
        reply.payload = QJsonObject{{u"subject"_s, u"Re: Zamówienie 4471"_s}, {u"text"_s, replyText}};
        const auto applied = m_store.callBlocking([reply](store::ServerStore& store) {
            store::Visibility all;
            all.all = true;
            return store.applySubmitted({reply}, u"anna"_s, all);
        });
        EXPECT_TRUE(applied) << applied.error().toStdString();
        if (applied) {
            EXPECT_GT(applied.value().first().seq, 0) << applied.value().first().error.toStdString();
        }
        return reply.id;
    }

    void startSender() {
        m_sender = std::make_unique<email::MailSender>(QVector<server::MailboxConfig>{config()}, m_store, m_metrics);
        m_sender->setFirstRetryMs(200);
        m_sender->start();
    }

    /// The delivery.updated events of \a replyId.
    QVector<core::Event> deliveries(const QString& replyId) {
        const auto events = m_store.callBlocking([](store::ServerStore& store) {
            store::Visibility all;
            all.all = true;
            return store.eventsAfter(0, 100000, all);
        });
        QVector<core::Event> found;
        for (const core::Event& event : events ? events.value() : QVector<core::Event>()) {
            if (event.kind == core::kinds::DeliveryUpdated && event.payload.value(u"event"_s).toString() == replyId)
                found.append(event);
        }
        return found;
    }

    /// The value of the sending series \a name for the mailbox "support" in /metrics' text; -1 when it is not there.
    qint64 sending(const char* name) const {
        const QByteArray prefix = QByteArray(name) + "{mailbox=\"support\"} ";
        for (const QByteArray& line : m_metrics.prometheusText().split('\n')) {
            if (line.startsWith(prefix))
                return line.mid(prefix.size()).toLongLong();
        }
        return -1;
    }

    static bool waitUntil(const std::function<bool()>& done, int ms) {
        QDeadlineTimer deadline(ms);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return true;
    }

    QTemporaryDir m_dir;
    server::ServerMetrics m_metrics{u"test"_s};
    server::StoreThread m_store{m_metrics};
    DovecotServer m_dovecot;
    std::unique_ptr<email::MailSender> m_sender;
};

TEST_P(MailSenderTest, ReplyLandsInTheCustomersMailboxThreaded) {
    const QString customer = customerWrites(u"customer@example.test"_s);
    ASSERT_FALSE(customer.isEmpty());
    const QString replyId = agentReplies(customer, u"customer@example.test"_s);
    startSender();
    // The sending series are there from the start (the sender's results reach it only through this event loop).
    for (const char* name :
         {"threadline_mailbox_replies_sent_total", "threadline_mailbox_replies_refused_total",
          "threadline_mailbox_replies_given_up_total", "threadline_mailbox_reply_attempts_failed_total",
          "threadline_mailbox_replies_bounced_total", "threadline_mailbox_replies_pending"})
        EXPECT_EQ(sending(name), 0) << name << "\n" << m_metrics.prometheusText().constData();
    ASSERT_TRUE(waitUntil([&] { return !deliveries(replyId).isEmpty(); }, 20000)) << m_dovecot.logTail().toStdString();
    const QVector<core::Event> outcome = deliveries(replyId);
    ASSERT_EQ(outcome.size(), 1);
    EXPECT_TRUE(waitUntil([&] { return sending("threadline_mailbox_replies_sent_total") == 1; }, 5000))
        << m_metrics.prometheusText().constData();
    EXPECT_EQ(sending("threadline_mailbox_replies_pending"), 0);
    EXPECT_EQ(sending("threadline_mailbox_reply_attempts_failed_total"), 0);
    EXPECT_EQ(sending("threadline_mailbox_replies_refused_total"), 0);
    EXPECT_EQ(outcome.first().payload.value(u"status"_s).toString(), u"sent"_s)
        << outcome.first().payload.value(u"detail"_s).toString().toStdString();
    EXPECT_EQ(outcome.first().customer, customer);
    EXPECT_EQ(outcome.first().channel, core::Channel::Email);

    ASSERT_TRUE(waitUntil([&] { return m_dovecot.messages(u"customer"_s).size() == 1; }, 10000));
    const QByteArray raw = m_dovecot.messages(u"customer"_s).first();
    const email::ParsedMail mail = email::MailParser::parse(raw);
    EXPECT_EQ(mail.from.address, u"support@example.test"_s);
    EXPECT_EQ(mail.from.name, u"Anna Nowak via Sklep Pomoc"_s);
    EXPECT_EQ(mail.subject, u"Re: Zamówienie 4471"_s);
    EXPECT_EQ(mail.inReplyTo, customerMessageId);
    EXPECT_EQ(mail.references, QStringList{customerMessageId});
    EXPECT_EQ(mail.messageId, outcome.first().payload.value(u"message_id"_s).toString());
    EXPECT_TRUE(mail.fullText.startsWith(replyText)) << mail.fullText.toStdString();
    EXPECT_TRUE(mail.fullText.contains(u"\n-- \nZespół obsługi klienta"_s)) << mail.fullText.toStdString();
    EXPECT_TRUE(raw.contains("Content-Transfer-Encoding: quoted-printable")) << raw.constData();
    EXPECT_TRUE(raw.contains("charset=utf-8")) << raw.constData();

    // The queue row is settled: a restart of the sender sends nothing again.
    m_sender.reset();
    startSender();
    const auto status =
        m_store.callBlocking([replyId](store::ServerStore& store) { return store.outgoingMailStatus(replyId); });
    ASSERT_TRUE(status);
    EXPECT_EQ(status.value(), u"sent"_s);
    waitUntil([] { return false; }, 1500);
    EXPECT_EQ(m_dovecot.messages(u"customer"_s).size(), 1);
    EXPECT_EQ(sending("threadline_mailbox_replies_sent_total"), 1);
    EXPECT_EQ(sending("threadline_mailbox_replies_pending"), 0);
}

TEST_P(MailSenderTest, UnknownRecipientIsRefused) {
    const QString customer = customerWrites(u"nobody@example.test"_s);
    ASSERT_FALSE(customer.isEmpty());
    const QString replyId = agentReplies(customer, u"nobody@example.test"_s);
    startSender();
    ASSERT_TRUE(waitUntil([&] { return !deliveries(replyId).isEmpty(); }, 20000));
    const core::Event outcome = deliveries(replyId).first();
    EXPECT_EQ(outcome.payload.value(u"status"_s).toString(), u"refused"_s);
    EXPECT_TRUE(outcome.payload.value(u"detail"_s).toString().contains(u"550"_s))
        << outcome.payload.value(u"detail"_s).toString().toStdString();
    EXPECT_TRUE(waitUntil([&] { return sending("threadline_mailbox_replies_refused_total") == 1; }, 5000))
        << m_metrics.prometheusText().constData();
    EXPECT_EQ(sending("threadline_mailbox_replies_sent_total"), 0);
    EXPECT_EQ(sending("threadline_mailbox_reply_attempts_failed_total"), 0);
    EXPECT_EQ(sending("threadline_mailbox_replies_pending"), 0);
}

TEST_P(MailSenderTest, SmtpDownIsRetriedAndSentOnceWhenBack) {
    m_dovecot.stopSmtp();
    const QString customer = customerWrites(u"customer@example.test"_s);
    const QString replyId = agentReplies(customer, u"customer@example.test"_s);
    startSender();
    // Attempts fail while the server is down; the reply stays queued.
    ASSERT_TRUE(waitUntil(
        [&] {
            const auto attempts = m_store.callBlocking(
                [replyId](store::ServerStore& store) { return store.outgoingMailStatus(replyId); });
            return attempts && attempts.value() == u"queued"_s;
        },
        10000));
    waitUntil([] { return false; }, 1500);
    EXPECT_TRUE(deliveries(replyId).isEmpty());
    // The failed attempts are counted; the reply is pending the whole time, between attempts too.
    EXPECT_TRUE(waitUntil([&] { return sending("threadline_mailbox_reply_attempts_failed_total") >= 2; }, 10000))
        << m_metrics.prometheusText().constData();
    EXPECT_EQ(sending("threadline_mailbox_replies_pending"), 1);
    EXPECT_EQ(sending("threadline_mailbox_replies_sent_total"), 0);
    const auto smtp = m_dovecot.startSmtp();
    ASSERT_TRUE(smtp) << smtp.error().toStdString();
    ASSERT_TRUE(waitUntil([&] { return !deliveries(replyId).isEmpty(); }, 20000));
    EXPECT_EQ(deliveries(replyId).first().payload.value(u"status"_s).toString(), u"sent"_s);
    ASSERT_TRUE(waitUntil([&] { return m_dovecot.messages(u"customer"_s).size() == 1; }, 10000));
    waitUntil([] { return false; }, 2000);
    EXPECT_EQ(m_dovecot.messages(u"customer"_s).size(), 1);
    EXPECT_EQ(deliveries(replyId).size(), 1);
    EXPECT_EQ(sending("threadline_mailbox_replies_sent_total"), 1);
    EXPECT_EQ(sending("threadline_mailbox_replies_pending"), 0);
    EXPECT_EQ(sending("threadline_mailbox_replies_given_up_total"), 0);
}

TEST_P(MailSenderTest, AReplyTheServerCannotTakeForLongIsGivenUp) {
    m_dovecot.stopSmtp();
    const QString customer = customerWrites(u"customer@example.test"_s);
    const QString replyId = agentReplies(customer, u"customer@example.test"_s);
    server::MailboxConfig impatient = config();
    impatient.smtpGiveUpS = 1;
    m_sender = std::make_unique<email::MailSender>(QVector<server::MailboxConfig>{impatient}, m_store, m_metrics);
    m_sender->setFirstRetryMs(200);
    m_sender->start();
    // Within a second or two an attempt's retry would fall after smtp_give_up_s: the reply is given up. (How many
    // attempts failed before that depends on the machine's speed; SmtpDownIsRetriedAndSentOnceWhenBack counts them.)
    ASSERT_TRUE(waitUntil([&] { return !deliveries(replyId).isEmpty(); }, 20000));
    const core::Event outcome = deliveries(replyId).first();
    EXPECT_EQ(outcome.payload.value(u"status"_s).toString(), u"failed"_s);
    EXPECT_EQ(outcome.payload.value(u"mailbox"_s).toString(), u"support"_s);
    EXPECT_TRUE(waitUntil([&] { return sending("threadline_mailbox_replies_given_up_total") == 1; }, 5000))
        << m_metrics.prometheusText().constData();
    EXPECT_EQ(sending("threadline_mailbox_replies_pending"), 0);
    EXPECT_EQ(sending("threadline_mailbox_replies_sent_total"), 0);
    EXPECT_EQ(sending("threadline_mailbox_replies_refused_total"), 0);
    const auto status =
        m_store.callBlocking([replyId](store::ServerStore& store) { return store.outgoingMailStatus(replyId); });
    ASSERT_TRUE(status);
    EXPECT_EQ(status.value(), u"failed"_s);
}

TEST_P(MailSenderTest, StartTlsSubmissionChecksTheServersCertificate) {
    // The SMTP front now offers STARTTLS with the test CA's certificate and wants it before AUTH.
    m_dovecot.stopSmtp();
    const auto tls = m_dovecot.enableTls();
    ASSERT_TRUE(tls) << tls.error().toStdString();
    const auto smtp = m_dovecot.startSmtp(true);
    ASSERT_TRUE(smtp) << smtp.error().toStdString();
    const QString customer = customerWrites(u"customer@example.test"_s);
    ASSERT_FALSE(customer.isEmpty());

    // Without the test CA the certificate is not trusted: nothing is sent, the reply waits (a temporary failure).
    server::MailboxConfig untrusting = config();
    untrusting.smtpSecurity = server::MailboxConfig::Security::StartTls;
    const QString waiting = agentReplies(customer, u"customer@example.test"_s);
    m_sender = std::make_unique<email::MailSender>(QVector<server::MailboxConfig>{untrusting}, m_store, m_metrics);
    m_sender->setFirstRetryMs(200);
    m_sender->start();
    waitUntil([] { return false; }, 3000);
    EXPECT_TRUE(deliveries(waiting).isEmpty());
    EXPECT_TRUE(m_dovecot.messages(u"customer"_s).isEmpty());
    // Between attempts the reply is back in the queue (during one it is briefly "sending").
    EXPECT_TRUE(waitUntil(
        [&] {
            const auto status = m_store.callBlocking(
                [waiting](store::ServerStore& store) { return store.outgoingMailStatus(waiting); });
            return status && status.value() == u"queued"_s;
        },
        5000));
    EXPECT_TRUE(deliveries(waiting).isEmpty());

    // Trusting the test CA, STARTTLS then AUTH go through and the reply (the waiting one too) is delivered.
    m_sender.reset();
    server::MailboxConfig trusting = untrusting;
    trusting.tlsCaFile = m_dovecot.caFile();
    m_sender = std::make_unique<email::MailSender>(QVector<server::MailboxConfig>{trusting}, m_store, m_metrics);
    m_sender->setFirstRetryMs(200);
    m_sender->start();
    ASSERT_TRUE(waitUntil([&] { return !deliveries(waiting).isEmpty(); }, 20000)) << m_dovecot.logTail().toStdString();
    EXPECT_EQ(deliveries(waiting).first().payload.value(u"status"_s).toString(), u"sent"_s)
        << deliveries(waiting).first().payload.value(u"detail"_s).toString().toStdString();
    ASSERT_TRUE(waitUntil([&] { return m_dovecot.messages(u"customer"_s).size() == 1; }, 10000));
}

TEST_P(MailSenderTest, AReplyLeftSendingByACrashIsSentAgainOnce) {
    const QString customer = customerWrites(u"customer@example.test"_s);
    const QString replyId = agentReplies(customer, u"customer@example.test"_s);
    // A sender claimed the reply and died before it reached the SMTP server.
    const auto claimed = m_store.callBlocking([](store::ServerStore& store) -> core::Result<int> {
        if (const auto added = store.enqueueOutgoingMail(); !added)
            return core::Result<int>::failure(added.error());
        const auto mails = store.claimOutgoingMail(QDateTime::currentMSecsSinceEpoch(), 10);
        if (!mails)
            return core::Result<int>::failure(mails.error());
        return static_cast<int>(mails.value().size());
    });
    ASSERT_TRUE(claimed) << claimed.error().toStdString();
    ASSERT_EQ(claimed.value(), 1);
    EXPECT_EQ(m_store.callBlocking([replyId](store::ServerStore& store) { return store.outgoingMailStatus(replyId); })
                  .value(),
              u"sending"_s);
    startSender();
    ASSERT_TRUE(waitUntil([&] { return !deliveries(replyId).isEmpty(); }, 20000));
    EXPECT_EQ(deliveries(replyId).first().payload.value(u"status"_s).toString(), u"sent"_s);
    ASSERT_TRUE(waitUntil([&] { return m_dovecot.messages(u"customer"_s).size() == 1; }, 10000));

    // A crash after the outcome was committed (the row still "sending"): the next start settles it, sends nothing.
    m_sender.reset();
    const auto reopened = m_store.callBlocking(
        [](store::ServerStore& store) -> core::Result<int> { return store.recoverOutgoingMail(); });
    ASSERT_TRUE(reopened);
    EXPECT_EQ(reopened.value(), 0);
    startSender();
    waitUntil([] { return false; }, 1500);
    EXPECT_EQ(m_dovecot.messages(u"customer"_s).size(), 1);
    EXPECT_EQ(deliveries(replyId).size(), 1);
}

TEST_P(MailSenderTest, OnlyAgentsRepliesAreQueued) {
    // Mail the mailbox itself sent (pulled over IMAP or imported: message.out without an author) is not sent again.
    const QByteArray raw =
        u"From: Sklep <support@example.test>\r\nTo: customer@example.test\r\nSubject: Hello\r\n"
        u"Message-ID: <own.1@example.test>\r\nDate: Mon, 16 Nov 2026 10:00:00 +0000\r\n\r\nHi\r\n"_s.toUtf8();
    core::IdentityNormalizer normalizer;
    email::MailEvent::Options options;
    options.ownAddresses = {u"support@example.test"_s};
    const auto record = email::MailEvent::toRecord(email::MailParser::parse(raw), raw, normalizer, options);
    ASSERT_TRUE(record) << record.error().toStdString();
    ASSERT_EQ(record.value().event.kind, core::kinds::MessageOut);
    const auto queued = m_store.callBlocking([record = record.value()](store::ServerStore& store) -> core::Result<int> {
        if (const auto applied = store.ingest({record}, u"general"_s); !applied)
            return core::Result<int>::failure(applied.error());
        return store.enqueueOutgoingMail();
    });
    ASSERT_TRUE(queued) << queued.error().toStdString();
    EXPECT_EQ(queued.value(), 0);
    const auto pending = m_store.callBlocking([](store::ServerStore& store) { return store.pendingOutgoingMail(); });
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending.value(), 0);
}

TEST_P(MailSenderTest, TheMailboxIsTheOneTheCustomerWroteTo) {
    server::MailboxConfig support = config();
    server::MailboxConfig billing = config();
    billing.name = u"billing"_s;
    billing.address = u"Billing@Example.test"_s;
    billing.queue = u"billing"_s;
    server::MailboxConfig quiet = config();
    quiet.name = u"archive"_s;
    quiet.smtpHost.clear();
    const QVector<server::MailboxConfig> all{quiet, billing, support};

    store::OutgoingMail mail;
    mail.queue = u"general"_s;
    mail.lastInbound.id = u"email:<x@y>"_s;
    mail.lastInbound.payload = QJsonObject{
        {u"to"_s, QJsonArray{QJsonObject{{u"name"_s, u"Billing"_s}, {u"address"_s, u"billing@example.test"_s}}}}};
    ASSERT_NE(email::MailSender::mailboxFor(mail, all), nullptr);
    EXPECT_EQ(email::MailSender::mailboxFor(mail, all)->name, u"billing"_s);
    // Without inbound mail: the customer's queue, else the first mailbox that sends.
    mail.lastInbound = {};
    EXPECT_EQ(email::MailSender::mailboxFor(mail, all)->name, u"support"_s);
    mail.queue = u"billing"_s;
    EXPECT_EQ(email::MailSender::mailboxFor(mail, all)->name, u"billing"_s);
    mail.queue = u"elsewhere"_s;
    EXPECT_EQ(email::MailSender::mailboxFor(mail, all)->name, u"billing"_s);
    // The workstation may name the mailbox.
    mail.reply.payload = QJsonObject{{u"mailbox"_s, u"support"_s}};
    EXPECT_EQ(email::MailSender::mailboxFor(mail, all)->name, u"support"_s);
    EXPECT_EQ(email::MailSender::mailboxFor(mail, {quiet}), nullptr);
}

TEST(MailSenderConfigTest, SmtpSettingsHaveDefaultsAndAreChecked) {
    server::ServerConfig config;
    for (const auto& [key, value] :
         {std::pair{u"mailbox.support/host"_s, u"imap.example.test"_s}, std::pair{u"mailbox.support/login"_s, u"s"_s},
          std::pair{u"mailbox.support/password"_s, u"p"_s},
          std::pair{u"mailbox.support/address"_s, u"support@example.test"_s}}) {
        ASSERT_TRUE(config.set(key, value));
    }
    ASSERT_TRUE(config.validate());
    const server::MailboxConfig& mailbox = config.mailboxes.first();
    EXPECT_FALSE(mailbox.sends());
    EXPECT_EQ(mailbox.effectiveSmtpPort(), 587);
    EXPECT_EQ(mailbox.effectiveSmtpLogin(), u"s"_s);
    EXPECT_EQ(mailbox.effectiveSmtpPassword(), u"p"_s);
    ASSERT_TRUE(config.set(u"mailbox.support/smtp_host"_s, u"smtp.example.test"_s));
    ASSERT_TRUE(config.set(u"mailbox.support/smtp_security"_s, u"tls"_s));
    ASSERT_TRUE(config.set(u"mailbox.support/smtp_login"_s, u"sender"_s));
    ASSERT_TRUE(config.set(u"mailbox.support/smtp_give_up_s"_s, u"3600"_s));
    EXPECT_TRUE(config.mailboxes.first().sends());
    EXPECT_EQ(config.mailboxes.first().effectiveSmtpPort(), 465);
    EXPECT_EQ(config.mailboxes.first().effectiveSmtpLogin(), u"sender"_s);
    EXPECT_EQ(config.mailboxes.first().smtpGiveUpS, 3600);
    EXPECT_FALSE(config.set(u"mailbox.support/smtp_security"_s, u"ssl"_s));
    EXPECT_FALSE(config.set(u"mailbox.support/smtp_port"_s, u"0"_s));
    EXPECT_FALSE(config.set(u"mailbox.support/smtp_hots"_s, u"x"_s));
    ASSERT_TRUE(config.set(u"mailbox.support/smtp_security"_s, u"none"_s));
    const core::Status clear = config.validate();
    ASSERT_FALSE(clear);
    EXPECT_TRUE(clear.error().contains(u"smtp_security = none"_s)) << clear.error().toStdString();
    ASSERT_TRUE(config.set(u"mailbox.support/smtp_host"_s, u"127.0.0.1"_s));
    EXPECT_TRUE(config.validate());
}

TEST_P(MailSenderTest, ABounceThatComesBackAsMailIsShownOnTheReply) {
    const QString customer = customerWrites(u"customer@example.test"_s);
    ASSERT_FALSE(customer.isEmpty());
    const QString replyId = agentReplies(customer, u"customer@example.test"_s);
    startSender();
    ASSERT_TRUE(waitUntil([&] { return !deliveries(replyId).isEmpty(); }, 20000)) << m_dovecot.logTail().toStdString();
    const QString messageId = deliveries(replyId).first().payload.value(u"message_id"_s).toString();
    ASSERT_FALSE(messageId.isEmpty());
    ASSERT_TRUE(waitUntil([&] { return sending("threadline_mailbox_replies_sent_total") == 1; }, 5000));

    // Later the customer's server gives up and a Postfix-style DSN comes back to the shared mailbox.
    const QByteArray dsn =
        u"From: MAILER-DAEMON@mx.example.test (Mail Delivery System)\r\nTo: support@example.test\r\n"
        u"Subject: Undelivered Mail Returned to Sender\r\nDate: Tue, 17 Nov 2026 09:14:03 +0000\r\n"
        u"Message-Id: <20261117091403.4Lq2Zr@mx.example.test>\r\nMIME-Version: 1.0\r\n"
        u"Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"B1\"\r\n\r\n"
        u"--B1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you...\r\n\r\n"
        u"--B1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.test\r\n\r\n"
        u"Final-Recipient: rfc822; customer@example.test\r\nAction: failed\r\nStatus: 5.2.2\r\n"
        u"Diagnostic-Code: smtp; 552 5.2.2 <customer@example.test>: mailbox\r\n    full\r\n\r\n"
        u"--B1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: support@example.test\r\n"
        u"To: customer@example.test\r\nMessage-ID: %1\r\n\r\n--B1--\r\n"_s.arg(messageId)
            .toUtf8();
    const auto delivered = m_dovecot.deliver(u"support"_s, dsn);
    ASSERT_TRUE(delivered) << delivered.error().toStdString();

    // Messages the mailbox stored (the bounce among them): counted once the connector has taken the batch's result.
    const auto storedMessages = [&] {
        for (const server::MailboxHealth& health : m_metrics.mailboxes()) {
            if (health.name == u"support"_s)
                return health.stored;
        }
        return qint64(0);
    };
    const auto readMailbox = [&] {
        const qint64 storedBefore = storedMessages();
        email::MailboxConnector connector(config(), m_store, m_metrics, m_dir.path() + u"/attachments"_s);
        connector.start();
        const bool read = waitUntil(
            [&] {
                const auto state =
                    m_store.callBlocking([](store::ServerStore& store) { return store.mailboxState(u"support"_s); });
                return state && state.value().lastUid > 0 && storedMessages() > storedBefore;
            },
            20000);
        connector.stop();
        return read;
    };
    ASSERT_TRUE(readMailbox()) << m_dovecot.logTail().toStdString();
    EXPECT_EQ(sending("threadline_mailbox_replies_bounced_total"), 1) << m_metrics.prometheusText().constData();
    EXPECT_EQ(sending("threadline_mailbox_replies_sent_total"), 1);

    QVector<core::Event> outcome = deliveries(replyId);
    ASSERT_EQ(outcome.size(), 2);
    const core::Event& bounced = outcome.last();
    EXPECT_EQ(bounced.id, u"delivery:%1:bounced"_s.arg(replyId));
    EXPECT_EQ(bounced.customer, customer);
    EXPECT_EQ(bounced.payload.value(u"status"_s).toString(), u"bounced"_s);
    EXPECT_EQ(bounced.payload.value(u"detail"_s).toString(), u"552 5.2.2 <customer@example.test>: mailbox full"_s);
    EXPECT_EQ(bounced.payload.value(u"message_id"_s).toString(), messageId);
    EXPECT_EQ(bounced.payload.value(u"code"_s).toString(), u"5.2.2"_s);
    const auto status =
        m_store.callBlocking([replyId](store::ServerStore& store) { return store.outgoingMailStatus(replyId); });
    ASSERT_TRUE(status);
    EXPECT_EQ(status.value(), u"bounced"_s);

    // The DSN did not become a message from the mailer daemon (no event, no customer of its own).
    const auto all = m_store.callBlocking([](store::ServerStore& store) {
        store::Visibility everything;
        everything.all = true;
        return store.eventsAfter(0, 100000, everything);
    });
    ASSERT_TRUE(all);
    for (const core::Event& event : all.value()) {
        EXPECT_FALSE(event.identity.contains(u"mailer-daemon"_s, Qt::CaseInsensitive)) << event.id.toStdString();
        EXPECT_EQ(event.customer, customer) << event.id.toStdString();
    }

    // Read again from the start (a new UIDVALIDITY does that): still one bounced event.
    const auto reset = m_store.callBlocking(
        [](store::ServerStore& store) { return store.setMailboxState(u"support"_s, store::MailboxState{}); });
    ASSERT_TRUE(reset);
    ASSERT_TRUE(readMailbox());
    EXPECT_EQ(deliveries(replyId).size(), 2);
    EXPECT_EQ(sending("threadline_mailbox_replies_bounced_total"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, MailSenderTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& engine) {
                             return std::string(engine.param ? "Postgres" : "Sqlite");
                         });

} // namespace
} // namespace tl::emailtest
