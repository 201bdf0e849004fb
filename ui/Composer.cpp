#include "Composer.h"

#include "ChannelIcons.h"
#include "EventPresenter.h"

#include "core/EventKind.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

namespace tl::ui {

using core::Channel;

namespace {

constexpr std::array<Channel, 4> composerChannels{Channel::Email, Channel::Chat, Channel::Sms, Channel::Note};
/// While the agent keeps typing a chat reply, "typing" is repeated this often (the visitor's page forgets it
/// after a while, so a lost "stopped" cannot leave it on for good).
constexpr int typingRepeatMs = 4000;
/// A pause this long in typing counts as having stopped.
constexpr int typingPauseMs = 5000;

} // namespace

Composer::Composer(store::StoreClient& store, QString customerId, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_customerId(std::move(customerId)) {
    setObjectName(QStringLiteral("composer"));

    m_channelCombo = new QComboBox(this);
    m_channelCombo->setObjectName(QStringLiteral("channelComboBox"));
    for (Channel channel : composerChannels)
        m_channelCombo->addItem(ChannelIcons::icon(channel), QString(), static_cast<int>(channel));
    m_channelCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_channelCombo->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    m_subjectEdit = new QLineEdit(this);
    m_subjectEdit->setObjectName(QStringLiteral("subjectLineEdit"));
    m_subjectEdit->setClearButtonEnabled(true);

    m_textEdit = new QPlainTextEdit(this);
    m_textEdit->setObjectName(QStringLiteral("textPlainTextEdit"));
    m_textEdit->setTabChangesFocus(true);
    const int lineHeight = m_textEdit->fontMetrics().lineSpacing();
    // Three lines to start with and at most five: the timeline above is what the agent reads.
    m_textEdit->setMinimumHeight(lineHeight * 3 + 12);
    m_textEdit->setMaximumHeight(lineHeight * 5 + 12);
    m_textEdit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);

    m_sendButton = new QPushButton(this);
    m_sendButton->setObjectName(QStringLiteral("sendPushButton"));
    m_sendButton->setDefault(true);

    m_endChatButton = new QPushButton(this);
    m_endChatButton->setObjectName(QStringLiteral("endChatPushButton"));
    m_endChatButton->setAutoDefault(false);
    m_transferButton = new QPushButton(this);
    m_transferButton->setObjectName(QStringLiteral("transferPushButton"));
    m_transferButton->setAutoDefault(false);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc5, 0x22, 0x1f));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    auto* topRow = new QHBoxLayout;
    topRow->addWidget(m_channelCombo);
    topRow->addWidget(m_subjectEdit, 1);
    topRow->addStretch(0);

    auto* bottomRow = new QHBoxLayout;
    bottomRow->addWidget(m_errorLabel, 1);
    bottomRow->addStretch();
    bottomRow->addWidget(m_transferButton);
    bottomRow->addWidget(m_endChatButton);
    bottomRow->addWidget(m_sendButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(6);
    layout->addLayout(topRow);
    layout->addWidget(m_textEdit);
    layout->addLayout(bottomRow);

    for (const QKeySequence& keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &Composer::send);
    }
    connect(m_sendButton, &QPushButton::clicked, this, &Composer::send);
    connect(m_endChatButton, &QPushButton::clicked, this, &Composer::endChat);
    connect(m_transferButton, &QPushButton::clicked, this, &Composer::chooseTransfer);
    m_typingPause = new QTimer(this);
    m_typingPause->setSingleShot(true);
    m_typingPause->setInterval(typingPauseMs);
    connect(m_typingPause, &QTimer::timeout, this, &Composer::stopTyping);
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, &Composer::updateState);
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, &Composer::onTextChanged);
    connect(m_channelCombo, &QComboBox::currentIndexChanged, this, &Composer::updateState);
    connect(m_channelCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (channel() != Channel::Chat)
            stopTyping();
    });
    connect(m_channelCombo, &QComboBox::activated, this, [this] { m_channelChosen = true; });

    retranslate();
    updateState();
}

