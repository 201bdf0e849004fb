#pragma once

#include <QtGlobal>

namespace tl::protocol {

/// The WebSocket close codes of the sync protocol. 1000-1011 are the standard ones (RFC 6455); 4000-4999 are ours.
enum class CloseCode : quint16 {
    /// An orderly close that is nobody's fault (the workstation signs out).
    Normal = 1000,
    /// The server is shutting down or restarting; reconnect after a back-off.
    GoingAway = 1001,
    /// The server failed (the "internal" error); reconnect after a back-off.
    InternalError = 1011,
    /// A bad, expired or revoked token; do not reconnect before the agent signs in again.
    Unauthorized = 4001,
    /// The client speaks a protocol version the server does not.
    UnsupportedProtocol = 4002,
    /// A frame that is not valid JSON, has an unknown type or a field that fails validation.
    BadFrame = 4003,
    /// Too many frames or events in too short a time.
    RateLimited = 4008,
    /// A frame larger than maxFrameBytes.
    TooLarge = 4009,
    /// An action the agent may not take, such as submitting about a customer outside its queues.
    Forbidden = 4010,
};

} // namespace tl::protocol
