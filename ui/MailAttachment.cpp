#include "MailAttachment.h"

#include "core/Channel.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tl::ui {

namespace {

bool isSha256(const QString& text) {
    if (text.size() != 64)
        return false;
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

} // namespace

QList<MailAttachment> MailAttachment::fromEvent(const core::Event& event) {
    QList<MailAttachment> list;
    if (event.channel != core::Channel::Email)
        return list;
    const QJsonArray attachments = event.payload.value(QLatin1String("attachments")).toArray();
    for (const QJsonValue& value : attachments) {
        const QJsonObject object = value.toObject();
        MailAttachment attachment;
        attachment.sha256 = object.value(QLatin1String("sha256")).toString();
        if (!isSha256(attachment.sha256))
            continue;
        attachment.name = object.value(QLatin1String("name")).toString();
        attachment.type = object.value(QLatin1String("type")).toString();
        attachment.size = qint64(object.value(QLatin1String("size")).toDouble());
        attachment.isInline = object.value(QLatin1String("inline")).toBool();
        attachment.contentId = object.value(QLatin1String("content_id")).toString();
        list.append(attachment);
    }
    return list;
}

QList<MailAttachment> MailAttachment::listed(const core::Event& event) {
    QList<MailAttachment> list = fromEvent(event);
    const bool hasHtml = !event.payload.value(QLatin1String("html")).toString().isEmpty();
    list.removeIf([hasHtml](const MailAttachment& attachment) {
        return hasHtml && attachment.isInline && !attachment.contentId.isEmpty();
    });
    return list;
}

QString MailAttachment::directoryFor(const QString& databasePath) {
    // As tl::email::AttachmentStore::directoryFor names it (tl_ui does not link the MIME library).
    return databasePath + QLatin1String(".attachments");
}

QString MailAttachment::storedPath(const QString& directory) const {
    return directory + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256.mid(2);
}

} // namespace tl::ui
