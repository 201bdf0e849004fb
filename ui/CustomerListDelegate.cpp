#include "CustomerListDelegate.h"

#include "BidiText.h"
#include "ChannelIcons.h"
#include "CustomerListModel.h"
#include "EventPresenter.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace tl::ui {

namespace {

constexpr int padding = 8;
constexpr int iconSize = 24;
constexpr int lineGap = 3;

QFont nameFont(const QFont& base) {
    QFont font = base;
    font.setBold(true);
    return font;
}

QFont smallFont(const QFont& base) {
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.88 : base.pointSizeF());
    return font;
}

} // namespace

QSize CustomerListDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    Q_UNUSED(index)
    const QFontMetrics nameMetrics(nameFont(option.font));
    const QFontMetrics smallMetrics(smallFont(option.font));
    const int height = padding + nameMetrics.height() + lineGap + smallMetrics.height() + padding;
    return {200, qMax(height, iconSize + 2 * padding)};
}

void CustomerListDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
    QStyleOptionViewItem itemOption = option;
    initStyleOption(&itemOption, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();

    // The selection/hover background the style draws for item views.
    itemOption.text.clear();
    itemOption.icon = QIcon();
    style->drawControl(QStyle::CE_ItemViewItem, &itemOption, painter, widget);

    const Qt::LayoutDirection direction = option.direction;
    const QRect rect = option.rect;
    const auto visual = [&](const QRect& logical) {
        return QStyle::visualRect(direction, rect, logical);
    };
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor textColor = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dimColor = textColor;
    dimColor.setAlphaF(0.62f);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setLayoutDirection(direction);

    // Channel icon of the last inbound channel, on the leading side.
    const QRect iconRect(rect.left() + padding, rect.top() + (rect.height() - iconSize) / 2, iconSize, iconSize);
    const QVariant channelValue = index.data(CustomerListModel::LastInboundChannelRole);
    const core::Channel channel =
        channelValue.isValid() ? static_cast<core::Channel>(channelValue.toInt()) : core::Channel::System;
    ChannelIcons::icon(channel).paint(painter, visual(iconRect));

    const int textLeft = iconRect.right() + 1 + padding + 2;
    const int textRight = rect.right() - padding;

    const QFont boldFont = nameFont(option.font);
    const QFont small = smallFont(option.font);
    const QFontMetrics nameMetrics(boldFont);
    const QFontMetrics smallMetrics(small);
    const int firstLineTop = rect.top() + padding;
    const int secondLineTop = firstLineTop + nameMetrics.height() + lineGap;

    // First line: the time at the trailing end, the name in what is left.
    const QString time = EventPresenter::listTime(index.data(CustomerListModel::LastActivityRole).toLongLong(),
                                                  QDateTime::currentDateTime());
    const int timeWidth = smallMetrics.horizontalAdvance(time) + 1;
    const QRect timeRect(textRight - timeWidth + 1, firstLineTop, timeWidth, nameMetrics.height());
    painter->setFont(small);
    painter->setPen(dimColor);
    painter->drawText(visual(timeRect), Qt::AlignVCenter | Qt::AlignLeading, time);

    const int nameRight = timeRect.left() - padding;
    const QRect nameRect(textLeft, firstLineTop, qMax(0, nameRight - textLeft), nameMetrics.height());
    painter->setFont(boldFont);
    painter->setPen(textColor);
    const QString name = index.data(Qt::DisplayRole).toString();
    BidiText::draw(painter, visual(nameRect), Qt::AlignVCenter,
                   nameMetrics.elidedText(name, Qt::ElideRight, nameRect.width()), direction, false);

    // Second line: the unread badge at the trailing end, the preview before it.
    int previewRight = textRight;
    const int unread = index.data(CustomerListModel::UnreadRole).toInt();
    if (unread > 0) {
        QFont badgeFont = small;
        badgeFont.setBold(true);
        const QFontMetrics badgeMetrics(badgeFont);
        const QString count = unread > 99 ? QLocale().toString(99) + QLatin1Char('+') : QLocale().toString(unread);
        const int badgeHeight = smallMetrics.height();
        const int badgeWidth = qMax(badgeHeight, badgeMetrics.horizontalAdvance(count) + badgeHeight / 2 + 4);
        const QRect badgeRect(textRight - badgeWidth + 1, secondLineTop, badgeWidth, badgeHeight);
        const QRect badge = visual(badgeRect);
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? option.palette.color(group, QPalette::HighlightedText)
                                   : ChannelIcons::color(core::Channel::Email));
        painter->drawRoundedRect(badge, badgeHeight / 2.0, badgeHeight / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(selected ? option.palette.color(group, QPalette::Highlight) : QColor(Qt::white));
        painter->drawText(badge, Qt::AlignCenter, count);
        previewRight = badgeRect.left() - padding;
    }

    const QRect previewRect(textLeft, secondLineTop, qMax(0, previewRight - textLeft), smallMetrics.height());
    QString preview = index.data(CustomerListModel::PreviewRole).toString();
    preview.replace(QLatin1Char('\n'), QLatin1Char(' '));
    painter->setFont(small);
    painter->setPen(dimColor);
    BidiText::draw(painter, visual(previewRect), Qt::AlignVCenter,
                   smallMetrics.elidedText(preview.simplified(), Qt::ElideRight, previewRect.width()), direction,
                   false);

    painter->restore();
}

} // namespace tl::ui
