#pragma once

#include <QString>
#include <QStringView>

namespace tl::chat::ids {

// How the web chat names its visitors and events (docs/chat.md, "Identity"). No server-side table: the browser
// keeps a random token, everything else derives from it, so any server instance computes the same names.

/// The visitor id for a token: the first 32 hex digits of SHA-256(token). It reveals nothing about the token.
[[nodiscard]] QString visitorIdForToken(QStringView token);
/// "chat:<visitor id>": the customer identity of a visitor.
[[nodiscard]] QString identityFor(const QString& visitorId);
/// The id of the event a visitor's frame becomes: "chat:" + UUIDv5 over the visitor id, the frame's \a kind
/// ("message", "start", "end", "offline") and its client id. A resend of the same frame makes the same id.
[[nodiscard]] QString eventIdFor(const QString& visitorId, QStringView kind, const QString& clientId);
/// The id of the chat.ended {by: idle} event that closes the chat started by \a startedEventId.
[[nodiscard]] QString idleEndIdFor(const QString& startedEventId);

} // namespace tl::chat::ids
