#include "ChannelIcons.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

// Q_INIT_RESOURCE must be called from the global namespace; tl_ui is a static library, so its resources are
// registered on first use instead of by a static initializer the linker could drop.
static void initIconResources() {
    Q_INIT_RESOURCE(icons);
}

namespace tl::ui {

using core::Channel;

QString ChannelIcons::resourcePath(Channel channel) {
    return QStringLiteral(":/icons/%1.svg").arg(core::channelName(channel));
}

QColor ChannelIcons::color(Channel channel) {
    switch (channel) {
    case Channel::Email:
        return QColor(0x1a, 0x73, 0xe8);
    case Channel::Chat:
        return QColor(0x00, 0x89, 0x7b);
    case Channel::Sms:
        return QColor(0x7c, 0xb3, 0x42);
    case Channel::Voice:
        return QColor(0xf4, 0x51, 0x1e);
    case Channel::Note:
        return QColor(0xf9, 0xa8, 0x25);
    case Channel::System:
        return QColor(0x78, 0x90, 0x9c);
    }
    return QColor(Qt::gray);
}

QIcon ChannelIcons::icon(Channel channel) {
    static QHash<int, QIcon> cache;
    const int key = static_cast<int>(channel);
    const auto found = cache.constFind(key);
    if (found != cache.constEnd())
        return *found;

    static const bool resourcesReady = [] {
        initIconResources();
        return true;
    }();
    Q_UNUSED(resourcesReady)

    QIcon result(resourcePath(channel));
    // Without the SVG icon engine the icon exists but renders nothing; fall back to painting.
    if (result.isNull() || result.pixmap(QSize(16, 16)).isNull())
        result = paintedIcon(channel);
    cache.insert(key, result);
    return result;
}

QIcon ChannelIcons::paintedIcon(Channel channel) {
    QIcon result;
    for (int size : {16, 20, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color(channel));
        painter.drawEllipse(QRectF(0, 0, size, size));
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(qMax(8, size * 9 / 16));
        painter.setFont(font);
        painter.setPen(Qt::white);
        const QString letter = core::channelName(channel).left(1).toUpper();
        painter.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, letter);
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace tl::ui
