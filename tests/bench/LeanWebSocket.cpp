#include "LeanWebSocket.h"

#include <QCryptographicHash>
#include <QObject>
#include <QRandomGenerator>
#include <QSocketNotifier>

#include <array>
#include <cerrno>
#include <cstring>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace tl::bench {

namespace {

/// Far above what the sync protocol allows (1 MiB per frame): only a guard against a garbled length.
constexpr qsizetype maxMessageBytes = 64 * 1024 * 1024;
/// Room the read buffer offers each recv() (it grows for a bigger frame).
constexpr qsizetype readChunk = 64 * 1024;
constexpr int continuationFrame = 0x0;
constexpr int textFrame = 0x1;
constexpr int binaryFrame = 0x2;
constexpr int closeFrame = 0x8;
constexpr int pingFrame = 0x9;
constexpr int pongFrame = 0xA;

QString systemError(const char* what) {
    return u"%1: %2"_s.arg(QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(errno)));
}

quint64 bigEndian(const char* bytes, int length) {
    quint64 value = 0;
    for (int index = 0; index < length; ++index)
        value = (value << 8) | static_cast<unsigned char>(bytes[index]);
    return value;
}

/// The value of the header \a name (lower case) in the response head \a head, or a null array.
QByteArray headerValue(QByteArrayView head, QByteArrayView name) {
    qsizetype at = head.indexOf("\r\n");
    while (at >= 0 && at + 2 < head.size()) {
        const qsizetype start = at + 2;
        qsizetype stop = head.indexOf("\r\n", start);
        if (stop < 0)
            stop = head.size();
        const QByteArrayView line = head.sliced(start, stop - start);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
        at = stop;
    }
    return {};
}

} // namespace

LeanWebSocketGroup::LeanWebSocketGroup(QObject* parent)
    : m_epoll(::epoll_create1(EPOLL_CLOEXEC)) {
    if (m_epoll < 0)
        qFatal("epoll_create1: %s", std::strerror(errno));
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, parent);
    QObject::connect(m_notifier, &QSocketNotifier::activated, parent, [this] { onReady(); });
    m_buffer.resize(2 * readChunk);
}

LeanWebSocketGroup::~LeanWebSocketGroup() {
    delete m_notifier;
    ::close(m_epoll);
}

void LeanWebSocketGroup::watch(LeanWebSocket* socket, int fd, bool writable, bool added) {
    epoll_event event{};
    event.events = EPOLLIN | (writable ? EPOLLOUT : 0u);
    event.data.ptr = socket;
    if (::epoll_ctl(m_epoll, added ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event) != 0)
        qFatal("epoll_ctl: %s", std::strerror(errno));
}

void LeanWebSocketGroup::onReady() {
    // Level-triggered: what is left unread now is reported again on the next round of the event loop.
    std::array<epoll_event, 64> events{};
    const int count = ::epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()), 0);
    for (int index = 0; index < count; ++index) {
        const epoll_event& event = events[static_cast<size_t>(index)];
        auto* socket = static_cast<LeanWebSocket*>(event.data.ptr);
        if ((event.events & EPOLLOUT) != 0)
            socket->onWritable();
        if ((event.events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0)
            socket->onReadable();
    }
}

LeanWebSocket::LeanWebSocket(LeanWebSocketGroup& group, Callbacks callbacks)
    : m_group(group)
    , m_callbacks(std::move(callbacks)) {}

LeanWebSocket::~LeanWebSocket() {
    if (m_fd >= 0)
        ::close(m_fd);
}

