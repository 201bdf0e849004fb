#include "MaildirReader.h"

#include "MailParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tl::email {

MaildirReader::MaildirReader(const QString& path) {
    addFolder(path);
    // Maildir++: subfolders are directories named ".Name" holding their own cur/ and new/.
    const QStringList subfolders = QDir(path).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& name : subfolders) {
        const QString subfolder = QDir(path).filePath(name);
        if (name.startsWith(u'.') && isMaildir(subfolder))
            addFolder(subfolder);
    }
}

bool MaildirReader::isMaildir(const QString& path) {
    const QDir directory(path);
    return QFileInfo(path).isDir() && (QFileInfo(directory.filePath(QStringLiteral("cur"))).isDir() ||
                                       QFileInfo(directory.filePath(QStringLiteral("new"))).isDir());
}

void MaildirReader::addFolder(const QString& folder) {
    for (const QString& sub : {QStringLiteral("cur"), QStringLiteral("new")}) {
        const QDir directory(QDir(folder).filePath(sub));
        if (!directory.exists())
            continue;
        const QFileInfoList entries =
            directory.entryInfoList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo& entry : entries) {
            m_files.append({entry.filePath(), entry.size(), entry.lastModified().toMSecsSinceEpoch()});
            m_size += entry.size();
        }
    }
}

bool MaildirReader::next(RawMail& mail) {
    mail = RawMail();
    if (m_next >= m_files.size())
        return false;
    const File& file = m_files.at(m_next++);
    m_position += file.size;
    mail.label = file.path;
    // A Maildir file name begins with the delivery time in seconds ("1762074900.M1P2.host:2,S").
    const QString name = QFileInfo(file.path).fileName();
    bool ok = false;
    const qint64 delivered = name.section(u'.', 0, 0).toLongLong(&ok);
    mail.fallbackDate = ok && delivered > 0 && delivered < 253402300799LL ? delivered * 1000 : file.modified;

    QFile input(file.path);
    if (!input.open(QIODevice::ReadOnly)) {
        mail.error = QStringLiteral("cannot read the file: %1").arg(input.errorString());
        return true;
    }
    mail.bytes = input.read(MailParser::maxMessageBytes + 1);
    if (input.error() != QFileDevice::NoError)
        mail.error = QStringLiteral("cannot read the file: %1").arg(input.errorString());
    return true;
}

} // namespace tl::email
