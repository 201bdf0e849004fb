#include "EventStore.h"

#include "BatchPreparer.h"
#include "Migrations.h"
#include "PreparedEvent.h"
#include "SearchText.h"
#include "SqliteStatement.h"

#include "core/EventKind.h"
#include "core/IdentityResolver.h"
#include "core/Uuid.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>
#include <limits>

#include <sqlite3.h>

namespace tl::store {

Q_LOGGING_CATEGORY(lcStore, "threadline.store")

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;

namespace {

QString errorOf(const QSqlQuery& query) {
    return query.lastError().text();
}

/// The columns every event query selects, in the order eventFrom() reads them. (events.customer is the customer's
/// key; the caller knows or joins the customer's id.)
constexpr auto eventColumns = "e.id, e.seq, e.channel, e.kind, e.occurred_at, e.author, e.identity, e.payload";
constexpr int eventColumnCount = 8;

core::Event eventFrom(const QSqlQuery& query, const QString& customer) {
    core::Event event;
    event.id = query.value(0).toString();
    event.seq = query.value(1).toLongLong();
    event.customer = customer;
    event.channel = core::channelFromName(query.value(2).toString()).value_or(core::Channel::System);
    event.kind = query.value(3).toString();
    event.occurredAt = query.value(4).toLongLong();
    event.author = query.value(5).toString();
    event.identity = query.value(6).toString();
    event.payload = QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object();
    return event;
}

/// "'message.in','call.missed'": the inbound kinds as an SQL list (constants, not user input).
QString inboundKindsSql() {
    QStringList quotedKinds;
    for (const QString& kind : core::kinds::all()) {
        if (core::kinds::isInbound(kind))
            quotedKinds.append(u'\'' + kind + u'\'');
    }
    return quotedKinds.join(u',');
}

bool isMessage(const QString& kind) {
    return kind == core::kinds::MessageIn || kind == core::kinds::MessageOut;
}

/// An agent's answer or note: what resets the unread count.
bool isReply(const QString& kind) {
    return kind == core::kinds::MessageOut || kind == core::kinds::Note;
}

/// True when \a text has something besides white space, i.e. when simplified() would not make it empty.
bool hasVisibleText(QStringView text) {
    return std::any_of(text.begin(), text.end(), [](QChar ch) { return !ch.isSpace(); });
}

/// The customer list's preview of a message: its text, else its subject, on one line, at most 200 characters.
QString previewOf(const QString& text, const QString& subject) {
    QString preview = hasVisibleText(text) ? text.simplified() : subject.simplified();
    constexpr qsizetype maxPreview = 200;
    if (preview.size() > maxPreview)
        preview.truncate(maxPreview);
    return preview;
}

qint64 channelBit(core::Channel channel) {
    return qint64(1) << static_cast<int>(channel);
}

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

/// What one batch does to one customer's projection; folded into the row at flush time.
struct ProjectionDelta final {
    QString name;
    qint64 lastActivity = 0;
    qint64 lastInboundAt = -1;
    QString lastInboundChannel;
    QVector<qint64> inboundTimes;
    qint64 replyAt = 0;
    qint64 statusAt = -1;
    QString status;
    /// The newest message with text: its time, text and subject (made into the preview at flush time).
    qint64 previewAt = -1;
    QString previewText;
    QString previewSubject;
    qint64 channels = 0;
};

/// A batch this big is a bulk import: its commit may leave up to bulkCheckpointPages in the WAL (see ingestBatch).
constexpr size_t bulkBatchRecords = 1'000;
constexpr int bulkCheckpointPages = 65'536;   // 256 MiB of 4 KiB pages
constexpr int defaultCheckpointPages = 1'000; // SQLite's default

/// event_blocks.block = events.rowid >> eventBlockBits (see Migrations.cpp).
constexpr int eventBlockBits = 10;

std::atomic<int> connectionCounter{0};

/// A customer as the tables refer to it (customers.key) and as the API names it (customers.id).
struct CustomerRef final {
    qint64 key = 0;
    QString id;
};

/// The statements of the ingest path, prepared once on the SQLite C API.
struct IngestStatements final {
    SqliteStatement insertEvent;
    SqliteStatement insertFts;
    SqliteStatement insertCustomer;
    SqliteStatement insertIdentity;
    SqliteStatement lookupIdentity;
    SqliteStatement lookupCustomerKey;
    SqliteStatement lookupEvent;
    SqliteStatement selectProjection;
    SqliteStatement updateProjection;
    SqliteStatement countUnread;
    SqliteStatement dataVersion;
    SqliteStatement updateBlock;
    SqliteStatement customerEvents;
};

} // namespace

class EventStore::Private final {
public:
    QString connectionName;
    QSqlDatabase db;
    /// The SQLite connection under db (owned by QtSql's driver).
    sqlite3* sqlite = nullptr;
    int schemaVersion = 0;
    /// Finalized before the connection closes.
    std::unique_ptr<IngestStatements> statements;
    /// PRAGMA data_version when the caches were last known to match the file; another connection's commit
    /// changes it and makes them stale.
    qint64 knownDataVersion = -1;

    /// identity → customer id; a read-through cache of the identities table, dropped on rollback.
    QHash<QString, CustomerRef> identityCache;
    /// The customer ownerOf() found last: most records resolve to it, so its key needs no lookup.
    CustomerRef lastOwner;
    /// customer id → customers.key; a read-through cache, dropped on rollback.
    QHash<QString, qint64> customerKeys;
    /// Projection changes of the open transaction, per customer key.
    QHash<qint64, ProjectionDelta> pending;
    /// Full-text rows of the open transaction (events.rowid, indexed text as UTF-8), written just before the
    /// commit, one single-row INSERT each: FTS5 writes its pending terms out as a new segment whenever a
    /// statement opens or releases a statement savepoint (any statement that may change several rows does), so
    /// interleaving its rows with the other statements, or inserting several per statement, would cut the index
    /// into many small segments and merge them over and over.
    std::vector<std::pair<qint64, QByteArray>> pendingFts;
    /// event_blocks changes of the open transaction: block → newest occurred_at stored in it.
    QHash<qint64, qint64> pendingBlocks;

    Status prepare();
    Status exec(QSqlQuery& query);
    std::optional<QString> ownerOf(const QString& identity);
    Result<qint64> keyOf(const QString& customer);
    Result<bool> eventStored(const QString& id);

    Result<AppendOutcome> ingestOne(const core::ImportRecord& record, PreparedEvent prepared);
    /// Inserts \a event of customer \a key unless its id is stored; queues its index entry and notes it for the
    /// projection.
    Result<AppendOutcome> writeEvent(const core::Event& event, qint64 key, PreparedEvent prepared);
    Result<qint64> addCustomer(const QString& id, const QString& name);
    Status addIdentity(const QString& identity, const CustomerRef& customer, qint64 at);
    Status addOutbox(const QString& eventId, qint64 createdAt);
    /// Moves \a from's identities and events to \a into and records the merge: \a logged when the server's log
    /// already holds the customer.merged event, else a new one.
    Result<core::Event> merge(const CustomerRef& into, const CustomerRef& from, qint64 at, const QString& author,
                              const core::Event* logged = nullptr);
    /// The local row of a customer the server names, made (without a name) when the cache has none.
    Result<CustomerRef> ensureCustomer(const QString& id);
    /// Makes \a identity belong to \a customer as the server says; a local customer left without identities
    /// by that is folded into \a customer. Adds the customers it changed to \a touched.
    Status claimIdentity(const QString& identity, const CustomerRef& customer, qint64 at, QSet<QString>& touched);
    /// Applies one event of the server's log (see EventStore::applyFromServer).
    Status applyServerEvent(const core::Event& event, QSet<QString>& touched);
    /// Notes \a event in its customer's pending delta; \a text and \a subject are its payload's.
    void noteEvent(qint64 key, const core::Event& event, const QString& text, const QString& subject);
    /// Folds every pending delta into its customer row.
    Status flushProjections();
    /// Folds the pending delta of one customer, if any.
    Status flushProjection(qint64 key);
    Status flushProjection(qint64 key, const ProjectionDelta& delta);
    Status recomputeProjection(qint64 key, qint64 readAt);
    /// Writes the queued full-text rows.
    Status flushFts();
    /// Folds the newest times of the blocks written to into event_blocks.
    Status flushBlocks();
    /// Follows merges from \a customer (an id) to the customer it now lives on; nothing when there is no such id.
    std::optional<CustomerRef> canonicalRef(const QString& customer) const;
    QString canonical(const QString& customer) const;
    bool customerExists(const QString& id, bool* merged = nullptr) const;
    Result<QString> identityFor(const QString& customer, core::Channel channel) const;
    Result<core::Event> writeAction(core::Event event);
    Result<TimelinePage> timelineQuery(const QString& customer, const QString& condition, const QVariantList& key,
                                       bool descending, int limit) const;

