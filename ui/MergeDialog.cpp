#include "MergeDialog.h"

#include "CustomerListDelegate.h"
#include "CustomerListModel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace tl::ui {

MergeDialog::MergeDialog(store::StoreClient& store, const core::Customer& into, QWidget* parent)
    : QDialog(parent)
    , m_model(new CustomerListModel(store, this)) {
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(tr("Merge Customers"));

    auto* explanation = new QLabel(
        //: %1 is a customer's name
        tr("Choose the customer to merge into %1. Their identities and history move to %1.").arg(into.displayName()),
        this);
    explanation->setWordWrap(true);

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchEdit->setPlaceholderText(tr("Search by name, address or message…"));
    m_searchEdit->setClearButtonEnabled(true);

    m_listView = new QListView(this);
    m_listView->setObjectName(QStringLiteral("customerListView"));
    m_listView->setModel(m_model);
    m_listView->setItemDelegate(new CustomerListDelegate(m_listView));
    m_listView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_listView->setUniformItemSizes(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Merge…"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_searchEdit);
    layout->addWidget(m_listView, 1);
    layout->addWidget(m_buttons);
    resize(440, 520);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(250);
    connect(&m_searchTimer, &QTimer::timeout, this, &MergeDialog::applySearch);
    connect(m_searchEdit, &QLineEdit::textChanged, &m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_listView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MergeDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MergeDialog::updateButtons);
    connect(m_listView, &QListView::doubleClicked, this, &QDialog::accept);

    m_model->setExcludedCustomer(into.id);
    updateButtons();
}

QString MergeDialog::selectedCustomerId() const {
    const QModelIndex current = m_listView->selectionModel()->currentIndex();
    return current.isValid() ? current.data(CustomerListModel::CustomerIdRole).toString() : QString();
}

QString MergeDialog::selectedCustomerName() const {
    const QModelIndex current = m_listView->selectionModel()->currentIndex();
    return current.isValid() ? current.data(Qt::DisplayRole).toString() : QString();
}

void MergeDialog::applySearch() {
    store::CustomerFilter filter = m_model->filter();
    filter.text = m_searchEdit->text().trimmed();
    m_model->setFilter(filter);
}

void MergeDialog::updateButtons() {
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_listView->selectionModel()->hasSelection());
}

} // namespace tl::ui
