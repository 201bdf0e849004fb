// Sending end to end (docs/email.md, "Sending"): the real threadline-server pulls a customer's mail from a real
// Dovecot, an agent answers over /sync, and the reply lands in the customer's mailbox through a real SMTP server
// (tests/support/smtp_front.py), threaded under the customer's mail; the outcome reaches the workstation as
// delivery.updated.

#include "DovecotServer.h"
#include "ServerFixture.h"

#include "channels/email/MailParser.h"
#include "core/EventKind.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>

namespace tl::servertest {
namespace {

using namespace Qt::StringLiterals;
using testsupport::DovecotServer;

class SmtpEndToEndTest : public ServerFixture {
protected:
    void SetUp() override {
        if (!DovecotServer::available())
            GTEST_SKIP() << "Dovecot is not installed (scripts/setup installs dovecot-imapd)";
        const auto started = m_dovecot.start();
        ASSERT_TRUE(started) << started.error().toStdString();
        const auto smtp = m_dovecot.startSmtp();
        ASSERT_TRUE(smtp) << smtp.error().toStdString();
        ServerFixture::SetUp();
    }

    QStringList extraArguments() override {
        const QString path = server.directory() + u"/server.conf"_s;
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(u"[mailbox.support]\nhost = 127.0.0.1\nport = %1\nsecurity = none\nlogin = support\n"
                   u"password = %2\naddress = support@example.test\nname = Sklep Pomoc\n"
                   u"signature = Zespół obsługi\nsmtp_host = 127.0.0.1\nsmtp_port = %3\nsmtp_security = none\n"_s
                       .arg(m_dovecot.imapPort())
                       .arg(DovecotServer::password())
                       .arg(m_dovecot.smtpPort())
                       .toUtf8());
        file.close();
        return {u"--config"_s, path, u"--db"_s, server.directory() + u"/server.sqlite"_s};
    }

    DovecotServer m_dovecot;
};

TEST_F(SmtpEndToEndTest, AReplySubmittedOverSyncLandsInTheCustomersMailboxThreaded) {
    const QString customerId = u"<CAF-e2e.1@mail.example.test>"_s;
    const auto delivered = m_dovecot.deliver(
        u"support"_s, u"From: Jan Kowalski <customer@example.test>\r\nTo: Sklep <support@example.test>\r\n"
                      u"Subject: =?UTF-8?Q?Zam=C3=B3wienie_4471?=\r\nMessage-ID: %1\r\n"
                      u"Date: Mon, 16 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                      u"Content-Type: text/plain; charset=utf-8\r\n\r\nGdzie jest paczka?\r\n"_s.arg(customerId)
                          .toUtf8());
    ASSERT_TRUE(delivered) << delivered.error().toStdString();

    auto sync = connectSync(adminToken);
    const auto inbound = sync->nextEventOfKind(core::kinds::MessageIn, 20000);
    ASSERT_TRUE(inbound.has_value()) << server.errors().toStdString();

    const QString text = u"Paczka wyszła — zażółć gęślą jaźń. Посылка в пути. 包裹已经寄出。"_s;
    core::Event reply;
    reply.id = u"0196f2c4-7b1a-7c3e-9a51-2f0d8e6b4c99"_s;
    reply.customer = inbound->customer;
    reply.channel = core::Channel::Email;
    reply.kind = core::kinds::MessageOut;
    reply.occurredAt = QDateTime::currentMSecsSinceEpoch();
    reply.identity = inbound->identity;
    reply.payload = QJsonObject{{u"subject"_s, u"Re: Zamówienie 4471"_s}, {u"text"_s, text}};
    sync->sendFrame(protocol::Submit{{reply}});

    const auto outcome = sync->nextEventOfKind(core::kinds::DeliveryUpdated, 20000);
    ASSERT_TRUE(outcome.has_value()) << server.errors().toStdString();
    EXPECT_EQ(outcome->payload.value(u"status"_s).toString(), u"sent"_s)
        << outcome->payload.value(u"detail"_s).toString().toStdString();
    EXPECT_EQ(outcome->payload.value(u"event"_s).toString(), reply.id);
    EXPECT_EQ(outcome->customer, inbound->customer);

    QList<QByteArray> received;
    QDeadlineTimer deadline(10000);
    while ((received = m_dovecot.messages(u"customer"_s)).isEmpty() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    ASSERT_EQ(received.size(), 1);
    const email::ParsedMail mail = email::MailParser::parse(received.first());
    EXPECT_EQ(mail.from.address, u"support@example.test"_s);
    EXPECT_TRUE(mail.from.name.endsWith(u"Sklep Pomoc"_s)) << mail.from.name.toStdString();
    EXPECT_EQ(mail.subject, u"Re: Zamówienie 4471"_s);
    EXPECT_EQ(mail.inReplyTo, customerId);
    EXPECT_EQ(mail.references, QStringList{customerId});
    EXPECT_TRUE(mail.fullText.startsWith(text)) << mail.fullText.toStdString();
}

} // namespace
} // namespace tl::servertest
