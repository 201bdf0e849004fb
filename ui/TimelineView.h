#pragma once

#include <QListView>
#include <QPersistentModelIndex>
#include <QPointer>

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

protected:
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onRowsAboutToBeInserted(const QModelIndex& parent, int start, int end);
    void maybeFetchOlder();

    QPointer<TimelineModel> m_model;
    TimelineDelegate* m_delegate = nullptr;
    QPersistentModelIndex m_anchor; ///< the top visible row while rows are prepended
    int m_anchorOffset = 0;
    bool m_followBottom = true;
};

} // namespace tl::ui
