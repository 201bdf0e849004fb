#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace tl::email {

/// One address of a From, To or Cc header.
struct MailAddress final {
    /// The display name, RFC 2047 decoded; may be empty.
    QString name;
    /// The address as written (user@domain); not normalized.
    QString address;

    friend bool operator==(const MailAddress&, const MailAddress&) = default;
};

/// One attachment or inline part (an image a multipart/related HTML body refers to by cid:).
struct MailAttachment final {
    /// The file name, RFC 2231 / RFC 2047 decoded; a made-up "part-N" name when the part has none.
    QString filename;
    /// "type/subtype", lower case.
    QString contentType;
    /// The Content-ID without angle brackets; empty when the part has none.
    QString contentId;
    /// True for a part shown inside the message (Content-Disposition inline, or a Content-ID without a
    /// disposition) rather than attached to it.
    bool isInline = false;
    /// The decoded bytes (base64 and quoted-printable undone).
    QByteArray content;
};

/// What MailParser read from one message. Every field is as complete as the input allowed; what had to be guessed
/// or skipped is in warnings.
struct ParsedMail final {
    /// The Message-ID with its angle brackets ("<CA123@mail.example.pl>"); empty when missing or unusable.
    QString messageId;
    /// The first message id of In-Reply-To, with angle brackets; empty when none.
    QString inReplyTo;
    /// The References message ids in order, each with angle brackets.
    QStringList references;

    MailAddress from;
    QList<MailAddress> to;
    QList<MailAddress> cc;

    /// When it was written, UTC milliseconds: the Date header, or the fallback docs/email.md describes.
    qint64 occurredAt = 0;
    /// True when occurredAt did not come from a valid Date header.
    bool dateFromFallback = false;

    /// The Subject, RFC 2047 decoded, white space unfolded.
    QString subject;
    /// The text shown in the timeline: the text/plain body (or text made from the HTML) without the quoted history.
    QString text;
    /// The whole text, quoted history included; equal to text when nothing was folded away.
    QString fullText;
    /// True when the text was made from the HTML part (there was no text/plain part).
    bool textFromHtml = false;
    /// The HTML body after HtmlSanitizer; empty when the message has no HTML part.
    QString html;

    QList<MailAttachment> attachments;
    /// What was malformed, guessed or skipped, for a person to read ("bad base64 in part 2", ...).
    QStringList warnings;
};

} // namespace tl::email
