#include "CustomerListPanel.h"

#include "ChannelIcons.h"
#include "CustomerListDelegate.h"
#include "CustomerListModel.h"
#include "EventPresenter.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace tl::ui {

using core::CaseState;
using core::Channel;

CustomerListPanel::CustomerListPanel(store::StoreClient& store, QWidget* parent)
    : QWidget(parent)
    , m_model(new CustomerListModel(store, this)) {
    setObjectName(QStringLiteral("customerListPanel"));

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchEdit->setClearButtonEnabled(true);

    m_channelCombo = new QComboBox(this);
    m_channelCombo->setObjectName(QStringLiteral("channelComboBox"));
    m_channelCombo->addItem(QString(), -1);
    for (Channel channel : {Channel::Email, Channel::Chat, Channel::Sms, Channel::Voice})
        m_channelCombo->addItem(ChannelIcons::icon(channel), QString(), static_cast<int>(channel));

    m_stateCombo = new QComboBox(this);
    m_stateCombo->setObjectName(QStringLiteral("stateComboBox"));
    m_stateCombo->addItem(QString(), -1);
    for (CaseState state : {CaseState::Open, CaseState::Pending, CaseState::Resolved})
        m_stateCombo->addItem(QString(), static_cast<int>(state));

    m_listView = new QListView(this);
    m_listView->setObjectName(QStringLiteral("customerListView"));
    m_listView->setModel(m_model);
    m_listView->setItemDelegate(new CustomerListDelegate(m_listView));
    m_listView->setUniformItemSizes(true); // every row has the same two lines
    m_listView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_listView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_listView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_listView->setFrameShape(QFrame::NoFrame);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(m_channelCombo, 1);
    filters->addWidget(m_stateCombo, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_searchEdit);
    layout->addLayout(filters);
    layout->addWidget(m_listView, 1);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(250);
    connect(&m_searchTimer, &QTimer::timeout, this, &CustomerListPanel::applyFilter);
    connect(m_searchEdit, &QLineEdit::textChanged, &m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &CustomerListPanel::applyFilter);
    connect(m_channelCombo, &QComboBox::currentIndexChanged, this, &CustomerListPanel::applyFilter);
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, &CustomerListPanel::applyFilter);

    // A click opens the customer as well as Enter or a double click: it is what the list is for.
    const auto activate = [this](const QModelIndex& index) {
        if (index.isValid())
            emit customerActivated(index.data(CustomerListModel::CustomerIdRole).toString());
    };
    connect(m_listView, &QListView::activated, this, activate);
    connect(m_listView, &QListView::clicked, this, activate);
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_selectedId = current.data(CustomerListModel::CustomerIdRole).toString();
            });
    // A reset (new filter, new order) loses the selection; put it back by id.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_selectedId.isEmpty())
            selectCustomer(m_selectedId);
    });

    retranslate();
    applyFilter();
}

void CustomerListPanel::applyFilter() {
    m_searchTimer.stop();
    store::CustomerFilter filter;
    filter.text = m_searchEdit->text().trimmed();
    const int channel = m_channelCombo->currentData().toInt();
    if (channel >= 0)
        filter.channel = static_cast<Channel>(channel);
    const int state = m_stateCombo->currentData().toInt();
    if (state >= 0)
        filter.state = static_cast<CaseState>(state);
    m_model->setFilter(filter);
}

void CustomerListPanel::selectCustomer(const QString& customerId) {
    m_selectedId = customerId;
    const int row = m_model->rowOf(customerId);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row);
    m_listView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_listView->scrollTo(index);
}

void CustomerListPanel::retranslate() {
    m_searchEdit->setPlaceholderText(tr("Search customers and messages"));
    m_searchEdit->setToolTip(tr("Matches names, addresses and the text of every message"));
    m_channelCombo->setItemText(0, tr("All channels"));
    for (int index = 1; index < m_channelCombo->count(); ++index)
        m_channelCombo->setItemText(
            index, EventPresenter::channelTitle(static_cast<Channel>(m_channelCombo->itemData(index).toInt())));
    //: The state filter's "no filter" entry: customers in every case state
    m_stateCombo->setItemText(0, tr("All states"));
    for (int index = 1; index < m_stateCombo->count(); ++index)
        m_stateCombo->setItemText(
            index, EventPresenter::stateTitle(static_cast<CaseState>(m_stateCombo->itemData(index).toInt())));
}

void CustomerListPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace tl::ui
