#pragma once

#include <QMetaType>

namespace tl::sync {

/// Where the workstation's link to the server stands; always shown to the agent.
enum class ConnectionState {
    /// Not signed in, or working offline on purpose.
    Offline,
    /// Trying to reach the server (first time, or again after the link dropped).
    Connecting,
    /// Signed in; receiving what happened while away.
    Syncing,
    /// Up to date; live.
    Online,
    /// The link dropped; retrying after a pause. Local work queues in the outbox meanwhile.
    Disconnected,
};

} // namespace tl::sync

Q_DECLARE_METATYPE(tl::sync::ConnectionState)
