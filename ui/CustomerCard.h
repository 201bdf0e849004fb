#pragma once

#include "core/Customer.h"
#include "store/StoreClient.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace tl::ui {

class MergeDialog;

/// Who the customer is: name, case state (settable), every identity with its kind, and "Merge with…".
/// Thread: GUI.
class CustomerCard final : public QWidget {
    Q_OBJECT
public:
    CustomerCard(store::StoreClient& store, QWidget* parent = nullptr);

    /// Shows \a customer (call again whenever it changes).
    void setCustomer(const core::Customer& customer);
    [[nodiscard]] const core::Customer& customer() const { return m_customer; }

    /// Starts merging \a from into this customer: asks for confirmation, then calls the store.
    void confirmMerge(const QString& from, const QString& fromName);

signals:
    /// \a from was merged into \a into.
    void merged(const QString& into, const QString& from);
    /// The store refused an action; \a error says why.
    void actionFailed(const QString& error);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void openMergeDialog();
    void onStateActivated(int index);
    void showError(const QString& error);

    store::StoreClient& m_store;
    core::Customer m_customer;
    QLabel* m_nameLabel = nullptr;
    QLabel* m_stateTitle = nullptr;
    QComboBox* m_stateCombo = nullptr;
    QLabel* m_identitiesTitle = nullptr;
    QListWidget* m_identityList = nullptr;
    QPushButton* m_mergeButton = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPointer<MergeDialog> m_mergeDialog;
};

} // namespace tl::ui
