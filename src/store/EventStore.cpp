#include "EventStore.h"

#include "Migrations.h"
#include "SearchText.h"

#include "core/EventKind.h"
#include "core/IdentityResolver.h"
#include "core/Uuid.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>

namespace tl::store {

Q_LOGGING_CATEGORY(lcStore, "threadline.store")

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;

namespace {

QString errorOf(const QSqlQuery& query) {
    return query.lastError().text();
}

/// The columns every event query selects, in the order eventFrom() reads them.
constexpr auto eventColumns =
    "e.id, e.seq, e.customer, e.channel, e.kind, e.occurred_at, e.author, e.identity, e.payload";

core::Event eventFrom(const QSqlQuery& query, int first = 0) {
    core::Event event;
    event.id = query.value(first).toString();
    event.seq = query.value(first + 1).toLongLong();
    event.customer = query.value(first + 2).toString();
    event.channel = core::channelFromName(query.value(first + 3).toString()).value_or(core::Channel::System);
    event.kind = query.value(first + 4).toString();
    event.occurredAt = query.value(first + 5).toLongLong();
    event.author = query.value(first + 6).toString();
    event.identity = query.value(first + 7).toString();
    event.payload = QJsonDocument::fromJson(query.value(first + 8).toString().toUtf8()).object();
    return event;
}

/// NULL for an empty string, so optional columns stay NULL.
QVariant nullable(const QString& text) {
    return text.isEmpty() ? QVariant() : QVariant(text);
}

/// An empty (not null) string for a null one: Qt binds a null QString as SQL NULL.
QString nonNull(const QString& text) {
    return text.isNull() ? QString(u""_s) : text;
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

QString previewOf(const QJsonObject& payload) {
    QString text = payload.value("text"_L1).toString().simplified();
    if (text.isEmpty())
        text = payload.value("subject"_L1).toString().simplified();
    constexpr qsizetype maxPreview = 200;
    if (text.size() > maxPreview)
        text = text.left(maxPreview);
    return text;
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
    qint64 previewAt = -1;
    QString preview;
    qint64 channels = 0;
};

std::atomic<int> connectionCounter{0};

} // namespace

class EventStore::Private final {
public:
    QString connectionName;
    QSqlDatabase db;
    int schemaVersion = 0;
    QString inboundKinds;

    // Statements of the ingest path, prepared once and reused.
    QSqlQuery insertEvent;
    QSqlQuery insertFts;
    QSqlQuery insertCustomer;
    QSqlQuery insertIdentity;
    QSqlQuery lookupIdentity;
    QSqlQuery selectProjection;
    QSqlQuery updateProjection;
    QSqlQuery countUnread;

    /// identity → customer; a read-through cache of the identities table, dropped on rollback.
    QHash<QString, QString> identityCache;
    /// Projection changes of the open transaction, per customer.
    QHash<QString, ProjectionDelta> pending;

    Status prepare();
    Status exec(QSqlQuery& query);
    std::optional<QString> ownerOf(const QString& identity);

    Result<AppendOutcome> ingestOne(const core::ImportRecord& record);
    /// Inserts \a event (and its index entry) unless its id is stored; notes it for the projection.
    Result<AppendOutcome> writeEvent(const core::Event& event, const QString& name);
    Status addIdentity(const QString& identity, const QString& customer, qint64 at);
    Status addOutbox(const QString& eventId, qint64 createdAt);
    Result<core::Event> merge(const QString& into, const QString& from, qint64 at, const QString& author);
    void noteEvent(const core::Event& event);
    /// Folds every pending delta into its customer row.
    Status flushProjections();
    /// Folds the pending delta of one customer, if any.
    Status flushProjection(const QString& customer);
    Status flushProjection(const QString& customer, const ProjectionDelta& delta);
    Status recomputeProjection(const QString& customer, qint64 readAt);
    QString canonical(const QString& customer) const;
    bool customerExists(const QString& id, bool* merged = nullptr) const;
    Result<QString> identityFor(const QString& customer, core::Channel channel) const;
    Result<core::Event> writeAction(core::Event event);
    Result<TimelinePage> timelineQuery(const QString& customer, const QString& condition, const QVariantList& key,
                                       bool descending, int limit) const;

