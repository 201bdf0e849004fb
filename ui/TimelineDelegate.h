#pragma once

#include "EventPresenter.h"

#include <QHash>
#include <QList>
#include <QStyledItemDelegate>

namespace tl::ui {

/// Draws timeline events: messages, notes and calls as bubbles (the customer's on the leading side, the
/// agents' on the trailing side, so right-to-left layouts mirror them), system events as small centered
/// lines. Heights differ per event; they are cached per event id, delivery state and view width. Thread: GUI.
class TimelineDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    /// Where each part of one item goes, in view coordinates (already mirrored for right-to-left).
    struct Layout final {
        QRect bubble; ///< the bubble, or the system line's extent
        QRect icon;
        QRect author;
        QRect time;
        QRect subject; ///< empty when there is none
        QRect text;
        QList<QRect> attachments; ///< one line per listed e-mail attachment (AttachmentsRole), in its order
        QRect delivery;           ///< the "not sent yet" / "not delivered" mark; empty once delivered
        QSize size;               ///< the whole item
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Computes the layout of \a index in \a option.rect (its width) and \a option.direction.
    [[nodiscard]] Layout layout(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    /// Places a bubble of \a bubbleSize in \a itemRect: inbound on the leading edge, outbound and internal
    /// notes on the trailing edge, system lines centered; mirrored when \a direction is right-to-left.
    [[nodiscard]] static QRect bubbleRect(const QRect& itemRect, const QSize& bubbleSize, EventSide side,
                                          Qt::LayoutDirection direction);

    /// Forgets cached heights (after a font or language change).
    void clearSizeCache() const;

    /// Horizontal space between a bubble and the view's edge.
    static constexpr int sideMargin = 12;

private:
    [[nodiscard]] int viewWidth(const QStyleOptionViewItem& option) const;

    mutable QHash<QString, QSize> m_sizeCache;
    mutable int m_cacheWidth = -1;
};

} // namespace tl::ui
