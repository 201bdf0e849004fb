#include "SyncConnection.h"

#include "ServerMetrics.h"
#include "protocol/FrameCodec.h"

#include <QLoggingCategory>

#include <algorithm>

namespace tl::server {

Q_LOGGING_CATEGORY(lcSync, "threadline.server.sync")

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

namespace {

/// A peer that does not answer our close within this time is aborted.
constexpr int closeGraceMs = 5000;
/// Refused submitted events tolerated on one connection before it is closed with 4010.
constexpr qsizetype refusalsBeforeForbidden = 100;

/// A close reason must fit into 123 bytes of UTF-8.
QString closeReason(const QString& message) {
    QString reason = message;
    while (reason.toUtf8().size() > 123)
        reason.chop(std::max<qsizetype>(1, (reason.toUtf8().size() - 123) / 3));
    return reason;
}

} // namespace

SyncConnection::SyncConnection(quint64 id, std::unique_ptr<QWebSocket> socket, const SyncSettings& settings,
                               ServerMetrics& metrics, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(std::move(socket))
    , m_settings(settings)
    , m_metrics(metrics)
    , m_frames(settings.framesPerSecond, settings.frameBurst)
    , m_events(settings.eventsPerSecond, settings.eventBurst) {
    m_clock.start();
    // Qt refuses (1009) only what is far beyond the limit; in between we answer with the protocol's 4009.
    const qint64 hardLimit = settings.maxFrameBytes * 4;
    m_socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(hardLimit));
    m_socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(hardLimit));
    connect(m_socket.get(), &QWebSocket::textFrameReceived, this, &SyncConnection::onTextFrame);
    connect(m_socket.get(), &QWebSocket::binaryFrameReceived, this, &SyncConnection::onBinaryFrame);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &SyncConnection::onDisconnected);

    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::AwaitingHello)
            fail(ErrorCode::BadFrame, u"no hello within %1 ms of connecting"_s.arg(m_settings.helloTimeoutMs));
    });
    m_helloTimer.start(static_cast<int>(settings.helloTimeoutMs));

    m_silenceTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcSync).noquote() << peer() << "silent for" << protocol::silentIntervalsBeforeDrop
                                 << "heartbeat intervals; dropping it";
        m_state = State::Closing;
        m_socket->abort();
    });
    m_silenceTimer.start(static_cast<int>(settings.heartbeatMs * protocol::silentIntervalsBeforeDrop));

    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] { m_socket->abort(); });
    qCDebug(lcSync).noquote() << peer() << "connected";
}

SyncConnection::~SyncConnection() {
    if (m_counted)
        m_metrics.workstationDisconnected();
    if (m_socket)
        m_socket->disconnect(this);
}

QString SyncConnection::peer() const {
    QString text = u"connection %1 from %2"_s.arg(m_id).arg(m_socket->peerAddress().toString());
    if (!m_login.isEmpty())
        text += u" (%1)"_s.arg(m_login);
    return text;
}

void SyncConnection::onTextFrame(const QString& fragment, bool isLastFrame) {
    if (m_state == State::Closing)
        return;
    m_pendingMessage += fragment;
    // Every UTF-16 unit is at least one byte of UTF-8, so this many units are already too many bytes.
    if (m_pendingMessage.size() > m_settings.maxFrameBytes) {
        const qsizetype size = m_pendingMessage.size();
        m_pendingMessage.clear();
        fail(ErrorCode::TooLarge,
             u"the frame has more than %1 bytes, more than the limit of %2"_s.arg(size).arg(m_settings.maxFrameBytes));
        return;
    }
    if (!isLastFrame)
        return;
    const QByteArray message = m_pendingMessage.toUtf8();
    m_pendingMessage.clear();
    if (message.size() > m_settings.maxFrameBytes) {
        fail(ErrorCode::TooLarge,
             u"the frame has %1 bytes, more than the limit of %2"_s.arg(message.size()).arg(m_settings.maxFrameBytes));
        return;
    }
    onMessage(message);
}

void SyncConnection::onBinaryFrame() {
    if (m_state != State::Closing)
        fail(ErrorCode::BadFrame, u"binary frames are not accepted; frames are JSON text"_s);
}

void SyncConnection::onMessage(const QByteArray& message) {
    m_silenceTimer.start();
    if (!m_frames.take(m_clock.elapsed())) {
        fail(ErrorCode::RateLimited, u"more than %1 frames per second"_s.arg(m_settings.framesPerSecond));
        return;
    }
    const auto decoded = protocol::decodeClientFrame(message);
    if (!decoded) {
        fail(protocol::errorCodeFor(decoded.closeCode()), decoded.error());
        return;
    }
    const protocol::ClientFrame& frame = decoded.value();
    if (const auto* hello = std::get_if<protocol::Hello>(&frame)) {
        if (m_state != State::AwaitingHello) {
            fail(ErrorCode::BadFrame, u"a second hello"_s);
            return;
        }
        m_helloTimer.stop();
        m_state = State::Authenticating;
        m_client = hello->client;
        emit helloReceived(this, *hello);
        return;
    }
    if (m_state != State::Ready) {
        fail(ErrorCode::BadFrame,
             u"\"%1\" before welcome; the first frame must be hello"_s.arg(protocol::frameType(frame)));
        return;
    }
    if (const auto* ping = std::get_if<protocol::Ping>(&frame)) {
        sendFrame(protocol::Pong{ping->nonce});
        return;
    }
    if (const auto* submit = std::get_if<protocol::Submit>(&frame)) {
        if (!m_events.take(m_clock.elapsed(), static_cast<double>(submit->events.size()))) {
            fail(ErrorCode::RateLimited, u"more than %1 submitted events per second"_s.arg(m_settings.eventsPerSecond));
            return;
        }
        QSet<QString> ids;
        for (const core::Event& event : submit->events) {
            if (ids.contains(event.id)) {
                fail(ErrorCode::BadFrame, u"bad \"submit\" frame: the id \"%1\" appears twice"_s.arg(event.id));
                return;
            }
            ids.insert(event.id);
        }
        emit submitReceived(this, *submit);
        return;
    }
    if (const auto* typing = std::get_if<protocol::Typing>(&frame))
        emit typingReceived(this, *typing);
}

