#include "MailboxStatus.h"

#include "MailboxDialog.h"

#include <QEvent>
#include <QTimer>

namespace tl::ui {

MailboxStatus::MailboxStatus(QWidget* parent)
    : QToolButton(parent)
    , m_timer(new QTimer(this)) {
    setObjectName(QStringLiteral("mailboxStatus"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_timer->setInterval(refreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &MailboxStatus::refresh);
    connect(this, &QToolButton::clicked, this, &MailboxStatus::showDialog);
    hide();
    updateText();
}

void MailboxStatus::setSession(const QUrl& server, const QString& token, const QString& role) {
    if (server.isEmpty() || !sync::MailboxClient::mayRead(role)) {
        m_server = QUrl();
        m_token.clear();
        m_timer->stop();
        hide();
        return;
    }
    m_server = server;
    m_token = token;
    m_timer->start();
    show();
    refresh();
}

void MailboxStatus::refresh() {
    if (m_server.isEmpty() || m_requestRunning)
        return;
    m_requestRunning = true;
    QPointer<MailboxStatus> guard(this);
    m_client.fetch(m_server, m_token, [guard](core::Result<QList<sync::MailboxHealth>> result) {
        if (!guard)
            return;
        guard->m_requestRunning = false;
        if (result.ok()) {
            guard->m_error.clear();
            guard->setMailboxes(result.value());
        } else {
            guard->m_error = result.error();
            guard->updateText();
            if (guard->m_dialog)
                guard->m_dialog->setError(guard->m_error);
        }
    });
}

void MailboxStatus::setMailboxes(const QList<sync::MailboxHealth>& mailboxes) {
    m_mailboxes = mailboxes;
    m_loaded = true;
    updateText();
    if (m_dialog) {
        m_dialog->setError(m_error);
        m_dialog->setMailboxes(m_mailboxes);
    }
}

void MailboxStatus::showDialog() {
    if (!m_dialog) {
        m_dialog = new MailboxDialog(window());
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog->setMailboxes(m_mailboxes);
        m_dialog->setError(m_error);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    refresh();
}

void MailboxStatus::updateText() {
    int down = 0;
    QStringList lines;
    for (const sync::MailboxHealth& mailbox : std::as_const(m_mailboxes)) {
        if (!mailbox.connected)
            ++down;
        lines.append(mailbox.connected             ? tr("%1: connected").arg(mailbox.name)
                     : mailbox.lastError.isEmpty() ? tr("%1: not connected").arg(mailbox.name)
                                                   : tr("%1: not connected (%2)").arg(mailbox.name, mailbox.lastError));
    }
    if (!m_error.isEmpty())
        setText(tr("Mailboxes: unknown"));
    else if (!m_loaded)
        setText(tr("Mailboxes…"));
    else if (m_mailboxes.isEmpty())
        setText(tr("No mailboxes"));
    else if (down == 0)
        setText(tr("Mailboxes: %Ln connected", "", int(m_mailboxes.size())));
    else
        setText(tr("Mailboxes: %Ln not connected", "", down));
    setStyleSheet(down > 0 || !m_error.isEmpty() ? QStringLiteral("color: #c5221f;") : QString());
    setToolTip(m_error.isEmpty() ? lines.join(QLatin1Char('\n')) : m_error);
}

void MailboxStatus::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        updateText();
    QToolButton::changeEvent(event);
}

} // namespace tl::ui
