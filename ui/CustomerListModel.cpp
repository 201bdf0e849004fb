#include "CustomerListModel.h"

namespace tl::ui {

CustomerListModel::CustomerListModel(store::StoreClient& store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store) {
    // Imports and sync report changes in bursts; one reload per burst is enough.
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(150);
    connect(&m_reloadTimer, &QTimer::timeout, this, &CustomerListModel::reload);
    connect(&m_store, &store::StoreClient::customersChanged, this, &CustomerListModel::scheduleReload);
}

int CustomerListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_customers.size());
}

QVariant CustomerListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Customer& customer = m_customers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return customer.displayName();
    case Qt::ToolTipRole:
        return customer.identities.join(QLatin1Char('\n'));
    case CustomerIdRole:
        return customer.id;
    case PreviewRole:
        return customer.preview;
    case LastActivityRole:
        return customer.lastActivity;
    case LastInboundChannelRole:
        return customer.lastInboundChannel ? QVariant(static_cast<int>(*customer.lastInboundChannel)) : QVariant();
    case UnreadRole:
        return customer.unread;
    case StateRole:
        return static_cast<int>(customer.state);
    case IdentitiesRole:
        return customer.identities;
    default:
        return {};
    }
}

QHash<int, QByteArray> CustomerListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(CustomerIdRole, "customerId");
    names.insert(PreviewRole, "preview");
    names.insert(LastActivityRole, "lastActivity");
    names.insert(LastInboundChannelRole, "lastInboundChannel");
    names.insert(UnreadRole, "unread");
    names.insert(StateRole, "state");
    names.insert(IdentitiesRole, "identities");
    return names;
}

void CustomerListModel::setFilter(const store::CustomerFilter& filter) {
    m_filter = filter;
    reload();
}

void CustomerListModel::setExcludedCustomer(const QString& customerId) {
    m_excluded = customerId;
    reload();
}

int CustomerListModel::rowOf(const QString& customerId) const {
    for (int row = 0; row < m_customers.size(); ++row) {
        if (m_customers.at(row).id == customerId)
            return row;
    }
    return -1;
}

void CustomerListModel::scheduleReload() {
    if (!m_reloadTimer.isActive())
        m_reloadTimer.start();
}

void CustomerListModel::reload() {
    m_reloadTimer.stop();
    if (m_inFlight) {
        // One request at a time; the newest filter is asked for as soon as the current answer is in.
        m_reloadAgain = true;
        ++m_generation;
        return;
    }
    m_inFlight = true;
    const quint64 generation = ++m_generation;
    m_store.customers(m_filter, this, [this, generation](core::Result<QVector<core::Customer>> result) {
        m_inFlight = false;
        const bool current = generation == m_generation;
        if (m_reloadAgain) {
            m_reloadAgain = false;
            reload();
        }
        if (!current)
            return;
        if (!result.ok()) {
            emit loadFailed(result.error());
            return;
        }
        apply(std::move(result).value());
    });
}

void CustomerListModel::apply(QVector<core::Customer> customers) {
    if (!m_excluded.isEmpty()) {
        customers.removeIf([this](const core::Customer& customer) { return customer.id == m_excluded; });
    }
    bool sameOrder = customers.size() == m_customers.size();
    for (int row = 0; sameOrder && row < customers.size(); ++row)
        sameOrder = customers.at(row).id == m_customers.at(row).id;

    if (sameOrder) {
        // Same rows in the same order: update in place so selection and scroll position stay.
        for (int row = 0; row < customers.size(); ++row) {
            const core::Customer& before = m_customers.at(row);
            const core::Customer& after = customers.at(row);
            const bool changed = before.name != after.name || before.preview != after.preview ||
                                 before.lastActivity != after.lastActivity || before.unread != after.unread ||
                                 before.state != after.state || before.identities != after.identities ||
                                 before.lastInboundChannel != after.lastInboundChannel;
            m_customers[row] = after;
            if (changed)
                emit dataChanged(index(row), index(row));
        }
    } else {
        beginResetModel();
        m_customers = std::move(customers);
        endResetModel();
    }
    m_loaded = true;
    emit loaded();
}

} // namespace tl::ui
