#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace tl::store {

/// The SQL engines the server's store runs on. The migrations and queries are written once, in SQL both
/// understand; where the two differ (the auto-increment key, advisory locks), the store asks the dialect.
enum class SqlDialect { Sqlite, Postgres };

/// The versioned schema of the server's database, one set for SQLite and PostgreSQL. The version lives in a
/// schema_version table (one row per applied step), not in SQLite's PRAGMA user_version, so that both engines
/// share the mechanism. Each step runs in its own transaction together with its schema_version row; on
/// PostgreSQL the steps also hold an advisory lock, so several server instances starting at once migrate once.
class ServerMigrations final {
public:
    /// The version this build migrates to.
    [[nodiscard]] static int latestVersion();
    /// The version \a db is at (0 for an empty database).
    [[nodiscard]] static core::Result<int> currentVersion(const QSqlDatabase& db);
    /// Runs every step above the current version. Refuses a database of a newer version than this build knows.
    /// Returns the version reached.
    [[nodiscard]] static core::Result<int> migrate(QSqlDatabase& db, SqlDialect dialect);
    /// \a sql with the dialect's spelling of the placeholders {serial} (the auto-increment primary key column
    /// type) put in.
    [[nodiscard]] static QString dialectSql(QString sql, SqlDialect dialect);
};

} // namespace tl::store
