#include "TimelineDelegate.h"

#include "BidiText.h"
#include "ChannelIcons.h"
#include "TimelineModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QtMath>

#include <climits>

namespace tl::ui {

namespace {

constexpr int verticalMargin = 4;
constexpr int padding = 10;
constexpr int iconSize = 16;
constexpr int systemIconSize = 14;
constexpr int gap = 4;
constexpr int minimumBubbleWidth = 180;
constexpr qsizetype maximumShownText = 4000;
constexpr int wrapFlags = Qt::TextWordWrap | Qt::TextExpandTabs;

QFont smallFont(const QFont& base) {
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}

QFont subjectFont(const QFont& base) {
    QFont font = base;
    font.setBold(true);
    return font;
}

QString shownText(const QModelIndex& index) {
    QString text = index.data(TimelineModel::BodyRole).toString().trimmed();
    if (text.size() > maximumShownText)
        text = text.left(maximumShownText) + QChar(0x2026);
    return text;
}

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor bubbleColor(EventSide side, const QPalette& palette) {
    const bool dark = isDark(palette);
    switch (side) {
    case EventSide::Inbound:
        return dark ? QColor(0x3c, 0x40, 0x43) : QColor(0xf1, 0xf3, 0xf4);
    case EventSide::Outbound:
        return dark ? QColor(0x1e, 0x3a, 0x5f) : QColor(0xd3, 0xe3, 0xfd);
    case EventSide::Internal:
        return dark ? QColor(0x4a, 0x40, 0x1c) : QColor(0xfe, 0xf7, 0xd6);
    case EventSide::System:
        break;
    }
    return palette.color(QPalette::Base);
}

} // namespace

QRect TimelineDelegate::bubbleRect(const QRect& itemRect, const QSize& bubbleSize, EventSide side,
                                   Qt::LayoutDirection direction) {
    const int top = itemRect.top() + verticalMargin;
    QRect logical;
    switch (side) {
    case EventSide::Inbound:
        logical = QRect(QPoint(itemRect.left() + sideMargin, top), bubbleSize);
        break;
    case EventSide::Outbound:
    case EventSide::Internal:
        logical = QRect(QPoint(itemRect.right() - sideMargin - bubbleSize.width() + 1, top), bubbleSize);
        break;
    case EventSide::System:
        logical = QRect(QPoint(itemRect.left() + (itemRect.width() - bubbleSize.width()) / 2, top), bubbleSize);
        break;
    }
    return QStyle::visualRect(direction, itemRect, logical);
}

int TimelineDelegate::viewWidth(const QStyleOptionViewItem& option) const {
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

void TimelineDelegate::clearSizeCache() const {
    m_sizeCache.clear();
}

TimelineDelegate::Layout TimelineDelegate::layout(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    Layout result;
    const int width = qMax(option.rect.width(), 2 * sideMargin + minimumBubbleWidth);
    const QRect itemRect(option.rect.topLeft(), QSize(width, qMax(option.rect.height(), 1)));
    const auto side = static_cast<EventSide>(index.data(TimelineModel::SideRole).toInt());
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    const Qt::LayoutDirection direction = option.direction;

    if (side == EventSide::System) {
        // [icon] text — time, centered.
        const QString text = index.data(TimelineModel::TextRole).toString();
        const QString time = index.data(TimelineModel::TimestampRole).toString();
        const int available = width - 2 * sideMargin - systemIconSize - gap;
        // Rounded up: elidedText() measures in fractions and would cut a text given its rounded-down width.
        const QFontMetricsF exactMetrics(small);
        const int textWidth = qMin(available, qCeil(exactMetrics.horizontalAdvance(text)) + 1);
        const int timeWidth = qCeil(exactMetrics.horizontalAdvance(time)) + 1;
        const bool withTime = textWidth + gap * 3 + timeWidth <= available;
        const int lineWidth = systemIconSize + gap + textWidth + (withTime ? gap * 3 + timeWidth : 0);
        const int lineHeight = qMax(systemIconSize, smallMetrics.height()) + 2;
        const QSize lineSize(lineWidth, lineHeight);
        const QRect logicalLine =
            QStyle::visualRect(direction, itemRect, bubbleRect(itemRect, lineSize, side, direction));
        const int left = logicalLine.left();
        const int top = logicalLine.top();
        const auto visual = [&](const QRect& rect) {
            return QStyle::visualRect(direction, itemRect, rect);
        };
        result.bubble = visual(logicalLine);
        result.icon = visual(QRect(left, top + (lineHeight - systemIconSize) / 2, systemIconSize, systemIconSize));
        result.text = visual(QRect(left + systemIconSize + gap, top, textWidth, lineHeight));
        if (withTime)
            result.time = visual(QRect(left + systemIconSize + gap + textWidth + gap * 3, top, timeWidth, lineHeight));
        result.size = QSize(width, lineHeight + 2 * verticalMargin);
        return result;
    }

    // A bubble: header (icon, author, time), the subject, the text.
    const int maximumBubbleWidth = qMax(minimumBubbleWidth, (width - 2 * sideMargin) * 3 / 4);
    const int maximumContentWidth = maximumBubbleWidth - 2 * padding;
    const QString author = index.data(TimelineModel::AuthorRole).toString();
    const QString time = index.data(TimelineModel::TimestampRole).toString();
    const QString subject = index.data(TimelineModel::HeadlineRole).toString();
    const QString text = shownText(index);
    const QString delivery = index.data(TimelineModel::DeliveryTextRole).toString();
    const QStringList attachments = index.data(TimelineModel::AttachmentsRole).toStringList();
    const int attachmentHeight = qMax(iconSize, smallMetrics.height());

    const QFontMetricsF exactMetrics(small);
    const int authorWidth = qCeil(exactMetrics.horizontalAdvance(author)) + 1;
    const int timeWidth = qCeil(exactMetrics.horizontalAdvance(time)) + 1;
    const int headerHeight = qMax(iconSize, smallMetrics.height());
    int contentWidth = qMin(maximumContentWidth, iconSize + gap + authorWidth + 3 * gap + timeWidth);

    QRect subjectBounds;
    if (!subject.isEmpty()) {
        subjectBounds = QFontMetrics(subjectFont(option.font))
                            .boundingRect(QRect(0, 0, maximumContentWidth, INT_MAX / 4), wrapFlags, subject);
        contentWidth = qMax(contentWidth, qMin(maximumContentWidth, subjectBounds.width()));
    }
    QRect textBounds;
    if (!text.isEmpty()) {
        textBounds =
            QFontMetrics(option.font).boundingRect(QRect(0, 0, maximumContentWidth, INT_MAX / 4), wrapFlags, text);
        contentWidth = qMax(contentWidth, qMin(maximumContentWidth, textBounds.width()));
    }
    for (const QString& attachment : attachments)
        contentWidth = qMax(contentWidth, qMin(maximumContentWidth,
                                               iconSize + gap + qCeil(exactMetrics.horizontalAdvance(attachment)) + 1));
    if (!delivery.isEmpty())
        contentWidth =
            qMax(contentWidth, qMin(maximumContentWidth, qCeil(exactMetrics.horizontalAdvance(delivery)) + 1));
    contentWidth = qMax(contentWidth, minimumBubbleWidth - 2 * padding);

    int height = padding + headerHeight;
    if (!subject.isEmpty())
        height += gap + subjectBounds.height();
    if (!text.isEmpty())
        height += gap + textBounds.height();
    height += int(attachments.size()) * (gap + attachmentHeight);
    if (!delivery.isEmpty())
        height += gap + smallMetrics.height();
    height += padding;

    const QSize bubbleSize(contentWidth + 2 * padding, height);
    const QRect bubble = bubbleRect(itemRect, bubbleSize, side, direction);
    // Lay out the inside in logical (left-to-right) coordinates of the bubble, then mirror it.
    const QRect logicalBubble(QPoint(0, 0), bubbleSize);
    const auto visual = [&](const QRect& rect) {
        return QStyle::visualRect(direction, logicalBubble, rect).translated(bubble.topLeft());
    };
    int y = padding;
    result.bubble = bubble;
    result.icon = visual(QRect(padding, y + (headerHeight - iconSize) / 2, iconSize, iconSize));
    const int authorLeft = padding + iconSize + gap;
    const int timeLeft = padding + contentWidth - timeWidth;
    result.time = visual(QRect(timeLeft, y, timeWidth, headerHeight));
    result.author = visual(QRect(authorLeft, y, qMax(0, timeLeft - 3 * gap - authorLeft), headerHeight));
    y += headerHeight;
    if (!subject.isEmpty()) {
        y += gap;
        result.subject = visual(QRect(padding, y, contentWidth, subjectBounds.height()));
        y += subjectBounds.height();
    }
    if (!text.isEmpty()) {
        y += gap;
        result.text = visual(QRect(padding, y, contentWidth, textBounds.height()));
        y += textBounds.height();
    }
    for (qsizetype i = 0; i < attachments.size(); ++i) {
        y += gap;
        result.attachments.append(visual(QRect(padding, y, contentWidth, attachmentHeight)));
        y += attachmentHeight;
    }
    if (!delivery.isEmpty()) {
        y += gap;
        result.delivery = visual(QRect(padding, y, contentWidth, smallMetrics.height()));
    }
    result.size = QSize(width, height + 2 * verticalMargin);
    return result;
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const int width = viewWidth(option);
    if (width != m_cacheWidth) {
        m_sizeCache.clear();
        m_cacheWidth = width;
    }
    // The delivery mark adds a line: a row whose mark comes or goes needs a new height.
    const QString id = index.data(TimelineModel::EventIdRole).toString() + QLatin1Char('/') +
                       QString::number(index.data(TimelineModel::DeliveryRole).toInt());
    const auto cached = m_sizeCache.constFind(id);
    if (cached != m_sizeCache.constEnd())
        return *cached;

    QStyleOptionViewItem sized = option;
    sized.rect = QRect(0, 0, width, 0);
    const QSize size = layout(sized, index).size;
    m_sizeCache.insert(id, size);
    return size;
}

void TimelineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const Layout parts = layout(option, index);
    const auto side = static_cast<EventSide>(index.data(TimelineModel::SideRole).toInt());
    const auto channel = static_cast<core::Channel>(index.data(TimelineModel::ChannelRole).toInt());
    const QPalette& palette = option.palette;
    const QFont small = smallFont(option.font);
    const Qt::Alignment leading = Qt::AlignLeading | Qt::AlignVCenter;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setLayoutDirection(option.direction);

    QColor dimText = palette.color(QPalette::Text);
    dimText.setAlphaF(0.6f);

    if (side == EventSide::System) {
        ChannelIcons::icon(channel).paint(painter, parts.icon);
        painter->setFont(small);
        painter->setPen(dimText);
        const QString text = index.data(TimelineModel::TextRole).toString();
        BidiText::draw(painter, parts.text, Qt::AlignVCenter,
                       QFontMetrics(small).elidedText(text, Qt::ElideRight, parts.text.width()), option.direction,
                       false);
        if (!parts.time.isEmpty())
            painter->drawText(parts.time, leading, index.data(TimelineModel::TimestampRole).toString());
        painter->restore();
        return;
    }

    // The bubble, with a thin edge in the channel's colour on the side it grows from.
    const QColor fill = bubbleColor(side, palette);
    QPainterPath path;
    path.addRoundedRect(QRectF(parts.bubble).adjusted(0.5, 0.5, -0.5, -0.5), 9, 9);
    painter->fillPath(path, fill);
    QColor border = side == EventSide::Internal ? ChannelIcons::color(core::Channel::Note) : fill.darker(112);
    painter->setPen(QPen(border, side == EventSide::Internal ? 1.2 : 1.0,
                         side == EventSide::Internal ? Qt::DashLine : Qt::SolidLine));
    painter->drawPath(path);

    // Text on the bubble: the palette's text colour fits light bubbles in light themes and dark ones in dark.
    const QColor textColor = palette.color(QPalette::Text);
    QColor headerColor = textColor;
    headerColor.setAlphaF(0.65f);

    ChannelIcons::icon(channel).paint(painter, parts.icon);
    painter->setFont(small);
    painter->setPen(headerColor);
    const QString author = index.data(TimelineModel::AuthorRole).toString();
    BidiText::draw(painter, parts.author, Qt::AlignVCenter,
                   QFontMetrics(small).elidedText(author, Qt::ElideRight, parts.author.width()), option.direction,
                   false);
    painter->drawText(parts.time, leading, index.data(TimelineModel::TimestampRole).toString());

    painter->setPen(textColor);
    if (!parts.subject.isEmpty()) {
        painter->setFont(subjectFont(option.font));
        BidiText::draw(painter, parts.subject, Qt::AlignTop | wrapFlags,
                       index.data(TimelineModel::HeadlineRole).toString(), option.direction, true);
    }
    if (!parts.text.isEmpty()) {
        painter->setFont(option.font);
        BidiText::draw(painter, parts.text, Qt::AlignTop | wrapFlags, shownText(index), option.direction, true);
    }
    if (!parts.attachments.isEmpty()) {
        // Each attachment: a file icon and "name (size)" in the link colour — a click opens it.
        const QStringList attachments = index.data(TimelineModel::AttachmentsRole).toStringList();
        const QIcon fileIcon = QApplication::style()->standardIcon(QStyle::SP_FileIcon);
        painter->setFont(small);
        painter->setPen(palette.color(QPalette::Link));
        for (qsizetype i = 0; i < parts.attachments.size() && i < attachments.size(); ++i) {
            const QRect line = parts.attachments.at(i);
            const QRect logicalLine(0, 0, line.width(), line.height());
            const QRect icon = QStyle::visualRect(option.direction, logicalLine,
                                                  QRect(0, (line.height() - iconSize) / 2, iconSize, iconSize))
                                   .translated(line.topLeft());
            const QRect label =
                QStyle::visualRect(option.direction, logicalLine,
                                   QRect(iconSize + gap, 0, qMax(0, line.width() - iconSize - gap), line.height()))
                    .translated(line.topLeft());
            fileIcon.paint(painter, icon);
            BidiText::draw(painter, label, Qt::AlignVCenter,
                           QFontMetrics(small).elidedText(attachments.at(i), Qt::ElideMiddle, label.width()),
                           option.direction, false);
        }
    }
    if (!parts.delivery.isEmpty()) {
        const auto delivery = static_cast<TimelineModel::Delivery>(index.data(TimelineModel::DeliveryRole).toInt());
        painter->setFont(small);
        const bool failed =
            delivery == TimelineModel::Delivery::Refused || delivery == TimelineModel::Delivery::Undeliverable;
        painter->setPen(failed ? QColor(0xc5, 0x22, 0x1f) : headerColor);
        BidiText::draw(painter, parts.delivery, Qt::AlignVCenter,
                       QFontMetrics(small).elidedText(index.data(TimelineModel::DeliveryTextRole).toString(),
                                                      Qt::ElideRight, parts.delivery.width()),
                       option.direction, false);
    }
    painter->restore();
}

} // namespace tl::ui
