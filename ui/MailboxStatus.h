#pragma once

#include "sync/MailboxClient.h"

#include <QPointer>
#include <QToolButton>
#include <QUrl>

class QTimer;

namespace tl::ui {

class MailboxDialog;

/// The status bar's word on the shared mailboxes ("Mailboxes: 2 connected", or how many are not), for the
/// roles that may read it (supervisors and admins); refreshed every 30 s while signed in. A click opens the
/// Mailboxes dialog. Hidden for agents and when not signed in. Thread: GUI.
class MailboxStatus final : public QToolButton {
    Q_OBJECT
public:
    explicit MailboxStatus(QWidget* parent = nullptr);

    /// Starts (for a role that may read the mailboxes) or stops watching; an empty \a server stops.
    void setSession(const QUrl& server, const QString& token, const QString& role);
    /// True while watching: signed in with a role that may read the mailboxes.
    [[nodiscard]] bool isWatching() const { return !m_server.isEmpty(); }
    /// Shows \a mailboxes (what a refresh does with the server's answer).
    void setMailboxes(const QList<sync::MailboxHealth>& mailboxes);
    /// Asks the server now.
    void refresh();
    /// Opens (or raises) the Mailboxes dialog.
    void showDialog();

    /// Between two refreshes.
    static constexpr int refreshIntervalMs = 30000;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateText();

    sync::MailboxClient m_client;
    QTimer* m_timer = nullptr;
    QUrl m_server;
    QString m_token;
    QList<sync::MailboxHealth> m_mailboxes;
    QString m_error;
    bool m_loaded = false;
    bool m_requestRunning = false;
    QPointer<MailboxDialog> m_dialog;
};

} // namespace tl::ui
