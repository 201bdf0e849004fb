#pragma once

#include "core/Customer.h"
#include "core/Event.h"
#include "core/ImportRecord.h"
#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>
#include <vector>

namespace tl::store {

/// What happened to one ingested event.
enum class AppendOutcome { Added, Duplicate };

/// Counts of one ingestBatch() call.
struct IngestStats final {
    qint64 imported = 0;
    qint64 duplicates = 0;
};

/// The position of an event in its customer's timeline (occurred_at, seq, id): the keyset for paging.
struct TimelineKey final {
    qint64 occurredAt = 0;
    qint64 seq = 0;
    QString id;

    [[nodiscard]] static TimelineKey of(const core::Event& event) { return {event.occurredAt, event.seq, event.id}; }
};

/// A slice of one customer's timeline, oldest first.
struct TimelinePage final {
    QVector<core::Event> events;
    /// True when older events exist before events.first().
    bool hasOlder = false;
};

/// What the customer list shows. Empty fields filter nothing.
struct CustomerFilter final {
    /// Matches names and identities (substring) and every channel's text (full-text search).
    QString text;
    /// Only customers who have at least one event on this channel.
    std::optional<core::Channel> channel;
    std::optional<core::CaseState> state;
    int limit = 500;
};

/// One full-text search match.
struct SearchHit final {
    core::Event event;
    QString customerName;
};

/// An action written locally that the sync client still has to deliver to the server.
struct OutboxEntry final {
    QString eventId;
    qint64 createdAt = 0;
    int attempts = 0;
    /// Why the server refused it; empty while it is still on its way.
    QString error;
};

/// The server's answer for one submitted outbox entry.
struct Acknowledgement final {
    QString id;
    /// Where the server stored it (> 0), or 0 when refused.
    qint64 seq = 0;
    /// Why it was refused; empty when stored.
    QString error;
};

/// Which customers the server lets the signed-in account see: every queue (a supervisor or admin), or its queues.
struct SyncedVisibility final {
    bool all = false;
    QStringList queues;

    /// True when \a next shows customers this one did not (a new queue, or every queue now): their history below
    /// the cache's resume point was never sent, so the log has to be read again from the start.
    [[nodiscard]] bool gainedIn(const SyncedVisibility& next) const {
        if (all)
            return false;
        if (next.all)
            return true;
        for (const QString& queue : next.queues) {
            if (!queues.contains(queue))
                return true;
        }
        return false;
    }
    friend bool operator==(const SyncedVisibility&, const SyncedVisibility&) = default;
};

/// The local event log and its projections (customers, identities, full-text index, outbox) in one SQLite
/// file. One instance per thread: it owns its own QSqlDatabase connection. Every method is synchronous;
/// the GUI reaches it through StoreClient, which runs it in a worker thread.
class EventStore final {
public:
    /// Opens (creating when missing) the database at \a path, runs pending migrations, and sets WAL mode.
    [[nodiscard]] static core::Result<std::unique_ptr<EventStore>> open(const QString& path);
    ~EventStore();
    EventStore(const EventStore&) = delete;
    EventStore& operator=(const EventStore&) = delete;

    /// The schema version the file is at after open().
    [[nodiscard]] int schemaVersion() const;

    // --- writing ----------------------------------------------------------------------------------------

    /// Resolves the record's customer (IdentityResolver), applies links and merges (writing their
    /// identity.linked / customer.merged events), and appends the event. An id already stored changes
    /// nothing and returns Duplicate.
    [[nodiscard]] core::Result<AppendOutcome> ingest(const core::ImportRecord& record);
    /// ingest() for many records in one transaction; all or nothing on a database error.
    [[nodiscard]] core::Result<IngestStats> ingestBatch(const std::vector<core::ImportRecord>& records);

    /// Writes an agent's action on \a customer — kind message.out (on \a channel), note (channel note), or
    /// chat.ended / chat.transferred (channel chat: the agent ends the customer's chat or hands it over) —
    /// as a local event (seq 0) and, in the same transaction, an outbox entry. The identity is the customer's
    /// newest identity fitting the channel (email → email:, sms/voice → phone:, chat → chat:). Returns the
    /// event as stored.
    [[nodiscard]] core::Result<core::Event> appendOutbound(const QString& customer, core::Channel channel,
                                                           const QString& kind, const QJsonObject& payload,
                                                           const QString& author);
    /// Records a status.changed event (and its outbox entry) and folds it into the customer's state.
    [[nodiscard]] core::Result<core::Event> setState(const QString& customer, core::CaseState state,
                                                     const QString& author);
    /// Merges customer \a from into \a into: identities and events move, a customer.merged event is written
    /// (with an outbox entry). Returns that event.
    [[nodiscard]] core::Result<core::Event> mergeCustomers(const QString& into, const QString& from,
                                                           const QString& author);
    /// Sets the customer's unread count to 0 (a local read mark; not an event).
    [[nodiscard]] core::Status markRead(const QString& customer);