void LeanWebSocket::open(const QUrl& url) {
    if (url.scheme() != u"ws"_s) {
        end(0, u"only ws:// URLs are supported, not %1"_s.arg(url.toString()));
        return;
    }
    const QByteArray host = url.host().toUtf8();
    const QByteArray port = QByteArray::number(url.port(80));
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* addresses = nullptr;
    if (const int failed = ::getaddrinfo(host.constData(), port.constData(), &hints, &addresses); failed != 0) {
        end(0, u"cannot resolve %1: %2"_s.arg(QString::fromUtf8(host), QString::fromLocal8Bit(::gai_strerror(failed))));
        return;
    }
    m_fd = ::socket(addresses->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const bool connecting =
        m_fd >= 0 && (::connect(m_fd, addresses->ai_addr, addresses->ai_addrlen) == 0 || errno == EINPROGRESS);
    ::freeaddrinfo(addresses);
    m_state = State::Connecting;
    if (!connecting) {
        end(0, systemError("cannot connect"));
        return;
    }
    const int on = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);

    std::array<quint32, 4> nonce{};
    QRandomGenerator::system()->fillRange(nonce.data(), nonce.size());
    const QByteArray key = QByteArray(reinterpret_cast<const char*>(nonce.data()), sizeof nonce).toBase64();
    m_expectedAccept =
        QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1).toBase64();
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    const QByteArray authority = (host.contains(':') ? '[' + host + ']' : host) + ':' + port;
    m_out = "GET " + target + " HTTP/1.1\r\nHost: " + authority +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
            "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    m_outBegin = 0;
    // Writable once connected: then the request goes out.
    m_group.watch(this, m_fd, true, true);
    m_writeWatched = true;
}

void LeanWebSocket::sendText(QByteArrayView payload) {
    if (isOpen() && !m_closeSent)
        sendFrame(textFrame, payload);
}

void LeanWebSocket::close(quint16 code) {
    if (!isOpen() || m_closeSent)
        return;
    const std::array<char, 2> status{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
    sendFrame(closeFrame, QByteArrayView(status.data(), status.size()));
    m_closeSent = true;
    if (m_state == State::Open)
        m_state = State::Closing;
}

void LeanWebSocket::onWritable() {
    if (m_state == State::Connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) {
            errno = error;
            end(0, systemError("cannot connect"));
            return;
        }
        m_state = State::Handshake;
    }
    flush();
}

void LeanWebSocket::onReadable() {
    if (m_fd < 0)
        return;
    // Into the group's buffer, after what was left of the last read: only the frames' bytes that the handlers see
    // are copied again, and the buffer stays in the cache however many connections there are.
    QByteArray& buffer = m_group.m_buffer;
    qsizetype size = m_pending.size();
    if (buffer.size() < size + readChunk)
        buffer.resize(size + readChunk);
    if (size > 0)
        std::memcpy(buffer.data(), m_pending.constData(), static_cast<size_t>(size));
    for (;;) {
        if (buffer.size() - size < readChunk / 4)
            buffer.resize(size + readChunk);
        char* data = buffer.data();
        const qsizetype room = buffer.size() - size;
        const ssize_t received = ::recv(m_fd, data + size, static_cast<size_t>(room), 0);
        if (received > 0) {
            size += received;
            qsizetype needed = 0;
            const qsizetype used = process(data, size, needed);
            if (used < 0)
                return;
            if (used > 0) {
                std::memmove(data, data + used, static_cast<size_t>(size - used));
                size -= used;
            }
            if (needed > buffer.size())
                buffer.resize(needed + readChunk);
            if (received < room)
                break;
        } else if (received == 0) {
            end(0, u"the server closed the connection without a close frame"_s);
            return;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            break;
        } else if (errno != EINTR) {
            end(0, systemError("cannot read"));
            return;
        }
    }
    // Mostly nothing is left: the server writes whole frames.
    if (size != m_pending.size())
        m_pending.resize(size);
    if (size > 0)
        std::memcpy(m_pending.data(), buffer.constData(), static_cast<size_t>(size));
}