    /// Runs \a body in a transaction, flushing the projections before the commit; rolls back on any failure.
    template <typename T, typename Body> Result<T> transaction(Body body);
    void discardUncommitted();
};

Status EventStore::Private::exec(QSqlQuery& query) {
    if (!query.exec())
        return Status::failure(errorOf(query));
    return {};
}

Status EventStore::Private::prepare() {
    inboundKinds = inboundKindsSql();
    const auto prepareOne = [this](QSqlQuery& query, const QString& sql) {
        query = QSqlQuery(db);
        if (!query.prepare(sql)) {
            qCWarning(lcStore) << "prepare failed:" << sql << query.lastError().text();
            return false;
        }
        return true;
    };
    const bool ok =
        prepareOne(insertEvent, u"INSERT INTO events(id, seq, customer, channel, kind, occurred_at, author, identity, "
                                u"payload) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"_s) &&
        prepareOne(insertFts, u"INSERT INTO events_fts(rowid, body) VALUES(?, ?)"_s) &&
        prepareOne(insertCustomer,
                   u"INSERT INTO customers(id, name, name_key) VALUES(?, ?, ?) ON CONFLICT(id) DO NOTHING"_s) &&
        prepareOne(insertIdentity, u"INSERT INTO identities(identity, customer, linked_at) VALUES(?, ?, ?)"_s) &&
        prepareOne(lookupIdentity, u"SELECT customer FROM identities WHERE identity = ?"_s) &&
        prepareOne(selectProjection,
                   u"SELECT name, status, status_at, last_activity, last_inbound_channel, last_inbound_at, "
                   u"last_reply_at, read_at, unread, preview, preview_at, channels FROM customers WHERE id = ?"_s) &&
        prepareOne(updateProjection,
                   u"UPDATE customers SET name = ?, name_key = ?, state = ?, status = ?, status_at = ?, "
                   u"last_activity = ?, last_inbound_channel = ?, last_inbound_at = ?, last_reply_at = ?, "
                   u"unread = ?, preview = ?, preview_at = ?, channels = ? WHERE id = ?"_s) &&
        prepareOne(countUnread, u"SELECT count(*) FROM events WHERE customer = ? AND occurred_at > ? AND kind IN ("_s +
                                    inboundKinds + u')');
    return ok ? Status()
              : Status::failure(
                    QCoreApplication::translate("tl::store::EventStore", "Could not prepare the database statements."));
}

void EventStore::Private::discardUncommitted() {
    identityCache.clear();
    pending.clear();
}

template <typename T, typename Body> Result<T> EventStore::Private::transaction(Body body) {
    if (!db.transaction())
        return Result<T>::failure(db.lastError().text());
    Result<T> result = body();
    if (result) {
        const Status flushed = flushProjections();
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
    if (cached != identityCache.constEnd())
        return *cached;
    lookupIdentity.bindValue(0, identity);
    if (!lookupIdentity.exec() || !lookupIdentity.next()) {
        lookupIdentity.finish();
        return std::nullopt;
    }
    const QString owner = lookupIdentity.value(0).toString();
    lookupIdentity.finish();
    identityCache.insert(identity, owner);
    return owner;
}

Status EventStore::Private::addIdentity(const QString& identity, const QString& customer, qint64 at) {
    insertIdentity.bindValue(0, identity);
    insertIdentity.bindValue(1, customer);
    insertIdentity.bindValue(2, at);
    if (const Status status = exec(insertIdentity); !status)
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

Result<AppendOutcome> EventStore::Private::writeEvent(const core::Event& event, const QString& name) {
    insertEvent.bindValue(0, event.id);
    insertEvent.bindValue(1, event.seq);
    insertEvent.bindValue(2, event.customer);
    insertEvent.bindValue(3, core::channelName(event.channel));
    insertEvent.bindValue(4, event.kind);
    insertEvent.bindValue(5, event.occurredAt);
    insertEvent.bindValue(6, nullable(event.author));
    insertEvent.bindValue(7, nullable(event.identity));
    insertEvent.bindValue(8, QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)));
    if (!insertEvent.exec())
        return Result<AppendOutcome>::failure(errorOf(insertEvent));
    if (insertEvent.numRowsAffected() == 0)
        return AppendOutcome::Duplicate;
    const qint64 rowid = insertEvent.lastInsertId().toLongLong();

    const QString subject = event.payload.value("subject"_L1).toString();
    const QString text = event.payload.value("text"_L1).toString();
    if (!subject.isEmpty() || !text.isEmpty()) {
        insertFts.bindValue(0, rowid);
        insertFts.bindValue(1, SearchText::forIndex(subject + u'\n' + text + u'\n' + name));
        if (!insertFts.exec())
            return Result<AppendOutcome>::failure(errorOf(insertFts));
    }
    noteEvent(event);
    return AppendOutcome::Added;
}

void EventStore::Private::noteEvent(const core::Event& event) {
    ProjectionDelta& delta = pending[event.customer];
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
    if (isMessage(event.kind) && at >= delta.previewAt) {
        const QString preview = previewOf(event.payload);
        if (!preview.isEmpty()) {
            delta.previewAt = at;
            delta.preview = preview;
        }
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

Status EventStore::Private::flushProjection(const QString& customer) {
    const auto it = pending.constFind(customer);
    if (it == pending.constEnd())
        return {};
    const Status status = flushProjection(customer, it.value());
    pending.remove(customer);
    return status;
}

Status EventStore::Private::flushProjection(const QString& customer, const ProjectionDelta& delta) {
    {
        selectProjection.bindValue(0, customer);
        if (!selectProjection.exec())
            return Status::failure(errorOf(selectProjection));
        if (!selectProjection.next()) {
            selectProjection.finish();
            qCWarning(lcStore) << "no customer row for" << customer;
            return {};
        }
        QString name = selectProjection.value(0).toString();
        QString status = selectProjection.value(1).toString();
        qint64 statusAt = selectProjection.value(2).toLongLong();
        const qint64 lastActivity = std::max(selectProjection.value(3).toLongLong(), delta.lastActivity);
        QVariant lastInboundChannel = selectProjection.value(4);
        qint64 lastInboundAt = selectProjection.value(5).toLongLong();
        const qint64 oldReplyAt = selectProjection.value(6).toLongLong();
        const qint64 readAt = selectProjection.value(7).toLongLong();
        qint64 unread = selectProjection.value(8).toLongLong();
        QString preview = selectProjection.value(9).toString();
        qint64 previewAt = selectProjection.value(10).toLongLong();
        const qint64 channels = selectProjection.value(11).toLongLong() | delta.channels;
        selectProjection.finish();

        if (name.isEmpty() && !delta.name.isEmpty())
            name = delta.name;
        if (delta.lastInboundAt >= 0 && (delta.lastInboundAt > lastInboundAt || lastInboundChannel.isNull())) {
            lastInboundAt = std::max(lastInboundAt, delta.lastInboundAt);
            lastInboundChannel = delta.lastInboundChannel;
        }
        // Unread = inbound events after the newest reply or read mark. When this batch moved that mark, count
        // again from the log (import order is arbitrary); otherwise only this batch's inbound events can add.
        const qint64 replyAt = std::max(oldReplyAt, delta.replyAt);
        const qint64 oldMark = std::max(oldReplyAt, readAt);
        const qint64 mark = std::max(replyAt, readAt);
        if (mark > oldMark) {
            countUnread.bindValue(0, customer);
            countUnread.bindValue(1, mark);
            if (!countUnread.exec() || !countUnread.next())
                return Status::failure(errorOf(countUnread));
            unread = countUnread.value(0).toLongLong();
            countUnread.finish();
        } else {
            unread += std::count_if(delta.inboundTimes.cbegin(), delta.inboundTimes.cend(),
                                    [mark](qint64 at) { return at > mark; });
        }
        if (delta.statusAt >= 0 && delta.statusAt >= statusAt) {
            status = delta.status;
            statusAt = delta.statusAt;
        }
        // A customer writing again after the case was resolved reopens it.
        const bool reopened = status == core::caseStateName(core::CaseState::Resolved) && lastInboundAt > statusAt;
        const QString state = reopened ? core::caseStateName(core::CaseState::Open) : status;
        if (delta.previewAt >= 0 && delta.previewAt >= previewAt) {
            preview = delta.preview;
            previewAt = delta.previewAt;
        }

        updateProjection.bindValue(0, nonNull(name));
        updateProjection.bindValue(1, nonNull(SearchText::foldForSubstring(name)));
        updateProjection.bindValue(2, nonNull(state));
        updateProjection.bindValue(3, nonNull(status));
        updateProjection.bindValue(4, statusAt);
        updateProjection.bindValue(5, lastActivity);
        updateProjection.bindValue(6, lastInboundChannel);
        updateProjection.bindValue(7, lastInboundAt);
        updateProjection.bindValue(8, replyAt);
        updateProjection.bindValue(9, unread);
        updateProjection.bindValue(10, nonNull(preview));
        updateProjection.bindValue(11, previewAt);
        updateProjection.bindValue(12, channels);
        updateProjection.bindValue(13, customer);
        return exec(updateProjection);
    }
}

Status EventStore::Private::recomputeProjection(const QString& customer, qint64 readAt) {
    pending.remove(customer); // replaced by the recomputation, which reads every event
    QSqlQuery reset(db);
    reset.prepare(u"UPDATE customers SET state = 'open', status = 'open', status_at = 0, last_activity = 0, "
                  u"last_inbound_channel = NULL, last_inbound_at = 0, last_reply_at = 0, read_at = ?, unread = 0, "
                  u"preview = '', preview_at = 0, channels = 0 WHERE id = ?"_s);
    reset.bindValue(0, readAt);
    reset.bindValue(1, customer);
    if (const Status status = exec(reset); !status)
        return status;
    QSqlQuery events(db);
    events.setForwardOnly(true);
    events.prepare(u"SELECT "_s + QLatin1StringView(eventColumns) + u" FROM events e WHERE e.customer = ?"_s);
    events.bindValue(0, customer);
    if (const Status status = exec(events); !status)
        return status;
    while (events.next())
        noteEvent(eventFrom(events));
    return flushProjection(customer);
}

Result<AppendOutcome> EventStore::Private::ingestOne(const core::ImportRecord& record) {
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

    // The event first: a stored id must change nothing, not even the identity links the record implies.
    core::Event event = record.event;
    event.customer = resolution.customer;
    const Result<AppendOutcome> written = writeEvent(event, record.name);
    if (!written || written.value() == AppendOutcome::Duplicate)
        return written;

    if (resolution.newCustomer) {
        insertCustomer.bindValue(0, resolution.customer);
        insertCustomer.bindValue(1, nonNull(record.name));
        insertCustomer.bindValue(2, nonNull(SearchText::foldForSubstring(record.name)));
        if (const Status status = exec(insertCustomer); !status)
            return Result<AppendOutcome>::failure(status.error());
        if (const Status status = addIdentity(identities.first(), resolution.customer, at); !status)
            return Result<AppendOutcome>::failure(status.error());
    }
    for (const QString& identity : resolution.linkedIdentities) {
        if (const Status status = addIdentity(identity, resolution.customer, at); !status)
            return Result<AppendOutcome>::failure(status.error());
        core::Event linked;
        linked.id = core::createUuidV7();
        linked.customer = resolution.customer;
        linked.channel = core::Channel::System;
        linked.kind = core::kinds::IdentityLinked;
        linked.occurredAt = at;
        linked.identity = identity;
        linked.payload = QJsonObject{{u"identity"_s, identity}};
        if (const auto result = writeEvent(linked, {}); !result)
            return result;
    }
    for (const QString& from : resolution.mergedCustomers) {
        if (const auto merged = merge(resolution.customer, from, at, {}); !merged)
            return Result<AppendOutcome>::failure(merged.error());
    }
    if (!record.name.isEmpty())
        pending[resolution.customer].name = record.name;
    return AppendOutcome::Added;
}

Result<core::Event> EventStore::Private::merge(const QString& into, const QString& from, qint64 at,
                                               const QString& author) {
    using R = Result<core::Event>;
    // Only the two rows involved have to be current; other customers' deltas stay pending.
    if (const Status flushed = flushProjection(from); !flushed)
        return R::failure(flushed.error());
    if (const Status flushed = flushProjection(into); !flushed)
        return R::failure(flushed.error());

    QSqlQuery query(db);
    query.prepare(u"SELECT identity FROM identities WHERE customer = ?"_s);
    query.bindValue(0, from);
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
        read.prepare(u"SELECT max(read_at) FROM customers WHERE id IN (?, ?)"_s);
        read.bindValue(0, into);
        read.bindValue(1, from);
        if (read.exec() && read.next())
            readAt = read.value(0).toLongLong();
    }
    const std::initializer_list<std::pair<QString, QVariantList>> statements{
        {u"UPDATE identities SET customer = ? WHERE customer = ?"_s, {into, from}},
        {u"UPDATE events SET customer = ? WHERE customer = ?"_s, {into, from}},
        {u"UPDATE customers SET name = (SELECT name FROM customers WHERE id = ?), "
         u"name_key = (SELECT name_key FROM customers WHERE id = ?) WHERE id = ? AND name = ''"_s,
         {from, from, into}},
        {u"UPDATE customers SET merged_into = ? WHERE id = ?"_s, {into, from}},
        // Keep chains one hop long: whoever was merged into \a from now points at \a into.
        {u"UPDATE customers SET merged_into = ? WHERE merged_into = ?"_s, {into, from}},
    };
    for (const auto& [sql, values] : statements) {
        if (const Status status = run(sql, values); !status)
            return R::failure(status.error());
    }

    core::Event event;
    event.id = core::createUuidV7();
    event.customer = into;
    event.channel = core::Channel::System;
    event.kind = core::kinds::CustomerMerged;
    event.occurredAt = at;
    event.author = author;
    event.payload = QJsonObject{{u"from"_s, from}, {u"into"_s, into}};
    if (const auto written = writeEvent(event, {}); !written)
        return R::failure(written.error());
    if (const Status status = recomputeProjection(into, readAt); !status)
        return R::failure(status.error());
    return event;
}

QString EventStore::Private::canonical(const QString& customer) const {
    QString current = customer;
    QSqlQuery query(db);
    query.prepare(u"SELECT merged_into FROM customers WHERE id = ?"_s);
    for (int hops = 0; hops < 64; ++hops) { // merges never form a cycle; the bound only guards a damaged file
        query.bindValue(0, current);
        if (!query.exec() || !query.next())
            break;
        const QString next = query.value(0).toString();
        query.finish();
        if (next.isEmpty() || next == current)
            break;
        current = next;
    }
    return current;
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
        query.prepare(u"SELECT identity FROM identities WHERE customer = ? ORDER BY rowid LIMIT 1"_s);
        query.bindValue(0, customer);
        if (!query.exec())
            return Result<QString>::failure(errorOf(query));
        return query.next() ? query.value(0).toString() : QString();
    }
    query.prepare(u"SELECT identity FROM identities WHERE customer = ? AND substr(identity, 1, length(?)) = ? "
                  u"ORDER BY rowid DESC LIMIT 1"_s);
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
        const auto written = writeEvent(event, {});
        if (!written)
            return Result<core::Event>::failure(written.error());
        if (const Status status = addOutbox(event.id, event.occurredAt); !status)
            return Result<core::Event>::failure(status.error());
        return event;
    });
}

