#pragma once

#include "core/Result.h"

#include <QSqlDatabase>

namespace tl::store {

/// The versioned schema of the local cache. The version lives in PRAGMA user_version; each migration runs in
/// its own transaction together with the version bump, so a file is always at exactly one known version.
class Migrations final {
public:
    /// The version this build migrates to.
    [[nodiscard]] static int latestVersion();
    /// The version \a db is at (0 for a new file).
    [[nodiscard]] static core::Result<int> currentVersion(const QSqlDatabase& db);
    /// Runs every migration above the current version up to \a targetVersion (-1: latest). Refuses a file of a
    /// newer version than this build knows. Returns the version reached.
    [[nodiscard]] static core::Result<int> migrate(QSqlDatabase& db, int targetVersion = -1);
};

} // namespace tl::store
