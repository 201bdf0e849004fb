#pragma once

#include "core/Customer.h"
#include "store/StoreClient.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QTimer;

namespace tl::ui {

class Composer;
class CustomerCard;
class TimelineModel;
class TimelineView;

/// Everything about one customer: the merged timeline, the composer under it and the customer card beside
/// it. Marks the customer read when opened and whenever new messages arrive while it is shown. Thread: GUI.
class ConversationPane final : public QWidget {
    Q_OBJECT
public:
    ConversationPane(store::StoreClient& store, QString customerId, QWidget* parent = nullptr);

    [[nodiscard]] const QString& customerId() const { return m_customerId; }
    /// The customer as last loaded (empty id until then).
    [[nodiscard]] const core::Customer& customer() const { return m_customer; }
    /// The tab's title: the name, with the unread count when there is one.
    [[nodiscard]] QString title() const;

    [[nodiscard]] TimelineModel* timelineModel() const { return m_model; }
    [[nodiscard]] TimelineView* timelineView() const { return m_view; }
    [[nodiscard]] Composer* composer() const { return m_composer; }
    [[nodiscard]] CustomerCard* customerCard() const { return m_card; }

    /// Reloads the customer and its whole timeline (after a merge into it, say).
    void reload();
    /// Shows or hides "… is typing" over the composer; it also hides by itself when no news comes for a while.
    void setCustomerTyping(bool active);
    [[nodiscard]] bool isCustomerTyping() const;

signals:
    /// The customer's record changed (name, unread count, state...).
    void customerUpdated(const QString& customerId);
    /// \a from was merged into this pane's customer.
    void merged(const QString& into, const QString& from);
    /// The agent started or stopped typing a chat reply to \a identity (the customer's newest chat).
    void agentTyping(const QString& identity, bool active);

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refreshCustomer();
    void markReadIfShown();
    void updateTypingLabel();

    store::StoreClient& m_store;
    QString m_customerId;
    core::Customer m_customer;
    TimelineModel* m_model = nullptr;
    TimelineView* m_view = nullptr;
    Composer* m_composer = nullptr;
    CustomerCard* m_card = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_typingLabel = nullptr;
    QTimer* m_typingExpiry = nullptr;
    /// The identity the agent's typing was last announced to, so that "stopped" goes to the same chat.
    QString m_typingIdentity;
    QSplitter* m_splitter = nullptr;
};

} // namespace tl::ui