qsizetype LeanWebSocket::process(const char* data, qsizetype size, qsizetype& needed) {
    qsizetype used = 0;
    if (m_state == State::Handshake) {
        used = processHandshake(QByteArrayView(data, size));
        if (used <= 0)
            return used;
    }
    while (m_state == State::Open || m_state == State::Closing) {
        const qsizetype available = size - used;
        const char* frame = data + used;
        if (available < 2)
            break;
        const auto first = static_cast<unsigned char>(frame[0]);
        const auto second = static_cast<unsigned char>(frame[1]);
        if ((first & 0x70) != 0 || (second & 0x80) != 0) {
            end(0, (first & 0x70) != 0 ? u"a frame with reserved bits set"_s : u"a masked frame from the server"_s);
            return -1;
        }
        qsizetype header = 2;
        quint64 length = second & 0x7F;
        if (length >= 126) {
            header = length == 126 ? 4 : 10;
            if (available < header)
                break;
            length = bigEndian(frame + 2, static_cast<int>(header - 2));
        }
        if (length > static_cast<quint64>(maxMessageBytes)) {
            end(0, u"a frame of %1 bytes"_s.arg(length));
            return -1;
        }
        const qsizetype frameSize = header + static_cast<qsizetype>(length);
        if (available < frameSize) {
            needed = frameSize;
            break;
        }
        used += frameSize;
        if (!onFrame(first & 0x0F, (first & 0x80) != 0, QByteArrayView(frame + header, static_cast<qsizetype>(length))))
            return -1;
    }
    return m_state == State::Ended ? -1 : used;
}

qsizetype LeanWebSocket::processHandshake(QByteArrayView received) {
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (received.size() <= 64 * 1024)
            return 0;
        end(0, u"the handshake's response has no end"_s);
        return -1;
    }
    const QByteArrayView head = received.first(headEnd + 2);
    const QByteArrayView status = head.first(head.indexOf("\r\n"));
    QString failure;
    if (!status.startsWith("HTTP/1.1 101"))
        failure = u"the server refused the upgrade: %1"_s.arg(QString::fromUtf8(status));
    else if (headerValue(head, "upgrade").compare("websocket", Qt::CaseInsensitive) != 0 ||
             !headerValue(head, "connection").toLower().contains("upgrade"))
        failure = u"the handshake's response lacks Upgrade: websocket or Connection: Upgrade"_s;
    else if (const QByteArray accept = headerValue(head, "sec-websocket-accept"); accept != m_expectedAccept)
        failure = u"Sec-WebSocket-Accept is %1, expected %2"_s.arg(QString::fromUtf8(accept),
                                                                   QString::fromUtf8(m_expectedAccept));
    else if (!headerValue(head, "sec-websocket-extensions").isNull())
        failure = u"the server chose an extension the client did not offer"_s;
    if (!failure.isEmpty()) {
        end(0, failure);
        return -1;
    }
    m_state = State::Open;
    if (m_callbacks.opened)
        m_callbacks.opened();
    return m_state == State::Ended ? -1 : headEnd + 4;
}

bool LeanWebSocket::onFrame(int opcode, bool final, QByteArrayView bytes) {
    const qsizetype length = bytes.size();
    if (opcode >= closeFrame && (!final || length > 125)) {
        end(0, u"a fragmented or oversized control frame"_s);
        return false;
    }
    switch (opcode) {
    case textFrame:
    case binaryFrame:
        if (m_fragmentsOpcode != 0) {
            end(0, u"a new message inside a fragmented one"_s);
            return false;
        }
        if (final) {
            m_callbacks.message(bytes, opcode == binaryFrame);
        } else {
            m_fragments = bytes.toByteArray();
            m_fragmentsOpcode = opcode;
        }
        return m_state != State::Ended;
    case continuationFrame:
        if (m_fragmentsOpcode == 0) {
            end(0, u"a continuation frame outside a message"_s);
            return false;
        }
        m_fragments.append(bytes);
        if (m_fragments.size() > maxMessageBytes) {
            end(0, u"a message of more than %1 bytes"_s.arg(maxMessageBytes));
            return false;
        }
        if (final) {
            const int kind = std::exchange(m_fragmentsOpcode, 0);
            const QByteArray message = std::exchange(m_fragments, QByteArray());
            m_callbacks.message(QByteArrayView(message), kind == binaryFrame);
        }
        return m_state != State::Ended;
    case closeFrame: {
        if (length == 1) {
            end(0, u"a close frame of one byte"_s);
            return false;
        }
        const int code = length >= 2 ? static_cast<int>(bigEndian(bytes.data(), 2)) : 1005;
        const QString reason = QString::fromUtf8(bytes.sliced(std::min<qsizetype>(length, 2)));
        // Answer with the same status code, then end: the server closes the TCP connection after the exchange.
        if (!m_closeSent) {
            sendFrame(closeFrame, bytes.first(std::min<qsizetype>(length, 2)));
            m_closeSent = true;
        }
        end(code, reason);
        return false;
    }
    case pingFrame:
        sendFrame(pongFrame, bytes);
        return m_state != State::Ended;
    case pongFrame:
        return true;
    default:
        end(0, u"a frame with the unknown opcode %1"_s.arg(opcode));
        return false;
    }
}

