#include "ChatVisitor.h"

#include "ChatFrameCodec.h"

#include <QLoggingCategory>
#include <QNetworkRequest>

#include <algorithm>

namespace tl::chat {

Q_LOGGING_CATEGORY(lcChatVisitor, "threadline.chat.visitor")

using namespace Qt::StringLiterals;

namespace {

/// A peer that does not answer our close within this time is aborted.
constexpr int closeGraceMs = 5000;
/// After an error frame the close waits this long, reading and ignoring what still arrives: closing a TCP socket
/// with unread data makes the kernel reset the connection, which loses the error frame and the close code on the
/// way to a client that was still sending (a flood).
constexpr int errorLingerMs = 200;
/// A connection is dropped after this many heartbeat intervals of silence.
constexpr int silentIntervalsBeforeDrop = 3;

/// A close reason must fit into 123 bytes of UTF-8.
QString closeReason(const QString& message) {
    QString reason = message;
    while (reason.toUtf8().size() > 123)
        reason.chop(std::max<qsizetype>(1, (reason.toUtf8().size() - 123) / 3));
    return reason;
}

/// Frames that are stored as events (and so count against the slower bucket).
bool isStored(const ChatClientFrame& frame) {
    return std::holds_alternative<ChatSend>(frame) || std::holds_alternative<ChatStart>(frame) ||
           std::holds_alternative<ChatEnd>(frame) || std::holds_alternative<ChatOffline>(frame);
}

} // namespace

ChatVisitor::ChatVisitor(quint64 id, std::unique_ptr<QWebSocket> socket, const ChatSettings& settings, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(std::move(socket))
    , m_settings(settings)
    , m_frames(settings.framesPerSecond, settings.frameBurst)
    , m_stored(settings.messagesPerMinute / 60.0, settings.messageBurst) {
    m_clock.start();
    QHostAddress address = m_socket->peerAddress();
    // An IPv4 peer on a dual-stack socket counts as its IPv4 address.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        address = QHostAddress(v4);
    m_address = address.toString();
    // Qt refuses (1009) only what is far beyond the limit; in between we answer with our own 4009.
    const qint64 hardLimit = settings.maxFrameBytes * 4;
    m_socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(hardLimit));
    m_socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(hardLimit));
    connect(m_socket.get(), &QWebSocket::textFrameReceived, this, &ChatVisitor::onTextFrame);
    connect(m_socket.get(), &QWebSocket::binaryFrameReceived, this, [this] {
        if (m_state != State::Closing)
            fail(ChatErrorCode::BadFrame, u"binary frames are not accepted; frames are JSON text"_s);
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, &ChatVisitor::onDisconnected);

    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::AwaitingHello)
            fail(ChatErrorCode::BadFrame, u"no hello within %1 ms of connecting"_s.arg(m_settings.helloTimeoutMs));
    });
    m_helloTimer.start(static_cast<int>(settings.helloTimeoutMs));

    m_silenceTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcChatVisitor).noquote() << peer() << "silent for" << silentIntervalsBeforeDrop
                                        << "heartbeat intervals; dropping it";
        m_state = State::Closing;
        m_socket->abort();
    });
    m_silenceTimer.start(static_cast<int>(settings.heartbeatMs * silentIntervalsBeforeDrop));

    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] { m_socket->abort(); });
}

ChatVisitor::~ChatVisitor() {
    if (m_socket)
        m_socket->disconnect(this);
}

QString ChatVisitor::origin() const {
    return m_socket->origin();
}

QString ChatVisitor::host() const {
    return QString::fromLatin1(m_socket->request().rawHeader("Host"));
}

QString ChatVisitor::peer() const {
    QString text = u"visitor %1 from %2"_s.arg(m_id).arg(m_address);
    if (!m_identity.isEmpty())
        text += u" (%1)"_s.arg(m_identity);
    return text;
}

void ChatVisitor::setVisitor(const QString& visitorId, const QString& identity, const QString& page,
                             const QString& language) {
    m_visitorId = visitorId;
    m_identity = identity;
    m_page = page;
    m_language = language;
}

