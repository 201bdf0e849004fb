#pragma once

#include "DecodeResult.h"
#include "Frames.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tl::protocol {

// Reading and writing sync frames (docs/protocol.md). Decoding is strict: a frame that is too large, not JSON,
// of an unknown type or with any field that fails validation is refused with a reason and the close code to use.
// Decoding is thread-safe and depends on no locale or configuration.

/// Decodes what a client sent (hello, submit, ping, typing). A hello with another protocol version fails with 4002.
[[nodiscard]] DecodeResult<ClientFrame> decodeClientFrame(QByteArrayView frame);
/// Decodes what a server sent (welcome, events, caught_up, ack, pong, error, typing).
[[nodiscard]] DecodeResult<ServerFrame> decodeServerFrame(QByteArrayView frame);

/// Compact JSON, one object with its "type". The encoder does not check the limits: a sender keeps to
/// maxEventsPerFrame and maxFrameBytes by splitting its events over several frames.
[[nodiscard]] QByteArray encode(const Hello& frame);
[[nodiscard]] QByteArray encode(const Submit& frame);
[[nodiscard]] QByteArray encode(const Ping& frame);
[[nodiscard]] QByteArray encode(const Welcome& frame);
[[nodiscard]] QByteArray encode(const EventsFrame& frame);
[[nodiscard]] QByteArray encode(const CaughtUp& frame);
[[nodiscard]] QByteArray encode(const Ack& frame);
[[nodiscard]] QByteArray encode(const Pong& frame);
[[nodiscard]] QByteArray encode(const ErrorFrame& frame);
[[nodiscard]] QByteArray encode(const Typing& frame);
[[nodiscard]] QByteArray encode(const TypingNotice& frame);
[[nodiscard]] QByteArray encode(const ClientFrame& frame);
[[nodiscard]] QByteArray encode(const ServerFrame& frame);

/// The frame's "type": "hello", "submit", "ping", "typing".
[[nodiscard]] QString frameType(const ClientFrame& frame);
/// The frame's "type": "welcome", "events", "caught_up", "ack", "pong", "error", "typing".
[[nodiscard]] QString frameType(const ServerFrame& frame);

} // namespace tl::protocol
