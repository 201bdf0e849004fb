// Shared mailboxes over TLS against a real Dovecot serving IMAPS and STARTTLS with a certificate of a throwaway CA
// (tests/support/DovecotServer::enableTls): with the CA given as tls_ca_file the mail arrives; without it, or for a
// host name the certificate does not name, the connection is refused and the mailbox's health says why.

#include "DovecotServer.h"

#include "channels/email/MailboxConnector.h"
#include "server/ServerMetrics.h"
#include "server/StoreThread.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTemporaryDir>

#include <functional>

namespace tl::emailtest {
namespace {

using namespace Qt::StringLiterals;
using testsupport::DovecotServer;

class MailboxTlsTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!DovecotServer::available())
            GTEST_SKIP() << "Dovecot is not installed (scripts/setup installs dovecot-imapd)";
        ASSERT_TRUE(m_dir.isValid());
        const auto opened = m_store.open(u"sqlite:"_s + m_dir.path() + u"/server.sqlite"_s);
        ASSERT_TRUE(opened) << opened.error().toStdString();
        const auto tls = m_dovecot.enableTls({u"IP:127.0.0.1"_s, u"DNS:imap.example.test"_s});
        ASSERT_TRUE(tls) << tls.error().toStdString();
        const auto started = m_dovecot.start();
        ASSERT_TRUE(started) << started.error().toStdString();
        const auto delivered = m_dovecot.deliver(
            u"support"_s, "From: Ana <ana@example.test>\r\nTo: support@example.test\r\nSubject: over TLS\r\n"
                          "Message-ID: <tls-1@example.test>\r\nDate: Mon, 16 Nov 2026 10:00:00 +0000\r\n\r\nHello\r\n");
        ASSERT_TRUE(delivered) << delivered.error().toStdString();
    }

    server::MailboxConfig config(server::MailboxConfig::Security security) const {
        server::MailboxConfig mailbox;
        mailbox.name = u"support"_s;
        mailbox.host = u"127.0.0.1"_s;
        mailbox.security = security;
        mailbox.port = static_cast<quint16>(security == server::MailboxConfig::Security::Tls ? m_dovecot.imapsPort()
                                                                                             : m_dovecot.imapPort());
        mailbox.login = u"support"_s;
        mailbox.password = DovecotServer::password();
        mailbox.address = u"support@example.test"_s;
        mailbox.queue = u"email"_s;
        mailbox.retryMaxS = 2;
        mailbox.timeoutS = 10;
        mailbox.tlsCaFile = m_dovecot.caFile();
        return mailbox;
    }

    void start(const server::MailboxConfig& mailbox) {
        m_connector =
            std::make_unique<email::MailboxConnector>(mailbox, m_store, m_metrics, m_dir.path() + u"/attachments"_s);
        m_connector->start();
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

    server::MailboxHealth health() const {
        const auto all = m_metrics.mailboxes();
        return all.isEmpty() ? server::MailboxHealth{} : all.first();
    }

    /// Waits for the mailbox's first error and checks that it was never connected.
    std::string refusal() {
        EXPECT_TRUE(waitUntil([&] { return !health().lastError.isEmpty(); }, 20000));
        EXPECT_EQ(health().stored, 0);
        EXPECT_FALSE(health().connected);
        return health().lastError.toStdString();
    }

    QTemporaryDir m_dir;
    server::ServerMetrics m_metrics{u"test"_s};
    server::StoreThread m_store{m_metrics};
    DovecotServer m_dovecot;
    std::unique_ptr<email::MailboxConnector> m_connector;
};

TEST_F(MailboxTlsTest, ImapsWithTheTestCaImportsMail) {
    start(config(server::MailboxConfig::Security::Tls));
    ASSERT_TRUE(waitUntil([&] { return health().stored == 1 && health().lastSyncAt > 0; }, 30000))
        << health().lastError.toStdString() << "\n"
        << m_dovecot.logTail().toStdString();
    EXPECT_TRUE(health().lastError.isEmpty()) << health().lastError.toStdString();
}

TEST_F(MailboxTlsTest, StartTlsWithTheTestCaImportsMail) {
    start(config(server::MailboxConfig::Security::StartTls));
    ASSERT_TRUE(waitUntil([&] { return health().stored == 1 && health().lastSyncAt > 0; }, 30000))
        << health().lastError.toStdString() << "\n"
        << m_dovecot.logTail().toStdString();
}

TEST_F(MailboxTlsTest, WithoutTheCaTheCertificateIsNotTrusted) {
    server::MailboxConfig mailbox = config(server::MailboxConfig::Security::Tls);
    mailbox.tlsCaFile.clear();
    start(mailbox);
    const std::string error = refusal();
    EXPECT_NE(error.find("certificate is not trusted"), std::string::npos) << error;
}

TEST_F(MailboxTlsTest, StartTlsWithoutTheCaIsRefusedBeforeLogin) {
    server::MailboxConfig mailbox = config(server::MailboxConfig::Security::StartTls);
    mailbox.tlsCaFile.clear();
    start(mailbox);
    const std::string error = refusal();
    EXPECT_NE(error.find("certificate is not trusted"), std::string::npos) << error;
}

TEST_F(MailboxTlsTest, AHostNameTheCertificateDoesNotNameIsRefused) {
    server::MailboxConfig mailbox = config(server::MailboxConfig::Security::Tls);
    mailbox.host = u"localhost"_s;
    start(mailbox);
    const std::string error = refusal();
    EXPECT_NE(error.find("not valid for the host name localhost"), std::string::npos) << error;
}

TEST_F(MailboxTlsTest, TlsVerifyFalseAcceptsAnUntrustedCertificate) {
    server::MailboxConfig mailbox = config(server::MailboxConfig::Security::Tls);
    mailbox.tlsCaFile.clear();
    mailbox.verifyCertificate = false;
    start(mailbox);
    ASSERT_TRUE(waitUntil([&] { return health().stored == 1; }, 30000)) << health().lastError.toStdString();
}

} // namespace
} // namespace tl::emailtest