    /// Runs \a body in a transaction, flushing the projections before the commit; rolls back on any failure.
    template <typename T, typename Body> Result<T> transaction(Body body);
    /// Drops the caches when another connection has committed since they were filled.
    void checkDataVersion();
    void discardUncommitted();
};

Status EventStore::Private::exec(QSqlQuery& query) {
    if (!query.exec())
        return Status::failure(errorOf(query));
    return {};
}

Status EventStore::Private::prepare() {
    if (!sqlite) {
        qCWarning(lcStore) << "the QSQLITE driver gave no sqlite3 handle";
        return Status::failure(
            QCoreApplication::translate("tl::store::EventStore", "Could not prepare the database statements."));
    }
    statements = std::make_unique<IngestStatements>();
    IngestStatements& s = *statements;
    const std::initializer_list<std::pair<SqliteStatement*, QByteArray>> all{
        {&s.insertEvent, "INSERT INTO events(id, seq, customer, channel, kind, occurred_at, author, identity, payload) "
                         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"},
        {&s.insertFts, "INSERT INTO events_fts(rowid, body) VALUES(?, ?)"},
        {&s.insertCustomer, "INSERT INTO customers(id, name, name_key) VALUES(?, ?, ?) ON CONFLICT(id) DO NOTHING"},
        {&s.insertIdentity, "INSERT INTO identities(identity, customer, linked_at) VALUES(?, ?, ?)"},
        {&s.lookupIdentity,
         "SELECT c.id, c.key FROM identities i JOIN customers c ON c.key = i.customer WHERE i.identity = ?"},
        {&s.lookupCustomerKey, "SELECT key FROM customers WHERE id = ?"},
        {&s.lookupEvent, "SELECT 1 FROM events WHERE id = ?"},
        {&s.selectProjection,
         "SELECT name, status, status_at, last_activity, last_inbound_channel, last_inbound_at, "
         "last_reply_at, read_at, unread, preview, preview_at, channels FROM customers WHERE key = ?"},
        // name_key is recomputed only when the name changes (NULL keeps it).
        {&s.updateProjection, "UPDATE customers SET name = ?1, name_key = coalesce(?2, name_key), state = ?3, "
                              "status = ?4, status_at = ?5, last_activity = ?6, last_inbound_channel = ?7, "
                              "last_inbound_at = ?8, last_reply_at = ?9, unread = ?10, preview = ?11, "
                              "preview_at = ?12, channels = ?13 WHERE key = ?14"},
        {&s.countUnread, "SELECT count(*) FROM events WHERE customer = ? AND occurred_at > ? AND kind IN (" +
                             inboundKindsSql().toUtf8() + ')'},
        {&s.dataVersion, "PRAGMA data_version"},
        {&s.customerEvents, "SELECT kind, channel, occurred_at, payload FROM events WHERE customer = ? "
                            "ORDER BY occurred_at DESC, seq DESC, id DESC"},
        {&s.updateBlock, "INSERT INTO event_blocks(block, newest) VALUES(?, ?) "
                         "ON CONFLICT(block) DO UPDATE SET newest = max(newest, excluded.newest)"},
    };
    for (const auto& [statement, sql] : all) {
        if (const Status prepared = statement->prepare(sqlite, sql); !prepared) {
            qCWarning(lcStore) << "prepare failed:" << sql << prepared.error();
            return Status::failure(
                QCoreApplication::translate("tl::store::EventStore", "Could not prepare the database statements."));
        }
    }
    return {};
}

void EventStore::Private::checkDataVersion() {
    SqliteStatement& query = statements->dataVersion;
    const Result<bool> row = query.step();
    const qint64 version = row && row.value() ? query.int64(0) : -1;
    query.reset();
    if (version != knownDataVersion) {
        identityCache.clear();
        customerKeys.clear();
        lastOwner = {};
        knownDataVersion = version;
    }
}

void EventStore::Private::discardUncommitted() {
    identityCache.clear();
    customerKeys.clear();
    lastOwner = {};
    pending.clear();
    pendingFts.clear();
    pendingBlocks.clear();
}

template <typename T, typename Body> Result<T> EventStore::Private::transaction(Body body) {
    // IMMEDIATE: the write lock is taken (waiting out another connection's writer, as the driver's busy timeout
    // allows) before the first read. A deferred BEGIN reads first and then fails at once with "database is locked"
    // (SQLITE_BUSY_SNAPSHOT) when the sync worker's connection committed in between. db.commit() and db.rollback()
    // end it as usual.
    if (QSqlQuery begin(db); !begin.exec(u"BEGIN IMMEDIATE"_s))
        return Result<T>::failure(errorOf(begin));
    checkDataVersion();
    Result<T> result = body();
    if (result) {
        Status flushed = flushProjections();
        if (flushed)
            flushed = flushBlocks();
        if (flushed)
            flushed = flushFts(); // last: see pendingFts
        if (!flushed)
            result = Result<T>::failure(flushed.error());
        else if (!db.commit())
            result = Result<T>::failure(db.lastError().text());
        else
            return result;
    }
    qCWarning(lcStore) << "rolling back:" << result.error();
    db.rollback();
    discardUncommitted();
    return result;
}

std::optional<QString> EventStore::Private::ownerOf(const QString& identity) {
    const auto cached = identityCache.constFind(identity);
    if (cached != identityCache.constEnd()) {
        lastOwner = *cached;
        return lastOwner.id;
    }
    SqliteStatement& lookup = statements->lookupIdentity;
    lookup.bind(1, identity);
    const Result<bool> found = lookup.step();
    if (!found || !found.value()) {
        lookup.reset();
        return std::nullopt;
    }
    lastOwner = {lookup.int64(1), lookup.text(0)};
    lookup.reset();
    identityCache.insert(identity, lastOwner);
    customerKeys.insert(lastOwner.id, lastOwner.key);
    return lastOwner.id;
}

Result<qint64> EventStore::Private::keyOf(const QString& customer) {
    const auto cached = customerKeys.constFind(customer);
    if (cached != customerKeys.constEnd())
        return *cached;
    SqliteStatement& lookup = statements->lookupCustomerKey;
    lookup.bind(1, customer);
    const Result<bool> found = lookup.step();
    if (!found)
        return Result<qint64>::failure(found.error());
    if (!found.value()) {
        lookup.reset();
        return Result<qint64>::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(customer));
    }
    const qint64 key = lookup.int64(0);
    lookup.reset();
    customerKeys.insert(customer, key);
    return key;
}

Result<bool> EventStore::Private::eventStored(const QString& id) {
    SqliteStatement& lookup = statements->lookupEvent;
    lookup.bind(1, id);
    const Result<bool> found = lookup.step();
    lookup.reset();
    return found;
}

Result<qint64> EventStore::Private::addCustomer(const QString& id, const QString& name) {
    SqliteStatement& insert = statements->insertCustomer;
    insert.bind(1, id);
    insert.bind(2, name);
    insert.bind(3, SearchText::foldForSubstring(name));
    if (const Status status = insert.execute(); !status)
        return Result<qint64>::failure(status.error());
    if (insert.changes() == 0)
        return keyOf(id); // a row left from before (ON CONFLICT DO NOTHING)
    const qint64 key = insert.lastInsertRowid();
    customerKeys.insert(id, key);
    return key;
}

Status EventStore::Private::addIdentity(const QString& identity, const CustomerRef& customer, qint64 at) {
    SqliteStatement& insert = statements->insertIdentity;
    insert.bind(1, identity);
    insert.bind(2, customer.key);
    insert.bind(3, at);
    if (const Status status = insert.execute(); !status)
        return status;
    identityCache.insert(identity, customer);
    return {};
}

Status EventStore::Private::addOutbox(const QString& eventId, qint64 createdAt) {
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO outbox(event_id, created_at) VALUES(?, ?)"_s);
    query.bindValue(0, eventId);
    query.bindValue(1, createdAt);
    return exec(query);
}

Result<AppendOutcome> EventStore::Private::writeEvent(const core::Event& event, qint64 key, PreparedEvent prepared) {
    SqliteStatement& insert = statements->insertEvent;
    insert.bind(1, event.id);
    insert.bind(2, event.seq);
    insert.bind(3, key);
    insert.bind(4, core::channelName(event.channel));
    insert.bind(5, event.kind);
    insert.bind(6, event.occurredAt);
    if (event.author.isEmpty())
        insert.bindNull(7);
    else
        insert.bind(7, event.author);
    if (event.identity.isEmpty())
        insert.bindNull(8);
    else
        insert.bind(8, event.identity);
    insert.bindUtf8(9, std::move(prepared.payload));
    if (const Status status = insert.execute(); !status)
        return Result<AppendOutcome>::failure(status.error());
    if (insert.changes() == 0)
        return AppendOutcome::Duplicate;
    const qint64 rowid = insert.lastInsertRowid();
    if (!prepared.indexText.isEmpty())
        pendingFts.emplace_back(rowid, std::move(prepared.indexText));
    const qint64 block = rowid >> eventBlockBits;
    if (const auto found = pendingBlocks.find(block); found == pendingBlocks.end())
        pendingBlocks.insert(block, event.occurredAt);
    else
        *found = std::max(*found, event.occurredAt);
    noteEvent(key, event, prepared.text, prepared.subject);
    return AppendOutcome::Added;
}

Status EventStore::Private::flushBlocks() {
    SqliteStatement& update = statements->updateBlock;
    for (auto it = pendingBlocks.cbegin(); it != pendingBlocks.cend(); ++it) {
        update.bind(1, it.key());
        update.bind(2, it.value());
        if (const Status status = update.execute(); !status)
            return status;
    }
    pendingBlocks.clear();
    return {};
}

Status EventStore::Private::flushFts() {
    SqliteStatement& insert = statements->insertFts;
    for (auto& [rowid, body] : pendingFts) {
        insert.bind(1, rowid);
        insert.bindUtf8(2, std::move(body));
        if (const Status status = insert.execute(); !status)
            return status;
    }
    pendingFts.clear();
    return {};
}

void EventStore::Private::noteEvent(qint64 key, const core::Event& event, const QString& text, const QString& subject) {
    ProjectionDelta& delta = pending[key];
    const qint64 at = event.occurredAt;
    delta.lastActivity = std::max(delta.lastActivity, at);
    delta.channels |= channelBit(event.channel);
    if (core::kinds::isInbound(event.kind)) {
        delta.inboundTimes.append(at);
        if (at > delta.lastInboundAt) {
            delta.lastInboundAt = at;
            delta.lastInboundChannel = core::channelName(event.channel);
        }
    }
    if (isReply(event.kind))
        delta.replyAt = std::max(delta.replyAt, at);
    if (event.kind == core::kinds::StatusChanged && at >= delta.statusAt) {
        const QString state = event.payload.value("state"_L1).toString();
        if (core::caseStateFromName(state)) {
            delta.statusAt = at;
            delta.status = state;
        }
    }
    if (isMessage(event.kind) && at >= delta.previewAt && (hasVisibleText(text) || hasVisibleText(subject))) {
        delta.previewAt = at;
        delta.previewText = text;
        delta.previewSubject = subject;
    }
}

Status EventStore::Private::flushProjections() {
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        if (const Status status = flushProjection(it.key(), it.value()); !status)
            return status;
    }
    pending.clear();
    return {};
}