void LeanWebSocket::sendFrame(int opcode, QByteArrayView payload) {
    if (m_outBegin == m_out.size()) {
        m_out.resize(0);
        m_outBegin = 0;
    }
    const qsizetype length = payload.size();
    std::array<char, 14> header{};
    qsizetype headerSize = 2;
    header[0] = static_cast<char>(0x80 | opcode);
    if (length < 126) {
        header[1] = static_cast<char>(0x80 | length);
    } else if (length <= 0xFFFF) {
        header[1] = static_cast<char>(0x80 | 126);
        header[2] = static_cast<char>(length >> 8);
        header[3] = static_cast<char>(length & 0xFF);
        headerSize = 4;
    } else {
        header[1] = static_cast<char>(0x80 | 127);
        for (int index = 0; index < 8; ++index)
            header[static_cast<size_t>(2 + index)] =
                static_cast<char>((static_cast<quint64>(length) >> (56 - 8 * index)) & 0xFF);
        headerSize = 10;
    }
    // Every client frame is masked with a fresh random key (RFC 6455, 5.3).
    const quint32 key = QRandomGenerator::global()->generate();
    std::memcpy(header.data() + headerSize, &key, 4);
    m_out.append(header.data(), headerSize + 4);
    const qsizetype start = m_out.size();
    m_out.resize(start + length);
    char* out = m_out.data() + start;
    const char* in = payload.data();
    const quint64 wideKey = (static_cast<quint64>(key) << 32) | key;
    qsizetype index = 0;
    for (; index + 8 <= length; index += 8) {
        quint64 word = 0;
        std::memcpy(&word, in + index, 8);
        word ^= wideKey;
        std::memcpy(out + index, &word, 8);
    }
    const auto* keyBytes = reinterpret_cast<const unsigned char*>(&key);
    for (; index < length; ++index)
        out[index] = static_cast<char>(in[index] ^ keyBytes[index & 3]);
    flush();
}

void LeanWebSocket::flush() {
    if (m_fd < 0 || m_state == State::Connecting)
        return;
    while (m_outBegin < m_out.size()) {
        const ssize_t sent =
            ::send(m_fd, m_out.constData() + m_outBegin, static_cast<size_t>(m_out.size() - m_outBegin), MSG_NOSIGNAL);
        if (sent >= 0) {
            m_outBegin += sent;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!m_writeWatched)
                m_group.watch(this, m_fd, true, false);
            m_writeWatched = true;
            return;
        } else if (errno != EINTR) {
            end(0, systemError("cannot write"));
            return;
        }
    }
    if (m_writeWatched)
        m_group.watch(this, m_fd, false, false);
    m_writeWatched = false;
}

void LeanWebSocket::end(int closeCode, const QString& reason) {
    if (m_state == State::Ended)
        return;
    m_state = State::Ended;
    // Closing the descriptor takes it out of the group's epoll set.
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_callbacks.ended)
        m_callbacks.ended(closeCode, reason);
}

} // namespace tl::bench
