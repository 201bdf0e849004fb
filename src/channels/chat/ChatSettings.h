#pragma once

#include "ChatFrames.h"

#include <QString>
#include <QStringList>

namespace tl::chat {

/// What the chat gateway is configured with (ServerConfig's [chat] settings; docs/chat.md, "Settings").
struct ChatSettings final {
    /// chat/queue: the queue new chat customers are routed to.
    QString queue = QStringLiteral("general");
    /// identity/default_region: the region for pre-chat phone numbers without a country code.
    QString defaultRegion;
    /// chat/allowed_origins: the page origins ("https://shop.example") whose widgets may connect; empty or "*"
    /// means any. The server's own origin (the /chat demo page) is always allowed.
    QStringList allowedOrigins;
    /// chat/max_frame_bytes: the largest frame a visitor may send.
    qint64 maxFrameBytes = defaultMaxFrameBytes;
    /// chat/frames_per_second, chat/frame_burst: the token bucket of frames per visitor connection.
    double framesPerSecond = 5;
    double frameBurst = 30;
    /// chat/messages_per_minute, chat/message_burst: the bucket of stored frames (message, start, end, offline).
    double messagesPerMinute = 30;
    double messageBurst = 10;
    /// chat/max_connections_per_address, chat/max_connections: visitor sockets per client address and in all.
    int maxConnectionsPerAddress = 20;
    int maxConnections = 10000;
    /// chat/heartbeat_ms: how often the widget pings; a connection silent for 3 intervals is dropped.
    qint64 heartbeatMs = 25000;
    /// How long a new connection may take to send hello.
    qint64 helloTimeoutMs = 10000;
    /// chat/idle_timeout_s (in ms here): an open chat whose visitor is gone and quiet this long ends (by idle).
    qint64 idleTimeoutMs = 15 * 60 * 1000;
    /// chat/history_limit: the most items a (re)connecting visitor gets.
    int historyLimit = 200;
    /// How many events one read of the log takes.
    int pageSize = 500;
};

} // namespace tl::chat
