#include "TempDatabase.h"

#include <QDir>

namespace tl::testsupport {

TempDatabase::TempDatabase()
    : m_dir(QDir::tempPath() + QStringLiteral("/threadline-test-XXXXXX")) {}

QString TempDatabase::path(const QString& name) const {
    return m_dir.filePath(name);
}

QString sourcePath(const QString& relative) {
    return QDir(QStringLiteral(THREADLINE_SOURCE_DIR)).filePath(relative);
}

} // namespace tl::testsupport
