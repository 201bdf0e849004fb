#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <array>
#include <variant>

namespace tl::chat {

// The visitor protocol of the web chat (docs/chat.md): what the widget in a customer's browser and the server's
// /chat/ws endpoint say to each other. One struct per frame type; the field comments name the JSON fields. These
// constants are part of the protocol: the widget keeps to them and the server enforces them.

/// The protocol version this build speaks; the widget states it in hello.
inline constexpr qint64 chatProtocolVersion = 1;

/// The largest frame the server accepts unless configured otherwise (chat/max_frame_bytes), bytes of UTF-8 JSON.
inline constexpr qsizetype defaultMaxFrameBytes = 32 * 1024;
/// String limits, in UTF-16 code units (what QString::size() and JavaScript's length count).
inline constexpr qsizetype visitorTokenLength = 64;
inline constexpr qsizetype maxClientIdLength = 64;
inline constexpr qsizetype maxTextLength = 4000;
inline constexpr qsizetype maxNameLength = 200;
inline constexpr qsizetype maxEmailLength = 320;
inline constexpr qsizetype maxPhoneLength = 50;
inline constexpr qsizetype maxPageLength = 2000;
inline constexpr qsizetype maxLanguageLength = 35;
inline constexpr qsizetype maxNonceLength = 100;
inline constexpr qsizetype maxErrorMessageLength = 500;

// ---- visitor → server

/// "hello": the first frame; names the visitor by its token and asks for the conversation so far.
struct ChatHello final {
    /// "protocol".
    qint64 protocol = chatProtocolVersion;
    /// "token": 64 lower-case hex digits (256 random bits the browser keeps); the visitor id derives from it.
    QString token;
    /// "page": the URL of the page the widget runs on (optional).
    QString page;
    /// "language": the widget's language, a BCP 47 tag such as "fa" (optional).
    QString language;

    friend bool operator==(const ChatHello&, const ChatHello&) = default;
};

/// The optional fields of the pre-chat and the offline form.
struct ChatContact final {
    /// "name", "email", "phone": as the visitor typed them; empty when not given.
    QString name;
    QString email;
    QString phone;

    friend bool operator==(const ChatContact&, const ChatContact&) = default;
};

/// "start": the pre-chat form was sent; a chat begins.
struct ChatStart final {
    /// "id": the widget's id for this frame (letters, digits, '-', '_'); a resend with the same id is applied once.
    QString id;
    ChatContact contact;

    friend bool operator==(const ChatStart&, const ChatStart&) = default;
};

/// "message": the visitor wrote something.
struct ChatSend final {
    /// "id": the widget's message id; the idempotency key.
    QString id;
    /// "text": 1 to 4000 characters, not only white space.
    QString text;

    friend bool operator==(const ChatSend&, const ChatSend&) = default;
};

/// "typing": the visitor started or stopped typing.
struct ChatTyping final {
    /// "active".
    bool active = false;

    friend bool operator==(const ChatTyping&, const ChatTyping&) = default;
};

/// "end": the visitor ended the chat.
struct ChatEnd final {
    /// "id".
    QString id;

    friend bool operator==(const ChatEnd&, const ChatEnd&) = default;
};

/// "offline": the form shown when no agent is available; becomes an inbound message with payload offline:true.
struct ChatOffline final {
    /// "id".
    QString id;
    ChatContact contact;
    /// "text".
    QString text;

    friend bool operator==(const ChatOffline&, const ChatOffline&) = default;
};

/// "ping": the widget's heartbeat; answered with a pong carrying the same nonce.
struct ChatPing final {
    /// "nonce" (optional).
    QString nonce;

    friend bool operator==(const ChatPing&, const ChatPing&) = default;
};

using ChatClientFrame = std::variant<ChatHello, ChatStart, ChatSend, ChatTyping, ChatEnd, ChatOffline, ChatPing>;

// ---- server → visitor

/// One entry of the conversation as the widget shows it: a message either way, the chat's start, end or transfer.
struct ChatItem final {
    /// "id": the event's id in the log (the widget de-duplicates by it).
    QString id;
    /// "kind": "message", "started", "ended" or "transferred".
    QString kind;
    /// "from": "visitor" or "agent" (messages).
    QString from;
    /// "client_id": the widget's id of a visitor's message, start or end; empty otherwise.
    QString clientId;
    /// "text" (messages).
    QString text;
    /// "agent": the agent's display name (agent messages, transfers); may be empty.
    QString agent;
    /// "by": who ended the chat: "visitor", "agent" or "idle" ("ended").
    QString by;
    /// "offline": an offline-form message.
    bool offline = false;
    /// "at": when it happened, milliseconds since the epoch, UTC.
    qint64 at = 0;

