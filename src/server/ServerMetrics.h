#pragma once

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QVector>

#include <array>

namespace tl::server {

/// The health of one shared mailbox (docs/email.md), as /metrics and GET /api/v1/mailboxes show it.
struct MailboxHealth final {
    QString name;
    QString address;
    QString queue;
    QString folder;
    bool connected = false;
    /// When the folder was last read to its end (UTC ms; 0: never).
    qint64 lastSyncAt = 0;
    /// The last error and when it happened (kept after a recovery: connected says whether it still holds).
    QString lastError;
    qint64 lastErrorAt = 0;
    /// Messages stored (duplicates of stored ones included) and messages rejected as unreadable, since start.
    qint64 stored = 0;
    qint64 rejected = 0;
    /// Connections lost or refused since start.
    qint64 errors = 0;
};

/// What one mailbox sent (docs/email.md, "Sending"), as /metrics shows it.
struct MailboxSending final {
    /// Replies accepted by the SMTP server, refused by it (or unsendable), given up after smtp_give_up_s, and
    /// matched by a bounce that came back as mail, since start.
    qint64 sent = 0;
    qint64 refused = 0;
    qint64 givenUp = 0;
    qint64 bounced = 0;
    /// Attempts that failed temporarily (the reply is tried again), since start.
    qint64 attemptsFailed = 0;
    /// Replies the sender holds in the outgoing queue now: being sent or waiting for their next attempt.
    qint64 pending = 0;
};

/// The server's counters, rendered in the Prometheus text exposition format for GET /metrics. Thread-safe: the
/// DB thread records query times, the main thread everything else.
class ServerMetrics final {
public:
    explicit ServerMetrics(QString version);

    /// A workstation completed hello (+1) or went away after it (-1).
    void workstationConnected();
    void workstationDisconnected();
    /// Events stored (or already stored, acked with their seq) from "sync" (submit) or "import" (REST).
    void eventsAccepted(const QString& source, qint64 count);
    /// Events refused with an error result.
    void eventsRefused(const QString& source, qint64 count);
    /// Events sent to workstations in events frames (backlog and live).
    void eventsPushed(qint64 count);
    /// A connection closed for \a reason, an error code name ("bad_frame", "too_large", "rate_limited", ...).
    void frameRejected(const QString& reason);
    void loginFailed();
    /// One store call on the DB thread took \a seconds.
    void observeDbSeconds(double seconds);
    /// HTTP responses by status code.
    void httpResponse(int status);

    // The web chat (docs/chat.md).
    /// A visitor was welcomed (+1), or a welcomed visitor's connection closed (-1).
    void chatVisitorConnected();
    void chatVisitorDisconnected();
    /// chat.started events stored (or acknowledged again for a resent start).
    void chatsStarted(qint64 count);
    /// Visitors' message.in events stored (offline messages included; a resent one acknowledged again counts again).
    void chatMessagesStored(qint64 count);
    /// A visitor connection closed by the server with an error frame, by its code ("bad_frame", "rate_limited", ...).
    void chatFrameRefused(const QString& reason);
    /// The reasons chatFrameRefused() may be given, shown with 0 from the start.
    void declareChatRefusalReasons(const QStringList& reasons);

    // Shared mailboxes (docs/email.md); called from the mailboxes' worker threads as well.
    /// A configured mailbox, shown (disconnected, never synced) from the start.
    void declareMailbox(const QString& name, const QString& address, const QString& queue, const QString& folder);
    void mailboxConnected(const QString& name, bool connected);
    /// The folder was read to its end at \a at (UTC ms).
    void mailboxSynced(const QString& name, qint64 at);
    void mailboxMessages(const QString& name, qint64 stored, qint64 rejected);
    void mailboxError(const QString& name, const QString& error, qint64 at);
    /// Every declared mailbox, by name.
    [[nodiscard]] QVector<MailboxHealth> mailboxes() const;
    /// A mailbox that sends replies (smtp_host), its sending series shown with 0 from the start.
    void declareSendingMailbox(const QString& name);
    void mailboxReplySent(const QString& name);
    void mailboxReplyRefused(const QString& name);
    void mailboxReplyGivenUp(const QString& name);
    void mailboxReplyAttemptFailed(const QString& name);
    void mailboxRepliesBounced(const QString& name, qint64 count);
    /// Replies of the mailbox in the outgoing queue now (a gauge).
    void mailboxRepliesPending(const QString& name, qint64 count);

    [[nodiscard]] qint64 connectedWorkstations() const;
    /// The whole exposition, "text/plain; version=0.0.4".
    [[nodiscard]] QByteArray prometheusText() const;

private:
    static constexpr std::array<double, 10> bucketBounds{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                         0.025,  0.05,  0.1,    0.5,   2.5};

    mutable QMutex m_mutex;
    QString m_version;
    qint64 m_connected = 0;
    QMap<QString, qint64> m_accepted;
    QMap<QString, qint64> m_refused;
    qint64 m_pushed = 0;
    QMap<QString, qint64> m_rejected;
    qint64 m_loginFailures = 0;
    std::array<qint64, bucketBounds.size()> m_dbBuckets{};
    qint64 m_dbCount = 0;
    double m_dbSum = 0;
    QMap<int, qint64> m_httpResponses;
    qint64 m_chatVisitors = 0;
    qint64 m_chatsStarted = 0;
    qint64 m_chatMessages = 0;
    QMap<QString, qint64> m_chatRefused;
    QMap<QString, MailboxHealth> m_mailboxes;
    QMap<QString, MailboxSending> m_sending;
};

} // namespace tl::server
