#pragma once

#include "ChatDecodeResult.h"
#include "ChatFrames.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tl::chat {

// Reading and writing the visitor protocol's frames (docs/chat.md). Decoding is strict: a frame that is too large,
// not JSON, of an unknown type or with a field that fails validation is refused with a reason and the error code
// to close with. Fields the protocol does not name are ignored; null is the same as missing. Thread-safe.

/// Decodes what a visitor's widget sent. A hello with another protocol version fails with UnsupportedProtocol.
[[nodiscard]] ChatDecodeResult decodeChatClientFrame(QByteArrayView frame,
                                                     qsizetype maxFrameBytes = defaultMaxFrameBytes);

/// Compact JSON, one object with its "type".
[[nodiscard]] QByteArray encodeChatFrame(const ChatServerFrame& frame);
/// The widget's frames, for tests and tools that speak for a visitor.
[[nodiscard]] QByteArray encodeChatFrame(const ChatClientFrame& frame);

/// "unsupported_protocol", "bad_frame", "rate_limited", "too_large", "forbidden", "too_many_connections", "internal".
[[nodiscard]] QString chatErrorCodeName(ChatErrorCode code);
/// The code named \a name, or nothing.
[[nodiscard]] std::optional<ChatErrorCode> chatErrorCodeFromName(QStringView name);
/// The close code that follows an error frame with \a code.
[[nodiscard]] ChatCloseCode chatCloseCodeFor(ChatErrorCode code);

/// True for a client id: 1 to 64 letters, digits, '-' or '_'.
[[nodiscard]] bool isValidClientId(QStringView id);
/// True for a visitor token: exactly 64 lower-case hex digits.
[[nodiscard]] bool isValidVisitorToken(QStringView token);

} // namespace tl::chat
