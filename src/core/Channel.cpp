#include "Channel.h"

namespace tl::core {

QString channelName(Channel channel) {
    switch (channel) {
    case Channel::Email:
        return QStringLiteral("email");
    case Channel::Chat:
        return QStringLiteral("chat");
    case Channel::Sms:
        return QStringLiteral("sms");
    case Channel::Voice:
        return QStringLiteral("voice");
    case Channel::Note:
        return QStringLiteral("note");
    case Channel::System:
        return QStringLiteral("system");
    }
    return {};
}

std::optional<Channel> channelFromName(QStringView name) {
    for (Channel channel : allChannels) {
        if (name == channelName(channel))
            return channel;
    }
    return std::nullopt;
}

} // namespace tl::core