Status EventStore::Private::flushProjection(qint64 key) {
    const auto it = pending.constFind(key);
    if (it == pending.constEnd())
        return {};
    const Status status = flushProjection(key, it.value());
    pending.remove(key);
    return status;
}

Status EventStore::Private::flushProjection(qint64 key, const ProjectionDelta& delta) {
    SqliteStatement& select = statements->selectProjection;
    select.bind(1, key);
    const Result<bool> found = select.step();
    if (!found)
        return Status::failure(found.error());
    if (!found.value()) {
        select.reset();
        qCWarning(lcStore) << "no customer row for" << key;
        return {};
    }
    QString name = select.text(0);
    QString status = select.text(1);
    qint64 statusAt = select.int64(2);
    const qint64 oldLastActivity = select.int64(3);
    QString lastInboundChannel = select.isNull(4) ? QString() : select.text(4);
    qint64 lastInboundAt = select.int64(5);
    const qint64 oldReplyAt = select.int64(6);
    const qint64 readAt = select.int64(7);
    qint64 unread = select.int64(8);
    QString preview = select.text(9);
    qint64 previewAt = select.int64(10);
    const qint64 channels = select.int64(11) | delta.channels;
    select.reset();

    const qint64 lastActivity = std::max(oldLastActivity, delta.lastActivity);
    const bool renamed = name.isEmpty() && !delta.name.isEmpty();
    if (renamed)
        name = delta.name;
    if (delta.lastInboundAt >= 0 && (delta.lastInboundAt > lastInboundAt || lastInboundChannel.isNull())) {
        lastInboundAt = std::max(lastInboundAt, delta.lastInboundAt);
        lastInboundChannel = delta.lastInboundChannel;
    }
    // Unread = inbound events after the newest reply or read mark. The delta's inbound events after the mark
    // count; when the delta moved the mark past events stored before it (import order is arbitrary), the count is
    // taken again from the log instead.
    const qint64 replyAt = std::max(oldReplyAt, delta.replyAt);
    const qint64 oldMark = std::max(oldReplyAt, readAt);
    const qint64 mark = std::max(replyAt, readAt);
    const auto newInbound =
        std::count_if(delta.inboundTimes.cbegin(), delta.inboundTimes.cend(), [mark](qint64 at) { return at > mark; });
    if (mark == oldMark) {
        unread += newInbound;
    } else if (oldLastActivity <= mark) {
        unread = newInbound; // nothing stored before is newer than the mark
    } else {
        SqliteStatement& count = statements->countUnread;
        count.bind(1, key);
        count.bind(2, mark);
        const Result<bool> counted = count.step();
        if (!counted)
            return Status::failure(counted.error());
        unread = counted.value() ? count.int64(0) : 0;
        count.reset();
    }
    if (delta.statusAt >= 0 && delta.statusAt >= statusAt) {
        status = delta.status;
        statusAt = delta.statusAt;
    }
    // A customer writing again after the case was resolved reopens it.
    const bool reopened = status == core::caseStateName(core::CaseState::Resolved) && lastInboundAt > statusAt;
    const QString& state = reopened ? core::caseStateName(core::CaseState::Open) : status;
    if (delta.previewAt >= 0 && delta.previewAt >= previewAt) {
        preview = previewOf(delta.previewText, delta.previewSubject);
        previewAt = delta.previewAt;
    }

    SqliteStatement& update = statements->updateProjection;
    update.bind(1, name);
    if (renamed)
        update.bind(2, SearchText::foldForSubstring(name));
    else
        update.bindNull(2);
    update.bind(3, state);
    update.bind(4, status);
    update.bind(5, statusAt);
    update.bind(6, lastActivity);
    if (lastInboundChannel.isNull())
        update.bindNull(7);
    else
        update.bind(7, lastInboundChannel);
    update.bind(8, lastInboundAt);
    update.bind(9, replyAt);
    update.bind(10, unread);
    update.bind(11, preview);
    update.bind(12, previewAt);
    update.bind(13, channels);
    update.bind(14, key);
    return update.execute();
}

