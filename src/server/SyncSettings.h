#pragma once

#include <QtGlobal>

namespace tl::server {

/// What the sync endpoint enforces per connection (from ServerConfig's [sync] and [limits]).
struct SyncSettings final {
    qint64 heartbeatMs = 15000;
    qint64 helloTimeoutMs = 10000;
    int pageSize = 500;
    qint64 maxFrameBytes = 1024 * 1024;
    double framesPerSecond = 50;
    double frameBurst = 200;
    double eventsPerSecond = 500;
    double eventBurst = 5000;
};

} // namespace tl::server