Channel Composer::defaultChannel(const core::Customer& customer) {
    if (customer.lastInboundChannel) {
        switch (*customer.lastInboundChannel) {
        case Channel::Email:
        case Channel::Chat:
        case Channel::Sms:
            return *customer.lastInboundChannel;
        case Channel::Voice:
            return Channel::Sms;
        case Channel::Note:
        case Channel::System:
            break;
        }
    }
    std::optional<Channel> first;
    for (const QString& identity : customer.identities) {
        std::optional<Channel> channel;
        if (identity.startsWith(QLatin1String("email:")))
            return Channel::Email;
        if (identity.startsWith(QLatin1String("phone:")))
            channel = Channel::Sms;
        else if (identity.startsWith(QLatin1String("chat:")))
            channel = Channel::Chat;
        if (channel && !first)
            first = channel;
    }
    return first.value_or(Channel::Email);
}

void Composer::setCustomer(const core::Customer& customer) {
    // A default, not the agent's choice: it follows the customer until the agent picks or starts typing.
    if (m_channelChosen || !m_textEdit->toPlainText().isEmpty())
        return;
    const int index = m_channelCombo->findData(static_cast<int>(defaultChannel(customer)));
    if (index >= 0)
        m_channelCombo->setCurrentIndex(index);
}

void Composer::setLastSubject(const QString& subject) {
    if (subject.isEmpty())
        return;
    // Only while the agent has not typed a subject of their own.
    if (!m_subjectEdit->text().isEmpty() && m_subjectEdit->text() != m_prefilledSubject)
        return;
    const bool isReply = subject.startsWith(QLatin1String("re:"), Qt::CaseInsensitive);
    //: The prefix of a reply's subject line; e-mail programs everywhere expect "Re:"
    m_prefilledSubject = isReply ? subject : tr("Re: %1").arg(subject);
    m_subjectEdit->setText(m_prefilledSubject);
}

Channel Composer::channel() const {
    return static_cast<Channel>(m_channelCombo->currentData().toInt());
}

void Composer::setChannel(Channel channel) {
    const int index = m_channelCombo->findData(static_cast<int>(channel));
    if (index >= 0)
        m_channelCombo->setCurrentIndex(index);
    m_channelChosen = true;
    updateState();
}

QString Composer::text() const {
    return m_textEdit->toPlainText();
}

void Composer::setText(const QString& text) {
    m_textEdit->setPlainText(text);
}

QString Composer::subject() const {
    return m_subjectEdit->text();
}

