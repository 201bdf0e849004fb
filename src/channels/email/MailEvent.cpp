#include "MailEvent.h"

#include "AttachmentStore.h"

#include "core/EventKind.h"

#include <QJsonArray>
#include <QSet>

namespace tl::email {

namespace {

QJsonArray addressesToJson(const QList<MailAddress>& addresses) {
    QJsonArray array;
    for (const MailAddress& address : addresses) {
        QJsonObject entry{{QStringLiteral("address"), address.address}};
        if (!address.name.isEmpty())
            entry.insert(QStringLiteral("name"), address.name);
        array.append(entry);
    }
    return array;
}

QJsonArray idsToJson(const QStringList& ids) {
    QJsonArray array;
    for (const QString& id : ids)
        array.append(id);
    return array;
}

} // namespace

QString MailEvent::eventId(const ParsedMail& mail, QByteArrayView raw) {
    if (!mail.messageId.isEmpty())
        return QStringLiteral("email:") + mail.messageId;
    return QStringLiteral("email:sha256:") + AttachmentStore::sha256Hex(raw);
}

core::Result<core::ImportRecord> MailEvent::toRecord(const ParsedMail& mail, QByteArrayView raw,
                                                     core::IdentityNormalizer& normalizer, const Options& options) {
    using Failure = core::Result<core::ImportRecord>;
    if (mail.from.address.isEmpty())
        return Failure::failure(QStringLiteral("no sender address (From)"));
    const core::Result<QString> sender = core::IdentityNormalizer::normalizeEmail(mail.from.address);
    if (!sender)
        return Failure::failure(QStringLiteral("unusable sender address: %1").arg(sender.error()));

    QSet<QString> own;
    for (const QString& address : options.ownAddresses) {
        if (const core::Result<QString> normalized = core::IdentityNormalizer::normalizeEmail(address))
            own.insert(normalized.value());
    }

    core::ImportRecord record;
    core::Event& event = record.event;
    event.id = eventId(mail, raw);
    event.channel = core::Channel::Email;
    event.occurredAt = mail.occurredAt;
    if (own.contains(sender.value())) {
        event.kind = core::kinds::MessageOut;
        // The customer is the first recipient who is not the mailbox itself.
        for (const MailAddress& recipient : mail.to + mail.cc) {
            const core::Result<QString> normalized = core::IdentityNormalizer::normalizeEmail(recipient.address);
            if (normalized && !own.contains(normalized.value())) {
                event.identity = QStringLiteral("email:") + normalized.value();
                record.name = recipient.name;
                break;
            }
        }
        if (event.identity.isEmpty())
            return Failure::failure(
                QStringLiteral("sent from the mailbox's own address %1 to no one else").arg(mail.from.address));
    } else {
        event.kind = core::kinds::MessageIn;
        event.identity = QStringLiteral("email:") + sender.value();
        record.name = mail.from.name;
    }
    if (record.name.contains(u'@'))
        record.name.clear(); // "jan@example.pl" <jan@example.pl> says no name
    record.name = record.name.left(500);
    // The normalizer's own form (it caches; the CLI and connectors share one per thread).
    if (const core::Result<core::Identity> identity = normalizer.normalize(event.identity))
        event.identity = identity.value().toString();

    QJsonObject payload{
        {QStringLiteral("subject"), mail.subject},
        {QStringLiteral("text"), mail.text},
        {QStringLiteral("message_id"), mail.messageId},
        {QStringLiteral("in_reply_to"), mail.inReplyTo},
        {QStringLiteral("references"), idsToJson(mail.references)},
        {QStringLiteral("from"), mail.from.address},
        {QStringLiteral("from_name"), mail.from.name},
        {QStringLiteral("to"), addressesToJson(mail.to)},
        {QStringLiteral("cc"), addressesToJson(mail.cc)},
    };
    if (mail.fullText != mail.text)
        payload.insert(QStringLiteral("text_full"), mail.fullText);
    if (!mail.html.isEmpty())
        payload.insert(QStringLiteral("html"), mail.html);
    if (mail.dateFromFallback)
        payload.insert(QStringLiteral("date_guessed"), true);

    QJsonArray attachments;
    for (const MailAttachment& attachment : mail.attachments) {
        QJsonObject entry{
            {QStringLiteral("name"), attachment.filename},
            {QStringLiteral("type"), attachment.contentType},
            {QStringLiteral("size"), attachment.content.size()},
        };
        if (attachment.isInline)
            entry.insert(QStringLiteral("inline"), true);
        if (!attachment.contentId.isEmpty())
            entry.insert(QStringLiteral("content_id"), attachment.contentId);
        if (options.attachments) {
            const core::Result<AttachmentStore::Stored> stored = options.attachments->store(attachment.content);
            if (!stored)
                return Failure::failure(stored.error());
            entry.insert(QStringLiteral("sha256"), stored.value().sha256);
            entry.insert(QStringLiteral("path"), stored.value().relativePath);
        } else {
            entry.insert(QStringLiteral("sha256"), AttachmentStore::sha256Hex(attachment.content));
        }
        attachments.append(entry);
    }
    if (!attachments.isEmpty())
        payload.insert(QStringLiteral("attachments"), attachments);
    event.payload = payload;
    return record;
}

} // namespace tl::email