    // --- reading ----------------------------------------------------------------------------------------

    [[nodiscard]] qint64 eventCount() const;
    /// The customer owning a normalized identity ("KIND:VALUE").
    [[nodiscard]] std::optional<QString> customerOf(const QString& identity) const;
    /// Follows merges: the id a customer id now lives on as.
    [[nodiscard]] QString canonicalCustomer(const QString& customer) const;
    [[nodiscard]] core::Result<core::Customer> customer(const QString& id) const;
    /// Customers matching \a filter, newest activity first.
    [[nodiscard]] core::Result<QVector<core::Customer>> customers(const CustomerFilter& filter = {}) const;

    /// The newest \a limit events of the customer, oldest first.
    [[nodiscard]] core::Result<TimelinePage> timelineNewest(const QString& customer, int limit) const;
    /// Up to \a limit events strictly before \a key, oldest first.
    [[nodiscard]] core::Result<TimelinePage> timelineBefore(const QString& customer, const TimelineKey& key,
                                                            int limit) const;
    /// Up to \a limit events strictly after \a key, oldest first (hasOlder is true).
    [[nodiscard]] core::Result<TimelinePage> timelineAfter(const QString& customer, const TimelineKey& key,
                                                           int limit) const;
    /// The whole merged timeline, oldest first.
    [[nodiscard]] core::Result<QVector<core::Event>> timeline(const QString& customer) const;

    /// Full-text search over every channel's text (subject, text, names); newest first. Words match by
    /// prefix; Chinese, Japanese and Korean text matches as a substring. See docs/search.md.
    [[nodiscard]] core::Result<QVector<SearchHit>> search(const QString& text, int limit = 200) const;

    /// Entries not yet acknowledged by the server, oldest first (refused ones included, with their error).
    [[nodiscard]] core::Result<QVector<OutboxEntry>> pendingOutbox() const;

    // --- sync with the server ---------------------------------------------------------------------------

    /// The highest server seq applied to this cache (0 for none): what the sync client resumes after.
    [[nodiscard]] core::Result<qint64> lastServerSeq() const;
    /// What the server let this cache see when it was last synced: every queue, or these queues. nullopt when
    /// unknown (a cache synced by a version that did not record it, or never synced).
    [[nodiscard]] core::Result<std::optional<SyncedVisibility>> syncedVisibility() const;
    /// Records what the cache has been synced under (after a full read when it gained a queue).
    [[nodiscard]] core::Status setSyncedVisibility(const SyncedVisibility& visibility);
    /// Applies events from the server's log (seq > 0, customer set by the server), in one transaction with the
    /// new lastServerSeq. The server's customer ids win: an identity owned here by another customer moves, and
    /// a local customer left without identities is merged into the server's. identity.linked, customer.merged,
    /// customer.updated and status.changed events update the projections as they do at ingest. An event whose
    /// id is stored locally (this workstation's own action coming back) gets its seq and leaves the outbox.
    /// Returns the customers touched.
    [[nodiscard]] core::Result<QStringList> applyFromServer(const QVector<core::Event>& events);
    /// The outbox's events still to deliver (not refused), oldest first, at most \a limit, with the customer
    /// each is about.
    [[nodiscard]] core::Result<QVector<core::Event>> outboxEvents(int limit) const;
    /// Records the server's answers: a stored entry leaves the outbox and its event takes the seq; a refused
    /// one stays, marked with the error (shown on the event). Returns the customers touched.
    [[nodiscard]] core::Result<QStringList> acknowledge(const QVector<Acknowledgement>& acknowledgements);
    /// The outbox entries among \a eventIds (pending or refused), for the timeline's delivery marks.
    [[nodiscard]] core::Result<QVector<OutboxEntry>> outboxEntries(const QStringList& eventIds) const;

private:
    class Private;
    explicit EventStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace tl::store
