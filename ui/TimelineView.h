#pragma once

#include "core/Event.h"

#include <QListView>
#include <QPersistentModelIndex>
#include <QPointer>

#include <utility>

class QAction;

namespace tl::ui {

class TimelineDelegate;
class TimelineModel;

/// The timeline's list: newest at the bottom, scrolled per pixel. Reaching the top asks the model for the
/// page before; prepended rows keep what the agent looks at in place; new events at the bottom follow
/// the agent only when they were already at the bottom. Thread: GUI.
class TimelineView final : public QListView {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    /// Shows \a model; the view does not take ownership.
    void setTimelineModel(TimelineModel* model);
    [[nodiscard]] TimelineModel* timelineModel() const { return m_model; }
    [[nodiscard]] TimelineDelegate* timelineDelegate() const { return m_delegate; }

    /// True when the last row is fully in view.
    [[nodiscard]] bool isAtBottom() const;

    /// The listed attachment under \a point (viewport coordinates): its row and its position in the list
    /// (MailAttachment::listed), or an invalid index.
    [[nodiscard]] std::pair<QModelIndex, int> attachmentAt(const QPoint& point) const;
    /// Where the \a attachment-th listed attachment of \a index is drawn (viewport coordinates); empty if nowhere.
    [[nodiscard]] QRect attachmentRect(const QModelIndex& index, int attachment) const;
    /// The e-mail "Show Original (HTML)" acts on: the current row when it has HTML, else the newest one that has.
    [[nodiscard]] QModelIndex originalTarget() const;
    /// "Show Original (HTML)" (Ctrl+U while the timeline has focus).
    [[nodiscard]] QAction* showOriginalAction() const { return m_showOriginalAction; }

signals:
    /// The agent clicked (or chose from the context menu) the \a attachment-th listed attachment of \a event.
    void attachmentActivated(const tl::core::Event& event, int attachment);
    /// The agent asked for the sanitized HTML of \a event.
    void originalRequested(const tl::core::Event& event);

protected:
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void onRowsAboutToBeInserted(const QModelIndex& parent, int start, int end);
    void maybeFetchOlder();
    void retranslate();

    QPointer<TimelineModel> m_model;
    TimelineDelegate* m_delegate = nullptr;
    QPersistentModelIndex m_anchor; ///< the top visible row while rows are prepended
    int m_anchorOffset = 0;
    bool m_followBottom = true;
    QAction* m_showOriginalAction = nullptr;
};

} // namespace tl::ui
