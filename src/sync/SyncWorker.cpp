#include "SyncWorker.h"

#include "core/EventKind.h"
#include "protocol/FrameCodec.h"
#include "protocol/Protocol.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <variant>

Q_LOGGING_CATEGORY(lcSync, "threadline.sync.client")

namespace tl::sync {

namespace {

/// Submits carry at most this many outbox entries; the rest follow after the ack.
constexpr int submitBatch = 500;
constexpr int maxBackoffMs = 30000;

} // namespace

SyncWorker::SyncWorker(QString databasePath)
    : m_databasePath(std::move(databasePath)) {
    m_reconnectTimer = new QTimer(this);
    m_reconnectTimer->setSingleShot(true);
    m_heartbeatTimer = new QTimer(this);
    connect(m_reconnectTimer, &QTimer::timeout, this, &SyncWorker::connectNow);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &SyncWorker::sendPing);
}

SyncWorker::~SyncWorker() = default;

QUrl SyncWorker::syncUrl(const QUrl& server) {
    QUrl url = server;
    url.setScheme(server.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/sync"));
    return url;
}

bool SyncWorker::ensureStore() {
    if (m_store)
        return true;
    auto opened = store::EventStore::open(m_databasePath);
    if (!opened) {
        setState(ConnectionState::Offline, opened.error());
        return false;
    }
    m_store = std::move(opened).value();
    return true;
}

void SyncWorker::start(const QUrl& server, const QString& token) {
    m_server = server;
    m_token = token;
    m_running = true;
    m_failures = 0;
    if (!ensureStore())
        return;
    reportPending();
    connectNow();
}

void SyncWorker::stop() {
    m_running = false;
    m_reconnectTimer->stop();
    m_heartbeatTimer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_submitInFlight = false;
    setState(ConnectionState::Offline);
}

void SyncWorker::connectNow() {
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(protocol::maxFrameBytes));
    m_socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(protocol::maxFrameBytes));
    connect(m_socket, &QWebSocket::connected, this, &SyncWorker::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SyncWorker::onDisconnected);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &SyncWorker::onMessage);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString& message) { onMessage(message.toUtf8()); });
    m_submitInFlight = false;
    setState(ConnectionState::Connecting);
    qCInfo(lcSync) << "connecting to" << syncUrl(m_server).toString();
    m_socket->open(syncUrl(m_server));
}

void SyncWorker::onConnected() {
    const auto after = m_store->lastServerSeq();
    if (!after) {
        scheduleReconnect(after.error());
        return;
    }
    protocol::Hello hello;
    hello.token = m_token;
    hello.client = QStringLiteral("threadline/") + QCoreApplication::applicationVersion();
    hello.after = m_readFromStart ? 0 : after.value();
    m_helloAfter = hello.after;
    // The server's frames as binary messages: their UTF-8 as it is, without a conversion to text and back on
    // either side. A server that does not know the field ignores it and sends text, which is read as well.
    hello.binaryFrames = true;
    m_sinceLastMessage.start();
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encode(hello)));
}

void SyncWorker::onDisconnected() {
    m_heartbeatTimer->stop();
    m_submitInFlight = false;
    if (!m_running || !m_socket)
        return;
    QString reason = m_socket->closeReason();
    if (reason.isEmpty())
        reason = m_socket->errorString();
    scheduleReconnect(reason);
}

void SyncWorker::scheduleReconnect(const QString& reason) {
    m_heartbeatTimer->stop();
    if (!m_running)
        return;
    ++m_failures;
    // Exponential backoff with jitter, so that a restarted server is not hit by every workstation at once.
    const int base = qMin(maxBackoffMs, 500 * (1 << qMin(m_failures, 6)));
    const int delay = base / 2 + static_cast<int>(QRandomGenerator::global()->bounded(base / 2 + 1));
    qCInfo(lcSync) << "link down:" << reason << "- retrying in" << delay << "ms";
    setState(ConnectionState::Disconnected, reason);
    m_reconnectTimer->start(delay);
}

void SyncWorker::onMessage(const QByteArray& message) {
    m_sinceLastMessage.start();
    auto frame = protocol::decodeServerFrame(message);
    if (!frame) {
        qCWarning(lcSync) << "bad frame from the server:" << frame.error();
        m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(frame.closeCode()), frame.error());
        return;
    }
    std::visit([this](const auto& value) { handle(value); }, frame.value());
}

void SyncWorker::handle(const protocol::Welcome& frame) {
    m_visibilityToRecord.reset();
    if (frame.agent.queues) {
        store::SyncedVisibility visibility;
        visibility.all = frame.agent.role != protocol::Role::Agent;
        visibility.queues = *frame.agent.queues;
        visibility.queues.sort();
        const auto synced = m_store->syncedVisibility();
        if (!synced)
            qCWarning(lcSync) << "cannot read what the cache was synced under:" << synced.error();
        else if (synced.value() && m_helloAfter > 0 && synced.value()->gainedIn(visibility)) {
            // The customers of a new queue have history below our resume point that was never sent: read the
            // whole log again (what the cache has is skipped) and record the new queues once caught up.
            qCInfo(lcSync) << "the account sees more queues than the cache was synced under" << synced.value()->queues
                           << "→" << visibility.queues << "; reading the log again from the start";
            m_readFromStart = true;
            m_socket->disconnect(this);
            m_socket->close(QWebSocketProtocol::CloseCodeNormal,
                            QStringLiteral("reading the log again from the start"));
            QTimer::singleShot(0, this, &SyncWorker::connectNow);
            return;
        }
        // A cache synced before this was recorded is taken as synced under what the account sees now.
        m_visibilityToRecord = visibility;
    }
    m_failures = 0;
    m_heartbeatMs = frame.heartbeatMs;
    m_heartbeatTimer->start(static_cast<int>(m_heartbeatMs));
    setState(ConnectionState::Syncing);
}