Status EventStore::Private::recomputeProjection(qint64 key, qint64 readAt) {
    pending.remove(key); // replaced by the recomputation, which reads every event
    QSqlQuery reset(db);
    reset.prepare(u"UPDATE customers SET state = 'open', status = 'open', status_at = 0, last_activity = 0, "
                  u"last_inbound_channel = NULL, last_inbound_at = 0, last_reply_at = 0, read_at = ?, unread = 0, "
                  u"preview = '', preview_at = 0, channels = 0 WHERE key = ?"_s);
    reset.bindValue(0, readAt);
    reset.bindValue(1, key);
    if (const Status status = exec(reset); !status)
        return status;
    // In reverse timeline order, so that only the payloads that can still decide the status or the preview are
    // parsed: the newest status change and the newest message with text win.
    SqliteStatement& events = statements->customerEvents;
    events.bind(1, key);
    for (;;) {
        const Result<bool> row = events.step();
        if (!row)
            return Status::failure(row.error());
        if (!row.value())
            break;
        core::Event event;
        event.kind = events.text(0);
        event.channel = core::channelFromName(events.text(1)).value_or(core::Channel::System);
        event.occurredAt = events.int64(2);
        const ProjectionDelta& delta = pending[key];
        const bool decidesStatus = event.kind == core::kinds::StatusChanged && event.occurredAt > delta.statusAt;
        const bool decidesPreview = isMessage(event.kind) && event.occurredAt > delta.previewAt;
        QString text;
        QString subject;
        if (decidesStatus || decidesPreview) {
            event.payload = QJsonDocument::fromJson(events.text(3).toUtf8()).object();
            text = event.payload.value("text"_L1).toString();
            subject = event.payload.value("subject"_L1).toString();
        }
        noteEvent(key, event, text, subject);
    }
    events.reset();
    return flushProjection(key);
}

Result<AppendOutcome> EventStore::Private::ingestOne(const core::ImportRecord& record, PreparedEvent prepared) {
    QStringList identities;
    if (!record.event.identity.isEmpty())
        identities.append(record.event.identity);
    for (const QString& identity : record.identities) {
        if (!identity.isEmpty())
            identities.append(identity);
    }
    if (record.event.id.isEmpty())
        return Result<AppendOutcome>::failure(
            QCoreApplication::translate("tl::store::EventStore", "An event without an id cannot be stored."));
    if (identities.isEmpty()) {
        return Result<AppendOutcome>::failure(
            QCoreApplication::translate("tl::store::EventStore",
                                        "Event %1 names no customer identity, so it belongs to no customer.")
                .arg(record.event.id));
    }

    const core::IdentityResolver resolver([this](const QString& identity) { return ownerOf(identity); });
    const core::Resolution resolution = resolver.resolve(identities);
    const qint64 at = record.event.occurredAt;
    using R = Result<AppendOutcome>;

    // The event first: a stored id must change nothing, not even the identity links the record implies.
    core::Event event = record.event;
    event.customer = resolution.customer;
    CustomerRef customer{0, resolution.customer};
    if (resolution.newCustomer) {
        // The event row needs the new customer's key, so the duplicate check comes before the customer row.
        const Result<bool> stored = eventStored(event.id);
        if (!stored)
            return R::failure(stored.error());
        if (stored.value())
            return AppendOutcome::Duplicate;
        const Result<qint64> key = addCustomer(resolution.customer, record.name);
        if (!key)
            return R::failure(key.error());
        customer.key = key.value();
        if (const Status status = addIdentity(identities.first(), customer, at); !status)
            return R::failure(status.error());
    } else if (resolution.customer == lastOwner.id) {
        customer.key = lastOwner.key;
    } else {
        const Result<qint64> key = keyOf(resolution.customer);
        if (!key)
            return R::failure(key.error());
        customer.key = key.value();
    }
    const R written = writeEvent(event, customer.key, std::move(prepared));
    if (!written || written.value() == AppendOutcome::Duplicate)
        return written;

    for (const QString& identity : resolution.linkedIdentities) {
        if (const Status status = addIdentity(identity, customer, at); !status)
            return R::failure(status.error());
        core::Event linked;
        linked.id = core::createUuidV7();
        linked.customer = customer.id;
        linked.channel = core::Channel::System;
        linked.kind = core::kinds::IdentityLinked;
        linked.occurredAt = at;
        linked.identity = identity;
        linked.payload = QJsonObject{{u"identity"_s, identity}};
        if (const R result = writeEvent(linked, customer.key, PreparedEvent::of(linked, {})); !result)
            return result;
    }
    for (const QString& fromId : resolution.mergedCustomers) {
        const Result<qint64> fromKey = keyOf(fromId);
        if (!fromKey)
            return R::failure(fromKey.error());
        if (const auto merged = merge(customer, {fromKey.value(), fromId}, at, {}); !merged)
            return R::failure(merged.error());
    }
    if (!record.name.isEmpty())
        pending[customer.key].name = record.name;
    return AppendOutcome::Added;
}

Result<core::Event> EventStore::Private::merge(const CustomerRef& into, const CustomerRef& from, qint64 at,
                                               const QString& author, const core::Event* logged) {
    using R = Result<core::Event>;
    // Only the two rows involved have to be current; other customers' deltas stay pending.
    if (const Status flushed = flushProjection(from.key); !flushed)
        return R::failure(flushed.error());
    if (const Status flushed = flushProjection(into.key); !flushed)
        return R::failure(flushed.error());

    QSqlQuery query(db);
    query.prepare(u"SELECT identity FROM identities WHERE customer = ?"_s);
    query.bindValue(0, from.key);
    if (const Status status = exec(query); !status)
        return R::failure(status.error());
    while (query.next())
        identityCache.insert(query.value(0).toString(), into);

    const auto run = [this](const QString& sql, const QVariantList& values) {
        QSqlQuery statement(db);
        statement.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            statement.bindValue(i, values.at(i));
        return exec(statement);
    };
    qint64 readAt = 0;
    {
        QSqlQuery read(db);
        read.prepare(u"SELECT max(read_at) FROM customers WHERE key IN (?, ?)"_s);
        read.bindValue(0, into.key);
        read.bindValue(1, from.key);
        if (read.exec() && read.next())
            readAt = read.value(0).toLongLong();
    }
    const std::initializer_list<std::pair<QString, QVariantList>> statements{
        {u"UPDATE identities SET customer = ? WHERE customer = ?"_s, {into.key, from.key}},
        {u"UPDATE events SET customer = ? WHERE customer = ?"_s, {into.key, from.key}},
        {u"UPDATE customers SET name = (SELECT name FROM customers WHERE key = ?), "
         u"name_key = (SELECT name_key FROM customers WHERE key = ?) WHERE key = ? AND name = ''"_s,
         {from.key, from.key, into.key}},
        {u"UPDATE customers SET merged_into = ? WHERE key = ?"_s, {into.key, from.key}},
        // Keep chains one hop long: whoever was merged into \a from now points at \a into.
        {u"UPDATE customers SET merged_into = ? WHERE merged_into = ?"_s, {into.key, from.key}},
    };
    for (const auto& [sql, values] : statements) {
        if (const Status status = run(sql, values); !status)
            return R::failure(status.error());
    }

    core::Event event;
    if (logged) {
        event = *logged;
        event.customer = into.id;
    } else {
        event.id = core::createUuidV7();
        event.customer = into.id;
        event.channel = core::Channel::System;
        event.kind = core::kinds::CustomerMerged;
        event.occurredAt = at;
        event.author = author;
        event.payload = QJsonObject{{u"from"_s, from.id}, {u"into"_s, into.id}};
    }
    if (const auto written = writeEvent(event, into.key, PreparedEvent::of(event, {})); !written)
        return R::failure(written.error());
    if (const Status status = recomputeProjection(into.key, readAt); !status)
        return R::failure(status.error());
    return event;
}

std::optional<CustomerRef> EventStore::Private::canonicalRef(const QString& customer) const {
    QSqlQuery query(db);
    query.prepare(u"SELECT key, merged_into FROM customers WHERE id = ?"_s);
    query.bindValue(0, customer);
    if (!query.exec() || !query.next())
        return std::nullopt;
    CustomerRef current{query.value(0).toLongLong(), customer};
    QVariant next = query.value(1);
    query.finish();
    query.prepare(u"SELECT id, merged_into FROM customers WHERE key = ?"_s);
    for (int hops = 0; hops < 64; ++hops) { // merges never form a cycle; the bound only guards a damaged file
        if (next.isNull() || next.toLongLong() == current.key)
            break;
        query.bindValue(0, next);
        if (!query.exec() || !query.next())
            break;
        current = {next.toLongLong(), query.value(0).toString()};
        next = query.value(1);
        query.finish();
    }
    return current;
}

