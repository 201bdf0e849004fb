#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace tl::testsupport {

/// A throwaway Dovecot (Debian: dovecot-imapd) for the e-mail tests: its own configuration in a temporary directory
/// (passwd-file users, Maildir mail in that directory, no TLS unless enableTls(), its log in dovecot.log there), an
/// IMAP listener on a free 127.0.0.1 port, started in the foreground as an unprivileged process and stopped by the
/// destructor (a watchdog stops it should the test process die). As root, Dovecot runs as the "dovecot" user
/// (runuser), which owns the directory; otherwise as the current user.
///
/// Mail arrives the way a real MTA delivers it: through dovecot-lda into a user's INBOX (deliver()), so IMAP
/// clients see EXISTS at once (IDLE). An SMTP front (startSmtp(): Python's aiosmtpd, Debian python3-aiosmtpd)
/// accepts mail on another free port and hands each message to dovecot-lda for each recipient.
class DovecotServer final {
public:
    /// Prepares the configuration for \a users (each with password()); call start().
    explicit DovecotServer(const QStringList& users = {QStringLiteral("support"), QStringLiteral("customer")});
    ~DovecotServer();
    DovecotServer(const DovecotServer&) = delete;
    DovecotServer& operator=(const DovecotServer&) = delete;

    /// Before start(): serves TLS too — STARTTLS on imapPort() and IMAPS on imapsPort() — with a certificate for
    /// \a names (subjectAltName entries such as "IP:127.0.0.1", "DNS:mail.example.test") signed by a throwaway CA
    /// (caFile()), both made by the openssl command line in the temporary directory.
    [[nodiscard]] core::Status enableTls(const QStringList& names = {QStringLiteral("IP:127.0.0.1")});
    [[nodiscard]] int imapsPort() const { return m_imapsPort; }
    /// The test CA's certificate (PEM), once enableTls() succeeded.
    [[nodiscard]] QString caFile() const { return m_dir.path() + QStringLiteral("/tls/ca.pem"); }

    /// Starts Dovecot and waits until it greets on its IMAP port (the same port after a stop()).
    [[nodiscard]] core::Status start();
    /// Stops Dovecot abruptly (its master SIGTERM, its children SIGKILL: open sessions break), then waits.
    void stop();
    [[nodiscard]] bool running() const;

    /// Delivers \a raw into \a user's INBOX through dovecot-lda.
    [[nodiscard]] core::Status deliver(const QString& user, const QByteArray& raw) const;
    /// The raw messages in \a user's INBOX (Maildir cur/ and new/), in delivery order.
    [[nodiscard]] QList<QByteArray> messages(const QString& user) const;

    /// Starts the SMTP front (the same port after a stopSmtp(); AUTH PLAIN/LOGIN with the users' logins and password();
    /// loopback only). With \a startTls (after enableTls()) it offers STARTTLS with the test certificate and
    /// requires it before AUTH; otherwise no TLS.
    [[nodiscard]] core::Status startSmtp(bool startTls = false);
    /// Stops the SMTP front; startSmtp() starts it again on the same port.
    void stopSmtp();
    [[nodiscard]] int smtpPort() const { return m_smtpPort; }

    [[nodiscard]] int imapPort() const { return m_imapPort; }
    [[nodiscard]] static QString password() { return QStringLiteral("secret-password"); }
    /// The last lines of Dovecot's log (for failure messages).
    [[nodiscard]] QString logTail() const;
    [[nodiscard]] QString directory() const { return m_dir.path(); }

    /// True when Dovecot is installed (tests skip otherwise, saying so).
    [[nodiscard]] static bool available();

private:
    [[nodiscard]] QStringList asServerUser(const QString& program, const QStringList& arguments) const;
    void writeConfiguration();
    void startWatchdog();

    QTemporaryDir m_dir;
    QStringList m_users;
    QString m_serverUser;
    bool m_asRoot = false;
    int m_imapPort = 0;
    int m_imapsPort = 0;
    int m_smtpPort = 0;
    std::unique_ptr<QProcess> m_dovecot;
    std::unique_ptr<QProcess> m_smtp;
    qint64 m_watchdogPid = 0;
};

} // namespace tl::testsupport
