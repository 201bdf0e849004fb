#pragma once

#include "sync/ConnectionState.h"

#include <QWidget>

class QLabel;

namespace tl::ui {

/// The status bar's always-visible word on the link to the server: a coloured dot, the state ("Online",
/// "Connecting…", "Offline") and how many actions wait in the outbox. Thread: GUI.
class ConnectionIndicator final : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionIndicator(QWidget* parent = nullptr);

    void setState(sync::ConnectionState state, const QString& detail);
    void setPending(int pending);

    /// The text shown, for tests.
    [[nodiscard]] QString text() const;

signals:
    /// The agent clicked the indicator (to sign in again when offline).
    void activated();

protected:
    void changeEvent(QEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void refresh();

    QLabel* m_dot = nullptr;
    QLabel* m_label = nullptr;
    sync::ConnectionState m_state = sync::ConnectionState::Offline;
    QString m_detail;
    int m_pending = 0;
};

} // namespace tl::ui