QString EventStore::Private::canonical(const QString& customer) const {
    const std::optional<CustomerRef> found = canonicalRef(customer);
    return found ? found->id : customer;
}

bool EventStore::Private::customerExists(const QString& id, bool* merged) const {
    QSqlQuery query(db);
    query.prepare(u"SELECT merged_into FROM customers WHERE id = ?"_s);
    query.bindValue(0, id);
    if (!query.exec() || !query.next())
        return false;
    if (merged)
        *merged = !query.value(0).isNull();
    return true;
}

Result<QString> EventStore::Private::identityFor(const QString& customer, core::Channel channel) const {
    QStringList prefixes;
    QString missing;
    switch (channel) {
    case core::Channel::Email:
        prefixes = {u"email:"_s};
        missing = QCoreApplication::translate("tl::store::EventStore", "This customer has no e-mail address.");
        break;
    case core::Channel::Sms:
        prefixes = {u"phone:"_s};
        missing = QCoreApplication::translate("tl::store::EventStore", "This customer has no phone number for SMS.");
        break;
    case core::Channel::Voice:
        prefixes = {u"phone:"_s, u"sip:"_s};
        missing = QCoreApplication::translate("tl::store::EventStore",
                                              "This customer has no phone number or SIP address to call.");
        break;
    case core::Channel::Chat:
        prefixes = {u"chat:"_s};
        missing =
            QCoreApplication::translate("tl::store::EventStore", "This customer has no chat session to answer in.");
        break;
    case core::Channel::Note:
    case core::Channel::System:
        break;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (prefixes.isEmpty()) {
        // A note is about the customer, not sent anywhere: it carries the customer's first identity.
        query.prepare(u"SELECT identity FROM identities WHERE customer = (SELECT key FROM customers WHERE id = ?) "
                      u"ORDER BY rowid LIMIT 1"_s);
        query.bindValue(0, customer);
        if (!query.exec())
            return Result<QString>::failure(errorOf(query));
        return query.next() ? query.value(0).toString() : QString();
    }
    query.prepare(u"SELECT identity FROM identities WHERE customer = (SELECT key FROM customers WHERE id = ?) "
                  u"AND substr(identity, 1, length(?)) = ? ORDER BY rowid DESC LIMIT 1"_s);
    for (const QString& prefix : prefixes) {
        query.bindValue(0, customer);
        query.bindValue(1, prefix);
        query.bindValue(2, prefix);
        if (!query.exec())
            return Result<QString>::failure(errorOf(query));
        if (query.next())
            return query.value(0).toString();
    }
    return Result<QString>::failure(missing);
}

Result<core::Event> EventStore::Private::writeAction(core::Event event) {
    return transaction<core::Event>([&]() -> Result<core::Event> {
        const Result<qint64> key = keyOf(event.customer);
        if (!key)
            return Result<core::Event>::failure(key.error());
        const auto written = writeEvent(event, key.value(), PreparedEvent::of(event, {}));
        if (!written)
            return Result<core::Event>::failure(written.error());
        if (const Status status = addOutbox(event.id, event.occurredAt); !status)
            return Result<core::Event>::failure(status.error());
        return event;
    });
}

Result<TimelinePage> EventStore::Private::timelineQuery(const QString& customer, const QString& condition,
                                                        const QVariantList& key, bool descending, int limit) const {
    const std::optional<CustomerRef> owner = canonicalRef(customer);
    if (!owner)
        return TimelinePage();
    const QString order = descending ? u"DESC"_s : u"ASC"_s;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + QLatin1StringView(eventColumns) + u" FROM events e WHERE e.customer = ?"_s +
                  condition + u" ORDER BY e.occurred_at %1, e.seq %1, e.id %1 LIMIT ?"_s.arg(order));
    int index = 0;
    query.bindValue(index++, owner->key);
    for (const QVariant& value : key)
        query.bindValue(index++, value);
    const int boundedLimit = std::max(limit, 0);
    query.bindValue(index, descending ? boundedLimit + 1 : boundedLimit);
    if (!query.exec())
        return Result<TimelinePage>::failure(errorOf(query));
    TimelinePage page;
    page.events.reserve(boundedLimit);
    while (query.next()) {
        if (page.events.size() == boundedLimit) {
            page.hasOlder = true;
            break;
        }
        page.events.append(eventFrom(query, owner->id));
    }
    if (descending)
        std::reverse(page.events.begin(), page.events.end());
    else
        page.hasOlder = true;
    return page;
}

// --- EventStore ---------------------------------------------------------------------------------------------

EventStore::EventStore(std::unique_ptr<Private> d)
    : d(std::move(d)) {}

EventStore::~EventStore() {
    const QString name = d->connectionName;
    d->statements.reset(); // finalized while the connection is open
    d->db.close();
    d.reset();
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<EventStore>> EventStore::open(const QString& path) {
    using R = Result<std::unique_ptr<EventStore>>;
    auto d = std::make_unique<Private>();
    d->connectionName = u"threadline.store.%1"_s.arg(connectionCounter.fetch_add(1));
    d->db = QSqlDatabase::addDatabase(u"QSQLITE"_s, d->connectionName);
    d->db.setDatabaseName(path);
    d->db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    // The store owns the connection from here on: its destructor removes it, also on the failure paths below.
    std::unique_ptr<EventStore> store(new EventStore(std::move(d)));
    Private& p = *store->d;
    if (!p.db.open())
        return R::failure(QCoreApplication::translate("tl::store::EventStore", "Could not open the database %1: %2")
                              .arg(path, p.db.lastError().text()));
    // Debian's QSQLITE driver links the system libsqlite3, as tl_store does: the handle is usable directly.
    if (const QVariant handle = p.db.driver()->handle();
        handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        p.sqlite = *static_cast<sqlite3* const*>(handle.constData());

    QSqlQuery pragma(p.db);
    for (const QString& statement : {
             u"PRAGMA journal_mode = WAL"_s,
             u"PRAGMA synchronous = NORMAL"_s,
             u"PRAGMA foreign_keys = ON"_s,
             u"PRAGMA temp_store = MEMORY"_s,
             // Up to 256 MiB, taken only as pages are read: big imports keep the id and timeline indexes cached.
             u"PRAGMA cache_size = -262144"_s,
             u"PRAGMA mmap_size = 268435456"_s,
             // After a checkpoint, a WAL that a bulk import grew is cut back to 64 MiB.
             u"PRAGMA journal_size_limit = 67108864"_s,
         }) {
        if (!pragma.exec(statement))
            return R::failure(
                QCoreApplication::translate("tl::store::EventStore", "Could not set up the database %1: %2")
                    .arg(path, errorOf(pragma)));
    }
    const Result<int> version = Migrations::migrate(p.db);
    if (!version)
        return R::failure(version.error());
    p.schemaVersion = version.value();
    if (const Status prepared = p.prepare(); !prepared)
        return R::failure(prepared.error());
    qCDebug(lcStore) << "opened" << path << "at schema" << p.schemaVersion;
    return store;
}

int EventStore::schemaVersion() const {
    return d->schemaVersion;
}

Result<AppendOutcome> EventStore::ingest(const core::ImportRecord& record) {
    return d->transaction<AppendOutcome>(
        [&] { return d->ingestOne(record, PreparedEvent::of(record.event, record.name)); });
}

Result<IngestStats> EventStore::ingestBatch(const std::vector<core::ImportRecord>& records) {
    // A bulk batch's commit writes out most pages of the indexes, and checkpointing after every commit (at 1,000
    // WAL pages) copies them into the database file each time. Bulk batches let the WAL grow to 256 MiB first;
    // everything else keeps the default, so synchronous=NORMAL's power-loss window stays small in daily use (the
    // next small commit, or closing, checkpoints what a bulk import left).
    const bool bulk = records.size() >= bulkBatchRecords;
    if (bulk)
        sqlite3_wal_autocheckpoint(d->sqlite, bulkCheckpointPages);
    const auto restoreCheckpoints = qScopeGuard([this, bulk] {
        if (bulk)
            sqlite3_wal_autocheckpoint(d->sqlite, defaultCheckpointPages);
    });
    return d->transaction<IngestStats>([&]() -> Result<IngestStats> {
        IngestStats stats;
        BatchPreparer preparer(records);
        for (size_t index = 0; index < records.size(); ++index) {
            const Result<AppendOutcome> outcome = d->ingestOne(records[index], preparer.take(index));
            if (!outcome)
                return Result<IngestStats>::failure(outcome.error());
            if (outcome.value() == AppendOutcome::Added)
                ++stats.imported;
            else
                ++stats.duplicates;
        }
        return stats;
    });
}

Result<core::Event> EventStore::appendOutbound(const QString& customer, core::Channel channel, const QString& kind,
                                               const QJsonObject& payload, const QString& author) {
    using R = Result<core::Event>;
    const bool chatAction = kind == core::kinds::ChatEnded || kind == core::kinds::ChatTransferred;
    if (kind == core::kinds::Note) {
        channel = core::Channel::Note;
    } else if (chatAction ? channel != core::Channel::Chat
                          : kind != core::kinds::MessageOut || channel == core::Channel::Note ||
                                channel == core::Channel::System) {
        return R::failure(QCoreApplication::translate(
            "tl::store::EventStore", "Only a reply on a customer channel or a note can be written here."));
    }
    const QString id = d->canonical(customer);
    if (!d->customerExists(id))
        return R::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(customer));
    const Result<QString> identity = d->identityFor(id, channel);
    if (!identity)
        return R::failure(identity.error());

    core::Event event;
    event.id = core::createUuidV7();
    event.customer = id;
    event.channel = channel;
    event.kind = kind;
    event.occurredAt = nowMs();
    event.author = author;
    event.identity = identity.value();
    event.payload = payload;
    return d->writeAction(std::move(event));
}

Result<core::Event> EventStore::setState(const QString& customer, core::CaseState state, const QString& author) {
    const QString id = d->canonical(customer);
    if (!d->customerExists(id))
        return Result<core::Event>::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(customer));
    core::Event event;
    event.id = core::createUuidV7();
    event.customer = id;
    event.channel = core::Channel::System;
    event.kind = core::kinds::StatusChanged;
    event.occurredAt = nowMs();
    event.author = author;
    event.payload = QJsonObject{{u"state"_s, core::caseStateName(state)}};
    return d->writeAction(std::move(event));
}