    friend bool operator==(const ChatItem&, const ChatItem&) = default;
};

/// "welcome": the answer to hello, with the conversation so far.
struct ChatWelcome final {
    /// "protocol".
    qint64 protocol = chatProtocolVersion;
    /// "visitor": the visitor id (derived from the token).
    QString visitor;
    /// "agents_available": an agent of the chat queue is signed in (else the widget offers the offline form).
    bool agentsAvailable = false;
    /// "open": a chat has started and not ended.
    bool open = false;
    /// "heartbeat_ms": how often the widget pings.
    qint64 heartbeatMs = 0;
    /// "history": the visitor's chat items, oldest first.
    QList<ChatItem> history;

    friend bool operator==(const ChatWelcome&, const ChatWelcome&) = default;
};

/// "ack": a start, message, end or offline frame is stored (or was already).
struct ChatAck final {
    /// "id": the frame's client id.
    QString id;
    /// "event": the event's id in the log.
    QString event;
    /// "at": when it was stored, ms since the epoch.
    qint64 at = 0;

    friend bool operator==(const ChatAck&, const ChatAck&) = default;
};

/// "invalid": a form field the server cannot use (a malformed e-mail address or phone number). The frame is not
/// stored and the connection stays open; the widget asks the visitor to correct the field.
struct ChatInvalid final {
    /// "id": the frame's client id.
    QString id;
    /// "field": "email", "phone" or "text".
    QString field;
    /// "reason": why, in English (the widget shows its own translated sentence).
    QString reason;

    friend bool operator==(const ChatInvalid&, const ChatInvalid&) = default;
};

/// "item": something new in the conversation (an agent's reply, the chat ended, a message from another tab).
struct ChatPush final {
    /// "item".
    ChatItem item;

    friend bool operator==(const ChatPush&, const ChatPush&) = default;
};

/// "typing": an agent started or stopped typing.
struct ChatAgentTyping final {
    /// "active".
    bool active = false;
    /// "agent": the agent's display name; may be empty.
    QString agent;

    friend bool operator==(const ChatAgentTyping&, const ChatAgentTyping&) = default;
};

/// "availability": whether an agent is available changed since welcome.
struct ChatAvailability final {
    /// "agents_available".
    bool agentsAvailable = false;

    friend bool operator==(const ChatAvailability&, const ChatAvailability&) = default;
};

/// "pong": the answer to ping.
struct ChatPong final {
    /// "nonce".
    QString nonce;

    friend bool operator==(const ChatPong&, const ChatPong&) = default;
};

/// What an error frame's "code" names; each has one close code that follows it.
enum class ChatErrorCode {
    UnsupportedProtocol,
    BadFrame,
    RateLimited,
    TooLarge,
    Forbidden,
    TooManyConnections,
    Internal
};

inline constexpr std::array<ChatErrorCode, 7> allChatErrorCodes{ChatErrorCode::UnsupportedProtocol,
                                                                ChatErrorCode::BadFrame,
                                                                ChatErrorCode::RateLimited,
                                                                ChatErrorCode::TooLarge,
                                                                ChatErrorCode::Forbidden,
                                                                ChatErrorCode::TooManyConnections,
                                                                ChatErrorCode::Internal};

/// The close codes of the visitor protocol: the standard ones, and ours in the 4000 range (as in docs/protocol.md).
enum class ChatCloseCode : quint16 {
    Normal = 1000,
    GoingAway = 1001,
    InternalError = 1011,
    UnsupportedProtocol = 4002,
    BadFrame = 4003,
    RateLimited = 4008,
    TooLarge = 4009,
    /// The page's origin is not in chat/allowed_origins.
    Forbidden = 4010,
    /// Too many visitor connections from one address, or in all.
    TooManyConnections = 4011,
};

/// "error": sent before the server closes the connection for a reason; the close code follows from the code.
struct ChatError final {
    /// "code".
    ChatErrorCode code = ChatErrorCode::BadFrame;
    /// "message": for a person reading logs (English).
    QString message;

    friend bool operator==(const ChatError&, const ChatError&) = default;
};

using ChatServerFrame =
    std::variant<ChatWelcome, ChatAck, ChatInvalid, ChatPush, ChatAgentTyping, ChatAvailability, ChatPong, ChatError>;

} // namespace tl::chat
