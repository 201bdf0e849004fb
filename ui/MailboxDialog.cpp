#include "MailboxDialog.h"

#include "EventPresenter.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tl::ui {

MailboxDialog::MailboxDialog(QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("mailboxDialog"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("mailboxTreeWidget"));
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(5);
    m_tree->header()->setStretchLastSection(true);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    resize(820, 320);
    retranslate();
}

void MailboxDialog::setError(const QString& error) {
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(!error.isEmpty());
}

void MailboxDialog::setMailboxes(const QList<sync::MailboxHealth>& mailboxes) {
    m_mailboxes = mailboxes;
    m_tree->clear();
    for (const sync::MailboxHealth& mailbox : mailboxes) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, mailbox.name);
        item->setText(1, mailbox.address);
        item->setText(2, mailbox.connected ? tr("Connected") : tr("Not connected"));
        item->setForeground(2, mailbox.connected ? QColor(0x18, 0x80, 0x38) : QColor(0xc5, 0x22, 0x1f));
        item->setText(3, mailbox.lastSyncAt > 0 ? EventPresenter::timestamp(mailbox.lastSyncAt) : tr("Never"));
        //: The last error of a mailbox: %1 is when, %2 the error
        item->setText(4, mailbox.lastError.isEmpty()
                             ? QString()
                             : tr("%1: %2").arg(EventPresenter::timestamp(mailbox.lastErrorAt), mailbox.lastError));
        item->setToolTip(4, mailbox.lastError);
    }
    for (int column = 0; column < 4; ++column)
        m_tree->resizeColumnToContents(column);
}

void MailboxDialog::retranslate() {
    setWindowTitle(tr("Mailboxes"));
    m_tree->setHeaderLabels({tr("Mailbox"), tr("Address"), tr("State"), tr("Last sync"), tr("Last error")});
    setMailboxes(m_mailboxes);
}

void MailboxDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace tl::ui