Result<TimelinePage> EventStore::Private::timelineQuery(const QString& customer, const QString& condition,
                                                        const QVariantList& key, bool descending, int limit) const {
    const QString order = descending ? u"DESC"_s : u"ASC"_s;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + QLatin1StringView(eventColumns) + u" FROM events e WHERE e.customer = ?"_s +
                  condition + u" ORDER BY e.occurred_at %1, e.seq %1, e.id %1 LIMIT ?"_s.arg(order));
    int index = 0;
    query.bindValue(index++, canonical(customer));
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
        page.events.append(eventFrom(query));
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

    QSqlQuery pragma(p.db);
    for (const QString& statement : {
             u"PRAGMA journal_mode = WAL"_s,
             u"PRAGMA synchronous = NORMAL"_s,
             u"PRAGMA foreign_keys = ON"_s,
             u"PRAGMA temp_store = MEMORY"_s,
             // Up to 256 MiB, taken only as pages are read: big imports keep the id and timeline indexes cached.
             u"PRAGMA cache_size = -262144"_s,
             u"PRAGMA mmap_size = 268435456"_s,
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
    return d->transaction<AppendOutcome>([&] { return d->ingestOne(record); });
}

Result<IngestStats> EventStore::ingestBatch(const std::vector<core::ImportRecord>& records) {
    return d->transaction<IngestStats>([&]() -> Result<IngestStats> {
        IngestStats stats;
        for (const core::ImportRecord& record : records) {
            const Result<AppendOutcome> outcome = d->ingestOne(record);
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
    if (kind == core::kinds::Note) {
        channel = core::Channel::Note;
    } else if (kind != core::kinds::MessageOut || channel == core::Channel::Note || channel == core::Channel::System) {
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
    const QString target = d->canonical(into);
    const QString source = d->canonical(from);
    if (!d->customerExists(target))
        return R::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(into));
    if (!d->customerExists(source))
        return R::failure(
            QCoreApplication::translate("tl::store::EventStore", "There is no customer with the id %1.").arg(from));
    if (target == source)
        return R::failure(QCoreApplication::translate("tl::store::EventStore", "These are already the same customer."));
    return d->transaction<core::Event>([&]() -> R {
        const R merged = d->merge(target, source, nowMs(), author);
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
    query.prepare(u"SELECT customer FROM identities WHERE identity = ?"_s);
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
    "(SELECT group_concat(identity, char(10)) FROM (SELECT identity FROM identities i WHERE i.customer = c.id "
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
                                 u"EXISTS (SELECT 1 FROM identities i WHERE i.customer = c.id "
                                 u"AND instr(i.identity, ?) > 0)"_s};
        values.append(folded);
        values.append(identityNeedle);
        const QString match = SearchText::matchExpression(text);
        if (!match.isEmpty()) {
            alternatives.append(u"c.id IN (SELECT e.customer FROM events e WHERE e.rowid IN "
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
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + QLatin1StringView(eventColumns) +
                  u" FROM events e WHERE e.customer = ? ORDER BY e.occurred_at, e.seq, e.id"_s);
    query.bindValue(0, d->canonical(customer));
    if (!query.exec())
        return Result<QVector<core::Event>>::failure(errorOf(query));
    QVector<core::Event> events;
    while (query.next())
        events.append(eventFrom(query));
    return events;
}

Result<QVector<SearchHit>> EventStore::search(const QString& text, int limit) const {
    using R = Result<QVector<SearchHit>>;
    const QString match = SearchText::matchExpression(text);
    if (match.isEmpty())
        return QVector<SearchHit>();
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + QLatin1StringView(eventColumns) +
                  u", c.name FROM events e LEFT JOIN customers c ON c.id = e.customer "
                  u"WHERE e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) "
                  u"ORDER BY e.occurred_at DESC, e.seq DESC, e.id DESC LIMIT ?"_s);
    query.bindValue(0, match);
    query.bindValue(1, std::max(limit, 0));
    if (!query.exec()) {
        qCWarning(lcStore) << "search failed for" << match << errorOf(query);
        return R::failure(
            QCoreApplication::translate("tl::store::EventStore", "The search failed: %1").arg(errorOf(query)));
    }
    QVector<SearchHit> hits;
    while (query.next())
        hits.append({eventFrom(query), query.value(9).toString()});
    return hits;
}

Result<QVector<OutboxEntry>> EventStore::pendingOutbox() const {
    QSqlQuery query(d->db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT event_id, created_at, attempts FROM outbox ORDER BY created_at, rowid"_s))
        return Result<QVector<OutboxEntry>>::failure(errorOf(query));
    QVector<OutboxEntry> entries;
    while (query.next())
        entries.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toInt()});
    return entries;
}

} // namespace tl::store
