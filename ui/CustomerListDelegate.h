#pragma once

#include <QStyledItemDelegate>

namespace tl::ui {

/// Draws one customer list row: channel icon of the last inbound channel, name, time of the last activity,
/// preview line and an unread badge. Mirrors itself in right-to-left layouts. Thread: GUI.
class CustomerListDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace tl::ui
