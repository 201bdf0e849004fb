#include "CustomerCard.h"

#include "ChannelIcons.h"
#include "EventPresenter.h"
#include "MergeDialog.h"

#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace tl::ui {

using core::CaseState;

namespace {

core::Channel channelOfIdentityKind(QStringView kind) {
    if (kind == QLatin1String("email"))
        return core::Channel::Email;
    if (kind == QLatin1String("phone"))
        return core::Channel::Sms;
    if (kind == QLatin1String("chat"))
        return core::Channel::Chat;
    if (kind == QLatin1String("sip"))
        return core::Channel::Voice;
    return core::Channel::System;
}

} // namespace

CustomerCard::CustomerCard(store::StoreClient& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store) {
    setObjectName(QStringLiteral("customerCard"));

    m_nameLabel = new QLabel(this);
    m_nameLabel->setObjectName(QStringLiteral("nameLabel"));
    m_nameLabel->setWordWrap(true);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont nameFont = m_nameLabel->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.3);
    m_nameLabel->setFont(nameFont);

    m_stateTitle = new QLabel(this);
    m_stateCombo = new QComboBox(this);
    m_stateCombo->setObjectName(QStringLiteral("stateComboBox"));
    for (CaseState state : {CaseState::Open, CaseState::Pending, CaseState::Resolved})
        m_stateCombo->addItem(QString(), static_cast<int>(state));
    m_stateTitle->setBuddy(m_stateCombo);

    m_identitiesTitle = new QLabel(this);
    m_identityList = new QListWidget(this);
    m_identityList->setObjectName(QStringLiteral("identityListWidget"));
    m_identityList->setSelectionMode(QAbstractItemView::NoSelection);
    m_identityList->setFocusPolicy(Qt::NoFocus);
    m_identityList->setIconSize(QSize(16, 16));
    m_identityList->setWordWrap(true);

    m_mergeButton = new QPushButton(this);
    m_mergeButton->setObjectName(QStringLiteral("mergePushButton"));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setWordWrap(true);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc5, 0x22, 0x1f));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(6);
    layout->addWidget(m_nameLabel);
    layout->addSpacing(6);
    layout->addWidget(m_stateTitle);
    layout->addWidget(m_stateCombo);
    layout->addSpacing(6);
    layout->addWidget(m_identitiesTitle);
    layout->addWidget(m_identityList, 1);
    layout->addWidget(m_mergeButton);
    layout->addWidget(m_errorLabel);

    connect(m_stateCombo, &QComboBox::activated, this, &CustomerCard::onStateActivated);
    connect(m_mergeButton, &QPushButton::clicked, this, &CustomerCard::openMergeDialog);
    retranslate();
}

void CustomerCard::setCustomer(const core::Customer& customer) {
    m_customer = customer;
    m_nameLabel->setText(customer.displayName());
    const int stateIndex = m_stateCombo->findData(static_cast<int>(customer.state));
    if (stateIndex >= 0)
        m_stateCombo->setCurrentIndex(stateIndex);

    m_identityList->clear();
    for (const QString& identity : customer.identities) {
        const qsizetype colon = identity.indexOf(QLatin1Char(':'));
        const QStringView kind = colon > 0 ? QStringView(identity).left(colon) : QStringView();
        const QString value = colon > 0 ? identity.mid(colon + 1) : identity;
        //: An identity in the customer card: %1 is its kind (E-mail, Phone, ...), %2 the address
        auto* item = new QListWidgetItem(ChannelIcons::icon(channelOfIdentityKind(kind)),
                                         tr("%1: %2").arg(EventPresenter::identityKindTitle(kind), value));
        item->setToolTip(identity);
        item->setData(Qt::UserRole, identity);
        m_identityList->addItem(item);
    }
}

void CustomerCard::onStateActivated(int index) {
    const auto state = static_cast<CaseState>(m_stateCombo->itemData(index).toInt());
    if (m_customer.id.isEmpty() || state == m_customer.state)
        return;
    m_errorLabel->hide();
    m_stateCombo->setEnabled(false);
    m_store.setState(m_customer.id, state, this, [this, state](core::Result<core::Event> result) {
        m_stateCombo->setEnabled(true);
        if (!result.ok()) {
            // Put the combo back to what the store holds.
            const int previous = m_stateCombo->findData(static_cast<int>(m_customer.state));
            if (previous >= 0)
                m_stateCombo->setCurrentIndex(previous);
            showError(result.error());
            return;
        }
        m_customer.state = state;
    });
}

void CustomerCard::openMergeDialog() {
    if (m_customer.id.isEmpty())
        return;
    if (m_mergeDialog) {
        m_mergeDialog->raise();
        m_mergeDialog->activateWindow();
        return;
    }
    m_mergeDialog = new MergeDialog(m_store, m_customer, this);
    m_mergeDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_mergeDialog, &QDialog::accepted, this, [this] {
        if (m_mergeDialog)
            confirmMerge(m_mergeDialog->selectedCustomerId(), m_mergeDialog->selectedCustomerName());
    });
    m_mergeDialog->open();
}

void CustomerCard::confirmMerge(const QString& from, const QString& fromName) {
    if (from.isEmpty() || from == m_customer.id)
        return;
    auto* question = new QMessageBox(QMessageBox::Question, tr("Merge Customers"),
                                     //: %1 is the customer merged away, %2 the one that stays
                                     tr("Merge %1 into %2?\n\nEvery identity and the whole history of %1 move to "
                                        "%2. This cannot be undone.")
                                         .arg(fromName, m_customer.displayName()),
                                     QMessageBox::Cancel, this);
    question->setObjectName(QStringLiteral("mergeConfirmMessageBox"));
    QPushButton* mergeButton = question->addButton(tr("Merge"), QMessageBox::AcceptRole);
    question->setDefaultButton(QMessageBox::Cancel);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::finished, this, [this, question, mergeButton, from] {
        if (question->clickedButton() != mergeButton)
            return;
        const QString into = m_customer.id;
        m_store.mergeCustomers(into, from, this, [this, into, from](core::Result<core::Event> result) {
            if (!result.ok()) {
                showError(result.error());
                return;
            }
            emit merged(into, from);
        });
    });
    question->open();
}

void CustomerCard::showError(const QString& error) {
    m_errorLabel->setText(error);
    m_errorLabel->show();
    emit actionFailed(error);
}

void CustomerCard::retranslate() {
    m_stateTitle->setText(tr("&State"));
    for (int index = 0; index < m_stateCombo->count(); ++index)
        m_stateCombo->setItemText(
            index, EventPresenter::stateTitle(static_cast<CaseState>(m_stateCombo->itemData(index).toInt())));
    m_identitiesTitle->setText(tr("Identities"));
    m_mergeButton->setText(tr("Merge with…"));
    m_mergeButton->setToolTip(tr("Merge another customer into this one"));
    if (!m_customer.id.isEmpty())
        setCustomer(m_customer);
}

void CustomerCard::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace tl::ui