void SyncConnection::accept(const protocol::Welcome& welcome, const store::Visibility& visibility,
                            const QByteArray& tokenHash, qint64 after) {
    if (m_state != State::Authenticating)
        return;
    m_state = State::Ready;
    m_login = welcome.agent.login;
    m_agentName = welcome.agent.name.isEmpty() ? welcome.agent.login : welcome.agent.name;
    m_tokenHash = tokenHash;
    m_visibility = visibility;
    if (visibility.all) {
        m_visibilityKey = u"*"_s;
    } else {
        QStringList queues = visibility.queues;
        queues.sort();
        m_visibilityKey = u"queues:"_s + queues.join(QLatin1Char('\n'));
    }
    m_cursor = after;
    m_welcomeHead = welcome.head;
    m_counted = true;
    m_metrics.workstationConnected();
    sendFrame(welcome);
    qCInfo(lcSync).noquote() << peer() << "signed in with" << m_client << "after seq" << after << "head"
                             << welcome.head;
}

qsizetype SyncConnection::deliver(const QVector<core::Event>& page, bool complete) {
    if (m_state != State::Ready)
        return 0;
    QVector<core::Event> fresh;
    for (const core::Event& event : page) {
        if (event.seq > m_cursor)
            fresh.append(event);
    }
    if (!fresh.isEmpty()) {
        sendEventsFrames(fresh, m_caughtUp);
        m_cursor = fresh.last().seq;
    }
    if (complete && !m_caughtUp) {
        // Every visible event up to the head seen at welcome has been read after that head was taken.
        m_cursor = std::max(m_cursor, m_welcomeHead);
        m_caughtUp = true;
        sendFrame(protocol::CaughtUp{m_cursor});
        qCDebug(lcSync).noquote() << peer() << "caught up at seq" << m_cursor;
    }
    return fresh.size();
}

void SyncConnection::sendEventsFrames(const QVector<core::Event>& events, bool live) {
    for (qsizetype start = 0; start < events.size(); start += protocol::maxEventsPerFrame) {
        QList<core::Event> chunk = events.mid(start, protocol::maxEventsPerFrame);
        QByteArray encoded = protocol::encode(protocol::EventsFrame{chunk, live});
        if (encoded.size() > protocol::maxFrameBytes) {
            if (chunk.size() == 1) {
                qCCritical(lcSync).noquote() << "event" << chunk.first().id << "at seq" << chunk.first().seq
                                             << "is larger than a frame may be; it cannot be synced";
                continue;
            }
            sendEventsFrames(chunk.mid(0, chunk.size() / 2), live);
            sendEventsFrames(chunk.mid(chunk.size() / 2), live);
            continue;
        }
        m_socket->sendTextMessage(QString::fromUtf8(encoded));
        m_metrics.eventsPushed(chunk.size());
    }
}

void SyncConnection::sendFrame(const protocol::ServerFrame& frame) {
    if (m_state == State::Closing)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encode(frame)));
}

void SyncConnection::fail(ErrorCode code, const QString& message) {
    if (m_state == State::Closing)
        return;
    qCInfo(lcSync).noquote() << peer() << "refused:" << protocol::errorCodeName(code) << message;
    m_metrics.frameRejected(protocol::errorCodeName(code));
    sendFrame(protocol::ErrorFrame{code, message.left(protocol::maxMessageLength)});
    closeSocket(static_cast<quint16>(protocol::closeCodeFor(code)), message);
}

void SyncConnection::goAway(const QString& reason) {
    if (m_state == State::Closing)
        return;
    qCInfo(lcSync).noquote() << peer() << "closing:" << reason;
    closeSocket(static_cast<quint16>(protocol::CloseCode::GoingAway), reason);
}

bool SyncConnection::noteRefused(qsizetype count) {
    m_refused += count;
    return m_refused >= refusalsBeforeForbidden;
}

void SyncConnection::closeSocket(quint16 code, const QString& reason) {
    m_state = State::Closing;
    m_helloTimer.stop();
    m_silenceTimer.stop();
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), closeReason(reason));
    m_closeTimer.start(closeGraceMs);
}

void SyncConnection::onDisconnected() {
    m_state = State::Closing;
    m_helloTimer.stop();
    m_silenceTimer.stop();
    m_closeTimer.stop();
    qCDebug(lcSync).noquote() << peer() << "disconnected";
    emit closed(this);
}

} // namespace tl::server
