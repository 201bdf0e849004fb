#pragma once

#include "core/Customer.h"
#include "store/StoreClient.h"

#include <QDialog>
#include <QTimer>

class QDialogButtonBox;
class QLineEdit;
class QListView;

namespace tl::ui {

class CustomerListModel;

/// Picks the customer to merge into \a into: a searchable list of every other customer. Thread: GUI.
class MergeDialog final : public QDialog {
    Q_OBJECT
public:
    MergeDialog(store::StoreClient& store, const core::Customer& into, QWidget* parent = nullptr);

    /// The chosen customer's id, or empty.
    [[nodiscard]] QString selectedCustomerId() const;
    /// The chosen customer's display name, or empty.
    [[nodiscard]] QString selectedCustomerName() const;

    [[nodiscard]] CustomerListModel* model() const { return m_model; }
    [[nodiscard]] QLineEdit* searchEdit() const { return m_searchEdit; }
    [[nodiscard]] QListView* listView() const { return m_listView; }

private:
    void applySearch();
    void updateButtons();

    CustomerListModel* m_model = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QListView* m_listView = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QTimer m_searchTimer;
};

} // namespace tl::ui
