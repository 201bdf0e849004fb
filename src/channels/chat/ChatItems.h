#pragma once

#include "ChatFrames.h"

#include "core/Event.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace tl::chat {

// How events of the log become the items a visitor sees (docs/chat.md, "Events"). Only chat-channel events of
// the visitor's own identity are ever shown to it: never its e-mails, notes or anything else of the customer.

/// The item for \a event, or nothing when visitors do not see such events. \a agentNames maps logins to display
/// names (a missing or empty name shows as no name, never as the login).
[[nodiscard]] std::optional<ChatItem> chatItemFor(const core::Event& event, const QHash<QString, QString>& agentNames);
/// The agent logins whose names the items of \a event need (the author of a reply, the target of a transfer).
[[nodiscard]] QSet<QString> agentLoginsOf(const core::Event& event);
/// True for a chat.started not followed by a chat.ended in \a events (in log order): the id of that chat.started.
[[nodiscard]] QString openChatIn(const QList<core::Event>& events);

} // namespace tl::chat
