#include "BounceReader.h"

#include <QRegularExpression>

namespace tl::email {

using namespace Qt::StringLiterals;

namespace {

/// The value of the first header field \a name in \a text (a header block or a report's fields), lines unfolded.
QString field(const QString& text, QLatin1StringView name) {
    const QRegularExpression re(u"^[ \\t]*"_s + QRegularExpression::escape(QString(name)) +
                                    u"[ \\t]*:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)"_s,
                                QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = re.match(text);
    if (!match.hasMatch())
        return {};
    return match.captured(1).simplified();
}

/// Every value of the header field \a name in \a text, lines unfolded.
QStringList fields(const QString& text, QLatin1StringView name) {
    const QRegularExpression re(u"^[ \\t]*"_s + QRegularExpression::escape(QString(name)) +
                                    u"[ \\t]*:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)"_s,
                                QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    QStringList all;
    for (const QRegularExpressionMatch& match : re.globalMatch(text))
        all.append(match.captured(1).simplified());
    return all;
}

/// "rfc822; user@example.com" → "user@example.com".
QString withoutType(const QString& value) {
    const qsizetype semicolon = value.indexOf(u';');
    return (semicolon >= 0 ? value.mid(semicolon + 1) : value).trimmed();
}

/// The first "<...>" message id in \a value.
QString messageIdIn(const QString& value) {
    static const QRegularExpression id(u"<[^<>\\s]+@[^<>\\s]+>"_s);
    const QRegularExpressionMatch match = id.match(value);
    return match.hasMatch() ? match.captured(0) : QString();
}

bool fromMailerDaemon(const ParsedMail& mail) {
    const QString local = mail.from.address.section(u'@', 0, 0).toLower();
    return local == u"mailer-daemon" || local == u"postmaster" || local == u"mail-daemon" ||
           mail.from.address.isEmpty();
}

bool bounceSubject(const QString& subject) {
    static const QRegularExpression re(
        u"undeliver|delivery status notification \\(failure\\)|delivery (has )?failed|delivery failure|"
        u"mail delivery (failed|failure|subsystem)|returned mail|failure notice|could not be delivered"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(subject).hasMatch();
}

} // namespace

QString Bounce::detail() const {
    if (!diagnostic.isEmpty())
        return diagnostic;
    if (!status.isEmpty())
        return status;
    return u"returned as undeliverable"_s;
}

std::optional<Bounce> BounceReader::read(const ParsedMail& mail, QByteArrayView raw) {
    // The top header block and the body, as text: the fields a bounce carries are ASCII.
    const QString text = QString::fromUtf8(raw.data(), raw.size());
    static const QRegularExpression blank(u"\\r?\\n\\r?\\n"_s);
    const QRegularExpressionMatch split = blank.match(text);
    const QString header = split.hasMatch() ? text.left(split.capturedStart()) : text;
    const QString body = split.hasMatch() ? text.mid(split.capturedEnd()) : QString();

    const QString contentType = field(header, "Content-Type"_L1).toLower();
    static const QRegularExpression reportType(u"report-type\\s*=\\s*\"?delivery-status"_s);
    const bool dsn = contentType.startsWith(u"multipart/report"_s) && reportType.match(contentType).hasMatch();

    Bounce bounce;
    if (dsn) {
        // The per-recipient fields of the message/delivery-status part; the first failed recipient counts.
        const QStringList actions = fields(body, "Action"_L1);
        const QStringList statuses = fields(body, "Status"_L1);
        bool failed = false;
        for (const QString& action : actions)
            failed = failed || action.toLower().startsWith(u"failed"_s);
        for (const QString& status : statuses) {
            if (status.startsWith(u'5')) {
                failed = true;
                if (bounce.status.isEmpty())
                    bounce.status = status.section(u' ', 0, 0);
            }
        }
        if (!failed)
            return std::nullopt; // delayed, delivered, relayed, expanded
        if (bounce.status.isEmpty() && !statuses.isEmpty())
            bounce.status = statuses.first().section(u' ', 0, 0);
        bounce.diagnostic = withoutType(field(body, "Diagnostic-Code"_L1));
        bounce.recipient = withoutType(field(body, "Final-Recipient"_L1));
        if (bounce.recipient.isEmpty())
            bounce.recipient = withoutType(field(body, "Original-Recipient"_L1));
    } else {
        if (!fromMailerDaemon(mail) || !bounceSubject(mail.subject))
            return std::nullopt;
        static const QRegularExpression status(u"\\b(5\\.\\d{1,3}\\.\\d{1,3})\\b"_s);
        if (const QRegularExpressionMatch match = status.match(body); match.hasMatch())
            bounce.status = match.captured(1);
        // The remote server's reply as the bounce quotes it: the first line (or "... said:") starting with a 5xx code.
        static const QRegularExpression reply(u"^(?:.*said:)?[ \\t]*(5\\d\\d[ -].*)$"_s,
                                              QRegularExpression::MultilineOption);
        if (const QRegularExpressionMatch match = reply.match(body); match.hasMatch())
            bounce.diagnostic = match.captured(1).simplified();
    }

    // The returned message's headers follow the report (message/rfc822, text/rfc822-headers, or quoted text).
    const QString returned = messageIdIn(field(body, "Message-ID"_L1));
    if (!returned.isEmpty())
        bounce.originalMessageIds.append(returned);
    if (!mail.inReplyTo.isEmpty() && !bounce.originalMessageIds.contains(mail.inReplyTo))
        bounce.originalMessageIds.append(mail.inReplyTo);
    for (auto it = mail.references.crbegin(); it != mail.references.crend(); ++it) {
        if (!bounce.originalMessageIds.contains(*it))
            bounce.originalMessageIds.append(*it);
    }
    if (!dsn && bounce.originalMessageIds.isEmpty())
        return std::nullopt; // a daemon's notice about nothing it can name
    return bounce;
}

} // namespace tl::email
