#include "TimelineView.h"

#include "TimelineDelegate.h"
#include "TimelineModel.h"

#include <QEvent>
#include <QScrollBar>
#include <QTimer>

namespace tl::ui {

TimelineView::TimelineView(QWidget* parent)
    : QListView(parent)
    , m_delegate(new TimelineDelegate(this)) {
    setObjectName(QStringLiteral("timelineView"));
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFocusPolicy(Qt::StrongFocus);
    // Messages differ in height, so uniform item sizes would be wrong; the delegate caches heights instead.
    setUniformItemSizes(false);
    setFrameShape(QFrame::NoFrame);
    verticalScrollBar()->setSingleStep(24);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        m_followBottom = isAtBottom();
        maybeFetchOlder();
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_followBottom)
            scrollToBottom();
        // A first page shorter than the viewport leaves nothing to scroll; fill it.
        QTimer::singleShot(0, this, &TimelineView::maybeFetchOlder);
    });
}

void TimelineView::setTimelineModel(TimelineModel* model) {
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    setModel(model);
    m_followBottom = true;
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, &TimelineView::onRowsAboutToBeInserted);
    connect(model, &TimelineModel::loaded, this, [this] {
        m_followBottom = true;
        doItemsLayout();
        scrollToBottom();
        QTimer::singleShot(0, this, &TimelineView::maybeFetchOlder);
    });
    connect(model, &TimelineModel::olderLoaded, this,
            [this] { QTimer::singleShot(0, this, &TimelineView::maybeFetchOlder); });
}

bool TimelineView::isAtBottom() const {
    const QScrollBar* bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 2;
}

void TimelineView::onRowsAboutToBeInserted(const QModelIndex& parent, int start, int end) {
    Q_UNUSED(end)
    m_anchor = QPersistentModelIndex();
    if (parent.isValid() || start != 0 || !m_model || m_model->rowCount() == 0)
        return;
    // Remember the row at the top of the viewport and where it is, to put it back after the insertion.
    const QModelIndex top = indexAt(QPoint(viewport()->width() / 2, 0));
    if (!top.isValid())
        return;
    m_anchor = top;
    m_anchorOffset = visualRect(top).top();
}

void TimelineView::rowsInserted(const QModelIndex& parent, int start, int end) {
    const bool followBottom = m_followBottom;
    QListView::rowsInserted(parent, start, end);
    if (m_anchor.isValid()) {
        const QModelIndex anchor = m_anchor;
        m_anchor = QPersistentModelIndex();
        doItemsLayout();
        const int moved = visualRect(anchor).top() - m_anchorOffset;
        verticalScrollBar()->setValue(verticalScrollBar()->value() + moved);
        m_followBottom = isAtBottom();
    } else if (followBottom) {
        doItemsLayout();
        scrollToBottom();
        m_followBottom = true;
    }
}

void TimelineView::maybeFetchOlder() {
    if (!m_model || !m_model->isLoaded() || !m_model->hasOlder() || m_model->isFetchingOlder())
        return;
    // Near the top (within half a screen), or nothing to scroll at all.
    const QScrollBar* bar = verticalScrollBar();
    if (bar->maximum() == 0 || bar->value() <= viewport()->height() / 2)
        m_model->fetchOlder();
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    const bool followBottom = m_followBottom;
    QListView::resizeEvent(event);
    if (followBottom) {
        doItemsLayout();
        scrollToBottom();
        m_followBottom = true;
    }
}

void TimelineView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange ||
        event->type() == QEvent::LocaleChange || event->type() == QEvent::LayoutDirectionChange) {
        m_delegate->clearSizeCache();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

} // namespace tl::ui
