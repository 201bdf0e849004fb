#pragma once

#include "TransferDialog.h"

#include "core/Channel.h"
#include "core/Customer.h"
#include "store/StoreClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace tl::ui {

/// Writes a reply or an internal note to one customer: channel picker, subject (e-mail only), text, Send
/// (Ctrl+Enter). A failed send shows the store's message and keeps the text. Thread: GUI.
class Composer final : public QWidget {
    Q_OBJECT
public:
    Composer(store::StoreClient& store, QString customerId, QWidget* parent = nullptr);

    /// Updates what the composer knows of the customer; picks the default channel the first time.
    void setCustomer(const core::Customer& customer);
    /// Prefills the subject with "Re: " + \a subject while the agent has not typed one.
    void setLastSubject(const QString& subject);

    /// The channel a reply to \a customer goes out on by default: the last inbound channel (voice → SMS),
    /// else e-mail when the customer has an address, else the first channel they have an identity for.
    [[nodiscard]] static core::Channel defaultChannel(const core::Customer& customer);

    [[nodiscard]] core::Channel channel() const;
    void setChannel(core::Channel channel);
    [[nodiscard]] QString text() const;
    void setText(const QString& text);
    [[nodiscard]] QString subject() const;
    /// The inline error of the last send, or empty.
    [[nodiscard]] QString errorText() const;
    /// True while a send is on its way to the store.
    [[nodiscard]] bool isSending() const { return m_sending; }

    /// Where the Transfer dialog gets its colleagues: \a client's signed-in session (every queue the agent works;
    /// the cache does not know a customer's queue). Without one the dialog takes a typed login.
    void setColleagueClient(sync::ColleagueClient* client);
    /// Replaces how the Transfer dialog loads its colleagues (tests).
    void setColleagueLoader(TransferDialog::Loader loader) { m_colleagueLoader = std::move(loader); }

public slots:
    /// Sends what is typed; does nothing when the text is empty or a send is running.
    void send();
    /// Ends the customer's web chat (a chat.ended event; the visitor's page shows it).
    void endChat();
    /// Hands the customer's web chat to the agent with \a login (a chat.transferred event).
    void transferChat(const QString& login);

signals:
    /// The store accepted the event.
    void sent(const core::Event& event);
    /// The agent started (repeated every few seconds while typing goes on) or stopped typing a chat reply.
    void typingChanged(bool active);
    void sendFailed(const QString& error);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateState();
    void onTextChanged();
    void stopTyping();
    /// Asks for the colleague to hand the chat to (a window-modal TransferDialog), then transfers it.
    void chooseTransfer();
    /// Writes one chat action (chat.ended, chat.transferred) and reports a failure like a send.
    void writeChatAction(const QString& kind, const QJsonObject& payload);
    /// Hands one action to the store; \a written runs once it is stored, a failure shows under the composer.
    void write(core::Channel target, const QString& kind, const QJsonObject& payload, std::function<void()> written);

    store::StoreClient& m_store;
    QString m_customerId;
    QComboBox* m_channelCombo = nullptr;
    QLineEdit* m_subjectEdit = nullptr;
    QPlainTextEdit* m_textEdit = nullptr;
    QPushButton* m_sendButton = nullptr;
    QPushButton* m_endChatButton = nullptr;
    QPushButton* m_transferButton = nullptr;
    QLabel* m_errorLabel = nullptr;
    TransferDialog::Loader m_colleagueLoader;
    QString m_prefilledSubject;
    bool m_channelChosen = false;
    bool m_sending = false;
    /// Typing announcements: while typing goes on they repeat at most every few seconds, and a pause ends them.
    QTimer* m_typingPause = nullptr;
    QElapsedTimer m_typingAnnounced;
    bool m_typing = false;
};

} // namespace tl::ui
