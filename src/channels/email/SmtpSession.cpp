#include "SmtpSession.h"

#include "TlsVerifier.h"

#include <QLoggingCategory>

#include <libetpan/libetpan.h>

#include <memory>
#include <optional>

namespace tl::email {

Q_LOGGING_CATEGORY(lcSmtp, "threadline.email.smtp")

using namespace Qt::StringLiterals;

namespace {

struct SmtpDeleter final {
    void operator()(mailsmtp* smtp) const { mailsmtp_free(smtp); }
};

/// The peer's chain as libetpan received it (DER, leaf first).
QList<QByteArray> peerChain(mailsmtp* smtp) {
    QList<QByteArray> chain;
    if (carray* certificates = smtp->stream ? mailstream_get_certificate_chain(smtp->stream) : nullptr) {
        for (unsigned int i = 0; i < carray_count(certificates); ++i) {
            auto* der = static_cast<MMAPString*>(carray_get(certificates, i));
            chain.append(QByteArray(der->str, static_cast<qsizetype>(der->len)));
            mmap_string_free(der);
        }
        carray_free(certificates);
    }
    return chain;
}

} // namespace

SmtpSession::Result SmtpSession::send(const Settings& settings, const QString& from, const QString& to,
                                      const QByteArray& message) {
    std::unique_ptr<mailsmtp, SmtpDeleter> smtp(mailsmtp_new(0, nullptr));
    if (!smtp)
        return {Outcome::Temporary, u"out of memory"_s};
    mailsmtp_set_timeout(smtp.get(), settings.timeoutSeconds);

    // What went wrong at \a step: a 5xx reply is permanent, anything else (4xx, the connection) temporary.
    const auto failure = [&](const char* step, int code) -> Result {
        const int reply = smtp->response_code;
        QString detail = u"%1: %2"_s.arg(QLatin1StringView(step), QString::fromUtf8(mailsmtp_strerror(code)));
        if (reply > 0 && smtp->response)
            detail += u" (server: %1 %2)"_s.arg(reply).arg(QString::fromUtf8(smtp->response).trimmed());
        const bool permanent = reply >= 500 && reply < 600 && code != MAILSMTP_ERROR_STREAM;
        return {permanent ? Outcome::Refused : Outcome::Temporary, detail};
    };

    const QByteArray host = settings.host.toUtf8();
    int code = settings.security == Security::Tls
                   ? mailsmtp_ssl_connect(smtp.get(), host.constData(), settings.port)
                   : mailsmtp_socket_connect(smtp.get(), host.constData(), settings.port);
    if (code != MAILSMTP_NO_ERROR)
        return {Outcome::Temporary, u"connecting to %1:%2: %3"_s.arg(settings.host)
                                        .arg(settings.port)
                                        .arg(QString::fromUtf8(mailsmtp_strerror(code)))};
    // libetpan does not verify the peer. An untrusted server is a configuration matter: temporary, so that a fixed
    // certificate or tls_ca_file lets the reply go out before the give-up time.
    const auto untrusted = [&]() -> std::optional<Result> {
        if (!settings.verifyCertificate)
            return std::nullopt;
        if (core::Status trusted = TlsVerifier::verify(peerChain(smtp.get()), settings.host, settings.caFile); !trusted)
            return Result{Outcome::Temporary,
                          u"%1:%2: %3"_s.arg(settings.host).arg(settings.port).arg(trusted.error())};
        return std::nullopt;
    };
    if (settings.security == Security::Tls) {
        if (auto refused = untrusted())
            return *refused;
    }
    code = mailesmtp_ehlo(smtp.get());
    if (code == MAILSMTP_ERROR_NOT_IMPLEMENTED)
        code = mailsmtp_helo(smtp.get());
    if (code != MAILSMTP_NO_ERROR)
        return failure("EHLO", code);
    if (settings.security == Security::StartTls) {
        code = mailsmtp_socket_starttls(smtp.get());
        if (code != MAILSMTP_NO_ERROR)
            return {Outcome::Temporary, u"STARTTLS: %1"_s.arg(QString::fromUtf8(mailsmtp_strerror(code)))};
        if (auto refused = untrusted())
            return *refused;
        code = mailesmtp_ehlo(smtp.get());
        if (code != MAILSMTP_NO_ERROR)
            return failure("EHLO after STARTTLS", code);
    }
    if (!settings.login.isEmpty()) {
        const QByteArray login = settings.login.toUtf8();
        const QByteArray password = settings.password.toUtf8();
        code = mailsmtp_auth(smtp.get(), login.constData(), password.constData());
        if (code != MAILSMTP_NO_ERROR) {
            // A refused login is the configuration's fault and may be fixed: keep retrying until the give-up time.
            Result result = failure("AUTH", code);
            result.outcome = Outcome::Temporary;
            return result;
        }
    }
    const QByteArray sender = from.toUtf8();
    const QByteArray recipient = to.toUtf8();
    code = mailsmtp_mail(smtp.get(), sender.constData());
    if (code != MAILSMTP_NO_ERROR)
        return failure("MAIL FROM", code);
    code = mailsmtp_rcpt(smtp.get(), recipient.constData());
    if (code != MAILSMTP_NO_ERROR)
        return failure("RCPT TO", code);
    code = mailsmtp_data(smtp.get());
    if (code != MAILSMTP_NO_ERROR)
        return failure("DATA", code);
    code = mailsmtp_data_message(smtp.get(), message.constData(), static_cast<size_t>(message.size()));
    if (code != MAILSMTP_NO_ERROR)
        return failure("sending the message", code);
    QString accepted = smtp->response ? QString::fromUtf8(smtp->response).trimmed() : QString();
    mailsmtp_quit(smtp.get());
    qCDebug(lcSmtp) << "sent to" << to << ":" << accepted;
    return {Outcome::Sent, accepted.isEmpty() ? u"accepted"_s : u"accepted (server: %1)"_s.arg(accepted)};
}

} // namespace tl::email
