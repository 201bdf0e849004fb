#pragma once

#include "sync/MailboxClient.h"

#include <QDialog>

class QLabel;
class QTreeWidget;

namespace tl::ui {

/// View › Mailboxes: the shared mailboxes' health — name, address, connected, last sync, last error. Filled by
/// MailboxStatus, which refreshes it. Thread: GUI.
class MailboxDialog final : public QDialog {
    Q_OBJECT
public:
    explicit MailboxDialog(QWidget* parent = nullptr);

    void setMailboxes(const QList<sync::MailboxHealth>& mailboxes);
    /// Shows why the list could not be read (empty: no error).
    void setError(const QString& error);

    [[nodiscard]] QTreeWidget* tree() const { return m_tree; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QTreeWidget* m_tree = nullptr;
    QLabel* m_errorLabel = nullptr;
    QList<sync::MailboxHealth> m_mailboxes;
};

} // namespace tl::ui
