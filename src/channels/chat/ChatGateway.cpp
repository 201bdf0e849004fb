#include "ChatGateway.h"

#include "ChatFrameCodec.h"
#include "ChatIds.h"
#include "ChatItems.h"
#include "ChatVisitor.h"

#include "core/EventKind.h"
#include "core/IdentityNormalizer.h"
#include "server/ServerMetrics.h"
#include "server/StoreThread.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QUrl>

#include <algorithm>

namespace tl::chat {

Q_LOGGING_CATEGORY(lcChatGateway, "threadline.chat.gateway")

using namespace Qt::StringLiterals;
namespace kinds = core::kinds;

namespace {

/// While a visitor keeps typing, the gateway passes "still typing" on at most this often.
constexpr qint64 typingRepeatMs = 3000;
/// How often agent availability is checked for changes.
constexpr int availabilityCheckMs = 3000;
/// Chat events read to decide whether an open chat went idle.
constexpr int idleCheckEvents = 50;

/// The display names of the agents that \a events mention, looked up in the store (on its thread).
QHash<QString, QString> agentNames(store::ServerStore& store, const QVector<core::Event>& events) {
    QSet<QString> logins;
    for (const core::Event& event : events)
        logins.unite(agentLoginsOf(event));
    QHash<QString, QString> names;
    for (const QString& login : std::as_const(logins)) {
        const auto account = store.account(login);
        names.insert(login, account ? account.value().name : QString());
    }
    return names;
}

/// "https://Shop.Example:443/" → "https://shop.example:443": origins compare without case or trailing slash.
QString normalizedOrigin(QString origin) {
    origin = origin.trimmed().toLower();
    while (origin.endsWith(u'/'))
        origin.chop(1);
    return origin;
}

} // namespace

ChatGateway::ChatGateway(server::StoreThread& store, server::ServerMetrics& metrics, const ChatSettings& settings,
                         QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_metrics(metrics)
    , m_settings(settings)
    , m_availability([](const QString&) { return true; }) {
    m_lastAvailability = agentsAvailable();
    QStringList reasons;
    for (const ChatErrorCode code : allChatErrorCodes)
        reasons.append(chatErrorCodeName(code));
    m_metrics.declareChatRefusalReasons(reasons);
    m_availabilityTimer.setInterval(availabilityCheckMs);
    connect(&m_availabilityTimer, &QTimer::timeout, this, &ChatGateway::refreshAvailability);
    m_availabilityTimer.start();
    m_idleTimer.setInterval(static_cast<int>(std::clamp<qint64>(m_settings.idleTimeoutMs / 4, 250, 30000)));
    connect(&m_idleTimer, &QTimer::timeout, this, &ChatGateway::checkIdle);
    m_idleTimer.start();
    // The first read learns the head: visitors get what was committed before from the log, with their history.
    scheduleRead();
}

ChatGateway::~ChatGateway() {
    for (ChatVisitor* visitor : std::as_const(m_visitors))
        visitor->disconnect(this);
    qDeleteAll(m_visitors);
}

void ChatGateway::setAvailability(Availability availability) {
    m_availability = std::move(availability);
    m_lastAvailability = agentsAvailable();
}

bool ChatGateway::agentsAvailable() const {
    return m_availability && m_availability(m_settings.queue);
}

qint64 ChatGateway::now() const {
    return QDateTime::currentMSecsSinceEpoch();
}

void ChatGateway::addConnection(std::unique_ptr<QWebSocket> socket) {
    auto* visitor = new ChatVisitor(m_nextId++, std::move(socket), m_settings, this);
    m_visitors.insert(visitor->id(), visitor);
    const int fromAddress = ++m_perAddress[visitor->address()];
    connect(visitor, &ChatVisitor::frameReceived, this, &ChatGateway::onFrame);
    connect(visitor, &ChatVisitor::closed, this, &ChatGateway::onClosed);
    connect(visitor, &ChatVisitor::refused, this,
            [this](ChatErrorCode code) { m_metrics.chatFrameRefused(chatErrorCodeName(code)); });
    if (!originAllowed(*visitor)) {
        visitor->fail(ChatErrorCode::Forbidden,
                      u"pages of %1 may not open chats here (chat/allowed_origins)"_s.arg(visitor->origin()));
    } else if (fromAddress > m_settings.maxConnectionsPerAddress) {
        visitor->fail(ChatErrorCode::TooManyConnections,
                      u"more than %1 chat connections from one address"_s.arg(m_settings.maxConnectionsPerAddress));
    } else if (m_visitors.size() > m_settings.maxConnections) {
        visitor->fail(ChatErrorCode::TooManyConnections,
                      u"the server has its %1 chat connections"_s.arg(m_settings.maxConnections));
    }
}

bool ChatGateway::originAllowed(const ChatVisitor& visitor) const {
    const QString origin = normalizedOrigin(visitor.origin());
    // Only browsers send Origin; it protects visitors from other pages, it does not authenticate anyone.
    if (origin.isEmpty() || m_settings.allowedOrigins.isEmpty() || m_settings.allowedOrigins.contains(u"*"_s))
        return true;
    // The server's own pages (the /chat demo page) are always allowed.
    const QUrl url(origin);
    QString hostPort = url.host();
    if (url.port() != -1)
        hostPort += u':' + QString::number(url.port());
    if (!hostPort.isEmpty() && hostPort.compare(visitor.host().trimmed(), Qt::CaseInsensitive) == 0)
        return true;
    for (const QString& allowed : m_settings.allowedOrigins) {
        if (normalizedOrigin(allowed) == origin)
            return true;
    }
    return false;
}

void ChatGateway::shutdown() {
    for (ChatVisitor* visitor : std::as_const(m_visitors))
        visitor->goAway(u"the server is shutting down"_s);
}

void ChatGateway::onClosed(ChatVisitor* visitor) {
    m_visitors.remove(visitor->id());
    if (visitor->wasWelcomed())
        m_metrics.chatVisitorDisconnected();
    auto count = m_perAddress.find(visitor->address());
    if (count != m_perAddress.end() && --count.value() <= 0)
        m_perAddress.erase(count);
    const QString identity = visitor->identity();
    if (!identity.isEmpty()) {
        m_byIdentity.remove(identity, visitor->id());
        if (visitor->isTyping())
            emit visitorTyping(identity, false);
        if (!m_byIdentity.contains(identity)) {
            // The visitor's last tab is gone: an open chat ends when it stays quiet (chat/idle_timeout_s).
            if (m_openChats.contains(identity))
                m_idleDeadlines.insert(identity, now() + m_settings.idleTimeoutMs);
            m_openChats.remove(identity);
        }
    }
    visitor->deleteLater();
}

void ChatGateway::onFrame(ChatVisitor* visitor, const ChatClientFrame& frame) {
    std::visit(
        [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, ChatHello>)
                onHello(visitor, value);
            else if constexpr (std::is_same_v<T, ChatStart>)
                onStart(visitor, value);
            else if constexpr (std::is_same_v<T, ChatSend>)
                onSend(visitor, value);
            else if constexpr (std::is_same_v<T, ChatEnd>)
                onEnd(visitor, value);
            else if constexpr (std::is_same_v<T, ChatOffline>)
                onOffline(visitor, value);
            else if constexpr (std::is_same_v<T, ChatTyping>)
                onTyping(visitor, value.active);
        },
        frame);
}

void ChatGateway::onHello(ChatVisitor* visitor, const ChatHello& hello) {
    const QString visitorId = ids::visitorIdForToken(hello.token);
    const QString identity = ids::identityFor(visitorId);
    visitor->setVisitor(visitorId, identity, hello.page, hello.language);
    // Registered before the history is read: whatever is committed after that read reaches it as a push.
    m_byIdentity.insert(identity, visitor->id());
    m_idleDeadlines.remove(identity);
    struct History {
        QVector<core::Event> events;
        QHash<QString, QString> names;
        QString error;
    };
    m_store.call(
        visitor,
        [identity, limit = m_settings.historyLimit](store::ServerStore& store) {
            History history;
            auto events = store.chatEventsOf(identity, limit);
            if (!events) {
                history.error = events.error();
                return history;
            }
            history.events = std::move(events).value();
            history.names = agentNames(store, history.events);
            return history;
        },
        [this, visitor, identity, visitorId](const History& history) {
            if (visitor->state() != ChatVisitor::State::Welcoming)
                return;
            if (!history.error.isEmpty()) {
                qCWarning(lcChatGateway) << "cannot read a visitor's conversation:" << history.error;
                visitor->fail(ChatErrorCode::Internal, u"the conversation is unavailable; try again shortly"_s);
                return;
            }
            ChatWelcome welcome;
            welcome.visitor = visitorId;
            welcome.agentsAvailable = agentsAvailable();
            welcome.heartbeatMs = m_settings.heartbeatMs;
            const QString open = openChatIn(history.events);
            welcome.open = !open.isEmpty();
            if (welcome.open)
                m_openChats.insert(identity, open);
            for (const core::Event& event : history.events) {
                if (auto item = chatItemFor(event, history.names))
                    welcome.history.append(*item);
            }
            visitor->welcome(welcome);
            m_metrics.chatVisitorConnected();
            qCInfo(lcChatGateway).noquote() << visitor->peer() << "welcomed with" << welcome.history.size() << "items"
                                            << (welcome.open ? "(chat open)" : "");
        });
}

bool ChatGateway::contactIdentities(ChatVisitor* visitor, const QString& clientId, const ChatContact& contact,
                                    QStringList* identities) {
    core::IdentityNormalizer normalizer(m_settings.defaultRegion);
    if (!contact.email.isEmpty()) {
        const auto email = normalizer.normalize(core::Identity::Kind::Email, contact.email);
        if (!email) {
            visitor->sendFrame(ChatInvalid{clientId, u"email"_s, email.error()});
            return false;
        }
        identities->append(email.value().toString());
    }
    if (!contact.phone.isEmpty()) {
        const auto phone = normalizer.normalize(core::Identity::Kind::Phone, contact.phone);
        if (!phone) {
            visitor->sendFrame(ChatInvalid{clientId, u"phone"_s, phone.error()});
            return false;
        }
        identities->append(phone.value().toString());
    }
    return true;
}

core::ImportRecord ChatGateway::record(ChatVisitor* visitor, const QString& kind, QStringView idKind,
                                       const QString& clientId, const QJsonObject& payload) const {
    core::ImportRecord record;
    record.event.id = ids::eventIdFor(visitor->visitorId(), idKind, clientId);
    record.event.channel = core::Channel::Chat;
    record.event.kind = kind;
    record.event.occurredAt = now();
    record.event.identity = visitor->identity();
    record.event.author = visitor->identity();
    record.event.payload = payload;
    record.event.payload.insert(u"client_id"_s, clientId);
    return record;
}

void ChatGateway::onStart(ChatVisitor* visitor, const ChatStart& start) {
    QStringList identities;
    if (!contactIdentities(visitor, start.id, start.contact, &identities))
        return;
    QJsonObject payload;
    if (!visitor->page().isEmpty())
        payload.insert(u"page"_s, visitor->page());
    if (!visitor->language().isEmpty())
        payload.insert(u"language"_s, visitor->language());
    if (!start.contact.name.isEmpty())
        payload.insert(u"name"_s, start.contact.name);
    core::ImportRecord started = record(visitor, kinds::ChatStarted, u"start", start.id, payload);
    started.identities = identities;
    started.name = start.contact.name;
    write(visitor, started, start.id);
}

void ChatGateway::onSend(ChatVisitor* visitor, const ChatSend& send) {
    write(visitor, record(visitor, kinds::MessageIn, u"message", send.id, {{u"text"_s, send.text}}), send.id);
}

void ChatGateway::onEnd(ChatVisitor* visitor, const ChatEnd& end) {
    if (!m_openChats.contains(visitor->identity())) {
        // Nothing to end (already ended by the agent, or never started): acknowledged, nothing stored.
        visitor->sendFrame(ChatAck{end.id, QString(), now()});
        return;
    }
    write(visitor, record(visitor, kinds::ChatEnded, u"end", end.id, {{u"by"_s, u"visitor"_s}}), end.id);
}

void ChatGateway::onOffline(ChatVisitor* visitor, const ChatOffline& offline) {
    QStringList identities;
    if (!contactIdentities(visitor, offline.id, offline.contact, &identities))
        return;
    if (identities.isEmpty()) {
        visitor->sendFrame(ChatInvalid{offline.id, u"email"_s,
                                       u"an e-mail address or a phone number is needed to answer an offline "
                                       u"message"_s});
        return;
    }
    core::ImportRecord message =
        record(visitor, kinds::MessageIn, u"offline", offline.id, {{u"text"_s, offline.text}, {u"offline"_s, true}});
    message.identities = identities;
    message.name = offline.contact.name;
    write(visitor, message, offline.id);
}

void ChatGateway::onTyping(ChatVisitor* visitor, bool active) {
    if (visitor->noteTyping(active, typingRepeatMs))
        emit visitorTyping(visitor->identity(), active);
}

void ChatGateway::agentTyping(const QString& identity, const QString& agentName, bool active) {
    const auto visitorIds = m_byIdentity.values(identity);
    for (const quint64 id : visitorIds) {
        ChatVisitor* visitor = m_visitors.value(id);
        if (visitor && visitor->state() == ChatVisitor::State::Ready)
            visitor->sendFrame(ChatAgentTyping{active, agentName});
    }
}

void ChatGateway::refreshAvailability() {
    const bool available = agentsAvailable();
    if (available == m_lastAvailability)
        return;
    m_lastAvailability = available;
    for (ChatVisitor* visitor : std::as_const(m_visitors)) {
        if (visitor->state() == ChatVisitor::State::Ready)
            visitor->sendFrame(ChatAvailability{available});
    }
}

// ---- writing

void ChatGateway::write(ChatVisitor* visitor, const core::ImportRecord& record, const QString& clientId) {
    m_writes.append(PendingWrite{record, visitor ? visitor->id() : 0, clientId});
    flushWrites();
}

void ChatGateway::flushWrites() {
    if (m_writeRunning || m_writes.isEmpty())
        return;
    // Everything that arrived while the previous write ran goes in one transaction (group commit).
    const QVector<PendingWrite> batch = std::exchange(m_writes, {});
    QVector<core::ImportRecord> records;
    records.reserve(batch.size());
    for (const PendingWrite& pending : batch)
        records.append(pending.record);
    m_writeRunning = true;
    m_store.call(
        this, [records, queue = m_settings.queue](store::ServerStore& store) { return store.ingest(records, queue); },
        [this, batch](const core::Result<QVector<store::Applied>>& applied) {
            m_writeRunning = false;
            qsizetype accepted = 0;
            qint64 started = 0;
            qint64 messages = 0;
            for (qsizetype index = 0; index < batch.size(); ++index) {
                const PendingWrite& pending = batch.at(index);
                ChatVisitor* visitor = m_visitors.value(pending.visitor);
                if (!applied) {
                    if (visitor)
                        visitor->fail(ChatErrorCode::Internal, u"the message could not be stored; it is resent on "
                                                               u"reconnecting"_s);
                    continue;
                }
                const store::Applied* result = index < applied.value().size() ? &applied.value().at(index) : nullptr;
                if (result && result->seq > 0) {
                    ++accepted;
                    if (pending.record.event.kind == kinds::ChatStarted)
                        ++started;
                    else if (pending.record.event.kind == kinds::MessageIn)
                        ++messages;
                    if (visitor)
                        visitor->sendFrame(ChatAck{pending.clientId, result->id, pending.record.event.occurredAt});
                } else {
                    const QString error = result ? result->error : u"not stored"_s;
                    qCWarning(lcChatGateway) << "the store refused" << pending.record.event.id << ":" << error;
                    if (visitor)
                        visitor->sendFrame(ChatInvalid{pending.clientId, u"text"_s, error});
                }
            }
            if (!applied)
                qCWarning(lcChatGateway) << "storing chat events failed:" << applied.error();
            if (started > 0)
                m_metrics.chatsStarted(started);
            if (messages > 0)
                m_metrics.chatMessagesStored(messages);
            if (accepted > 0) {
                emit eventsStored();
                eventsAppended();
            }
            flushWrites();
        });
}

// ---- reading the log

void ChatGateway::eventsAppended() {
    scheduleRead();
}

void ChatGateway::scheduleRead() {
    m_readWanted = true;
    if (m_readRunning || m_readScheduled)
        return;
    m_readScheduled = true;
    QTimer::singleShot(0, this, &ChatGateway::runRead);
}

void ChatGateway::runRead() {
    m_readScheduled = false;
    if (m_readRunning || !m_readWanted)
        return;
    m_readWanted = false;
    m_readRunning = true;
    struct LiveRead {
        qint64 head = 0;
        bool read = false;
        QVector<core::Event> events;
        QHash<QString, QString> names;
        QString error;
    };
    const qint64 after = m_cursor;
    // With nobody connected there is nobody to push to: the cursor just moves to the head.
    const bool anyone = !m_byIdentity.isEmpty();
    const int limit = m_settings.pageSize;
    m_store.call(
        this,
        [after, anyone, limit](store::ServerStore& store) {
            LiveRead live;
            // The head first: every event up to it is committed, so the read below sees it.
            const auto head = store.head();
            if (!head) {
                live.error = head.error();
                return live;
            }
            live.head = head.value();
            if (after < 0 || !anyone)
                return live;
            auto events = store.chatEventsAfter(after, limit);
            if (!events) {
                live.error = events.error();
                return live;
            }
            live.read = true;
            live.events = std::move(events).value();
            live.names = agentNames(store, live.events);
            return live;
        },
        [this, limit](const LiveRead& live) {
            m_readRunning = false;
            if (!live.error.isEmpty()) {
                // The next commit (or the store's reconnect) triggers another read from the same cursor.
                qCWarning(lcChatGateway) << "reading the log failed:" << live.error;
            } else if (!live.read) {
                m_cursor = std::max(m_cursor, live.head);
            } else {
                for (const core::Event& event : live.events) {
                    if (event.seq <= m_cursor)
                        continue;
                    m_cursor = event.seq;
                    const auto item = chatItemFor(event, live.names);
                    if (!item || !m_byIdentity.contains(event.identity))
                        continue;
                    if (event.kind == kinds::ChatStarted)
                        m_openChats.insert(event.identity, event.id);
                    else if (event.kind == kinds::ChatEnded)
                        m_openChats.remove(event.identity);
                    const auto visitorIds = m_byIdentity.values(event.identity);
                    for (const quint64 id : visitorIds) {
                        ChatVisitor* visitor = m_visitors.value(id);
                        // A visitor still being welcomed gets the event with its history.
                        if (visitor && visitor->state() == ChatVisitor::State::Ready)
                            visitor->sendFrame(ChatPush{*item});
                    }
                }
                if (live.events.size() < limit)
                    m_cursor = std::max(m_cursor, live.head);
                else
                    m_readWanted = true;
            }
            if (m_readWanted)
                scheduleRead();
        });
}

// ---- idle chats

void ChatGateway::checkIdle() {
    const qint64 time = now();
    QStringList due;
    for (auto it = m_idleDeadlines.cbegin(); it != m_idleDeadlines.cend(); ++it) {
        if (it.value() <= time)
            due.append(it.key());
    }
    for (const QString& identity : std::as_const(due)) {
        m_idleDeadlines.remove(identity);
        endIdleChat(identity);
    }
}

void ChatGateway::endIdleChat(const QString& identity) {
    struct Idle {
        QString open;
        qint64 latest = 0;
        QString error;
    };
    m_store.call(
        this,
        [identity](store::ServerStore& store) {
            Idle idle;
            const auto events = store.chatEventsOf(identity, idleCheckEvents);
            if (!events) {
                idle.error = events.error();
                return idle;
            }
            idle.open = openChatIn(events.value());
            for (const core::Event& event : events.value())
                idle.latest = std::max(idle.latest, event.occurredAt);
            return idle;
        },
        [this, identity](const Idle& idle) {
            if (m_byIdentity.contains(identity))
                return; // the visitor is back
            if (!idle.error.isEmpty()) {
                qCWarning(lcChatGateway) << "cannot check an idle chat:" << idle.error;
                m_idleDeadlines.insert(identity, now() + m_settings.idleTimeoutMs);
                return;
            }
            if (idle.open.isEmpty())
                return;
            const qint64 quietSince = idle.latest;
            if (now() - quietSince < m_settings.idleTimeoutMs) {
                // Something happened meanwhile (an agent's reply, the visitor on another instance).
                m_idleDeadlines.insert(identity, quietSince + m_settings.idleTimeoutMs);
                return;
            }
            core::ImportRecord ended;
            ended.event.id = ids::idleEndIdFor(idle.open);
            ended.event.channel = core::Channel::Chat;
            ended.event.kind = kinds::ChatEnded;
            ended.event.occurredAt = now();
            ended.event.identity = identity;
            ended.event.payload = QJsonObject{{u"by"_s, u"idle"_s}};
            qCInfo(lcChatGateway).noquote() << "the chat of" << identity << "ended: idle";
            write(nullptr, ended, QString());
        });
}

} // namespace tl::chat
