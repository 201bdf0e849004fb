#pragma once

#include "core/Customer.h"
#include "store/StoreClient.h"

#include <QAbstractListModel>
#include <QTimer>
#include <QVector>

namespace tl::ui {

/// The customers matching a filter, newest activity first, as the store reports them. Reloads itself
/// (coalesced) when the store says customers changed. Thread: GUI.
class CustomerListModel final : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        CustomerIdRole = Qt::UserRole + 1,
        PreviewRole,
        LastActivityRole,       ///< qint64, UTC ms
        LastInboundChannelRole, ///< int (core::Channel), or an invalid QVariant
        UnreadRole,
        StateRole,      ///< int (core::CaseState)
        IdentitiesRole, ///< QStringList
    };

    explicit CustomerListModel(store::StoreClient& store, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Shows the customers matching \a filter (reloads).
    void setFilter(const store::CustomerFilter& filter);
    [[nodiscard]] const store::CustomerFilter& filter() const { return m_filter; }
    /// Leaves \a customerId out of the list (the merge dialog hides the customer being merged into).
    void setExcludedCustomer(const QString& customerId);
    /// Asks the store again now.
    void reload();

    [[nodiscard]] const core::Customer& customerAt(int row) const { return m_customers.at(row); }
    /// The row of \a customerId, or -1.
    [[nodiscard]] int rowOf(const QString& customerId) const;
    /// True once the first answer arrived.
    [[nodiscard]] bool isLoaded() const { return m_loaded; }

signals:
    /// An answer from the store was applied (the rows may or may not have changed).
    void loaded();
    void loadFailed(const QString& error);

private:
    void scheduleReload();
    void apply(QVector<core::Customer> customers);

    store::StoreClient& m_store;
    store::CustomerFilter m_filter;
    QString m_excluded;
    QVector<core::Customer> m_customers;
    QTimer m_reloadTimer;
    quint64 m_generation = 0; ///< the newest request; older answers are dropped
    bool m_inFlight = false;
    bool m_reloadAgain = false;
    bool m_loaded = false;
};

} // namespace tl::ui
