#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace tl::email {

/// What one outgoing reply says (docs/email.md, "Sending").
struct OutgoingMessage final {
    QString fromName;
    QString fromAddress;
    QString toName;
    QString toAddress;
    QString subject;
    /// The reply's text; the signature follows it after the "-- " separator (RFC 3676) when not empty.
    QString text;
    QString signature;
    /// Each with its angle brackets (<id@host>).
    QString messageId;
    QString inReplyTo;
    QStringList references;
    /// UTC milliseconds since the epoch.
    qint64 date = 0;
};

/// Composes outgoing mail with GMime: RFC 5322 headers (names and subject RFC 2047 encoded where needed), one
/// text/plain part in UTF-8, quoted-printable. Thread-safe.
class MailComposer final {
public:
    /// The message's bytes, lines ended by CRLF.
    [[nodiscard]] static QByteArray compose(const OutgoingMessage& message);
    /// A Message-ID derived from \a eventId only (<SHA-256 prefix.threadline@domain>): a retry after a crash sends
    /// the same id. \a domain: the mailbox address's domain.
    [[nodiscard]] static QString messageIdFor(const QString& eventId, const QString& domain);
    /// \a subject of the message replied to with one "Re: " in front (none added when it starts with Re: already,
    /// in any case); "Re: " alone for an empty subject.
    [[nodiscard]] static QString replySubject(const QString& subject);
};

} // namespace tl::email
