#include "ConnectionIndicator.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>

namespace tl::ui {

ConnectionIndicator::ConnectionIndicator(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("connectionIndicator"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    m_dot = new QLabel(this);
    m_dot->setFixedSize(10, 10);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("connectionLabel"));
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    refresh();
}

void ConnectionIndicator::setState(sync::ConnectionState state, const QString& detail) {
    m_state = state;
    m_detail = detail;
    refresh();
}

void ConnectionIndicator::setPending(int pending) {
    m_pending = pending;
    refresh();
}

QString ConnectionIndicator::text() const {
    return m_label->text();
}

void ConnectionIndicator::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

void ConnectionIndicator::mouseReleaseEvent(QMouseEvent* event) {
    QWidget::mouseReleaseEvent(event);
    emit activated();
}

void ConnectionIndicator::refresh() {
    QString state;
    QString colour;
    switch (m_state) {
    case sync::ConnectionState::Online:
        state = tr("Online");
        colour = QStringLiteral("#2e9d48");
        break;
    case sync::ConnectionState::Syncing:
        state = tr("Syncing…");
        colour = QStringLiteral("#2b7de1");
        break;
    case sync::ConnectionState::Connecting:
        state = tr("Connecting…");
        colour = QStringLiteral("#e0a100");
        break;
    case sync::ConnectionState::Disconnected:
        //: The link to the server dropped; Threadline retries by itself
        state = tr("Offline, reconnecting");
        colour = QStringLiteral("#d0452f");
        break;
    case sync::ConnectionState::Offline:
        state = tr("Offline");
        colour = QStringLiteral("#8a8f98");
        break;
    }
    QString text = state;
    if (m_pending > 0)
        //: %1 is the connection state, followed by the number of the agent's actions not yet delivered
        text = tr("%1 · %Ln waiting to be sent", "", m_pending).arg(state);
    m_label->setText(text);
    m_dot->setStyleSheet(QStringLiteral("background: %1; border-radius: 5px;").arg(colour));
    QString tip = m_detail.isEmpty() ? text : text + QLatin1Char('\n') + m_detail;
    if (m_state == sync::ConnectionState::Offline)
        tip += QLatin1Char('\n') + tr("Click to sign in to a server.");
    setToolTip(tip);
    setCursor(m_state == sync::ConnectionState::Offline ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

} // namespace tl::ui
