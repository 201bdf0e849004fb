#pragma once

#include "core/Event.h"

#include <QList>
#include <QString>

namespace tl::ui {

/// One attachment an e-mail event lists (docs/email.md, "The event"): its contents live in the attachment store,
/// `<cache>.attachments/ab/cdef…`, on the machine that parsed the mail.
struct MailAttachment final {
    QString name;
    QString type;
    qint64 size = 0;
    /// 64 lower-case hex digits; the file's name in the store.
    QString sha256;
    bool isInline = false;
    QString contentId;

    /// The attachments listed on \a event; entries without a valid SHA-256 are left out.
    [[nodiscard]] static QList<MailAttachment> fromEvent(const core::Event& event);
    /// What the timeline lists: attachments, but not the inline images an HTML body shows by Content-ID.
    [[nodiscard]] static QList<MailAttachment> listed(const core::Event& event);
    /// The store's directory next to the cache \a databasePath.
    [[nodiscard]] static QString directoryFor(const QString& databasePath);
    /// Where this attachment's contents are (or would be) in the store \a directory.
    [[nodiscard]] QString storedPath(const QString& directory) const;
};

} // namespace tl::ui
