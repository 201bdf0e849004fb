#pragma once

// A minimal WebSocket client (RFC 6455) for bench_sync's simulated workstations, cheap per received message: the
// connections of a thread share one epoll set (watched by a single QSocketNotifier on the thread's event loop, so
// timers and queued calls work as usual) and one receive buffer; each message is handed over as a view into that
// buffer, with none of QWebSocket's per-message copies and signals. tests/bench/README.md says why the bench needs
// it. Plain ws:// only, no extensions; Linux. Everything, the callbacks included, happens on the group's thread.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUrl>

#include <functional>

class QObject;
class QSocketNotifier;

namespace tl::bench {

class LeanWebSocket;

/// The connections of one thread: their epoll set and the buffer they receive into.
class LeanWebSocketGroup final {
public:
    /// \a parent owns the notifier (its thread runs the group).
    explicit LeanWebSocketGroup(QObject* parent);
    ~LeanWebSocketGroup();
    LeanWebSocketGroup(const LeanWebSocketGroup&) = delete;
    LeanWebSocketGroup& operator=(const LeanWebSocketGroup&) = delete;

private:
    friend class LeanWebSocket;
    /// Watches \a fd for \a socket: for reading, and for writing too when \a writable.
    void watch(LeanWebSocket* socket, int fd, bool writable, bool added);
    void onReady();

    int m_epoll = -1;
    QSocketNotifier* m_notifier = nullptr;
    /// What the sockets receive into, each in turn (only a partial frame is kept per connection).
    QByteArray m_buffer;
};

class LeanWebSocket final {
public:
    struct Callbacks final {
        /// The handshake succeeded: messages may be sent.
        std::function<void()> opened;
        /// A whole message; \a message is valid only during the call. \a binary: a binary message, else text.
        std::function<void(QByteArrayView message, bool binary)> message;
        /// The connection ended, also after close() (not on destruction): \a closeCode is the server's close code
        /// (0 when none was received), \a reason its reason or what failed.
        std::function<void(int closeCode, const QString& reason)> ended;
    };

    LeanWebSocket(LeanWebSocketGroup& group, Callbacks callbacks);
    ~LeanWebSocket();
    LeanWebSocket(const LeanWebSocket&) = delete;
    LeanWebSocket& operator=(const LeanWebSocket&) = delete;

    /// Starts connecting to \a url (ws://host:port/path); the outcome comes through the callbacks.
    void open(const QUrl& url);
    /// Sends \a payload as one masked text message (queued until the socket takes it).
    void sendText(QByteArrayView payload);
    /// Sends a close frame with \a code; the connection ends when the server answers (or closes).
    void close(quint16 code = 1000);
    /// The handshake is done and the connection has not ended.
    [[nodiscard]] bool isOpen() const { return m_state == State::Open || m_state == State::Closing; }
    /// The connection has ended (or never started).
    [[nodiscard]] bool isEnded() const { return m_state == State::Ended || m_state == State::Idle; }

private:
    friend class LeanWebSocketGroup;
    enum class State { Idle, Connecting, Handshake, Open, Closing, Ended };

    void onReadable();
    void onWritable();
    /// Handles the complete frames (or the handshake's response) at the start of \a data; returns how many bytes
    /// it used, and sets \a needed to the size of an incomplete frame that follows them. -1 once the connection ended.
    qsizetype process(const char* data, qsizetype size, qsizetype& needed);
    qsizetype processHandshake(QByteArrayView received);
    /// One frame's payload (as received: the server does not mask). False once the connection ended.
    bool onFrame(int opcode, bool final, QByteArrayView payload);
    void sendFrame(int opcode, QByteArrayView payload);
    void flush();
    /// Ends the connection: closes the socket and reports \a closeCode and \a reason.
    void end(int closeCode, const QString& reason);

    LeanWebSocketGroup& m_group;
    Callbacks m_callbacks;
    State m_state = State::Idle;
    int m_fd = -1;
    bool m_writeWatched = false;
    QByteArray m_expectedAccept;
    /// Received bytes not handled yet: a partial frame (or handshake response).
    QByteArray m_pending;
    /// A fragmented message being put together, and its kind.
    QByteArray m_fragments;
    int m_fragmentsOpcode = 0;
    /// Frames the socket has not taken yet: [m_outBegin, size) of m_out.
    QByteArray m_out;
    qsizetype m_outBegin = 0;
    bool m_closeSent = false;
};

} // namespace tl::bench
