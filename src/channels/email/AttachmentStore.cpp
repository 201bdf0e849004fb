#include "AttachmentStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace tl::email {

AttachmentStore::AttachmentStore(QString directory)
    : m_directory(std::move(directory)) {}

QString AttachmentStore::directoryFor(const QString& databasePath) {
    return databasePath + QLatin1String(".attachments");
}

QString AttachmentStore::sha256Hex(QByteArrayView content) {
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QString AttachmentStore::absolutePath(const QString& relativePath) const {
    return QDir(m_directory).filePath(relativePath);
}

core::Result<AttachmentStore::Stored> AttachmentStore::store(QByteArrayView content) {
    Stored stored;
    stored.sha256 = sha256Hex(content);
    stored.relativePath = stored.sha256.left(2) + u'/' + stored.sha256.mid(2);
    const QString path = absolutePath(stored.relativePath);
    const QFileInfo existing(path);
    if (existing.exists() && existing.size() == content.size())
        return stored;

    if (!QDir().mkpath(existing.absolutePath()))
        return core::Result<Stored>::failure(
            QStringLiteral("cannot create the attachment directory %1").arg(existing.absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return core::Result<Stored>::failure(
            QStringLiteral("cannot write the attachment %1: %2").arg(path, file.errorString()));
    if (file.write(content.data(), content.size()) != content.size() || !file.commit())
        return core::Result<Stored>::failure(
            QStringLiteral("cannot write the attachment %1: %2").arg(path, file.errorString()));
    stored.written = true;
    return stored;
}

} // namespace tl::email