Result<core::Event> EventStore::mergeCustomers(const QString& into, const QString& from, const QString& author) {
    using R = Result<core::Event>;
    const std::optional<CustomerRef> target = d->canonicalRef(into);
    const std::optional<CustomerRef> source = d->canonicalRef(from);
    if (!target)
        return R::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(into));
    if (!source)
        return R::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(from));
    if (target->key == source->key)
        return R::failure(QCoreApplication::translate("tl::store::EventStore", "These are already the same customer."));
    return d->transaction<core::Event>([&]() -> R {
        const R merged = d->merge(*target, *source, nowMs(), author);
        if (!merged)
            return merged;
        if (const Status status = d->addOutbox(merged.value().id, merged.value().occurredAt); !status)
            return R::failure(status.error());
        return merged;
    });
}

Status EventStore::markRead(const QString& customer) {
    QSqlQuery query(d->db);
    query.prepare(u"UPDATE customers SET unread = 0, read_at = max(read_at, last_inbound_at, ?) WHERE id = ?"_s);
    query.bindValue(0, nowMs());
    query.bindValue(1, d->canonical(customer));
    return d->exec(query);
}

qint64 EventStore::eventCount() const {
    QSqlQuery query(d->db);
    if (!query.exec(u"SELECT count(*) FROM events"_s) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

std::optional<QString> EventStore::customerOf(const QString& identity) const {
    QSqlQuery query(d->db);
    query.prepare(u"SELECT c.id FROM identities i JOIN customers c ON c.key = i.customer WHERE i.identity = ?"_s);
    query.bindValue(0, identity);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

QString EventStore::canonicalCustomer(const QString& customer) const {
    return d->canonical(customer);
}

namespace {

constexpr auto customerColumns =
    "c.id, c.name, c.state, c.last_activity, c.last_inbound_channel, c.unread, c.preview, "
    "(SELECT group_concat(identity, char(10)) FROM (SELECT identity FROM identities i WHERE i.customer = c.key "
    "ORDER BY i.rowid))";

core::Customer customerFrom(const QSqlQuery& query) {
    core::Customer customer;
    customer.id = query.value(0).toString();
    customer.name = query.value(1).toString();
    customer.state = core::caseStateFromName(query.value(2).toString()).value_or(core::CaseState::Open);
    customer.lastActivity = query.value(3).toLongLong();
    customer.lastInboundChannel = core::channelFromName(query.value(4).toString());
    customer.unread = query.value(5).toInt();
    customer.preview = query.value(6).toString();
    const QString identities = query.value(7).toString();
    if (!identities.isEmpty())
        customer.identities = identities.split(u'\n');
    return customer;
}

} // namespace

Result<core::Customer> EventStore::customer(const QString& id) const {
    QSqlQuery query(d->db);
    query.prepare(u"SELECT "_s + QLatin1StringView(customerColumns) + u" FROM customers c WHERE c.id = ?"_s);
    query.bindValue(0, d->canonical(id));
    if (!query.exec())
        return Result<core::Customer>::failure(errorOf(query));
    if (!query.next())
        return Result<core::Customer>::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(id));
    return customerFrom(query);
}

Result<QVector<core::Customer>> EventStore::customers(const CustomerFilter& filter) const {
    using R = Result<QVector<core::Customer>>;
    QString sql =
        u"SELECT "_s + QLatin1StringView(customerColumns) + u" FROM customers c WHERE c.merged_into IS NULL"_s;
    QVariantList values;
    if (filter.state) {
        sql += u" AND c.state = ?"_s;
        values.append(core::caseStateName(*filter.state));
    }
    if (filter.channel) {
        sql += u" AND (c.channels & ?) != 0"_s;
        values.append(channelBit(*filter.channel));
    }
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        const QString folded = SearchText::foldForSubstring(text);
        QString identityNeedle = text.toLower();
        // "601 234 567" finds "phone:+48601234567".
        QString digits = text;
        digits.remove(QRegularExpression(u"[\\s()./-]"_s));
        if (!digits.isEmpty() && QRegularExpression(u"^\\+?[0-9]+$"_s).match(digits).hasMatch())
            identityNeedle = digits;
        QStringList alternatives{u"instr(c.name_key, ?) > 0"_s,
                                 u"EXISTS (SELECT 1 FROM identities i WHERE i.customer = c.key "
                                 u"AND instr(i.identity, ?) > 0)"_s};
        values.append(folded);
        values.append(identityNeedle);
        const QString match = SearchText::matchExpression(text);
        if (!match.isEmpty()) {
            alternatives.append(u"c.key IN (SELECT e.customer FROM events e WHERE e.rowid IN "
                                u"(SELECT rowid FROM events_fts WHERE events_fts MATCH ?))"_s);
            values.append(match);
        }
        sql += u" AND ("_s + alternatives.join(u" OR "_s) + u')';
    }
    sql += u" ORDER BY c.last_activity DESC, c.id LIMIT ?"_s;
    values.append(std::max(filter.limit, 0));

    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return R::failure(errorOf(query));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec())
        return R::failure(errorOf(query));
    QVector<core::Customer> result;
    while (query.next())
        result.append(customerFrom(query));
    return result;
}

Result<TimelinePage> EventStore::timelineNewest(const QString& customer, int limit) const {
    return d->timelineQuery(customer, {}, {}, true, limit);
}

Result<TimelinePage> EventStore::timelineBefore(const QString& customer, const TimelineKey& key, int limit) const {
    return d->timelineQuery(customer, u" AND (e.occurred_at, e.seq, e.id) < (?, ?, ?)"_s,
                            {key.occurredAt, key.seq, key.id}, true, limit);
}

