#pragma once

#include <QByteArray>
#include <QString>

namespace tl::email {

/// Submits one message over SMTP with libetpan's mailsmtp (docs/email.md, "Sending"): connect (TLS, STARTTLS or
/// plain), EHLO, AUTH when a login is given, MAIL FROM, RCPT TO, DATA, QUIT. libetpan blocks: call it on a worker
/// thread only. Thread-safe (each call has its own connection).
class SmtpSession final {
public:
    enum class Security { Tls, StartTls, None };

    struct Settings final {
        QString host;
        quint16 port = 587;
        Security security = Security::StartTls;
        /// Empty: no AUTH.
        QString login;
        QString password;
        /// Bounds every network wait.
        int timeoutSeconds = 60;
        /// With TLS or STARTTLS: the server's chain must be trusted for host (TlsVerifier: the system's CAs, or
        /// caFile's).
        bool verifyCertificate = true;
        QString caFile;
    };

    /// How a submission ended.
    enum class Outcome {
        /// The server took the message (250 after DATA).
        Sent,
        /// A permanent refusal (5xx): retrying will not help.
        Refused,
        /// A temporary failure (4xx, a broken or refused connection, a timeout): try again later.
        Temporary
    };
    struct Result final {
        Outcome outcome = Outcome::Temporary;
        /// What happened, with the server's own words where it gave some.
        QString detail;
    };

    /// Sends \a message (CRLF lines) from \a from to \a to.
    [[nodiscard]] static Result send(const Settings& settings, const QString& from, const QString& to,
                                     const QByteArray& message);
};

} // namespace tl::email
