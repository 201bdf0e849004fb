#pragma once

#include "core/Event.h"
#include "core/ImportRecord.h"
#include "core/Result.h"
#include "core/Role.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace tl::store {

using core::Role;
using core::roleFromName;
using core::roleName;

/// A person who signs in to the server.
struct Account final {
    QString login;
    QString name;
    Role role = Role::Agent;
    bool disabled = false;
    /// The queues the account works (meaningful for agents; supervisors and admins see every queue).
    QStringList queues;
    qint64 createdAt = 0;
};

/// A queue customers are routed to; agents see the customers of their queues.
struct Queue final {
    QString name;
    QString description;
};

/// A signed-in session as the store keeps it (the token itself is never stored).
struct Session final {
    /// SHA-256 of the token, lower-case hex.
    QString tokenHash;
    QString login;
    qint64 createdAt = 0;
    /// Updated by accountForToken() at most once a minute.
    qint64 lastSeenAt = 0;
    bool revoked = false;
};

/// Which events a reader may receive.
struct Visibility final {
    /// True for supervisors and admins: every customer.
    bool all = false;
    /// The queues whose customers are visible when !all.
    QStringList queues;
};

/// A customer as the server's directory lists it (GET /api/v1/customers).
struct CustomerSummary final {
    QString id;
    QString name;
    QString queue;
    /// Its normalized identities, "KIND:VALUE", sorted.
    QStringList identities;
    qint64 createdAt = 0;
};

/// How far a shared mailbox's IMAP folder has been read (docs/email.md): every message with a UID up to lastUid of
/// the folder generation uidValidity is stored. Both 0 for a mailbox never read.
struct MailboxState final {
    quint32 uidValidity = 0;
    quint32 lastUid = 0;
    qint64 updatedAt = 0;
};

/// An agent's reply on the e-mail channel waiting in the outgoing queue (docs/email.md, "Sending"), with what
/// composing it needs from the log.
struct OutgoingMail final {
    /// The message.out event as stored.
    core::Event reply;
    /// The customer's newest message.in on the e-mail channel (id empty when there is none): threading, subject and
    /// the mailbox it came through.
    core::Event lastInbound;
    /// The queue the customer is routed to.
    QString queue;
    /// The display name of the agent who wrote the reply (empty when the account has none).
    QString agentName;
    /// Attempts before this one.
    int attempts = 0;
    /// When the reply entered the queue (milliseconds since the epoch).
    qint64 queuedAt = 0;
};

/// The outcome of applying one submitted event.
struct Applied final {
    QString id;
    /// The event's seq: new, or the one it got the first time (a resubmitted id is applied once).
    qint64 seq = 0;
    /// Set when the event was refused; seq is 0 then.
    QString error;
    /// The customer the event belongs to (after following merges).
    QString customer;
};

/// One workstation's submit: its events, the authenticated login that wrote them and what that login may see.
struct Submission final {
    QVector<core::Event> events;
    QString author;
    Visibility visibility;
};

/// One read of the log for eventsAfterEach(): the visible events after a seq.
struct EventRead final {
    qint64 after = 0;
    Visibility visibility;
};

/// The server's event log and its accounts, in SQLite (embedded default) or PostgreSQL, through QtSql, with
/// one set of migrations for both. One instance per thread (it owns its connection). Seq numbers are assigned
/// in commit order, so a reader that asks for "after seq N" never misses an event committed later with a
/// smaller seq, even with several server instances on one PostgreSQL.
class ServerStore final {
public:
    /// \a url: a file path or "sqlite:PATH" for SQLite, "postgresql://user[:password]@host[:port]/db" for
    /// PostgreSQL. Runs pending migrations.
    [[nodiscard]] static core::Result<std::unique_ptr<ServerStore>> open(const QString& url);
    ~ServerStore();
    ServerStore(const ServerStore&) = delete;
    ServerStore& operator=(const ServerStore&) = delete;

    [[nodiscard]] bool isPostgres() const;

    // --- the log ---------------------------------------------------------------------------------------

