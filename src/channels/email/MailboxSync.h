#pragma once

#include "BounceReader.h"
#include "ImapSession.h"

#include "core/ImportRecord.h"
#include "core/Result.h"
#include "server/ServerConfig.h"
#include "store/ServerStore.h"

#include <QString>
#include <QVector>

#include <atomic>
#include <functional>
#include <optional>

namespace tl::server {
class ServerMetrics;
}

namespace tl::email {

/// The worker loop of one shared mailbox (docs/email.md, "Shared mailboxes"): connect, LOGIN, SELECT; read every
/// message above the stored UID (a new UIDVALIDITY starts over at UID 1 — the event ids keep that from importing
/// twice) in batches through MailParser and MailEvent; hand each batch with its new cursor to the store and wait
/// until it is committed; then IDLE (or poll) for more. A lost connection is retried with a doubling wait. A
/// message that cannot become an event is counted and skipped; it never stops the mailbox.
/// Thread: run() on the mailbox's own thread, which it blocks; stop() from any thread.
class MailboxSync final {
public:
    /// Events of one batch and the cursor that holds once they are stored.
    struct Batch final {
        store::MailboxState cursor;
        QVector<core::ImportRecord> records;
        /// Bounces (docs/email.md, "Bounces"): stored as a delivery.updated event on the reply they return, or —
        /// when no sent reply has their original's Message-ID — as the ordinary message record.
        struct Returned final {
            Bounce bounce;
            /// The bounce's own event, as ordinary mail; nullopt when it cannot be one (no usable sender).
            std::optional<core::ImportRecord> record;
            qint64 occurredAt = 0;
        };
        QVector<Returned> bounces;
        qint64 rejected = 0;
    };
    /// Waits until a handed-over batch is stored (or its store failed); blocks the worker.
    using Pending = std::function<core::Status()>;
    /// Hands \a batch and its cursor to the store, which stores them in one go and in the order handed over;
    /// returns at once with the wait for it. The worker reads the next batch meanwhile (one batch in flight).
    /// A failure reconnects from the last stored cursor.
    using Store = std::function<Pending(const Batch& batch)>;

    MailboxSync(server::MailboxConfig config, server::ServerMetrics& metrics, QString attachmentsDirectory,
                store::MailboxState start, Store store);
    ~MailboxSync();
    MailboxSync(const MailboxSync&) = delete;
    MailboxSync& operator=(const MailboxSync&) = delete;

    /// The loop; returns after stop().
    void run();
    /// Any thread: ends run() soon (wakes IDLE and waits, aborts a blocked read).
    void stop();
    [[nodiscard]] bool stopping() const { return m_stopping.load(); }

    /// Messages fetched per UID FETCH and stored per transaction.
    static constexpr int batchSize = 50;

private:
    /// One connection, from connect to its end; returns why it ended (a success when stopped).
    core::Status session(bool* synced);
    /// Reads everything above the cursor; false with \a error when the connection or the store failed.
    core::Status catchUp(quint32 uidValidity);
    /// Sleeps \a ms unless stopped; false when stopped.
    bool pause(int ms);
    void fail(const QString& error);

    server::MailboxConfig m_config;
    server::ServerMetrics& m_metrics;
    QString m_attachmentsDirectory;
    store::MailboxState m_cursor;
    Store m_store;
    ImapSession m_imap;
    std::atomic<bool> m_stopping{false};
    /// A pipe: writing to [1] wakes a poll() on [0] (IDLE, pauses).
    int m_wake[2] = {-1, -1};
};

} // namespace tl::email