void ChatVisitor::onTextFrame(const QString& fragment, bool isLastFrame) {
    if (m_state == State::Closing)
        return;
    m_pendingMessage += fragment;
    // Every UTF-16 unit is at least one byte of UTF-8, so this many units are already too many bytes.
    if (m_pendingMessage.size() > m_settings.maxFrameBytes) {
        const qsizetype size = m_pendingMessage.size();
        m_pendingMessage.clear();
        fail(ChatErrorCode::TooLarge,
             u"the frame has more than %1 bytes, more than the limit of %2"_s.arg(size).arg(m_settings.maxFrameBytes));
        return;
    }
    if (!isLastFrame)
        return;
    const QByteArray message = m_pendingMessage.toUtf8();
    m_pendingMessage.clear();
    onMessage(message);
}

void ChatVisitor::onMessage(const QByteArray& message) {
    m_silenceTimer.start();
    const qint64 now = m_clock.elapsed();
    if (!m_frames.take(now)) {
        fail(ChatErrorCode::RateLimited, u"more than %1 frames per second"_s.arg(m_settings.framesPerSecond));
        return;
    }
    const ChatDecodeResult decoded = decodeChatClientFrame(message, m_settings.maxFrameBytes);
    if (!decoded) {
        fail(decoded.code(), decoded.error());
        return;
    }
    const ChatClientFrame& frame = decoded.value();
    if (std::holds_alternative<ChatHello>(frame)) {
        if (m_state != State::AwaitingHello) {
            fail(ChatErrorCode::BadFrame, u"a second hello"_s);
            return;
        }
        m_helloTimer.stop();
        m_state = State::Welcoming;
        emit frameReceived(this, frame);
        return;
    }
    if (m_state != State::Ready) {
        fail(ChatErrorCode::BadFrame, u"a frame before welcome; the first frame must be hello"_s);
        return;
    }
    if (const auto* ping = std::get_if<ChatPing>(&frame)) {
        sendFrame(ChatPong{ping->nonce});
        return;
    }
    if (isStored(frame) && !m_stored.take(now)) {
        fail(ChatErrorCode::RateLimited, u"more than %1 messages per minute"_s.arg(m_settings.messagesPerMinute));
        return;
    }
    emit frameReceived(this, frame);
}

bool ChatVisitor::noteTyping(bool active, qint64 repeatMs) {
    const qint64 now = m_clock.elapsed();
    const bool changed = active != m_typing;
    m_typing = active;
    if (!changed && (!active || (m_typingPassedAtMs >= 0 && now - m_typingPassedAtMs < repeatMs)))
        return false;
    m_typingPassedAtMs = now;
    return true;
}

void ChatVisitor::welcome(const ChatWelcome& welcome) {
    if (m_state != State::Welcoming)
        return;
    m_state = State::Ready;
    m_welcomed = true;
    sendFrame(welcome);
}

void ChatVisitor::sendFrame(const ChatServerFrame& frame) {
    if (m_state == State::Closing)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(encodeChatFrame(frame)));
}

void ChatVisitor::fail(ChatErrorCode code, const QString& message) {
    if (m_state == State::Closing)
        return;
    qCInfo(lcChatVisitor).noquote() << peer() << "refused:" << chatErrorCodeName(code) << message;
    emit refused(code);
    sendFrame(ChatError{code, message});
    m_state = State::Closing;
    m_helloTimer.stop();
    m_silenceTimer.stop();
    const auto closeCode = static_cast<quint16>(chatCloseCodeFor(code));
    QTimer::singleShot(errorLingerMs, this, [this, closeCode, message] {
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            closeSocket(closeCode, message);
    });
}

void ChatVisitor::goAway(const QString& reason) {
    if (m_state == State::Closing)
        return;
    closeSocket(static_cast<quint16>(ChatCloseCode::GoingAway), reason);
}

void ChatVisitor::closeSocket(quint16 code, const QString& reason) {
    m_state = State::Closing;
    m_helloTimer.stop();
    m_silenceTimer.stop();
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), closeReason(reason));
    m_closeTimer.start(closeGraceMs);
}

void ChatVisitor::onDisconnected() {
    m_state = State::Closing;
    m_helloTimer.stop();
    m_silenceTimer.stop();
    m_closeTimer.stop();
    qCDebug(lcChatVisitor).noquote() << peer() << "disconnected";
    emit closed(this);
}

} // namespace tl::chat
