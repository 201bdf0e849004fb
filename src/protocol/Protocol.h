#pragma once

#include <QtGlobal>

namespace tl::protocol {

/// The sync protocol between a workstation and threadline-server (docs/protocol.md). These constants are part of
/// the protocol: both sides enforce them, and changing one needs a new protocol version.

/// The protocol version this build speaks; a client states it in hello.
inline constexpr qint64 protocolVersion = 1;

/// The largest frame either side accepts, in bytes of UTF-8 JSON (1 MiB); a bigger one is closed with 4009.
inline constexpr qsizetype maxFrameBytes = 1024 * 1024;
/// The most events in one submit or events frame, and the most results in one ack.
inline constexpr qsizetype maxEventsPerFrame = 1000;

/// String limits, in UTF-16 code units (what QString::size() counts).
inline constexpr qsizetype maxTokenLength = 4096;
inline constexpr qsizetype maxClientLength = 200;
inline constexpr qsizetype maxNonceLength = 200;
inline constexpr qsizetype maxLoginLength = 200;
inline constexpr qsizetype maxAgentNameLength = 500;
inline constexpr qsizetype maxIdLength = 1000;
inline constexpr qsizetype maxMessageLength = 4096;
/// The most queues a welcome lists (each name at most maxIdLength).
inline constexpr qsizetype maxQueuesPerAgent = 10000;

/// The largest integer a JSON number (an IEEE double) holds exactly, 2^53 - 1; no integer field may exceed it.
inline constexpr qint64 maxSafeInteger = (qint64(1) << 53) - 1;

/// The heartbeat interval a server announces unless configured otherwise, and the range a client accepts.
inline constexpr qint64 defaultHeartbeatMs = 15000;
inline constexpr qint64 minHeartbeatMs = 1000;
inline constexpr qint64 maxHeartbeatMs = 300000;
/// Either side drops a connection that has been silent for this many heartbeat intervals.
inline constexpr int silentIntervalsBeforeDrop = 3;

} // namespace tl::protocol