void SyncWorker::handle(const protocol::EventsFrame& frame) {
    auto touched = m_store->applyFromServer(QVector<core::Event>(frame.events.begin(), frame.events.end()));
    if (!touched) {
        // The cache could not take them: resume from what is stored after reconnecting.
        qCWarning(lcSync) << "applying server events failed:" << touched.error();
        m_socket->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection, touched.error());
        return;
    }
    if (!touched.value().isEmpty())
        emit customersChanged(touched.value());
    if (frame.live) {
        QList<core::Event> arrived;
        for (const core::Event& event : frame.events) {
            if (core::kinds::isInbound(event.kind) || event.kind == core::kinds::ChatStarted)
                arrived.append(event);
        }
        if (!arrived.isEmpty())
            emit liveArrived(arrived);
    }
    reportPending();
}

void SyncWorker::handle(const protocol::CaughtUp&) {
    if (m_visibilityToRecord) {
        if (const auto recorded = m_store->setSyncedVisibility(*m_visibilityToRecord); !recorded)
            qCWarning(lcSync) << "cannot record what the cache was synced under:" << recorded.error();
        else
            m_readFromStart = false;
        m_visibilityToRecord.reset();
    }
    setState(ConnectionState::Online);
    flushOutbox();
}

void SyncWorker::handle(const protocol::Ack& frame) {
    m_submitInFlight = false;
    QVector<store::Acknowledgement> acknowledgements;
    acknowledgements.reserve(frame.results.size());
    for (const protocol::AckResult& result : frame.results)
        acknowledgements.append({result.id, result.seq, result.error});
    auto touched = m_store->acknowledge(acknowledgements);
    if (!touched)
        qCWarning(lcSync) << "recording acknowledgements failed:" << touched.error();
    else if (!touched.value().isEmpty())
        emit customersChanged(touched.value());
    flushOutbox(); // reports the pending count too
}

void SyncWorker::handle(const protocol::Pong&) {}

void SyncWorker::handle(const protocol::TypingNotice& frame) {
    emit customerTyping(frame.customer, frame.identity, frame.active);
}

void SyncWorker::sendTyping(const QString& identity, bool active) {
    if (m_state != ConnectionState::Online || !m_socket)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::Typing{identity, active})));
}

void SyncWorker::handle(const protocol::ErrorFrame& frame) {
    qCWarning(lcSync) << "server error:" << protocol::errorCodeName(frame.code) << frame.message;
    if (frame.code == protocol::ErrorCode::Unauthorized) {
        m_running = false;
        m_reconnectTimer->stop();
        emit signedOut(frame.message);
        setState(ConnectionState::Offline, frame.message);
    }
}

void SyncWorker::flushOutbox() {
    // Called after a local write: the count the agent sees includes it even while the link is down.
    reportPending();
    if (m_state != ConnectionState::Online || m_submitInFlight || !m_socket || !m_store)
        return;
    auto events = m_store->outboxEvents(submitBatch);
    if (!events) {
        qCWarning(lcSync) << "reading the outbox failed:" << events.error();
        return;
    }
    if (events.value().isEmpty())
        return;
    protocol::Submit submit;
    submit.events = QList<core::Event>(events.value().begin(), events.value().end());
    m_submitInFlight = true;
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encode(submit)));
}

void SyncWorker::sendPing() {
    if (!m_socket)
        return;
    if (m_sinceLastMessage.isValid() &&
        m_sinceLastMessage.elapsed() > m_heartbeatMs * protocol::silentIntervalsBeforeDrop) {
        qCInfo(lcSync) << "server silent for" << m_sinceLastMessage.elapsed() << "ms; reconnecting";
        m_socket->abort(); // disconnected() schedules the reconnect
        return;
    }
    protocol::Ping ping;
    ping.nonce = QString::number(QRandomGenerator::global()->generate());
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encode(ping)));
}

void SyncWorker::setState(ConnectionState state, const QString& detail) {
    if (state == m_state && detail.isEmpty())
        return;
    m_state = state;
    emit stateChanged(state, detail);
}

void SyncWorker::reportPending() {
    if (!m_store)
        return;
    auto pending = m_store->pendingOutbox();
    if (!pending)
        return;
    // Entries the server refused stay in the outbox with their reason, but they are no longer on their way.
    const auto waiting = std::count_if(pending.value().cbegin(), pending.value().cend(),
                                       [](const store::OutboxEntry& entry) { return entry.error.isEmpty(); });
    emit pendingChanged(static_cast<int>(waiting));
}

} // namespace tl::sync
