#pragma once

#include "SmtpSession.h"

#include "server/ServerConfig.h"
#include "store/ServerStore.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace tl::server {
class ServerMetrics;
class StoreThread;
} // namespace tl::server

namespace tl::email {

/// Sends agents' e-mail replies (docs/email.md, "Sending"): finds every message.out an agent committed on the
/// e-mail channel, queues it durably (email_outbox), composes it (MailComposer) from the chosen mailbox's address
/// and submits it over SMTP (SmtpSession) on a worker thread of its own, retrying temporary failures with a
/// doubling wait until the mailbox's give-up time. Each outcome — sent, refused (5xx), failed (given up) — is a
/// delivery.updated event in the log, written in the same transaction that settles the queue row, and counted per
/// mailbox in ServerMetrics (threadline_mailbox_replies_*).
/// Thread: the main thread (the SMTP worker is internal).
class MailSender final : public QObject {
    Q_OBJECT
public:
    /// \a mailboxes: the server's [mailbox.NAME] groups (those without smtp_host send nothing); \a metrics shows
    /// each sending mailbox's outcomes and queue from the start.
    MailSender(QVector<server::MailboxConfig> mailboxes, server::StoreThread& store, server::ServerMetrics& metrics,
               QObject* parent = nullptr);
    /// Stops the worker and waits for it.
    ~MailSender() override;

    /// Re-queues what a crash left half-sent, then starts sending.
    void start();
    /// Stops the worker (waits for a submission in progress: at most the mailbox's timeout_s).
    void stop();
    /// The first wait after a temporary failure (1 s; doubles up to the mailbox's smtp_retry_max_s). For tests.
    void setFirstRetryMs(qint64 ms) { m_firstRetryMs = ms; }

    /// The mailbox a reply goes out through, or nullptr: the mailbox the customer's last mail was addressed to,
    /// else the first sending mailbox of the customer's queue, else the first sending mailbox.
    [[nodiscard]] static const server::MailboxConfig* mailboxFor(const store::OutgoingMail& mail,
                                                                 const QVector<server::MailboxConfig>& mailboxes);

public Q_SLOTS:
    /// Events were committed: look for new replies.
    void eventsAppended();

Q_SIGNALS:
    /// delivery.updated events were committed (for the sync hub).
    void eventsStored();

private:
    void scan();
    void dispatch(const store::OutgoingMail& mail);
    /// Main thread: the worker's result for \a mail.
    void finished(const store::OutgoingMail& mail, const server::MailboxConfig& mailbox,
                  const SmtpSession::Result& result);
    /// Writes the final outcome of \a mail.
    void settle(const store::OutgoingMail& mail, const QString& status, const QString& detail,
                const QString& mailboxName, const QString& messageId);
    void workerLoop();
    /// Sets each sending mailbox's pending gauge from m_held.
    void publishPending();

    QVector<server::MailboxConfig> m_mailboxes;
    server::StoreThread& m_store;
    server::ServerMetrics& m_metrics;
    QTimer m_retryTimer;
    bool m_started = false;
    bool m_scanning = false;
    bool m_rescan = false;
    qint64 m_firstRetryMs = 1000;
    /// Replies handed to the worker and not settled yet.
    QSet<QString> m_inFlight;
    /// A reply this sender claimed and has not settled: its mailbox, and when it is due again after a temporary
    /// failure (0 while it is being sent or settled). The mailbox is chosen at the first claim, so this — not a
    /// store query — is what the pending gauge counts.
    struct Held final {
        QString mailbox;
        qint64 nextAttemptAt = 0;
    };
    QHash<QString, Held> m_held;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::thread m_worker;
};

} // namespace tl::email
