#include "SyncTestClient.h"

#include "protocol/FrameCodec.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace tl::servertest {

namespace {

/// Runs the event loop until \a done or the timeout; returns done().
template <typename Predicate> bool waitUntil(Predicate done, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

} // namespace

SyncTestClient::SyncTestClient() {
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        ++m_textMessages;
        m_received.append(Message{text.toUtf8(), false});
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray& bytes) {
        ++m_binaryMessages;
        m_received.append(Message{bytes, true});
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = m_socket.closeCode();
    });
}

SyncTestClient::~SyncTestClient() {
    m_socket.disconnect(this);
    m_socket.abort();
}

bool SyncTestClient::open(const QUrl& url, int timeoutMs) {
    m_socket.open(url);
    return waitUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_closed; }, timeoutMs) &&
           !m_closed;
}

void SyncTestClient::sendText(const QString& text) {
    m_socket.sendTextMessage(text);
    m_socket.flush();
}

void SyncTestClient::sendBinary(const QByteArray& bytes) {
    m_socket.sendBinaryMessage(bytes);
    m_socket.flush();
}

void SyncTestClient::sendFrame(const protocol::ClientFrame& frame) {
    sendText(QString::fromUtf8(protocol::encode(frame)));
}

std::optional<protocol::Welcome> SyncTestClient::hello(const QByteArray& token, qint64 after, bool binaryFrames) {
    sendFrame(protocol::Hello{protocol::protocolVersion, QString::fromUtf8(token), QStringLiteral("test/1"), after,
                              binaryFrames});
    const auto frame = next();
    if (!frame)
        return std::nullopt;
    if (const auto* welcome = std::get_if<protocol::Welcome>(&*frame))
        return *welcome;
    return std::nullopt;
}

std::optional<SyncTestClient::Message> SyncTestClient::nextMessage(int timeoutMs) {
    if (!waitUntil([this] { return !m_received.isEmpty(); }, timeoutMs))
        return std::nullopt;
    return m_received.takeFirst();
}

std::optional<protocol::ServerFrame> SyncTestClient::next(int timeoutMs) {
    while (const std::optional<Message> message = nextMessage(timeoutMs)) {
        auto decoded = protocol::decodeServerFrame(message->bytes);
        if (decoded)
            return std::move(decoded).value();
        m_undecodable.append(QString::fromUtf8(message->bytes) + QStringLiteral(" -- ") + decoded.error());
    }
    return std::nullopt;
}

std::optional<core::Event> SyncTestClient::nextEventOfKind(const QString& kind, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const auto frame = next(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
        if (!frame)
            return std::nullopt;
        if (const auto* events = std::get_if<protocol::EventsFrame>(&*frame)) {
            for (const core::Event& event : events->events) {
                if (event.kind == kind)
                    return event;
            }
        }
    }
    return std::nullopt;
}

QVector<core::Event> SyncTestClient::backlog(qint64* caughtUp, int timeoutMs) {
    QVector<core::Event> events;
    while (auto frame = next(timeoutMs)) {
        if (const auto* batch = std::get_if<protocol::EventsFrame>(&*frame)) {
            for (const core::Event& event : batch->events) {
                if (!events.isEmpty() && event.seq <= events.last().seq)
                    m_undecodable.append(QStringLiteral("seq not increasing: %1").arg(event.seq));
                events.append(event);
            }
            continue;
        }
        if (const auto* done = std::get_if<protocol::CaughtUp>(&*frame)) {
            if (caughtUp)
                *caughtUp = done->seq;
            return events;
        }
        m_undecodable.append(QStringLiteral("unexpected frame %1 in the backlog").arg(protocol::frameType(*frame)));
    }
    if (caughtUp)
        *caughtUp = -1;
    return events;
}

bool SyncTestClient::waitClosed(int timeoutMs) {
    return waitUntil([this] { return m_closed; }, timeoutMs);
}

} // namespace tl::servertest