QString Composer::errorText() const {
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void Composer::send() {
    const QString text = m_textEdit->toPlainText();
    if (m_sending || text.trimmed().isEmpty())
        return;
    const Channel target = channel();
    QJsonObject payload{{QStringLiteral("text"), text}};
    if (target == Channel::Email && !m_subjectEdit->text().trimmed().isEmpty())
        payload.insert(QStringLiteral("subject"), m_subjectEdit->text().trimmed());
    const QString kind = target == Channel::Note ? core::kinds::Note : core::kinds::MessageOut;

    stopTyping();
    write(target, kind, payload, [this, text] {
        // Clear only what was sent: text typed while the send was running stays.
        if (m_textEdit->toPlainText() == text)
            m_textEdit->clear();
    });
}

void Composer::write(Channel target, const QString& kind, const QJsonObject& payload, std::function<void()> written) {
    m_sending = true;
    m_errorLabel->hide();
    updateState();
    m_store.appendOutbound(m_customerId, target, kind, payload, this,
                           [this, written = std::move(written)](core::Result<core::Event> result) {
                               m_sending = false;
                               if (!result.ok()) {
                                   //: Shown under the composer when a reply could not be saved; %1 is the reason
                                   m_errorLabel->setText(tr("Not sent: %1").arg(result.error()));
                                   m_errorLabel->show();
                                   updateState();
                                   emit sendFailed(result.error());
                                   return;
                               }
                               if (written)
                                   written();
                               updateState();
                               emit sent(result.value());
                           });
}

void Composer::endChat() {
    writeChatAction(core::kinds::ChatEnded, QJsonObject{{QStringLiteral("by"), QStringLiteral("agent")}});
}

void Composer::transferChat(const QString& login) {
    const QString to = login.trimmed();
    if (to.isEmpty())
        return;
    writeChatAction(core::kinds::ChatTransferred,
                    QJsonObject{{QStringLiteral("from"), m_store.agentLogin()}, {QStringLiteral("to"), to}});
}

void Composer::setColleagueClient(sync::ColleagueClient* client) {
    if (!client) {
        m_colleagueLoader = {};
        return;
    }
    // The queue is left to the client: the cache does not record which queue a customer is in, so the dialog
    // offers the colleagues of every queue this account works (the customer is in one of them).
    m_colleagueLoader = [client = QPointer<sync::ColleagueClient>(client)](sync::ColleagueClient::Done done) {
        if (client)
            client->fetch(QString(), std::move(done));
        else
            done(core::Result<QList<sync::Colleague>>::failure(tr("Not signed in to a server.")));
    };
}

void Composer::chooseTransfer() {
    auto* dialog = new TransferDialog(m_colleagueLoader, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TransferDialog::transferRequested, this, &Composer::transferChat);
    dialog->open();
}

void Composer::writeChatAction(const QString& kind, const QJsonObject& payload) {
    if (!m_sending)
        write(Channel::Chat, kind, payload, {});
}

void Composer::onTextChanged() {
    if (channel() != Channel::Chat || m_sending || m_textEdit->toPlainText().trimmed().isEmpty()) {
        stopTyping();
        return;
    }
    m_typingPause->start();
    if (m_typing && m_typingAnnounced.isValid() && m_typingAnnounced.elapsed() < typingRepeatMs)
        return;
    m_typing = true;
    m_typingAnnounced.start();
    emit typingChanged(true);
}

void Composer::stopTyping() {
    m_typingPause->stop();
    if (!m_typing)
        return;
    m_typing = false;
    emit typingChanged(false);
}

void Composer::updateState() {
    const bool email = channel() == Channel::Email;
    m_subjectEdit->setVisible(email);
    m_sendButton->setEnabled(!m_sending && !m_textEdit->toPlainText().trimmed().isEmpty());
    const bool chat = channel() == Channel::Chat;
    m_endChatButton->setVisible(chat);
    m_transferButton->setVisible(chat);
    m_endChatButton->setEnabled(!m_sending);
    m_transferButton->setEnabled(!m_sending);
    if (channel() == Channel::Note)
        m_textEdit->setPlaceholderText(tr("Write an internal note — the customer will not see it"));
    else
        m_textEdit->setPlaceholderText(tr("Write a reply…"));
}

void Composer::retranslate() {
    for (int index = 0; index < m_channelCombo->count(); ++index) {
        const auto itemChannel = static_cast<Channel>(m_channelCombo->itemData(index).toInt());
        m_channelCombo->setItemText(index, EventPresenter::channelTitle(itemChannel));
    }
    m_channelCombo->setToolTip(tr("The channel the reply goes out on"));
    m_subjectEdit->setPlaceholderText(tr("Subject"));
    m_sendButton->setText(tr("Send"));
    //: Button under the composer while the chat channel is picked: ends the visitor's web chat
    m_endChatButton->setText(tr("End chat"));
    m_endChatButton->setToolTip(tr("End the web chat; the visitor sees that it ended"));
    //: Button under the composer while the chat channel is picked: hands the web chat to a colleague
    m_transferButton->setText(tr("Transfer…"));
    m_transferButton->setToolTip(tr("Hand this web chat to a colleague"));
    m_sendButton->setToolTip(tr("Send (Ctrl+Enter)"));
    updateState();
}

void Composer::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace tl::ui