Result<TimelinePage> EventStore::timelineAfter(const QString& customer, const TimelineKey& key, int limit) const {
    return d->timelineQuery(customer, u" AND (e.occurred_at, e.seq, e.id) > (?, ?, ?)"_s,
                            {key.occurredAt, key.seq, key.id}, false, limit);
}

Result<QVector<core::Event>> EventStore::timeline(const QString& customer) const {
    const std::optional<CustomerRef> owner = d->canonicalRef(customer);
    if (!owner)
        return QVector<core::Event>();
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + QLatin1StringView(eventColumns) +
                  u" FROM events e WHERE e.customer = ? ORDER BY e.occurred_at, e.seq, e.id"_s);
    query.bindValue(0, owner->key);
    if (!query.exec())
        return Result<QVector<core::Event>>::failure(errorOf(query));
    QVector<core::Event> events;
    while (query.next())
        events.append(eventFrom(query, owner->id));
    return events;
}

Result<QVector<SearchHit>> EventStore::search(const QString& text, int limit) const {
    using R = Result<QVector<SearchHit>>;
    const QString match = SearchText::matchExpression(text);
    if (match.isEmpty() || limit <= 0)
        return QVector<SearchHit>();
    const auto failed = [&match](const QSqlQuery& query) {
        qCWarning(lcStore) << "search failed for" << match << errorOf(query);
        return R::failure(
            QCoreApplication::translate("tl::store::EventStore", "The search failed: %1").arg(errorOf(query)));
    };

    // Hits come in timeline order, newest first. Sorting every match costs too much for a common word (a fifth of
    // the log), so take only the matches stored last — FTS5 walks its rowids backwards and stops — and sort those.
    // They hold the newest hits when nothing stored before them is newer than the limit-th of them, which
    // event_blocks proves (it always does when events arrive in time order); otherwise the window widens.
    struct Candidate final {
        qint64 rowid = 0;
        qint64 occurredAt = 0;
        qint64 seq = 0;
        QString id;
    };
    const auto newerFirst = [](const Candidate& left, const Candidate& right) {
        if (left.occurredAt != right.occurredAt)
            return left.occurredAt > right.occurredAt;
        if (left.seq != right.seq)
            return left.seq > right.seq;
        return left.id > right.id;
    };
    const auto wanted = static_cast<size_t>(limit);
    std::vector<Candidate> candidates;
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    for (qint64 window = std::max<qint64>(2 * qint64(limit), 64);; window *= 4) {
        query.prepare(u"SELECT e.rowid, e.occurred_at, e.seq, e.id FROM events e WHERE e.rowid IN "
                      u"(SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"_s);
        query.bindValue(0, match);
        query.bindValue(1, window);
        if (!query.exec())
            return failed(query);
        candidates.clear();
        qint64 oldestRowid = std::numeric_limits<qint64>::max();
        while (query.next()) {
            candidates.push_back({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toLongLong(),
                                  query.value(3).toString()});
            oldestRowid = std::min(oldestRowid, candidates.back().rowid);
        }
        std::sort(candidates.begin(), candidates.end(), newerFirst);
        if (qint64(candidates.size()) < window || candidates.size() < wanted)
            break; // every match is a candidate
        query.prepare(u"SELECT max(newest) FROM event_blocks WHERE block <= ?"_s);
        query.bindValue(0, (oldestRowid - 1) >> eventBlockBits);
        if (!query.exec() || !query.next())
            return failed(query);
        if (query.value(0).isNull() || query.value(0).toLongLong() < candidates[wanted - 1].occurredAt)
            break; // nothing stored before the candidates can be among the newest hits
    }
    if (candidates.size() > wanted)
        candidates.resize(wanted);

    // The whole rows, a chunk of rowids (integers of our own, written into the SQL) at a time.
    QHash<qint64, SearchHit> rows;
    constexpr size_t rowsPerQuery = 500;
    for (size_t first = 0; first < candidates.size(); first += rowsPerQuery) {
        QStringList rowids;
        for (size_t index = first; index < std::min(first + rowsPerQuery, candidates.size()); ++index)
            rowids.append(QString::number(candidates[index].rowid));
        if (!query.exec(u"SELECT "_s + QLatin1StringView(eventColumns) +
                        u", c.id, c.name, e.rowid FROM events e LEFT JOIN customers c ON c.key = e.customer "
                        u"WHERE e.rowid IN ("_s +
                        rowids.join(u',') + u')'))
            return failed(query);
        while (query.next())
            rows.insert(query.value(eventColumnCount + 2).toLongLong(),
                        {eventFrom(query, query.value(eventColumnCount).toString()),
                         query.value(eventColumnCount + 1).toString()});
    }
    QVector<SearchHit> hits;
    hits.reserve(qsizetype(candidates.size()));
    for (const Candidate& candidate : candidates)
        hits.append(rows.value(candidate.rowid));
    return hits;
}

Result<QVector<OutboxEntry>> EventStore::pendingOutbox() const {
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT event_id, created_at, attempts, error FROM outbox ORDER BY created_at, rowid"_s))
        return Result<QVector<OutboxEntry>>::failure(errorOf(query));
    QVector<OutboxEntry> entries;
    while (query.next())
        entries.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toInt(),
                        query.value(3).toString()});
    return entries;
}

// --- sync with the server ------------------------------------------------------------------------------------

Result<CustomerRef> EventStore::Private::ensureCustomer(const QString& id) {
    if (const std::optional<CustomerRef> existing = canonicalRef(id))
        return *existing;
    const Result<qint64> key = addCustomer(id, {});
    if (!key)
        return Result<CustomerRef>::failure(key.error());
    return CustomerRef{key.value(), id};
}

Status EventStore::Private::claimIdentity(const QString& identity, const CustomerRef& customer, qint64 at,
                                          QSet<QString>& touched) {
    const std::optional<QString> owner = ownerOf(identity);
    if (!owner)
        return addIdentity(identity, customer, at);
    const std::optional<CustomerRef> current = canonicalRef(*owner);
    if (!current || current->key == customer.key)
        return {};
    // The server knows this identity as another customer's: it moves, and a local customer it leaves without
    // identities was the same person under a locally made id.
    QSqlQuery move(db);
    move.prepare(u"UPDATE identities SET customer = ? WHERE identity = ?"_s);
    move.bindValue(0, customer.key);
    move.bindValue(1, identity);
    if (const Status status = exec(move); !status)
        return status;
    identityCache.insert(identity, customer);
    touched.insert(current->id);
    QSqlQuery left(db);
    left.prepare(u"SELECT count(*) FROM identities WHERE customer = ?"_s);
    left.bindValue(0, current->key);
    if (const Status status = exec(left); !status)
        return status;
    if (left.next() && left.value(0).toLongLong() == 0) {
        if (const auto merged = merge(customer, *current, at, {}); !merged)
            return Status::failure(merged.error());
    } else if (const Status status = recomputeProjection(current->key, 0); !status) {
        return status;
    }
    return {};
}

