#pragma once

#include "ErrorCode.h"
#include "Protocol.h"
#include "Role.h"

#include "core/Event.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace tl::protocol {

// One struct per frame type of docs/protocol.md; the field comments name the JSON fields. They are plain
// aggregates kept together in one header because together they are the protocol's schema.

// ---- client → server

/// "hello": the first frame of every connection; authenticates and resumes after the last applied seq.
struct Hello final {
    /// "protocol": the version the client speaks.
    qint64 protocol = protocolVersion;
    /// "token": the session token from signing in.
    QString token;
    /// "client": the program and its version, such as "threadline/0.1.0".
    QString client;
    /// "after": the highest seq the client has applied; 0 for an empty cache.
    qint64 after = 0;
    /// "binary_frames" (optional, false when missing): the server sends every frame that answers this hello as a
    /// binary WebSocket message carrying the same UTF-8 JSON, not as a text message. Written only when true.
    bool binaryFrames = false;

    friend bool operator==(const Hello&, const Hello&) = default;
};

/// "submit": actions the agent took, from the workstation's outbox. Each event has a client-made id and seq 0.
struct Submit final {
    /// "events".
    QList<core::Event> events;

    friend bool operator==(const Submit&, const Submit&) = default;
};

/// "ping": the client's heartbeat; the server answers with a pong carrying the same nonce.
struct Ping final {
    /// "nonce".
    QString nonce;

    friend bool operator==(const Ping&, const Ping&) = default;
};

/// "typing": the agent is typing (or stopped) a chat reply to a visitor; the server passes it to the visitor's
/// browser. Ephemeral: never stored, not acknowledged, lost when nobody listens.
struct Typing final {
    /// "identity": the visitor's identity, "chat:<visitor id>".
    QString identity;
    /// "active": true while typing, false when stopped (sent, cleared, or idle for a few seconds).
    bool active = false;

    friend bool operator==(const Typing&, const Typing&) = default;
};

using ClientFrame = std::variant<Hello, Submit, Ping, Typing>;

// ---- server → client

/// "welcome".agent: who the token belongs to.
struct Agent final {
    /// "login".
    QString login;
    /// "name": the display name; may be empty.
    QString name;
    /// "role".
    Role role = Role::Agent;
    /// "queues" (optional): the queues the account works. A client keeps what its cache was synced under and reads
    /// the log again from the start when a queue is new (their customers' history lies below its resume point).
    /// Absent from servers before this field; supervisors and admins see every queue whatever it lists.
    std::optional<QStringList> queues;

    friend bool operator==(const Agent&, const Agent&) = default;
};

/// "welcome": the answer to a good hello.
struct Welcome final {
    /// "protocol": the version the server speaks (always the client's, or it would have closed with 4002).
    qint64 protocol = protocolVersion;
    /// "agent".
    Agent agent;
    /// "head": the server's newest seq when the connection was accepted.
    qint64 head = 0;
    /// "heartbeat_ms": how often the client pings.
    qint64 heartbeatMs = defaultHeartbeatMs;

    friend bool operator==(const Welcome&, const Welcome&) = default;
};

/// "events": events from the server's log, seq > 0 and strictly increasing within and across frames.
struct EventsFrame final {
    /// "events".
    QList<core::Event> events;
    /// "live": false for the backlog (before caught_up), true for pushes after it.
    bool live = false;

    friend bool operator==(const EventsFrame&, const EventsFrame&) = default;
};

/// "caught_up": the backlog has been sent up to seq; live pushes follow.
struct CaughtUp final {
    /// "seq".
    qint64 seq = 0;

    friend bool operator==(const CaughtUp&, const CaughtUp&) = default;
};

/// One entry of "ack".results: a submitted id was stored at seq, or refused with an error.
struct AckResult final {
    /// "id": the submitted event's id.
    QString id;
    /// "seq": where the event is in the log (> 0); 0 when refused.
    qint64 seq = 0;
    /// "error": why the event was refused, for a person; empty when stored.
    QString error;

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    friend bool operator==(const AckResult&, const AckResult&) = default;
};

/// "ack": the outcome of every event of one submit.
struct Ack final {
    /// "results".
    QList<AckResult> results;

    friend bool operator==(const Ack&, const Ack&) = default;
};

/// "pong": the answer to a ping.
struct Pong final {
    /// "nonce": the ping's.
    QString nonce;

    friend bool operator==(const Pong&, const Pong&) = default;
};

/// "error": why the server is about to close the connection (with closeCodeFor(code)).
struct ErrorFrame final {
    /// "code".
    ErrorCode code = ErrorCode::Internal;
    /// "message": for a person.
    QString message;

    friend bool operator==(const ErrorFrame&, const ErrorFrame&) = default;
};

/// "typing": a customer is typing (or stopped) in a live chat; sent to the connections that may see the customer.
struct TypingNotice final {
    /// "customer": the customer's id.
    QString customer;
    /// "identity": where the customer types, "chat:<visitor id>".
    QString identity;
    /// "active": true while typing; false when stopped. A client also clears it by itself after a while.
    bool active = false;

    friend bool operator==(const TypingNotice&, const TypingNotice&) = default;
};

using ServerFrame = std::variant<Welcome, EventsFrame, CaughtUp, Ack, Pong, ErrorFrame, TypingNotice>;

} // namespace tl::protocol
