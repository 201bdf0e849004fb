#include "TimelineView.h"

#include "TimelineDelegate.h"
#include "TimelineModel.h"

#include "EventPresenter.h"
#include "MailAttachment.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QEvent>
#include <QMenu>
#include <QMouseEvent>
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
    setMouseTracking(true); // the pointing hand over attachments

    m_showOriginalAction = new QAction(this);
    m_showOriginalAction->setObjectName(QStringLiteral("showOriginalAction"));
    m_showOriginalAction->setShortcut(Qt::CTRL | Qt::Key_U);
    m_showOriginalAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_showOriginalAction);
    connect(m_showOriginalAction, &QAction::triggered, this, [this] {
        const QModelIndex target = originalTarget();
        if (target.isValid())
            emit originalRequested(target.data(TimelineModel::EventRole).value<core::Event>());
    });
    retranslate();

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

void TimelineView::retranslate() {
    m_showOriginalAction->setText(tr("Show Original (&HTML)"));
}

QRect TimelineView::attachmentRect(const QModelIndex& index, int attachment) const {
    if (!index.isValid() || attachment < 0)
        return {};
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    const TimelineDelegate::Layout parts = m_delegate->layout(option, index);
    return attachment < parts.attachments.size() ? parts.attachments.at(attachment) : QRect();
}

std::pair<QModelIndex, int> TimelineView::attachmentAt(const QPoint& point) const {
    const QModelIndex index = indexAt(point);
    if (!index.isValid())
        return {};
    const int count = int(index.data(TimelineModel::AttachmentsRole).toStringList().size());
    for (int i = 0; i < count; ++i) {
        if (attachmentRect(index, i).contains(point))
            return {index, i};
    }
    return {};
}

QModelIndex TimelineView::originalTarget() const {
    if (!m_model)
        return {};
    const QModelIndex current = currentIndex();
    if (current.isValid() && EventPresenter::hasHtml(m_model->eventAt(current.row())))
        return current;
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        if (EventPresenter::hasHtml(m_model->eventAt(row)))
            return m_model->index(row);
    }
    return {};
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    QListView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    const auto [index, attachment] = attachmentAt(event->position().toPoint());
    if (index.isValid())
        emit attachmentActivated(index.data(TimelineModel::EventRole).value<core::Event>(), attachment);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    QListView::mouseMoveEvent(event);
    if (attachmentAt(event->position().toPoint()).first.isValid())
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event) {
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    setCurrentIndex(index);
    const core::Event mail = index.data(TimelineModel::EventRole).value<core::Event>();
    const QList<MailAttachment> attachments = MailAttachment::listed(mail);
    if (!EventPresenter::hasHtml(mail) && attachments.isEmpty())
        return;
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (EventPresenter::hasHtml(mail))
        menu->addAction(m_showOriginalAction);
    if (!attachments.isEmpty())
        menu->addSeparator();
    for (int i = 0; i < attachments.size(); ++i) {
        //: Context menu of an e-mail in the timeline; %1 is an attachment's file name
        QAction* open = menu->addAction(tr("Open “%1”").arg(attachments.at(i).name));
        connect(open, &QAction::triggered, this, [this, mail, i] { emit attachmentActivated(mail, i); });
    }
    menu->popup(event->globalPos());
}

void TimelineView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange ||
        event->type() == QEvent::LocaleChange || event->type() == QEvent::LayoutDirectionChange) {
        m_delegate->clearSizeCache();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

} // namespace tl::ui