    /// Events written by agents on workstations (message.out, note, status.changed, customer.merged, call.*):
    /// each must name its customer (a customer.merged its payload's from/into). Applies each id once; one
    /// transaction for all. \a visibility guards that the author may act on the customer.
    [[nodiscard]] core::Result<QVector<Applied>> applySubmitted(const QVector<core::Event>& events,
                                                                const QString& author, const Visibility& visibility);
    /// Group commit: several submits (of several workstations) in one transaction, applied in order, each exactly
    /// as applySubmitted() applies it — its own author and visibility, results per submit; an id that an earlier
    /// submit of the group stored is acknowledged with its seq. When the shared transaction fails, every submit is
    /// applied again in a transaction of its own, so that one submit's failure is its own.
    [[nodiscard]] QVector<core::Result<QVector<Applied>>> applySubmittedGroup(const QVector<Submission>& submissions);
    /// Inbound events from connectors and imports: resolves the customer from the identities (IdentityResolver),
    /// writes identity.linked / customer.merged events, routes a new customer to \a queue. Idempotent by id.
    [[nodiscard]] core::Result<QVector<Applied>> ingest(const QVector<core::ImportRecord>& records,
                                                        const QString& queue);
    /// Visible events with seq > \a after, in seq order, at most \a limit.
    [[nodiscard]] core::Result<QVector<core::Event>> eventsAfter(qint64 after, int limit,
                                                                 const Visibility& visibility) const;
    /// What eventsAfter() returns for each of \a reads, at most \a limit events each — from one walk of the log,
    /// each event decoded once for all the reads that see it, when one walk covers them (SyncHub's pass: one read
    /// per group of connections); a read the walk does not cover is read on its own.
    [[nodiscard]] QVector<core::Result<QVector<core::Event>>> eventsAfterEach(const QVector<EventRead>& reads,
                                                                              int limit) const;
    /// The newest seq in the log (0 when empty).
    [[nodiscard]] core::Result<qint64> head() const;
    /// Calls \a onAppended (on this store's thread) whenever another connection — another server instance on
    /// the same PostgreSQL — committed events (PostgreSQL LISTEN/NOTIFY on channel "threadline_events"; every
    /// commit that appends events sends NOTIFY with the new head as payload, delivered on commit). On SQLite
    /// there is only one instance, and this returns false.
    [[nodiscard]] bool subscribeToAppends(std::function<void(qint64 head)> onAppended);
    /// The queue a customer is routed to (after following merges).
    [[nodiscard]] core::Result<QString> queueOf(const QString& customer) const;
    /// The events of one customer (after following merges) with seq <= \a upTo, in seq order: what a reader
    /// needs when a customer becomes visible to it (a merge across queues) with history below its cursor.
    [[nodiscard]] core::Result<QVector<core::Event>> customerEvents(const QString& customer, qint64 upTo) const;
    /// The customer that owns \a identity (normalized "KIND:VALUE"); empty when nobody does.
    [[nodiscard]] core::Result<QString> customerOfIdentity(const QString& identity) const;
    /// Surviving (not merged-away) customers visible under \a visibility, newest first, at most \a limit.
    [[nodiscard]] core::Result<QVector<CustomerSummary>> customers(const Visibility& visibility, int limit) const;
    /// The engine's query plan for eventsAfter(), one line per step (for tests and docs).
    [[nodiscard]] core::Result<QString> explainEventsAfter(qint64 after, int limit, const Visibility& visibility) const;

    // --- accounts, sessions and queues -------------------------------------------------------------------

    [[nodiscard]] core::Result<bool> hasAccounts() const;
    /// \a passwordHash is an Argon2id string from PasswordHasher (hashing happens off the event loop).
    [[nodiscard]] core::Status addAccount(const Account& account, const QString& passwordHash);
    [[nodiscard]] core::Result<Account> account(const QString& login) const;
    [[nodiscard]] core::Result<QVector<Account>> accounts() const;
    [[nodiscard]] core::Result<QString> passwordHash(const QString& login) const;
    [[nodiscard]] core::Status setPasswordHash(const QString& login, const QString& passwordHash);
    /// Disabling also revokes every session of the account.
    [[nodiscard]] core::Status setDisabled(const QString& login, bool disabled);
    [[nodiscard]] core::Status setQueues(const QString& login, const QStringList& queues);

    [[nodiscard]] core::Status addQueue(const Queue& queue);
    [[nodiscard]] core::Result<QVector<Queue>> queues() const;

