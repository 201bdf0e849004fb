#pragma once

#include <QString>

#include <array>
#include <optional>

namespace tl::core {

/// The channel an event came through. Values are stored and sent as their lower-case names.
enum class Channel { Email, Chat, Sms, Voice, Note, System };

inline constexpr std::array<Channel, 6> allChannels{Channel::Email, Channel::Chat, Channel::Sms,
                                                    Channel::Voice, Channel::Note, Channel::System};

/// "email", "chat", "sms", "voice", "note", "system".
[[nodiscard]] QString channelName(Channel channel);
/// The channel named by \a name, or nothing when the name is unknown.
[[nodiscard]] std::optional<Channel> channelFromName(QStringView name);

} // namespace tl::core
