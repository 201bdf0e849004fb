#pragma once

#include "core/Channel.h"

#include <QColor>
#include <QIcon>

namespace tl::ui {

/// The round, coloured channel icons (resources/icons/*.svg), with a painted fallback when the SVG image
/// plugin is missing at run time. Thread: GUI.
class ChannelIcons final {
public:
    /// The icon of \a channel; never null.
    [[nodiscard]] static QIcon icon(core::Channel channel);
    /// The channel's signature colour (the icon's background).
    [[nodiscard]] static QColor color(core::Channel channel);
    /// The resource path of the channel's SVG, ":/icons/email.svg" and so on.
    [[nodiscard]] static QString resourcePath(core::Channel channel);

private:
    [[nodiscard]] static QIcon paintedIcon(core::Channel channel);
};

} // namespace tl::ui