Status EventStore::Private::applyServerEvent(const core::Event& event, QSet<QString>& touched) {
    const Result<bool> stored = eventStored(event.id);
    if (!stored)
        return Status::failure(stored.error());
    if (stored.value()) {
        // Applied before, or this workstation's own action coming back: it takes its seq and leaves the outbox.
        QSqlQuery update(db);
        update.prepare(u"UPDATE events SET seq = ? WHERE id = ? AND seq = 0"_s);
        update.bindValue(0, event.seq);
        update.bindValue(1, event.id);
        if (const Status status = exec(update); !status)
            return status;
        if (update.numRowsAffected() > 0) {
            QSqlQuery done(db);
            done.prepare(u"DELETE FROM outbox WHERE event_id = ?"_s);
            done.bindValue(0, event.id);
            if (const Status status = exec(done); !status)
                return status;
            touched.insert(canonical(event.customer));
        }
        return {};
    }

    const Result<CustomerRef> customer = ensureCustomer(event.customer);
    if (!customer)
        return Status::failure(customer.error());
    touched.insert(customer.value().id);
    const QString payloadIdentity = event.payload.value("identity"_L1).toString();
    if (!event.identity.isEmpty())
        if (const Status status = claimIdentity(event.identity, customer.value(), event.occurredAt, touched); !status)
            return status;
    if (event.kind == core::kinds::IdentityLinked && !payloadIdentity.isEmpty())
        if (const Status status = claimIdentity(payloadIdentity, customer.value(), event.occurredAt, touched); !status)
            return status;

    if (event.kind == core::kinds::CustomerMerged) {
        const std::optional<CustomerRef> from = canonicalRef(event.payload.value("from"_L1).toString());
        if (from && from->key != customer.value().key) {
            touched.insert(from->id);
            const auto merged = merge(customer.value(), *from, event.occurredAt, event.author, &event);
            return merged ? Status() : Status::failure(merged.error());
        }
    }
    core::Event local = event;
    local.customer = customer.value().id;
    const Result<AppendOutcome> written = writeEvent(local, customer.value().key, PreparedEvent::of(local, QString()));
    if (!written)
        return Status::failure(written.error());
    if (event.kind == core::kinds::CustomerUpdated) {
        const QString name = event.payload.value("name"_L1).toString().simplified();
        if (!name.isEmpty()) {
            if (const Status status = flushProjection(customer.value().key); !status)
                return status;
            QSqlQuery rename(db);
            rename.prepare(u"UPDATE customers SET name = ?, name_key = ? WHERE key = ?"_s);
            rename.bindValue(0, name);
            rename.bindValue(1, SearchText::foldForSubstring(name));
            rename.bindValue(2, customer.value().key);
            if (const Status status = exec(rename); !status)
                return status;
        }
    }
    return {};
}

Result<qint64> EventStore::lastServerSeq() const {
    QSqlQuery query(d->db);
    if (!query.exec(u"SELECT value FROM sync_state WHERE name = 'last_server_seq'"_s))
        return Result<qint64>::failure(errorOf(query));
    return query.next() ? query.value(0).toLongLong() : 0;
}

Result<std::optional<SyncedVisibility>> EventStore::syncedVisibility() const {
    using R = Result<std::optional<SyncedVisibility>>;
    QSqlQuery query(d->db);
    if (!query.exec(u"SELECT name, value FROM sync_state WHERE name IN ('visibility_known', 'visibility_all')"_s))
        return R::failure(errorOf(query));
    bool known = false;
    SyncedVisibility visibility;
    while (query.next()) {
        if (query.value(0).toString() == u"visibility_known")
            known = query.value(1).toLongLong() != 0;
        else
            visibility.all = query.value(1).toLongLong() != 0;
    }
    if (!known)
        return std::optional<SyncedVisibility>();
    if (!query.exec(u"SELECT queue FROM sync_queues ORDER BY queue"_s))
        return R::failure(errorOf(query));
    while (query.next())
        visibility.queues.append(query.value(0).toString());
    return std::optional<SyncedVisibility>(visibility);
}

Status EventStore::setSyncedVisibility(const SyncedVisibility& visibility) {
    const Result<bool> done = d->transaction<bool>([&]() -> Result<bool> {
        QSqlQuery query(d->db);
        query.prepare(u"UPDATE sync_state SET value = ? WHERE name = ?"_s);
        for (const auto& [name, value] :
             {std::pair{u"visibility_known"_s, 1}, std::pair{u"visibility_all"_s, visibility.all ? 1 : 0}}) {
            query.bindValue(0, value);
            query.bindValue(1, name);
            if (const Status status = d->exec(query); !status)
                return Result<bool>::failure(status.error());
        }
        QSqlQuery clear(d->db);
        clear.prepare(u"DELETE FROM sync_queues"_s);
        if (const Status status = d->exec(clear); !status)
            return Result<bool>::failure(status.error());
        QSqlQuery insert(d->db);
        insert.prepare(u"INSERT OR IGNORE INTO sync_queues(queue) VALUES(?)"_s);
        for (const QString& queue : visibility.queues) {
            insert.bindValue(0, queue);
            if (const Status status = d->exec(insert); !status)
                return Result<bool>::failure(status.error());
        }
        return true;
    });
    return done ? Status() : Status::failure(done.error());
}

Result<QStringList> EventStore::applyFromServer(const QVector<core::Event>& events) {
    return d->transaction<QStringList>([&]() -> Result<QStringList> {
        QSet<QString> touched;
        qint64 newest = 0;
        for (const core::Event& event : events) {
            if (event.seq <= 0 || event.customer.isEmpty())
                return Result<QStringList>::failure(
                    u"event %1 from the server has no seq or no customer"_s.arg(event.id));
            if (const Status status = d->applyServerEvent(event, touched); !status)
                return Result<QStringList>::failure(status.error());
            newest = std::max(newest, event.seq);
        }
        QSqlQuery advance(d->db);
        advance.prepare(u"UPDATE sync_state SET value = max(value, ?) WHERE name = 'last_server_seq'"_s);
        advance.bindValue(0, newest);
        if (const Status status = d->exec(advance); !status)
            return Result<QStringList>::failure(status.error());
        QStringList ids;
        for (const QString& id : std::as_const(touched))
            ids.append(d->canonical(id));
        ids.removeDuplicates();
        ids.sort();
        return ids;
    });
}

Result<QVector<core::Event>> EventStore::outboxEvents(int limit) const {
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + QLatin1StringView(eventColumns) +
                  u", c.id FROM outbox o JOIN events e ON e.id = o.event_id JOIN customers c ON c.key = e.customer "
                  u"WHERE o.error IS NULL ORDER BY o.created_at, o.rowid LIMIT ?"_s);
    query.bindValue(0, std::max(1, limit));
    if (!query.exec())
        return Result<QVector<core::Event>>::failure(errorOf(query));
    QVector<core::Event> events;
    while (query.next())
        events.append(eventFrom(query, query.value(eventColumnCount).toString()));
    return events;
}

Result<QStringList> EventStore::acknowledge(const QVector<Acknowledgement>& acknowledgements) {
    return d->transaction<QStringList>([&]() -> Result<QStringList> {
        QStringList touched;
        for (const Acknowledgement& ack : acknowledgements) {
            QSqlQuery owner(d->db);
            owner.prepare(u"SELECT c.id FROM events e JOIN customers c ON c.key = e.customer WHERE e.id = ?"_s);
            owner.bindValue(0, ack.id);
            if (const Status status = d->exec(owner); !status)
                return Result<QStringList>::failure(status.error());
            if (!owner.next())
                continue; // not ours
            touched.append(owner.value(0).toString());
            QSqlQuery write(d->db);
            if (ack.error.isEmpty()) {
                write.prepare(u"UPDATE events SET seq = ? WHERE id = ? AND seq = 0"_s);
                write.bindValue(0, ack.seq);
                write.bindValue(1, ack.id);
                if (const Status status = d->exec(write); !status)
                    return Result<QStringList>::failure(status.error());
                write.prepare(u"DELETE FROM outbox WHERE event_id = ?"_s);
                write.bindValue(0, ack.id);
            } else {
                write.prepare(u"UPDATE outbox SET error = ?, attempts = attempts + 1 WHERE event_id = ?"_s);
                write.bindValue(0, ack.error);
                write.bindValue(1, ack.id);
            }
            if (const Status status = d->exec(write); !status)
                return Result<QStringList>::failure(status.error());
        }
        touched.removeDuplicates();
        touched.sort();
        return touched;
    });
}

Result<QVector<OutboxEntry>> EventStore::outboxEntries(const QStringList& eventIds) const {
    QVector<OutboxEntry> entries;
    if (eventIds.isEmpty())
        return entries;
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    QStringList placeholders(eventIds.size(), u"?"_s);
    query.prepare(u"SELECT event_id, created_at, attempts, error FROM outbox WHERE event_id IN ("_s +
                  placeholders.join(u',') + u')');
    for (qsizetype i = 0; i < eventIds.size(); ++i)
        query.bindValue(int(i), eventIds.at(i));
    if (!query.exec())
        return Result<QVector<OutboxEntry>>::failure(errorOf(query));
    while (query.next())
        entries.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toInt(),
                        query.value(3).toString()});
    return entries;
}

} // namespace tl::store
