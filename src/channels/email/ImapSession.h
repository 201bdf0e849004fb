#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <atomic>
#include <mutex>
#include <thread>

struct mailimap;

namespace tl::email {

/// One IMAP connection over libetpan (docs/email.md, "Shared mailboxes"): connect (TLS, STARTTLS or plain),
/// LOGIN, SELECT, UID listing and BODY.PEEK[] fetches, IDLE. libetpan blocks, so a session belongs to one worker
/// thread (MailboxSync's); only abort() may be called from another thread. Errors come back as sentences with
/// the server's own words where it gave some.
class ImapSession final {
public:
    enum class Security { Tls, StartTls, None };

    /// What SELECT reported.
    struct Folder final {
        quint32 uidValidity = 0;
        quint32 uidNext = 0;
        quint32 exists = 0;
    };
    /// One fetched message.
    struct Message final {
        quint32 uid = 0;
        QByteArray raw;
    };
    enum class IdleOutcome { Changed, TimedOut, Woken };

    ImapSession();
    ~ImapSession();
    ImapSession(const ImapSession&) = delete;
    ImapSession& operator=(const ImapSession&) = delete;

    /// Connects and reads the greeting; \a timeoutSeconds bounds every network wait of the session.
    /// With \a verifyCertificate, a TLS peer must present a chain for \a host that the system trusts, or a CA of
    /// \a caFile (PEM; empty: the system's only) — TlsVerifier.
    [[nodiscard]] core::Status connect(const QString& host, quint16 port, Security security, int timeoutSeconds,
                                       bool verifyCertificate, const QString& caFile = {});
    [[nodiscard]] core::Status login(const QString& user, const QString& password);
    [[nodiscard]] core::Result<Folder> select(const QString& folder);
    /// True when the server announced IDLE (RFC 2177).
    [[nodiscard]] bool hasIdle() const;
    /// The UIDs of the selected folder from \a first on, ascending (UID FETCH first:* (UID), filtered: "n:*"
    /// names the newest message even when its UID is below n).
    [[nodiscard]] core::Result<QVector<quint32>> uidsFrom(quint32 first);
    /// The raw messages of \a uids (UID FETCH … BODY.PEEK[]: nothing is marked \Seen), in UID order.
    [[nodiscard]] core::Result<QVector<Message>> fetch(const QVector<quint32>& uids);
    /// IDLE until the server reports a change, \a timeoutMs passes, or \a wakeFd becomes readable; then DONE.
    [[nodiscard]] core::Result<IdleOutcome> idle(int wakeFd, int timeoutMs);
    /// LOGOUT (best effort) and close.
    void logout();
    /// Any thread: cancels a blocked read or write (libetpan's cancel pipe, and the socket is shut down); every later
    /// call fails.
    void abort();

private:
    [[nodiscard]] QString describe(int code, const char* what) const;
    void rememberSocket();

    /// Replaces m_imap (under m_streamMutex, which abort() takes).
    void reset(mailimap* imap);
    /// Watches the socket for the peer's hang-up and then cancels libetpan's read: libetpan 1.9.4 loops forever
    /// (at full CPU) when the stream ends inside a literal, such as a message body cut off by a server restart.
    void startGuard(int socket);
    void stopGuard();

    mailimap* m_imap = nullptr;
    /// Guards m_imap's existence against abort() from another thread.
    std::mutex m_streamMutex;
    std::atomic<int> m_socket{-1};
    std::atomic<bool> m_aborted{false};
    std::thread m_guard;
    std::atomic<bool> m_guardStop{false};
};

} // namespace tl::email
