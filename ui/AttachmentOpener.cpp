#include "AttachmentOpener.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcAttachments, "threadline.ui.attachments")

namespace tl::ui {

namespace {

/// A file name that stays in its directory: no separators, no leading dots, not empty.
QString safeFileName(const MailAttachment& attachment) {
    QString name = attachment.name;
    for (QChar& c : name) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char(':') || c.unicode() < 0x20)
            c = QLatin1Char('_');
    }
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    return name.trimmed().isEmpty() ? attachment.sha256.left(12) : name;
}

} // namespace

AttachmentOpener::AttachmentOpener(QString attachmentsDirectory, QObject* parent)
    : QObject(parent)
    , m_directory(std::move(attachmentsDirectory))
    , m_openUrl([](const QUrl& url) { return QDesktopServices::openUrl(url); }) {}

void AttachmentOpener::setServer(const QUrl& server, const QString& token) {
    m_server = server;
    m_token = token;
}

void AttachmentOpener::open(const MailAttachment& attachment) {
    const QString stored = attachment.storedPath(m_directory);
    if (QFileInfo::exists(stored)) {
        openStored(attachment, stored);
        return;
    }
    if (m_server.isEmpty()) {
        //: %1 is an attachment's file name
        emit failed(tr("“%1” is not in the local cache; sign in to the server to fetch it.").arg(attachment.name));
        return;
    }
    //: %1 is an attachment's file name
    emit progress(tr("Downloading “%1”…").arg(attachment.name));
    QPointer<AttachmentOpener> guard(this);
    m_client.fetch(
        m_server, m_token, attachment.sha256, stored,
        [guard, attachment](qint64 received, qint64 total) {
            if (guard && total > 0)
                //: %1 is an attachment's file name, %2 a percentage
                emit guard->progress(tr("Downloading “%1”… %2%").arg(attachment.name).arg(received * 100 / total));
        },
        [guard, attachment, stored](core::Result<QString> result) {
            if (!guard)
                return;
            if (!result.ok()) {
                //: %1 is an attachment's file name, %2 the reason
                emit guard->failed(tr("“%1” could not be fetched: %2").arg(attachment.name, result.error()));
                return;
            }
            guard->openStored(attachment, stored);
        });
}

void AttachmentOpener::openStored(const MailAttachment& attachment, const QString& storedPath) {
    if (!m_temporary.isValid()) {
        emit failed(tr("There is no temporary folder to open attachments from."));
        return;
    }
    // One folder per content, so two attachments of one name but different contents do not collide.
    const QString folder = m_temporary.path() + QLatin1Char('/') + attachment.sha256.left(16);
    const QString copy = folder + QLatin1Char('/') + safeFileName(attachment);
    if (!QFileInfo::exists(copy)) {
        QDir().mkpath(folder);
        if (!QFile::copy(storedPath, copy)) {
            //: %1 is an attachment's file name
            emit failed(tr("“%1” could not be copied for opening.").arg(attachment.name));
            return;
        }
        // Read-only: what the agent sees is what the customer sent.
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::ReadUser);
    }
    const QUrl url = QUrl::fromLocalFile(copy);
    qCDebug(lcAttachments) << "opening" << url;
    if (!m_openUrl(url)) {
        //: %1 is an attachment's file name
        emit failed(tr("No application could open “%1”.").arg(attachment.name));
        return;
    }
    emit opened(url);
}

} // namespace tl::ui
