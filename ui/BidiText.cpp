#include "BidiText.h"

#include <QPainter>

namespace tl::ui {

Qt::LayoutDirection BidiText::directionOf(const QString& text) {
    return text.isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight;
}

void BidiText::draw(QPainter* painter, const QRect& rect, int flags, const QString& text,
                    Qt::LayoutDirection uiDirection, bool alignByContent) {
    const Qt::LayoutDirection contentDirection = directionOf(text);
    const Qt::LayoutDirection alignDirection = alignByContent ? contentDirection : uiDirection;
    const int horizontal = (alignDirection == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignAbsolute;
    const int withoutHorizontal = flags & ~(Qt::AlignHorizontal_Mask | Qt::AlignAbsolute);

    const Qt::LayoutDirection previous = painter->layoutDirection();
    painter->setLayoutDirection(contentDirection);
    painter->drawText(rect, withoutHorizontal | horizontal, text);
    painter->setLayoutDirection(previous);
}

} // namespace tl::ui
