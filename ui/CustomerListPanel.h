#pragma once

#include "store/StoreClient.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QListView;

namespace tl::ui {

class CustomerListModel;

/// The left side of the main window: search box (names, identities and full text; debounced), channel and
/// state filters, and the customer list. Thread: GUI.
class CustomerListPanel final : public QWidget {
    Q_OBJECT
public:
    explicit CustomerListPanel(store::StoreClient& store, QWidget* parent = nullptr);

    [[nodiscard]] CustomerListModel* model() const { return m_model; }
    [[nodiscard]] QListView* listView() const { return m_listView; }
    [[nodiscard]] QLineEdit* searchEdit() const { return m_searchEdit; }
    [[nodiscard]] QComboBox* channelCombo() const { return m_channelCombo; }
    [[nodiscard]] QComboBox* stateCombo() const { return m_stateCombo; }

    /// Selects \a customerId in the list when it is there.
    void selectCustomer(const QString& customerId);
    /// Applies the search box and the filters now instead of after the debounce delay.
    void applyFilter();

signals:
    /// The agent activated (double-clicked, pressed Enter on) a customer.
    void customerActivated(const QString& customerId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    CustomerListModel* m_model = nullptr;
    QLineEdit* m_searchEdit = nullptr;
    QComboBox* m_channelCombo = nullptr;
    QComboBox* m_stateCombo = nullptr;
    QListView* m_listView = nullptr;
    QTimer m_searchTimer;
    QString m_selectedId;
};

} // namespace tl::ui
