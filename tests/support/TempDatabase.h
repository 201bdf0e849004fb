#pragma once

#include <QString>
#include <QTemporaryDir>

namespace tl::testsupport {

/// A fresh directory for one test's database files, removed with the object.
class TempDatabase final {
public:
    TempDatabase();
    /// Path of a database file inside the directory ("cache.sqlite" by default).
    [[nodiscard]] QString path(const QString& name = QStringLiteral("cache.sqlite")) const;
    [[nodiscard]] QString directory() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

/// Path of a file under the source tree (tests/data/..., resources/...).
[[nodiscard]] QString sourcePath(const QString& relative);

} // namespace tl::testsupport
