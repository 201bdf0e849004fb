#pragma once

#include <QtGlobal>

namespace tl::server {

/// What the sync endpoint enforces per connection (from ServerConfig's [sync] and [limits]).
struct SyncSettings final {
    qint64 heartbeatMs = 15000;
    qint64 helloTimeoutMs = 10000;
    /// How often the sessions of open connections are checked against the database (a revocation or queue change
    /// this instance did not hear of).
    qint64 sessionRecheckMs = 60000;
    int pageSize = 500;
    qint64 maxFrameBytes = 1024 * 1024;
    double framesPerSecond = 50;
    double frameBurst = 200;
    double eventsPerSecond = 500;
    double eventBurst = 5000;
};

} // namespace tl::server