    /// Stores a session for \a login under the SHA-256 of \a token (the token itself is never stored).
    [[nodiscard]] core::Status addSession(const QString& login, const QByteArray& token);
    /// The account a live (not revoked, account not disabled) session token belongs to.
    [[nodiscard]] core::Result<Account> accountForToken(const QByteArray& token) const;
    /// Of the sessions named by the raw SHA-256 of their tokens (what the sync hub keeps), the live ones, with their
    /// accounts as they are now; a revoked session or a disabled account is missing. Does not touch last_seen_at.
    [[nodiscard]] core::Result<QHash<QByteArray, Account>> liveSessions(const QList<QByteArray>& tokenHashes) const;
    [[nodiscard]] core::Status revokeSession(const QByteArray& token);
    [[nodiscard]] core::Status revokeSessionsOf(const QString& login);
    /// The sessions of \a login, newest first (revoked ones too).
    [[nodiscard]] core::Result<QVector<Session>> sessionsOf(const QString& login) const;

    /// Replaces the clock (milliseconds since the epoch, UTC) the store stamps rows with; for tests.
    void setClockForTesting(std::function<qint64()> now);
    /// For tests: applying a submitted event for which \a fail returns a message fails as a database error would
    /// (the transaction rolls back). An empty function turns it off.
    void setSubmitFailureForTesting(std::function<QString(const core::Event&)> fail);

    // --- web chat (src/channels/chat) ------------------------------------------------------------------------

    /// Chat-channel events with seq > \a after, in seq order, at most \a limit: what the chat gateway pushes to
    /// connected visitors.
    [[nodiscard]] core::Result<QVector<core::Event>> chatEventsAfter(qint64 after, int limit) const;
    /// The newest \a limit chat-channel events whose identity is \a identity ("chat:<visitor>"), in seq order: a
    /// visitor's conversation, never the customer's other channels.
    [[nodiscard]] core::Result<QVector<core::Event>> chatEventsOf(const QString& identity, int limit) const;

    // --- e-mail (src/channels/email) ------------------------------------------------------------------------

    /// Where the mailbox \a name was read up to (zeros when never).
    [[nodiscard]] core::Result<MailboxState> mailboxState(const QString& name) const;
    /// Records where the mailbox \a name was read up to.
    [[nodiscard]] core::Status setMailboxState(const QString& name, const MailboxState& state);

    /// Adds every agent reply on the e-mail channel (message.out with an author) committed since the last scan to
    /// the outgoing queue (email_outbox) and moves the scan's cursor; returns how many were added.
    [[nodiscard]] core::Result<int> enqueueOutgoingMail();
    /// At start-up: replies left "sending" by a crash are queued again — unless their outcome event was committed,
    /// then they take that outcome. Returns how many were queued again.
    [[nodiscard]] core::Result<int> recoverOutgoingMail();
    /// Queued replies due at \a now (oldest first, at most \a limit), each marked "sending" with one more attempt.
    [[nodiscard]] core::Result<QVector<OutgoingMail>> claimOutgoingMail(qint64 now, int limit);
    /// How many replies are queued or being sent.
    [[nodiscard]] core::Result<int> pendingOutgoingMail() const;
    /// A temporary failure: the reply is queued again for \a nextAttemptAt.
    [[nodiscard]] core::Status retryOutgoingMail(const QString& eventId, qint64 nextAttemptAt, const QString& error);
    /// The final outcome of a reply: appends \a delivery (a delivery.updated event for the reply's customer; an
    /// id stored already is not appended twice) and sets the reply's status (sent, refused, failed) in one
    /// transaction. Returns the delivery event's seq (0 when it was stored already).
    [[nodiscard]] core::Result<qint64> finishOutgoingMail(const QString& eventId, const QString& status,
                                                          const QString& error, const core::Event& delivery);
    /// The status of a reply in the outgoing queue (empty when it is not there); for tests and the API.
    [[nodiscard]] core::Result<QString> outgoingMailStatus(const QString& eventId) const;
    /// The reply (message.out) the outgoing queue sent — status sent or bounced — with the Message-ID
    /// \a messageId (docs/email.md: "<first 40 hex digits of SHA-256(event id).threadline@domain>", matched on
    /// its local part); nullopt when none. For bounces that come back as mail.
    [[nodiscard]] core::Result<std::optional<core::Event>> sentReplyByMessageId(const QString& messageId) const;

private:
    class Private;
    explicit ServerStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace tl::store
