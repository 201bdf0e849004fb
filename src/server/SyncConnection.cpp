#include "SyncConnection.h"

#include "ServerMetrics.h"
#include "core/JsonWriter.h"
#include "protocol/FrameCodec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QtEndian>

#include <algorithm>
#include <limits>
#include <optional>

namespace tl::server {

Q_LOGGING_CATEGORY(lcSync, "threadline.server.sync")

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

namespace {

/// A peer that does not answer our close within this time is aborted.
constexpr int closeGraceMs = 5000;
/// After an error frame the close waits until the peer has sent nothing for this long, at most lingerMaxMs:
/// closing a TCP connection with unread input, or receiving more after closing, makes the kernel reset it, and a
/// peer still writing then loses what it had not yet read — the error frame, even the close frame.
constexpr int lingerQuietMs = 250;
constexpr qint64 lingerMaxMs = 2000;
/// Refused submitted events tolerated on one connection before it is closed with 4010.
constexpr qsizetype refusalsBeforeForbidden = 100;

/// \a payload as an unmasked binary WebSocket message (RFC 6455 section 5.2; a server never masks): one final
/// frame, or a binary frame and continuation frames of at most \a maxFramePayload bytes each, as QWebSocket's
/// sendBinaryMessage() writes it.
QByteArray binaryMessage(const QByteArray& payload, quint64 maxFramePayload) {
    constexpr char opBinary = 0x2;
    constexpr char opContinuation = 0x0;
    constexpr char finalBit = static_cast<char>(0x80);
    const qsizetype frameSize = static_cast<qsizetype>(std::max<quint64>(
        1, std::min<quint64>(maxFramePayload, static_cast<quint64>(std::numeric_limits<qsizetype>::max()))));
    QByteArray wire;
    wire.reserve(payload.size() + 14 * (payload.size() / frameSize + 1));
    qsizetype offset = 0;
    do {
        const qsizetype length = std::min(frameSize, payload.size() - offset);
        const bool last = offset + length == payload.size();
        wire.append(static_cast<char>((offset == 0 ? opBinary : opContinuation) | (last ? finalBit : 0)));
        if (length < 126) {
            wire.append(static_cast<char>(length));
        } else if (length <= 0xFFFF) {
            wire.append(static_cast<char>(126));
            char size[2];
            qToBigEndian(static_cast<quint16>(length), size);
            wire.append(size, sizeof size);
        } else {
            wire.append(static_cast<char>(127));
            char size[8];
            qToBigEndian(static_cast<quint64>(length), size);
            wire.append(size, sizeof size);
        }
        wire.append(payload.constData() + offset, length);
        offset += length;
    } while (offset < payload.size());
    return wire;
}

/// A close reason must fit into 123 bytes of UTF-8.
QString closeReason(const QString& message) {
    QString reason = message;
    while (reason.toUtf8().size() > 123)
        reason.chop(std::max<qsizetype>(1, (reason.toUtf8().size() - 123) / 3));
    return reason;
}

} // namespace

SyncConnection::SyncConnection(quint64 id, std::unique_ptr<QWebSocket> socket, QTcpSocket* transport,
                               const SyncSettings& settings, ServerMetrics& metrics, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(std::move(socket))
    , m_transport(transport)
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
    m_lingerTimer.setSingleShot(true);
    connect(&m_lingerTimer, &QTimer::timeout, this, [this] { closeSocket(m_lingerCloseCode, m_lingerCloseReason); });
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
    if (m_state == State::Closing) {
        keepLingering();
        return;
    }
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
    if (m_state == State::Closing)
        keepLingering();
    else
        fail(ErrorCode::BadFrame, u"a client sends text frames (hello.binary_frames is only about the server's)"_s);
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
        // From the answer to this hello on (welcome, or the error refusing its token).
        m_binaryFrames = hello->binaryFrames;
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
    qCInfo(lcSync).noquote() << peer() << "signed in with" << m_client << "after seq" << after << "head" << welcome.head
                             << (m_binaryFrames ? "(binary frames)" : "(text frames)");
}

qsizetype SyncConnection::deliver(SharedPage& page, bool complete, bool staged) {
    if (m_state != State::Ready)
        return 0;
    // Only binary messages on a known transport can wait: they are complete messages already.
    m_staging = staged && m_binaryFrames && m_transport;
    // The page is in seq order: what this connection has not sent yet is the suffix after its cursor.
    const QVector<core::Event>& events = page.events();
    const auto fresh = std::upper_bound(events.cbegin(), events.cend(), m_cursor,
                                        [](qint64 cursor, const core::Event& event) { return cursor < event.seq; });
    const qsizetype start = fresh - events.cbegin();
    const qsizetype count = events.size() - start;
    if (count > 0) {
        qsizetype pushed = 0;
        for (SharedPage::Frame& frame : page.framesFrom(start, m_caughtUp)) {
            // The page's bytes as they are (QWebSocket frames them); a text peer gets the page's one conversion.
            if (m_binaryFrames) {
                writeBinary(frame.bytes, frame.wire);
            } else {
                if (frame.text.isNull())
                    frame.text = QString::fromUtf8(frame.bytes);
                m_socket->sendTextMessage(frame.text);
            }
            pushed += frame.events;
        }
        m_metrics.eventsPushed(pushed);
        // Out at once rather than on the next turn of the event loop: the workstations start reading while the
        // hub writes to the others.
        if (!m_staging)
            m_socket->flush();
        m_cursor = events.last().seq;
    }
    if (complete && !m_caughtUp) {
        // Every visible event up to the head seen at welcome has been read after that head was taken.
        m_cursor = std::max(m_cursor, m_welcomeHead);
        m_caughtUp = true;
        sendFrame(protocol::CaughtUp{m_cursor});
        qCDebug(lcSync).noquote() << peer() << "caught up at seq" << m_cursor;
    }
    m_staging = false;
    return count;
}

void SyncConnection::writeStaged() {
    if (m_staged.isEmpty())
        return;
    const QList<QByteArray> staged = std::exchange(m_staged, {});
    if (m_state != State::Ready || !m_transport)
        return;
    for (const QByteArray& wire : staged)
        m_transport->write(wire);
    m_transport->flush();
}

namespace {

/// An events frame is {"events":[E1,E2,...],"live":...,"type":"events"} (compact JSON, sorted keys): the text
/// before and after its events, as the encoder writes them.
struct EventsFraming final {
    QByteArray prefix;
    QByteArray suffix;
};

std::optional<EventsFraming> eventsFraming(bool live) {
    const QByteArray empty = protocol::encode(protocol::EventsFrame{{}, live});
    const qsizetype brackets = empty.indexOf("[]");
    if (brackets < 0 || empty.indexOf("[]", brackets + 1) >= 0)
        return std::nullopt;
    return EventsFraming{empty.left(brackets + 1), empty.mid(brackets + 1)};
}

/// The encoder's text for one event (core::json writes what the encoder's QJsonDocument would).
QByteArray encodeEvent(const core::Event& event) {
    QByteArray text;
    text.reserve(512);
    core::json::appendEvent(text, event);
    return text;
}

/// Whether frames joined from separately encoded events equal the encoder's own frames (checked once, on a
/// sample; when they do not, every frame is encoded whole).
bool joiningMatchesEncoder() {
    static const bool matches = [] {
        QList<core::Event> sample(2);
        for (qsizetype index = 0; index < sample.size(); ++index) {
            core::Event& event = sample[index];
            event.id = u"sample-%1"_s.arg(index);
            event.seq = index + 1;
            event.customer = u"customer"_s;
            event.channel = core::Channel::Note;
            event.kind = u"note"_s;
            event.occurredAt = 1'700'000'000'000 + index;
            event.author = u"agent"_s;
            event.identity = index == 0 ? u"email:jan@example.pl"_s : QString();
            event.payload.insert(u"text"_s,
                                 u"Zażółć gęślą jaźń,\n\t\"quoted\" \\ \u4f60\u597d \u0001 \U0001F469\u200D"_s);
            event.payload.insert(
                u"attachments"_s,
                QJsonArray{QJsonObject{
                    {u"size"_s, 1234}, {u"ratio"_s, 0.25}, {u"inline"_s, false}, {u"cid"_s, QJsonValue()}}});
        }
        for (const bool live : {false, true}) {
            const std::optional<EventsFraming> framing = eventsFraming(live);
            const QByteArray first = encodeEvent(sample.at(0));
            const QByteArray second = encodeEvent(sample.at(1));
            if (!framing || framing->prefix + first + ',' + second + framing->suffix !=
                                protocol::encode(protocol::EventsFrame{sample, live})) {
                qCWarning(lcSync) << "events frames joined from encoded events differ from the encoder's; every "
                                     "frame is encoded whole (slower fan-out)";
                return false;
            }
        }
        return true;
    }();
    return matches;
}

} // namespace

QList<SyncConnection::SharedPage::Frame>& SyncConnection::SharedPage::framesFrom(qsizetype start, bool live) {
    for (auto& [framesStart, framesLive, frames] : m_frames) {
        if (framesStart == start && framesLive == live)
            return frames;
    }
    QList<Frame> frames;
    encodeInto(frames, start, m_events.size(), live);
    m_frames.append({start, live, std::move(frames)});
    return std::get<2>(m_frames.last());
}

void SyncConnection::SharedPage::encodeInto(QList<Frame>& frames, qsizetype first, qsizetype last, bool live) {
    for (qsizetype chunk = first; chunk < last; chunk += protocol::maxEventsPerFrame) {
        const qsizetype end = std::min<qsizetype>(last, chunk + protocol::maxEventsPerFrame);
        const QByteArray encoded = frameBytes(chunk, end, live);
        if (encoded.size() > protocol::maxFrameBytes) {
            if (end - chunk == 1) {
                const core::Event& event = m_events.at(chunk);
                qCCritical(lcSync).noquote() << "event" << event.id << "at seq" << event.seq
                                             << "is larger than a frame may be; it cannot be synced";
                continue;
            }
            const qsizetype middle = chunk + (end - chunk) / 2;
            encodeInto(frames, chunk, middle, live);
            encodeInto(frames, middle, end, live);
            continue;
        }
        frames.append(Frame{encoded, {}, {}, end - chunk});
    }
}

QByteArray SyncConnection::SharedPage::frameBytes(qsizetype first, qsizetype last, bool live) {
    static const std::optional<EventsFraming> framing[2] = {eventsFraming(false), eventsFraming(true)};
    const std::optional<EventsFraming>& frame = framing[live ? 1 : 0];
    if (frame && joiningMatchesEncoder()) {
        QByteArray text = frame->prefix;
        for (qsizetype index = first; index < last; ++index) {
            const core::Event& event = m_events.at(index);
            auto cached = m_encoded.constFind(event.seq);
            if (cached == m_encoded.cend())
                cached = m_encoded.insert(event.seq, encodeEvent(event));
            if (index > first)
                text += ',';
            text += *cached;
        }
        return text + frame->suffix;
    }
    return protocol::encode(protocol::EventsFrame{m_events.mid(first, last - first), live});
}

void SyncConnection::sendFrame(const protocol::ServerFrame& frame) {
    if (m_state == State::Closing)
        return;
    sendEncoded(protocol::encode(frame));
}

void SyncConnection::writeBinary(const QByteArray& payload, QByteArray& wire) {
    if (!m_transport) {
        m_socket->sendBinaryMessage(payload);
        return;
    }
    if (wire.isNull())
        wire = binaryMessage(payload, m_socket->outgoingFrameSize());
    if (m_staging) {
        m_staged.append(wire);
        return;
    }
    writeStaged(); // whatever was staged goes first
    // QIODevice::write(const QByteArray&) keeps a reference to a large array instead of copying it: every
    // connection's buffer shares the one message.
    m_transport->write(wire);
}

void SyncConnection::sendEncoded(const QByteArray& frame) {
    if (m_binaryFrames) {
        QByteArray wire;
        writeBinary(frame, wire);
    } else
        m_socket->sendTextMessage(QString::fromUtf8(frame));
    // Out at once, like events (deliver()): an ack must not wait behind the pushes of the pass it started.
    m_socket->flush();
}

void SyncConnection::fail(ErrorCode code, const QString& message) {
    if (m_state == State::Closing)
        return;
    qCInfo(lcSync).noquote() << peer() << "refused:" << protocol::errorCodeName(code) << message;
    m_metrics.frameRejected(protocol::errorCodeName(code));
    sendFrame(protocol::ErrorFrame{code, message.left(protocol::maxMessageLength)});
    // The error frame leaves now; the close once the peer has stopped sending, so that it reads both.
    m_state = State::Closing;
    m_helloTimer.stop();
    m_silenceTimer.stop();
    m_lingerCloseCode = static_cast<quint16>(protocol::closeCodeFor(code));
    m_lingerCloseReason = message;
    m_lingerDeadline = m_clock.elapsed() + lingerMaxMs;
    m_lingerTimer.start(lingerQuietMs);
}

void SyncConnection::goAway(const QString& reason) {
    if (m_lingerTimer.isActive()) {
        // An error frame went out already: close now (the server is going away), with its code.
        closeSocket(m_lingerCloseCode, m_lingerCloseReason);
        return;
    }
    if (m_state == State::Closing)
        return;
    qCInfo(lcSync).noquote() << peer() << "closing:" << reason;
    closeSocket(static_cast<quint16>(protocol::CloseCode::GoingAway), reason);
}

bool SyncConnection::noteRefused(qsizetype count) {
    m_refused += count;
    return m_refused >= refusalsBeforeForbidden;
}

void SyncConnection::keepLingering() {
    // The peer is still sending: wait for it to stop, but not beyond the deadline (a flood does not stop).
    if (!m_lingerTimer.isActive())
        return;
    const qint64 left = m_lingerDeadline - m_clock.elapsed();
    m_lingerTimer.start(static_cast<int>(std::clamp<qint64>(left, 0, lingerQuietMs)));
}

void SyncConnection::closeSocket(quint16 code, const QString& reason) {
    m_state = State::Closing;
    m_lingerTimer.stop();
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
    m_lingerTimer.stop();
    qCDebug(lcSync).noquote() << peer() << "disconnected";
    emit closed(this);
}

} // namespace tl::server
