#include "ConversationPane.h"

#include "Composer.h"
#include "CustomerCard.h"
#include "TimelineModel.h"
#include "TimelineView.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace tl::ui {

namespace {

/// A customer's "typing" that is not repeated or ended within this time is dropped (a lost "stopped").
constexpr int typingExpiryMs = 10000;

} // namespace

ConversationPane::ConversationPane(store::StoreClient& store, QString customerId, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_customerId(std::move(customerId))
    , m_model(new TimelineModel(store, m_customerId, this)) {
    setObjectName(QStringLiteral("conversationPane"));

    m_view = new TimelineView(this);
    m_view->setTimelineModel(m_model);
    m_composer = new Composer(store, m_customerId, this);
    m_card = new CustomerCard(store, this);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();

    m_typingLabel = new QLabel(this);
    m_typingLabel->setObjectName(QStringLiteral("typingLabel"));
    m_typingLabel->setContentsMargins(10, 2, 10, 2);
    QFont typingFont = m_typingLabel->font();
    typingFont.setItalic(true);
    m_typingLabel->setFont(typingFont);
    m_typingLabel->hide();
    m_typingExpiry = new QTimer(this);
    m_typingExpiry->setSingleShot(true);
    m_typingExpiry->setInterval(typingExpiryMs);
    connect(m_typingExpiry, &QTimer::timeout, m_typingLabel, &QWidget::hide);

    auto* conversation = new QWidget(this);
    auto* conversationLayout = new QVBoxLayout(conversation);
    conversationLayout->setContentsMargins(0, 0, 0, 0);
    conversationLayout->setSpacing(0);
    conversationLayout->addWidget(m_errorLabel);
    conversationLayout->addWidget(m_view, 1);
    conversationLayout->addWidget(m_typingLabel);
    auto* line = new QFrame(conversation);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    conversationLayout->addWidget(line);
    conversationLayout->addWidget(m_composer);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("conversationSplitter"));
    m_splitter->addWidget(conversation);
    m_splitter->addWidget(m_card);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setCollapsible(0, false);
    m_card->setMinimumWidth(200);
    m_splitter->setSizes({700, 240});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_model, &TimelineModel::loaded, this, [this] {
        m_errorLabel->hide();
        m_composer->setLastSubject(m_model->lastEmailSubject());
    });
    connect(m_model, &TimelineModel::newerLoaded, this, [this](int, bool inbound) {
        m_composer->setLastSubject(m_model->lastEmailSubject());
        if (inbound)
            markReadIfShown();
    });
    connect(m_model, &TimelineModel::loadFailed, this, [this](const QString& error) {
        m_errorLabel->setText(tr("The timeline could not be loaded: %1").arg(error));
        m_errorLabel->show();
    });
    connect(&m_store, &store::StoreClient::customersChanged, this, [this](const QStringList& ids) {
        if (ids.isEmpty() || ids.contains(m_customerId))
            refreshCustomer();
    });
    connect(m_composer, &Composer::typingChanged, this, [this](bool active) {
        if (active)
            m_typingIdentity = m_model->newestIdentity(core::Channel::Chat);
        if (!m_typingIdentity.isEmpty())
            emit agentTyping(m_typingIdentity, active);
    });
    connect(m_card, &CustomerCard::merged, this, [this](const QString& into, const QString& from) {
        reload();
        emit merged(into, from);
    });

    m_model->reload();
    refreshCustomer();
}

QString ConversationPane::title() const {
    const QString name = m_customer.id.isEmpty() ? tr("Loading…") : m_customer.displayName();
    if (m_customer.unread <= 0)
        return name;
    //: A tab title: %1 is the customer's name, %2 the number of unread messages
    return tr("%1 (%2)").arg(name, QLocale().toString(m_customer.unread));
}

void ConversationPane::reload() {
    m_model->reload();
    refreshCustomer();
}

void ConversationPane::setCustomerTyping(bool active) {
    if (!active) {
        m_typingExpiry->stop();
        m_typingLabel->hide();
        return;
    }
    updateTypingLabel();
    m_typingLabel->show();
    m_typingExpiry->start();
}

bool ConversationPane::isCustomerTyping() const {
    return !m_typingLabel->isHidden();
}

void ConversationPane::updateTypingLabel() {
    const QString name = m_customer.id.isEmpty() ? QString() : m_customer.displayName();
    //: Over the composer while a chat visitor types; %1 is the customer's name
    m_typingLabel->setText(name.isEmpty() ? tr("The customer is typing…") : tr("%1 is typing…").arg(name));
}

void ConversationPane::refreshCustomer() {
    m_store.customer(m_customerId, this, [this](core::Result<core::Customer> result) {
        if (!result.ok()) {
            m_errorLabel->setText(tr("The customer could not be loaded: %1").arg(result.error()));
            m_errorLabel->show();
            return;
        }
        m_customer = std::move(result).value();
        updateTypingLabel();
        m_card->setCustomer(m_customer);
        m_composer->setCustomer(m_customer);
        emit customerUpdated(m_customerId);
        if (m_customer.unread > 0)
            markReadIfShown();
    });
}

void ConversationPane::markReadIfShown() {
    // markRead reports a change, which reloads the customer; with unread back at 0 that ends there.
    if (isVisible() && (m_customer.id.isEmpty() || m_customer.unread > 0))
        m_store.markRead(m_customerId);
}

void ConversationPane::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    markReadIfShown();
}

void ConversationPane::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        updateTypingLabel();
        emit customerUpdated(m_customerId);
    }
    QWidget::changeEvent(event);
}

} // namespace tl::ui
