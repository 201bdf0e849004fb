#include "ServerStore.h"

#include "ServerMigrations.h"
#include "SqliteStatement.h"
#include "WalCheckpointer.h"

#include "core/EventKind.h"
#include "core/IdentityResolver.h"
#include "core/JsonWriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

namespace tl::store {

Q_LOGGING_CATEGORY(lcServerStore, "threadline.store.server")

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;

// The server's messages are plain English, not tr(): they travel to workstations whose language the server does
// not know, and to the server's own log. (The workstation shows Applied::error as it is.)

namespace {

/// The key of the PostgreSQL advisory lock every appending transaction holds ("tl-event"): appends from all
/// server instances serialize on it, so seq order is commit order.
constexpr qint64 appendLockKey = 0x746c2d6576656e74;
/// A session's last_seen_at is written at most this often (milliseconds).
constexpr qint64 lastSeenGranularity = 60'000;
/// The default queue, created by the first migration.
const QString defaultQueue = u"general"_s;

QString notifyChannel() {
    return u"threadline_events"_s;
}

std::atomic<int> connectionCounter{0};

/// The kinds a workstation may submit: what an agent does. Inbound messages and identity links come from
/// connectors and the server's own resolution only.
bool submittable(const QString& kind) {
    static const QSet<QString> kinds{
        core::kinds::MessageOut,  core::kinds::Note,         core::kinds::StatusChanged,  core::kinds::CustomerMerged,
        core::kinds::CallRinging, core::kinds::CallAnswered, core::kinds::CallEnded,      core::kinds::CallMissed,
        core::kinds::Assigned,    core::kinds::ChatEnded,    core::kinds::ChatTransferred};
    return kinds.contains(kind);
}

bool visibleTo(const Visibility& visibility, const QString& queue) {
    return visibility.all || visibility.queues.contains(queue);
}

QVariant nullableText(const QString& text) {
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

/// \a text for a NOT NULL column: a null QString would be bound as NULL.
QString notNull(const QString& text) {
    return text.isNull() ? QString(u""_s) : text;
}

QString tokenHash(const QByteArray& token) {
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

/// \a url with any password replaced by "***", for messages and logs. Greedy up to the last "@" before the query,
/// so that a password with a raw "/" or "@" in it is hidden too (at worst more is hidden than needed).
QString redacted(const QString& url) {
    static const QRegularExpression password(u"^([A-Za-z][A-Za-z0-9+.-]*://[^/@:?#]*):[^?#]*@"_s);
    QString shown = url;
    shown.replace(password, u"\\1:***@"_s);
    return shown;
}

/// How to reach the database: what open() makes of the URL.
struct ConnectionSpec final {
    SqlDialect dialect = SqlDialect::Sqlite;
    QString databaseName;
    QString host;
    int port = -1;
    QString user;
    QString password;
    QStringList options;
    /// The URL as messages show it (never with the password).
    QString shown;
};

Result<ConnectionSpec> parsePostgresUrl(const QString& text) {
    using R = Result<ConnectionSpec>;
    ConnectionSpec spec;
    spec.dialect = SqlDialect::Postgres;
    spec.shown = redacted(text);
    const QString expected = u"expected postgresql://user[:password]@host[:port]/database"_s;
    const QUrl url(text, QUrl::StrictMode);
    // QUrl's own error strings quote the URL, password included; say what is wrong without them.
    static const QRegularExpression userInfoPattern(u"^[A-Za-z][A-Za-z0-9+.-]*://([^?#]*)@"_s); // up to the last @
    const qsizetype schemeEnd = text.indexOf(u"://"_s) + 3;
    qsizetype hostStart = schemeEnd;
    if (const QRegularExpressionMatch userInfo = userInfoPattern.match(text); userInfo.hasMatch()) {
        if (userInfo.captured(1).contains(u'/') || userInfo.captured(1).contains(u'@'))
            return R::failure(u"The user name or password in the database URL %1 contains \"/\" or \"@\"; write "
                              u"them percent-encoded (%2F, %40)."_s.arg(spec.shown));
        hostStart = userInfo.capturedEnd();
    }
    static const QRegularExpression authorityEnd(u"[/?#]"_s);
    const qsizetype hostEnd = text.indexOf(authorityEnd, hostStart);
    const QString authority = text.mid(hostStart, hostEnd < 0 ? -1 : hostEnd - hostStart);
    static const QRegularExpression portPattern(u":([^:\\]]*)$"_s);
    if (const QRegularExpressionMatch port = portPattern.match(authority); port.hasMatch()) {
        bool numeric = false;
        const int value = port.captured(1).toInt(&numeric);
        if (!numeric || value < 1 || value > 65535)
            return R::failure(
                u"The database URL %1 has an invalid port \"%2\" (%3)."_s.arg(spec.shown, port.captured(1), expected));
    }
    if (!url.isValid())
        return R::failure(u"The database URL %1 is not a valid URL (%2)."_s.arg(spec.shown, expected));
    spec.host = url.host(QUrl::FullyDecoded);
    if (spec.host.isEmpty())
        return R::failure(u"The database URL %1 names no host (%2)."_s.arg(spec.shown, expected));
    spec.port = url.port(-1);
    spec.user = url.userName(QUrl::FullyDecoded);
    spec.password = url.password(QUrl::FullyDecoded);
    spec.databaseName = url.path(QUrl::FullyDecoded);
    if (spec.databaseName.startsWith(u'/'))
        spec.databaseName.remove(0, 1);
    if (spec.databaseName.isEmpty())
        return R::failure(u"The database URL %1 names no database (%2)."_s.arg(spec.shown, expected));
    if (spec.databaseName.contains(u'/'))
        return R::failure(
            u"The database URL %1 has a path; the database name must be one word (%2)."_s.arg(spec.shown, expected));
    if (url.hasFragment())
        return R::failure(u"The database URL %1 has a fragment (#...), which means nothing here."_s.arg(spec.shown));
    // A few libpq settings may follow as a query: ?sslmode=verify-full&connect_timeout=5.
    static const QStringList allowedOptions{u"sslmode"_s, u"sslrootcert"_s,     u"sslcert"_s,
                                            u"sslkey"_s,  u"connect_timeout"_s, u"application_name"_s};
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!allowedOptions.contains(key))
            return R::failure(u"The database URL %1 has the unknown option \"%2\" (known: %3)."_s.arg(
                spec.shown, key, allowedOptions.join(u", "_s)));
        static const QRegularExpression plainValue(u"^[A-Za-z0-9_./+-]+$"_s);
        if (!plainValue.match(value).hasMatch())
            return R::failure(u"The database URL %1 has an unusable value for \"%2\"."_s.arg(spec.shown, key));
        spec.options.append(key + u'=' + value);
    }
    return spec;
}

Result<ConnectionSpec> parseUrl(const QString& text) {
    using R = Result<ConnectionSpec>;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return R::failure(u"No database was given (a file path, sqlite:PATH or postgresql://...)."_s);
    if (trimmed.startsWith(u"postgresql://"_s) || trimmed.startsWith(u"postgres://"_s))
        return parsePostgresUrl(trimmed);
    ConnectionSpec spec;
    spec.dialect = SqlDialect::Sqlite;
    if (trimmed.startsWith(u"sqlite:"_s)) {
        spec.databaseName = trimmed.mid(7);
        if (spec.databaseName.startsWith(u"//"_s))
            spec.databaseName.remove(0, 2);
    } else {
        static const QRegularExpression scheme(u"^([A-Za-z][A-Za-z0-9+.-]*)://"_s);
        if (const QRegularExpressionMatch match = scheme.match(trimmed); match.hasMatch())
            return R::failure(u"The database URL %1 has the unsupported scheme \"%2\" (use a file path, sqlite:PATH or "
                              u"postgresql://user@host/database)."_s.arg(redacted(trimmed), match.captured(1)));
        spec.databaseName = trimmed;
    }
    if (spec.databaseName.isEmpty())
        return R::failure(u"The database URL %1 names no file."_s.arg(trimmed));
    spec.shown = spec.databaseName;
    return spec;
}

/// A stored event's position and owner.
struct StoredEvent final {
    qint64 seq = 0;
    QString customer;
};

/// A customer after following merges.
struct CustomerRow final {
    QString id;
    QString queue;
};

/// The columns every event query selects, in the order eventFrom() reads them.
constexpr auto eventColumns =
    "e.seq, e.id, e.customer, e.channel, e.kind, e.occurred_at, e.author, e.identity, e.payload";

core::Event eventFrom(const QVariantList& row) {
    core::Event event;
    event.seq = row.at(0).toLongLong();
    event.id = row.at(1).toString();
    event.customer = row.at(2).toString();
    event.channel = core::channelFromName(row.at(3).toString()).value_or(core::Channel::System);
    event.kind = row.at(4).toString();
    event.occurredAt = row.at(5).toLongLong();
    event.author = row.at(6).toString();
    event.identity = row.at(7).toString();
    event.payload = QJsonDocument::fromJson(row.at(8).toString().toUtf8()).object();
    return event;
}

} // namespace

class ServerStore::Private final {
public:
    QString connectionName;
    QSqlDatabase db;
    SqlDialect dialect = SqlDialect::Sqlite;
    QString shownUrl;
    std::function<qint64()> clock = [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
    /// Prepared statements by their SQL, reused (on PostgreSQL each prepare is a round trip).
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> statements;
    /// SQLite: the connection's handle, for the statements of the submit path on the C API (QSqlQuery's per-value
    /// QVariants and placeholder look-ups cost more than SQLite's work there). Null on PostgreSQL.
    sqlite3* sqlite = nullptr;
    /// SQLite: appendEvent()'s INSERT and canonicalCustomer()'s look-up (prepared on first use).
    std::unique_ptr<SqliteStatement> sqliteInsertEvent;
    std::unique_ptr<SqliteStatement> sqliteCustomer;
    /// Checkpoints the WAL beside the writer (SQLite only; null when it could not start).
    std::unique_ptr<WalCheckpointer> checkpointer;
    /// prefetchStored()'s look-ups by number of ids.
    std::map<qsizetype, std::unique_ptr<SqliteStatement>> sqliteIdLookups;
    /// The newest seq appended by the open transaction (0: none).
    qint64 appendedHead = 0;
    /// True while writeTransaction() runs its body: the caches below are valid only then (the write lock is held,
    /// so nobody else changes what they hold).
    bool inWriteTransaction = false;
    /// What the open write transaction knows about event ids — looked up in bulk by prefetchStored() or appended by
    /// it; nullopt: not stored. An id with an entry needs no look-up of its own.
    QHash<QString, std::optional<StoredEvent>> knownIds;
    /// Customers the open write transaction looked up (after following merges), by the id asked for; every merge
    /// empties it.
    QHash<QString, CustomerRow> knownCustomers;
    std::function<void(qint64)> onAppended;
    QMetaObject::Connection notificationConnection;
    std::function<QString(const core::Event&)> submitFailure;

    [[nodiscard]] bool postgres() const { return dialect == SqlDialect::Postgres; }

    /// Runs \a sql with \a values bound in order and returns every row (results are read at once, so no open
    /// cursor outlives the call).
    Result<QVector<QVariantList>> select(const QString& sql, const QVariantList& values = {});
    /// Runs \a sql; returns the number of rows it changed.
    Result<int> execute(const QString& sql, const QVariantList& values = {});
    /// Runs \a sql without preparing it (transaction control, settings).
    Status executeDirect(const QString& sql);
    /// select() without preparing (what PostgreSQL cannot PREPARE, such as EXPLAIN).
    Result<QVector<QVariantList>> selectDirect(const QString& sql);
    QSqlQuery* prepared(const QString& sql, QString* error);

    /// Runs \a body in a write transaction. \a appends: the body may append events, so on PostgreSQL the
    /// transaction takes the append lock first and sends NOTIFY with the new head before it commits.
    template <typename T, typename Body> Result<T> writeTransaction(bool appends, Body body);

    Result<std::optional<StoredEvent>> storedEvent(const QString& id);
    /// Looks the stored \a ids up in a few statements (instead of one per id) for storedEvent(); inside a write
    /// transaction only (does nothing outside one).
    Status prefetchStored(const QStringList& ids);
    /// Applies one submit's \a events (in the open write transaction); fails only when the database does.
    Result<QVector<Applied>> applySubmit(const Submission& submission);
    /// Follows merged_into from \a customer; nothing when there is no such customer.
    Result<std::optional<CustomerRow>> canonicalCustomer(const QString& customer);
    /// Appends \a event (its customer set) unless its id is stored; returns its new seq, or nothing for a
    /// duplicate id.
    Result<std::optional<qint64>> appendEvent(const core::Event& event);
    Result<Applied> applyOne(const core::Event& submitted, const QString& author, const Visibility& visibility);
    Result<Applied> applyMerge(core::Event event, const Visibility& visibility);
    /// Moves identities and events of \a from to \a into and marks \a from merged (both are surviving ids).
    Status mergeCustomers(const QString& into, const QString& from);
    Result<Applied> ingestOne(const core::ImportRecord& record, const QString& queue, bool* queueEnsured);
    Status ensureQueue(const QString& queue);
    Result<QStringList> queuesOf(const QString& login);
    Status requireAccount(const QString& login);
    Status requireQueues(const QStringList& queues);
    QString eventsAfterSql(const Visibility& visibility) const;
};

QSqlQuery* ServerStore::Private::prepared(const QString& sql, QString* error) {
    auto it = statements.find(sql);
    if (it == statements.end()) {
        auto query = std::make_unique<QSqlQuery>(db);
        // Rows are read once, in order: the driver need not keep them (QSQLITE caches every row otherwise).
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            *error = u"%1 (in: %2)"_s.arg(query->lastError().text(), sql.left(200));
            return nullptr;
        }
        it = statements.emplace(sql, std::move(query)).first;
    }
    return it->second.get();
}

Result<QVector<QVariantList>> ServerStore::Private::select(const QString& sql, const QVariantList& values) {
    using R = Result<QVector<QVariantList>>;
    QString error;
    QSqlQuery* query = prepared(sql, &error);
    if (!query)
        return R::failure(error);
    for (int i = 0; i < values.size(); ++i)
        query->bindValue(i, values.at(i));
    if (!query->exec()) {
        const QString message = u"%1 (in: %2)"_s.arg(query->lastError().text(), sql.left(200));
        query->finish();
        return R::failure(message);
    }
    QVector<QVariantList> rows;
    const int columns = query->record().count();
    while (query->next()) {
        QVariantList row;
        row.reserve(columns);
        for (int column = 0; column < columns; ++column)
            row.append(query->value(column));
        rows.append(std::move(row));
    }
    query->finish();
    return rows;
}

Result<int> ServerStore::Private::execute(const QString& sql, const QVariantList& values) {
    QString error;
    QSqlQuery* query = prepared(sql, &error);
    if (!query)
        return Result<int>::failure(error);
    for (int i = 0; i < values.size(); ++i)
        query->bindValue(i, values.at(i));
    const bool ok = query->exec();
    const int affected = ok ? query->numRowsAffected() : 0;
    const QString message = ok ? QString() : u"%1 (in: %2)"_s.arg(query->lastError().text(), sql.left(200));
    query->finish();
    if (!ok)
        return Result<int>::failure(message);
    return affected;
}

Result<QVector<QVariantList>> ServerStore::Private::selectDirect(const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql))
        return Result<QVector<QVariantList>>::failure(u"%1 (in: %2)"_s.arg(query.lastError().text(), sql));
    QVector<QVariantList> rows;
    while (query.next()) {
        QVariantList row;
        for (int column = 0; column < query.record().count(); ++column)
            row.append(query.value(column));
        rows.append(std::move(row));
    }
    return rows;
}

Status ServerStore::Private::executeDirect(const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql))
        return Status::failure(u"%1 (in: %2)"_s.arg(query.lastError().text(), sql));
    return {};
}

template <typename T, typename Body> Result<T> ServerStore::Private::writeTransaction(bool appends, Body body) {
    // SQLite: BEGIN IMMEDIATE takes the single write lock up front, so two writers never deadlock upgrading
    // from read to write, and commit order is the order of the lock.
    if (const Status begun = executeDirect(postgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s); !begun)
        return Result<T>::failure(u"Could not start a transaction: %1"_s.arg(begun.error()));
    appendedHead = 0;
    knownIds.clear();
    knownCustomers.clear();
    inWriteTransaction = true;
    Result<T> result = [&]() -> Result<T> {
        if (appends && postgres()) {
            // Held until commit: the next appender assigns its seq only after this transaction is visible.
            if (const Result<QVector<QVariantList>> locked =
                    select(u"SELECT 1 FROM (SELECT pg_advisory_xact_lock(%1)) AS lock"_s.arg(appendLockKey));
                !locked)
                return Result<T>::failure(locked.error());
        }
        return body();
    }();
    inWriteTransaction = false;
    knownIds.clear();
    knownCustomers.clear();
    if (result && appendedHead > 0 && postgres()) {
        // Delivered to the listeners when (and only if) the transaction commits.
        if (const auto notified = select(u"SELECT 1 FROM (SELECT pg_notify(?, ?)) AS notified"_s,
                                         {notifyChannel(), QString::number(appendedHead)});
            !notified)
            result = Result<T>::failure(notified.error());
    }
    if (result) {
        if (const Status committed = executeDirect(u"COMMIT"_s); committed)
            return result;
        else
            result = Result<T>::failure(committed.error());
    }
    qCWarning(lcServerStore) << "rolling back:" << result.error();
    if (const Status rolledBack = executeDirect(u"ROLLBACK"_s); !rolledBack)
        qCWarning(lcServerStore) << "rollback failed:" << rolledBack.error();
    appendedHead = 0;
    return result;
}

Result<std::optional<StoredEvent>> ServerStore::Private::storedEvent(const QString& id) {
    using R = Result<std::optional<StoredEvent>>;
    if (inWriteTransaction) {
        if (const auto known = knownIds.constFind(id); known != knownIds.cend())
            return *known;
    }
    const auto rows = select(u"SELECT seq, customer FROM events WHERE id = ?"_s, {id});
    if (!rows)
        return R::failure(rows.error());
    if (rows.value().isEmpty())
        return std::optional<StoredEvent>();
    const QVariantList& row = rows.value().first();
    return std::optional<StoredEvent>(StoredEvent{row.at(0).toLongLong(), row.at(1).toString()});
}

Status ServerStore::Private::prefetchStored(const QStringList& ids) {
    if (!inWriteTransaction)
        return {};
    QStringList wanted;
    wanted.reserve(ids.size());
    QSet<QString> seen;
    for (const QString& id : ids) {
        if (!id.isEmpty() && !knownIds.contains(id) && !seen.contains(id)) {
            seen.insert(id);
            wanted.append(id);
        }
    }
    // A few statement shapes only (each is prepared once and reused): a short chunk repeats its last id.
    constexpr qsizetype shapes[] = {1, 8, 64};
    for (qsizetype start = 0; start < wanted.size();) {
        const qsizetype remaining = wanted.size() - start;
        qsizetype size = shapes[std::size(shapes) - 1];
        for (const qsizetype shape : shapes) {
            if (shape >= remaining) {
                size = shape;
                break;
            }
        }
        const qsizetype taken = std::min(remaining, size);
        const auto sql = [size] {
            QString placeholders = u"?"_s;
            for (qsizetype i = 1; i < size; ++i)
                placeholders += u", ?"_s;
            return u"SELECT id, seq, customer FROM events WHERE id IN (%1)"_s.arg(placeholders);
        };
        for (qsizetype i = 0; i < taken; ++i)
            knownIds.insert(wanted.at(start + i), std::nullopt);
        if (sqlite) {
            // The C API: QSqlQuery hashes every placeholder's name and wraps every value in a QVariant.
            std::unique_ptr<SqliteStatement>& lookup = sqliteIdLookups[size];
            if (!lookup) {
                auto statement = std::make_unique<SqliteStatement>();
                if (const Status prepared = statement->prepare(sqlite, sql().toUtf8()); !prepared)
                    return prepared;
                lookup = std::move(statement);
            }
            for (qsizetype i = 0; i < size; ++i)
                lookup->bind(static_cast<int>(i + 1), QStringView(wanted.at(start + std::min(i, taken - 1))));
            while (true) {
                const Result<bool> row = lookup->step();
                if (!row) {
                    lookup->reset();
                    return Status::failure(row.error());
                }
                if (!row.value())
                    break;
                knownIds.insert(lookup->text(0), StoredEvent{lookup->int64(1), lookup->text(2)});
            }
            lookup->reset();
        } else {
            QVariantList values;
            values.reserve(size);
            for (qsizetype i = 0; i < size; ++i)
                values.append(wanted.at(start + std::min(i, taken - 1)));
            const auto rows = select(sql(), values);
            if (!rows)
                return Status::failure(rows.error());
            for (const QVariantList& row : rows.value())
                knownIds.insert(row.at(0).toString(), StoredEvent{row.at(1).toLongLong(), row.at(2).toString()});
        }
        start += taken;
    }
    return {};
}

Result<std::optional<CustomerRow>> ServerStore::Private::canonicalCustomer(const QString& customer) {
    using R = Result<std::optional<CustomerRow>>;
    if (inWriteTransaction) {
        if (const auto known = knownCustomers.constFind(customer); known != knownCustomers.cend())
            return std::optional<CustomerRow>(*known);
    }
    QString current = customer;
    // Merges never form a cycle and chains are kept one hop long; the bound only guards a damaged database.
    for (int hops = 0; hops < 64; ++hops) {
        static constexpr char lookupSql[] = "SELECT queue, merged_into FROM customers WHERE id = ?";
        QString queue;
        std::optional<QString> mergedInto;
        if (sqlite) {
            if (!sqliteCustomer) {
                auto statement = std::make_unique<SqliteStatement>();
                if (const Status prepared = statement->prepare(sqlite, lookupSql); !prepared)
                    return R::failure(prepared.error());
                sqliteCustomer = std::move(statement);
            }
            SqliteStatement& lookup = *sqliteCustomer;
            lookup.bind(1, QStringView(current));
            const Result<bool> row = lookup.step();
            if (!row)
                return R::failure(row.error());
            if (!row.value()) {
                lookup.reset();
                return std::optional<CustomerRow>();
            }
            queue = lookup.text(0);
            if (!lookup.isNull(1))
                mergedInto = lookup.text(1);
            lookup.reset();
        } else {
            const auto rows = select(QLatin1StringView(lookupSql), {current});
            if (!rows)
                return R::failure(rows.error());
            if (rows.value().isEmpty())
                return std::optional<CustomerRow>();
            const QVariantList& row = rows.value().first();
            queue = row.at(0).toString();
            if (!row.at(1).isNull())
                mergedInto = row.at(1).toString();
        }
        if (!mergedInto || *mergedInto == current) {
            const CustomerRow found{current, queue};
            if (inWriteTransaction)
                knownCustomers.insert(customer, found);
            return std::optional<CustomerRow>(found);
        }
        current = *mergedInto;
    }
    return R::failure(u"The merges of customer %1 form a cycle."_s.arg(customer));
}

Result<std::optional<qint64>> ServerStore::Private::appendEvent(const core::Event& event) {
    using R = Result<std::optional<qint64>>;
    if (sqlite) {
        // Without RETURNING, which makes SQLite buffer the row in a temporary b-tree opened and closed for every
        // insert: the seq is the new rowid, and no change means the id was stored already.
        static constexpr char sqliteInsertSql[] =
            "INSERT INTO events(id, customer, channel, kind, occurred_at, author, identity, payload, accepted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
        if (!sqliteInsertEvent) {
            auto statement = std::make_unique<SqliteStatement>();
            if (const Status prepared = statement->prepare(sqlite, sqliteInsertSql); !prepared)
                return R::failure(prepared.error());
            sqliteInsertEvent = std::move(statement);
        }
        SqliteStatement& insert = *sqliteInsertEvent;
        insert.bind(1, QStringView(event.id));
        insert.bind(2, QStringView(event.customer));
        insert.bind(3, QStringView(core::channelName(event.channel)));
        insert.bind(4, QStringView(event.kind));
        insert.bind(5, event.occurredAt);
        for (const auto& [parameter, text] : {std::pair{6, &event.author}, std::pair{7, &event.identity}}) {
            if (text->isEmpty())
                insert.bindNull(parameter);
            else
                insert.bind(parameter, QStringView(*text));
        }
        insert.bindUtf8(8, core::json::toJson(event.payload));
        insert.bind(9, clock());
        const Result<bool> row = insert.step();
        if (!row)
            return R::failure(u"%1 (in: %2)"_s.arg(row.error(), QLatin1StringView(sqliteInsertSql).left(200)));
        const std::optional<qint64> seq =
            insert.changes() > 0 ? std::optional<qint64>(insert.lastInsertRowid()) : std::nullopt;
        insert.reset();
        if (seq) {
            appendedHead = std::max(appendedHead, *seq);
            if (inWriteTransaction)
                knownIds.insert(event.id, StoredEvent{*seq, event.customer});
        }
        return seq;
    }
    // RETURNING gives the new seq; a stored id returns no row and changes nothing.
    const auto rows =
        select(u"INSERT INTO events(id, customer, channel, kind, occurred_at, author, identity, payload, accepted_at) "
               u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING seq"_s,
               {event.id, event.customer, core::channelName(event.channel), event.kind, event.occurredAt,
                nullableText(event.author), nullableText(event.identity),
                QString::fromUtf8(core::json::toJson(event.payload)), clock()});
    if (!rows)
        return R::failure(rows.error());
    if (rows.value().isEmpty())
        return std::optional<qint64>();
    const qint64 seq = rows.value().first().at(0).toLongLong();
    appendedHead = std::max(appendedHead, seq);
    if (inWriteTransaction)
        knownIds.insert(event.id, StoredEvent{seq, event.customer});
    return std::optional<qint64>(seq);
}

Result<Applied> ServerStore::Private::applyOne(const core::Event& submitted, const QString& author,
                                               const Visibility& visibility) {
    using R = Result<Applied>;
    Applied applied;
    applied.id = submitted.id;
    applied.customer = submitted.customer;
    if (submitted.id.trimmed().isEmpty()) {
        applied.error = u"An event without an id cannot be applied."_s;
        return applied;
    }
    // A resubmitted id is acknowledged with what it got the first time, whatever changed since (visibility).
    const auto stored = storedEvent(submitted.id);
    if (!stored)
        return R::failure(stored.error());
    if (stored.value()) {
        applied.seq = stored.value()->seq;
        applied.customer = stored.value()->customer;
        return applied;
    }
    if (!submittable(submitted.kind)) {
        applied.error = u"Events of kind \"%1\" cannot be submitted from a workstation."_s.arg(submitted.kind);
        return applied;
    }
    core::Event event = submitted;
    event.seq = 0;
    event.author = author; // the authenticated login, never what the client wrote
    if (event.kind == core::kinds::CustomerMerged)
        return applyMerge(std::move(event), visibility);

    if (event.customer.isEmpty()) {
        applied.error = u"Event %1 names no customer."_s.arg(event.id);
        return applied;
    }
    const auto customer = canonicalCustomer(event.customer);
    if (!customer)
        return R::failure(customer.error());
    if (!customer.value()) {
        applied.error = u"There is no customer %1."_s.arg(event.customer);
        return applied;
    }
    if (!visibleTo(visibility, customer.value()->queue)) {
        applied.error = u"Customer %1 is not in your queues."_s.arg(event.customer);
        return applied;
    }
    event.customer = customer.value()->id;
    applied.customer = event.customer;
    const auto seq = appendEvent(event);
    if (!seq)
        return R::failure(seq.error());
    if (!seq.value()) // cannot happen: the id was checked under the lock
        return R::failure(u"Event %1 was stored concurrently."_s.arg(event.id));
    applied.seq = *seq.value();
    return applied;
}

Result<Applied> ServerStore::Private::applyMerge(core::Event event, const Visibility& visibility) {
    using R = Result<Applied>;
    Applied applied;
    applied.id = event.id;
    applied.customer = event.customer;
    const QString fromId = event.payload.value("from"_L1).toString();
    const QString intoId = event.payload.value("into"_L1).toString();
    if (fromId.isEmpty() || intoId.isEmpty()) {
        applied.error = u"A customer.merged event needs \"from\" and \"into\" customers in its payload."_s;
        return applied;
    }
    const auto from = canonicalCustomer(fromId);
    if (!from)
        return R::failure(from.error());
    const auto into = canonicalCustomer(intoId);
    if (!into)
        return R::failure(into.error());
    for (const auto& [found, id] : {std::pair{&from.value(), fromId}, std::pair{&into.value(), intoId}}) {
        if (!*found) {
            applied.error = u"There is no customer %1."_s.arg(id);
            return applied;
        }
        if (!visibleTo(visibility, (*found)->queue)) {
            applied.error = u"Customer %1 is not in your queues."_s.arg(id);
            return applied;
        }
    }
    if (from.value()->id == into.value()->id) {
        applied.error = u"Customers %1 and %2 are already the same customer."_s.arg(fromId, intoId);
        return applied;
    }
    if (const Status merged = mergeCustomers(into.value()->id, from.value()->id); !merged)
        return R::failure(merged.error());
    // The log names the surviving ids, so every replica applies the same merge.
    event.customer = into.value()->id;
    event.payload.insert(u"from"_s, from.value()->id);
    event.payload.insert(u"into"_s, into.value()->id);
    const auto seq = appendEvent(event);
    if (!seq)
        return R::failure(seq.error());
    if (!seq.value())
        return R::failure(u"Event %1 was stored concurrently."_s.arg(event.id));
    applied.seq = *seq.value();
    applied.customer = event.customer;
    return applied;
}

Status ServerStore::Private::mergeCustomers(const QString& into, const QString& from) {
    // The transaction's caches follow the merge: its events now belong to \a into, and chains change.
    knownCustomers.clear();
    for (auto it = knownIds.begin(); it != knownIds.end(); ++it) {
        if (it.value() && it.value()->customer == from)
            it.value()->customer = into;
    }
    const std::initializer_list<std::pair<QString, QVariantList>> steps{
        {u"UPDATE identities SET customer = ? WHERE customer = ?"_s, {into, from}},
        {u"UPDATE events SET customer = ? WHERE customer = ?"_s, {into, from}},
        // The surviving customer takes over the name when it has none (replicas folding customer.merged do the
        // same).
        {u"UPDATE customers SET name = (SELECT name FROM customers WHERE id = ?) WHERE id = ? AND name = ''"_s,
         {from, into}},
        // Chains stay one hop long: whoever was merged into \a from now points at \a into.
        {u"UPDATE customers SET merged_into = ? WHERE merged_into = ?"_s, {into, from}},
        {u"UPDATE customers SET merged_into = ? WHERE id = ?"_s, {into, from}},
    };
    for (const auto& [sql, values] : steps) {
        if (const Result<int> done = execute(sql, values); !done)
            return Status::failure(done.error());
    }
    return {};
}

Status ServerStore::Private::ensureQueue(const QString& queue) {
    const Result<int> inserted =
        execute(u"INSERT INTO queues(name, description) VALUES (?, '') ON CONFLICT (name) DO NOTHING"_s, {queue});
    if (!inserted)
        return Status::failure(inserted.error());
    if (inserted.value() > 0)
        qCWarning(lcServerStore) << "created the queue" << queue << "for ingested customers";
    return {};
}

Result<Applied> ServerStore::Private::ingestOne(const core::ImportRecord& record, const QString& queue,
                                                bool* queueEnsured) {
    using R = Result<Applied>;
    const core::Event& source = record.event;
    Applied applied;
    applied.id = source.id;
    if (source.id.trimmed().isEmpty()) {
        applied.error = u"An event without an id cannot be stored."_s;
        return applied;
    }
    if (!core::kinds::isKnown(source.kind)) {
        applied.error = u"Event %1 has the unknown kind \"%2\"."_s.arg(source.id, source.kind);
        return applied;
    }
    QStringList identities;
    if (!source.identity.isEmpty())
        identities.append(source.identity);
    for (const QString& identity : record.identities) {
        if (!identity.isEmpty() && !identities.contains(identity))
            identities.append(identity);
    }
    if (identities.isEmpty()) {
        applied.error = u"Event %1 names no customer identity, so it belongs to no customer."_s.arg(source.id);
        return applied;
    }
    // The event first: a stored id changes nothing, not even the links its record implies.
    const auto stored = storedEvent(source.id);
    if (!stored)
        return R::failure(stored.error());
    if (stored.value()) {
        applied.seq = stored.value()->seq;
        applied.customer = stored.value()->customer;
        return applied;
    }

    QString lookupError;
    const core::IdentityResolver resolver([&](const QString& identity) -> std::optional<QString> {
        const auto rows = select(u"SELECT customer FROM identities WHERE identity = ?"_s, {identity});
        if (!rows) {
            lookupError = rows.error();
            return std::nullopt;
        }
        if (rows.value().isEmpty())
            return std::nullopt;
        return rows.value().first().at(0).toString();
    });
    const core::Resolution resolution = resolver.resolve(identities);
    if (!lookupError.isEmpty())
        return R::failure(lookupError);
    const qint64 at = source.occurredAt;
    QString customer = resolution.customer;
    if (resolution.newCustomer) {
        if (!*queueEnsured) {
            if (const Status ensured = ensureQueue(queue); !ensured)
                return R::failure(ensured.error());
            *queueEnsured = true;
        }
        const Result<int> inserted = execute(u"INSERT INTO customers(id, name, queue, created_at) VALUES (?, '', ?, ?) "
                                             u"ON CONFLICT (id) DO NOTHING"_s,
                                             {customer, queue, clock()});
        if (!inserted)
            return R::failure(inserted.error());
        if (inserted.value() == 0) {
            // The id is derived from the first identity; a row can only exist already if that identity was
            // moved away by hand. Use whatever the row now lives on as.
            const auto existing = canonicalCustomer(customer);
            if (!existing)
                return R::failure(existing.error());
            if (existing.value())
                customer = existing.value()->id;
        }
        if (const Result<int> linked =
                execute(u"INSERT INTO identities(identity, customer, linked_at) VALUES (?, ?, ?)"_s,
                        {identities.first(), customer, at});
            !linked)
            return R::failure(linked.error());
    }

    core::Event event = source;
    event.seq = 0;
    event.customer = customer;
    const auto seq = appendEvent(event);
    if (!seq)
        return R::failure(seq.error());
    if (!seq.value())
        return R::failure(u"Event %1 was stored concurrently."_s.arg(event.id));
    applied.seq = *seq.value();
    applied.customer = customer;

    // What the record proves about the customer set is written as events with ids derived from the event's id,
    // so that replicas deriving the same facts make the same ids (and a re-run changes nothing).
    const auto writeSystemEvent = [&](const QString& id, const QString& kind, const QString& identity,
                                      const QJsonObject& payload) -> Status {
        core::Event derived;
        derived.id = id;
        derived.customer = customer;
        derived.channel = core::Channel::System;
        derived.kind = kind;
        derived.occurredAt = at;
        derived.identity = identity;
        derived.payload = payload;
        const auto written = appendEvent(derived);
        return written ? Status() : Status::failure(written.error());
    };
    for (const QString& identity : resolution.linkedIdentities) {
        if (const Result<int> linked = execute(
                u"INSERT INTO identities(identity, customer, linked_at) VALUES (?, ?, ?)"_s, {identity, customer, at});
            !linked)
            return R::failure(linked.error());
        if (const Status written = writeSystemEvent(u"link:%1:%2"_s.arg(source.id, identity),
                                                    core::kinds::IdentityLinked, identity, {{u"identity"_s, identity}});
            !written)
            return R::failure(written.error());
    }
    for (const QString& from : resolution.mergedCustomers) {
        if (const Status merged = mergeCustomers(customer, from); !merged)
            return R::failure(merged.error());
        if (const Status written = writeSystemEvent(u"merge:%1:%2"_s.arg(source.id, from), core::kinds::CustomerMerged,
                                                    {}, {{u"from"_s, from}, {u"into"_s, customer}});
            !written)
            return R::failure(written.error());
    }
    // A name fills an empty customer name, never overwrites one; replicas learn it from customer.updated.
    const QString name = record.name.simplified();
    if (!name.isEmpty()) {
        const Result<int> named =
            execute(u"UPDATE customers SET name = ? WHERE id = ? AND name = ''"_s, {name, customer});
        if (!named)
            return R::failure(named.error());
        if (named.value() > 0) {
            if (const Status written = writeSystemEvent(u"name:%1"_s.arg(source.id), core::kinds::CustomerUpdated,
                                                        identities.first(), {{u"name"_s, name}});
                !written)
                return R::failure(written.error());
        }
    }
    return applied;
}

Result<QStringList> ServerStore::Private::queuesOf(const QString& login) {
    const auto rows = select(u"SELECT queue FROM account_queues WHERE login = ? ORDER BY queue"_s, {login});
    if (!rows)
        return Result<QStringList>::failure(rows.error());
    QStringList queues;
    for (const QVariantList& row : rows.value())
        queues.append(row.at(0).toString());
    return queues;
}

Status ServerStore::Private::requireAccount(const QString& login) {
    const auto rows = select(u"SELECT 1 FROM accounts WHERE login = ?"_s, {login});
    if (!rows)
        return Status::failure(rows.error());
    if (rows.value().isEmpty())
        return Status::failure(u"There is no account %1."_s.arg(login));
    return {};
}

Status ServerStore::Private::requireQueues(const QStringList& queues) {
    for (const QString& queue : queues) {
        const auto rows = select(u"SELECT 1 FROM queues WHERE name = ?"_s, {queue});
        if (!rows)
            return Status::failure(rows.error());
        if (rows.value().isEmpty())
            return Status::failure(u"There is no queue %1."_s.arg(queue));
    }
    return {};
}

QString ServerStore::Private::eventsAfterSql(const Visibility& visibility) const {
    const QString columns = QLatin1StringView(eventColumns);
    if (visibility.all)
        return u"SELECT %1 FROM events e WHERE e.seq > ? ORDER BY e.seq LIMIT ?"_s.arg(columns);
    // CROSS JOIN makes SQLite walk the events in seq order (the primary key) and look each customer up, which
    // LIMIT cuts short; PostgreSQL treats it as an inner join and plans the same walk (see docs/server-store.md).
    QStringList placeholders;
    for (qsizetype i = 0; i < visibility.queues.size(); ++i)
        placeholders.append(u"?"_s);
    return u"SELECT %1 FROM events e CROSS JOIN customers c WHERE c.id = e.customer AND e.seq > ? "
           u"AND c.queue IN (%2) ORDER BY e.seq LIMIT ?"_s.arg(columns, placeholders.join(u", "_s));
}

// --- ServerStore --------------------------------------------------------------------------------------------

ServerStore::ServerStore(std::unique_ptr<Private> d)
    : d(std::move(d)) {}

ServerStore::~ServerStore() {
    const QString name = d->connectionName;
    QObject::disconnect(d->notificationConnection);
    d->statements.clear();
    // Finalized before the connection closes.
    d->sqliteInsertEvent.reset();
    d->sqliteCustomer.reset();
    d->sqliteIdLookups.clear();
    d->checkpointer.reset();
    d->db.close();
    d.reset();
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<ServerStore>> ServerStore::open(const QString& url) {
    using R = Result<std::unique_ptr<ServerStore>>;
    const Result<ConnectionSpec> parsed = parseUrl(url);
    if (!parsed)
        return R::failure(parsed.error());
    const ConnectionSpec& spec = parsed.value();

    auto d = std::make_unique<Private>();
    d->dialect = spec.dialect;
    d->shownUrl = spec.shown;
    d->connectionName = u"threadline.serverstore.%1"_s.arg(connectionCounter.fetch_add(1));
    const bool postgres = spec.dialect == SqlDialect::Postgres;
    if (!QSqlDatabase::isDriverAvailable(postgres ? u"QPSQL"_s : u"QSQLITE"_s))
        return R::failure(postgres ? u"The PostgreSQL driver for Qt (QPSQL, Debian package libqt6sql6-psql) is not "
                                     u"installed."_s
                                   : u"The SQLite driver for Qt (QSQLITE) is not installed."_s);
    d->db = QSqlDatabase::addDatabase(postgres ? u"QPSQL"_s : u"QSQLITE"_s, d->connectionName);
    d->db.setDatabaseName(spec.databaseName);
    if (postgres) {
        d->db.setHostName(spec.host);
        if (spec.port > 0)
            d->db.setPort(spec.port);
        d->db.setUserName(spec.user);
        d->db.setPassword(spec.password);
        d->db.setConnectOptions(spec.options.join(u';'));
    } else {
        d->db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    }
    // The store owns the connection from here on: its destructor removes it, also on the failure paths below.
    std::unique_ptr<ServerStore> store(new ServerStore(std::move(d)));
    Private& p = *store->d;
    if (!p.db.open())
        return R::failure(u"Could not open the database %1: %2"_s.arg(spec.shown, p.db.lastError().text()));

    const QStringList settings = postgres
                                     ? QStringList{u"SET client_min_messages = warning"_s}
                                     // WAL: readers never block the writer; NORMAL: durable against crashes of the
                                     // process, and in WAL mode only the newest commits can be lost on power loss.
                                     : QStringList{u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = NORMAL"_s,
                                                   u"PRAGMA foreign_keys = ON"_s};
    for (const QString& setting : settings) {
        if (const Status status = p.executeDirect(setting); !status)
            return R::failure(u"Could not set up the database %1: %2"_s.arg(spec.shown, status.error()));
    }
    if (!postgres) {
        if (const QVariant handle = p.db.driver()->handle();
            handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            p.sqlite = *static_cast<sqlite3* const*>(handle.constData());
    }
    const Result<int> version = ServerMigrations::migrate(p.db, p.dialect);
    if (!version)
        return R::failure(u"%1: %2"_s.arg(spec.shown, version.error()));
    p.checkpointer = WalCheckpointer::start(p.sqlite);
    qCDebug(lcServerStore) << "opened" << spec.shown << "at schema" << version.value();
    return store;
}

bool ServerStore::isPostgres() const {
    return d->postgres();
}

void ServerStore::setClockForTesting(std::function<qint64()> now) {
    d->clock = std::move(now);
}

void ServerStore::setSubmitFailureForTesting(std::function<QString(const core::Event&)> fail) {
    d->submitFailure = std::move(fail);
}

Result<QVector<Applied>> ServerStore::Private::applySubmit(const Submission& submission) {
    using R = Result<QVector<Applied>>;
    if (submission.author.isEmpty())
        return R::failure(u"Submitted events need an authenticated author."_s);
    QVector<Applied> results;
    results.reserve(submission.events.size());
    for (const core::Event& event : submission.events) {
        if (submitFailure) {
            if (const QString failure = submitFailure(event); !failure.isEmpty())
                return R::failure(failure);
        }
        Result<Applied> applied = applyOne(event, submission.author, submission.visibility);
        if (!applied)
            return R::failure(applied.error());
        results.append(std::move(applied).value());
    }
    return results;
}

Result<QVector<Applied>> ServerStore::applySubmitted(const QVector<core::Event>& events, const QString& author,
                                                     const Visibility& visibility) {
    return applySubmittedGroup({Submission{events, author, visibility}}).first();
}

QVector<Result<QVector<Applied>>> ServerStore::applySubmittedGroup(const QVector<Submission>& submissions) {
    using Results = QVector<Result<QVector<Applied>>>;
    if (submissions.isEmpty())
        return {};
    // A submit without an author fails alone, before the group's transaction.
    const auto authored = [](const Submission& submission) {
        return !submission.author.isEmpty();
    };
    const auto authoredCount = std::count_if(submissions.cbegin(), submissions.cend(), authored);
    const Result<Results> grouped = d->writeTransaction<Results>(true, [&]() -> Result<Results> {
        QStringList ids;
        for (const Submission& submission : submissions) {
            if (!authored(submission))
                continue;
            for (const core::Event& event : submission.events)
                ids.append(event.id);
        }
        if (const Status prefetched = d->prefetchStored(ids); !prefetched)
            return Result<Results>::failure(prefetched.error());
        Results results;
        results.reserve(submissions.size());
        for (const Submission& submission : submissions) {
            Result<QVector<Applied>> applied = d->applySubmit(submission);
            // A database error rolls the whole group back (a refused author is the submit's own, the group goes on).
            if (!applied && authored(submission))
                return Result<Results>::failure(applied.error());
            results.append(std::move(applied));
        }
        return results;
    });
    if (grouped)
        return grouped.value();
    // Whatever failed (one submit's data the database would not take, a lost connection) fails only the submits
    // it fails on their own.
    const bool retry = authoredCount > 1;
    if (retry)
        qCWarning(lcServerStore) << "a group of" << authoredCount
                                 << "submits failed; applying them one by one:" << grouped.error();
    Results results;
    results.reserve(submissions.size());
    for (const Submission& submission : submissions) {
        if (!authored(submission))
            results.append(Result<QVector<Applied>>::failure(u"Submitted events need an authenticated author."_s));
        else if (!retry)
            results.append(Result<QVector<Applied>>::failure(grouped.error()));
        else
            results.append(d->writeTransaction<QVector<Applied>>(true, [&] { return d->applySubmit(submission); }));
    }
    return results;
}

Result<QVector<Applied>> ServerStore::ingest(const QVector<core::ImportRecord>& records, const QString& queue) {
    using R = Result<QVector<Applied>>;
    const QString target = queue.trimmed().isEmpty() ? defaultQueue : queue.trimmed();
    return d->writeTransaction<QVector<Applied>>(true, [&]() -> R {
        QStringList ids;
        ids.reserve(records.size());
        for (const core::ImportRecord& record : records)
            ids.append(record.event.id);
        if (const Status prefetched = d->prefetchStored(ids); !prefetched)
            return R::failure(prefetched.error());
        QVector<Applied> results;
        results.reserve(records.size());
        bool queueEnsured = false;
        for (const core::ImportRecord& record : records) {
            Result<Applied> applied = d->ingestOne(record, target, &queueEnsured);
            if (!applied)
                return R::failure(applied.error());
            results.append(std::move(applied).value());
        }
        return results;
    });
}

Result<QVector<core::Event>> ServerStore::eventsAfter(qint64 after, int limit, const Visibility& visibility) const {
    using R = Result<QVector<core::Event>>;
    Visibility effective = visibility;
    effective.queues.removeDuplicates();
    effective.queues.removeAll(QString());
    if (limit <= 0 || (!effective.all && effective.queues.isEmpty()))
        return QVector<core::Event>();
    QVariantList values{after};
    if (!effective.all) {
        for (const QString& queue : std::as_const(effective.queues))
            values.append(queue);
    }
    values.append(limit);
    const auto rows = d->select(d->eventsAfterSql(effective), values);
    if (!rows)
        return R::failure(rows.error());
    QVector<core::Event> events;
    events.reserve(rows.value().size());
    for (const QVariantList& row : rows.value())
        events.append(eventFrom(row));
    return events;
}

QVector<Result<QVector<core::Event>>> ServerStore::eventsAfterEach(const QVector<EventRead>& reads, int limit) const {
    using R = Result<QVector<core::Event>>;
    QVector<R> results;
    results.reserve(reads.size());
    const auto alone = [&] {
        for (const EventRead& read : reads)
            results.append(eventsAfter(read.after, limit, read.visibility));
        return results;
    };
    const auto seesNothing = [](const Visibility& visibility) {
        return !visibility.all && std::none_of(visibility.queues.cbegin(), visibility.queues.cend(),
                                               [](const QString& queue) { return !queue.isEmpty(); });
    };
    qint64 from = std::numeric_limits<qint64>::max();
    for (const EventRead& read : reads) {
        if (!seesNothing(read.visibility))
            from = std::min(from, read.after);
    }
    if (reads.size() < 2 || limit <= 0 || from == std::numeric_limits<qint64>::max())
        return alone();

    // One walk from the lowest cursor over every event with its customer's queue; each read takes what it sees.
    struct Row final {
        core::Event event;
        QString queue;
    };
    QVector<Row> rows;
    {
        QString error;
        QSqlQuery* query =
            d->prepared(u"SELECT %1, c.queue FROM events e CROSS JOIN customers c WHERE c.id = e.customer "
                        u"AND e.seq > ? ORDER BY e.seq LIMIT ?"_s.arg(QLatin1StringView(eventColumns)),
                        &error);
        if (!query)
            return QVector<R>(reads.size(), R::failure(error));
        query->bindValue(0, from);
        query->bindValue(1, limit);
        if (!query->exec()) {
            error = query->lastError().text();
            query->finish();
            return QVector<R>(reads.size(), R::failure(error));
        }
        QVariantList row(9);
        while (query->next()) {
            for (int column = 0; column < 9; ++column)
                row[column] = query->value(column);
            rows.append(Row{eventFrom(row), query->value(9).toString()});
        }
        query->finish();
    }
    // Fewer rows than the limit: the walk reached the head, so it holds every read's answer.
    const bool reachedHead = rows.size() < limit;
    for (const EventRead& read : reads) {
        if (seesNothing(read.visibility)) {
            results.append(QVector<core::Event>());
            continue;
        }
        QVector<core::Event> events;
        for (const Row& row : std::as_const(rows)) {
            if (events.size() == limit)
                break;
            if (row.event.seq > read.after && (read.visibility.all || read.visibility.queues.contains(row.queue)))
                events.append(row.event);
        }
        // Short of the head and of the limit: events beyond the walk may be this read's.
        if (reachedHead || events.size() == limit)
            results.append(std::move(events));
        else
            results.append(eventsAfter(read.after, limit, read.visibility));
    }
    return results;
}

Result<QString> ServerStore::explainEventsAfter(qint64 after, int limit, const Visibility& visibility) const {
    Visibility effective = visibility;
    if (!effective.all && effective.queues.isEmpty())
        effective.queues = QStringList{defaultQueue};
    QVariantList values{after};
    if (!effective.all) {
        for (const QString& queue : std::as_const(effective.queues))
            values.append(queue);
    }
    values.append(limit);
    QString sql = d->eventsAfterSql(effective);
    if (d->postgres()) {
        // PostgreSQL cannot PREPARE an EXPLAIN: the values go in as literals (the driver quotes them).
        for (const QVariant& value : std::as_const(values)) {
            QSqlField field(QString(), value.metaType());
            field.setValue(value);
            sql.replace(sql.indexOf(u'?'), 1, d->db.driver()->formatValue(field));
        }
        values.clear();
    }
    const auto rows =
        d->postgres() ? d->selectDirect(u"EXPLAIN "_s + sql) : d->select(u"EXPLAIN QUERY PLAN "_s + sql, values);
    if (!rows)
        return Result<QString>::failure(rows.error());
    QStringList lines;
    for (const QVariantList& row : rows.value())
        lines.append(row.last().toString()); // SQLite: (id, parent, notused, detail); PostgreSQL: one text column
    return lines.join(u'\n');
}

Result<qint64> ServerStore::head() const {
    const auto rows = d->select(u"SELECT coalesce(max(seq), 0) FROM events"_s);
    if (!rows)
        return Result<qint64>::failure(rows.error());
    return rows.value().first().at(0).toLongLong();
}

bool ServerStore::subscribeToAppends(std::function<void(qint64 head)> onAppended) {
    if (!d->postgres())
        return false;
    QSqlDriver* driver = d->db.driver();
    if (!driver->subscribedToNotifications().contains(notifyChannel()) &&
        !driver->subscribeToNotification(notifyChannel())) {
        qCWarning(lcServerStore) << "LISTEN" << notifyChannel() << "failed:" << driver->lastError().text();
        return false;
    }
    d->onAppended = std::move(onAppended);
    QObject::disconnect(d->notificationConnection);
    Private* p = d.get();
    d->notificationConnection = QObject::connect(
        driver, qOverload<const QString&, QSqlDriver::NotificationSource, const QVariant&>(&QSqlDriver::notification),
        driver, [p](const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload) {
            // Our own commits are known to the caller already; only other connections' commits are news.
            if (name != notifyChannel() || source == QSqlDriver::SelfSource || !p->onAppended)
                return;
            p->onAppended(payload.toString().toLongLong());
        });
    return true;
}

Result<QString> ServerStore::queueOf(const QString& customer) const {
    const auto found = d->canonicalCustomer(customer);
    if (!found)
        return Result<QString>::failure(found.error());
    if (!found.value())
        return Result<QString>::failure(u"There is no customer %1."_s.arg(customer));
    return found.value()->queue;
}

Result<QVector<core::Event>> ServerStore::customerEvents(const QString& customer, qint64 upTo) const {
    using R = Result<QVector<core::Event>>;
    const auto found = d->canonicalCustomer(customer);
    if (!found)
        return R::failure(found.error());
    if (!found.value())
        return R::failure(u"There is no customer %1."_s.arg(customer));
    const auto rows = d->select(u"SELECT %1 FROM events e WHERE e.customer = ? AND e.seq <= ? ORDER BY e.seq"_s.arg(
                                    QLatin1StringView(eventColumns)),
                                {found.value()->id, upTo});
    if (!rows)
        return R::failure(rows.error());
    QVector<core::Event> events;
    events.reserve(rows.value().size());
    for (const QVariantList& row : rows.value())
        events.append(eventFrom(row));
    return events;
}

// --- accounts, sessions and queues ---------------------------------------------------------------------------

Result<bool> ServerStore::hasAccounts() const {
    const auto rows = d->select(u"SELECT count(*) FROM accounts"_s);
    if (!rows)
        return Result<bool>::failure(rows.error());
    return rows.value().first().at(0).toLongLong() > 0;
}

Status ServerStore::addAccount(const Account& account, const QString& passwordHash) {
    static const QRegularExpression loginPattern(u"^[^\\s\\p{Cc}]{1,200}$"_s,
                                                 QRegularExpression::UseUnicodePropertiesOption);
    if (!loginPattern.match(account.login).hasMatch())
        return Status::failure(u"A login must be 1 to 200 characters without spaces."_s);
    if (passwordHash.isEmpty())
        return Status::failure(u"An account needs a password hash."_s);
    const Result<bool> done = d->writeTransaction<bool>(false, [&]() -> Result<bool> {
        const auto existing = d->select(u"SELECT 1 FROM accounts WHERE login = ?"_s, {account.login});
        if (!existing)
            return Result<bool>::failure(existing.error());
        if (!existing.value().isEmpty())
            return Result<bool>::failure(u"There is already an account %1."_s.arg(account.login));
        QStringList queues = account.queues;
        queues.removeDuplicates();
        if (const Status status = d->requireQueues(queues); !status)
            return Result<bool>::failure(status.error());
        if (const auto inserted = d->execute(u"INSERT INTO accounts(login, name, role, password_hash, disabled, "
                                             u"created_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
                                             {account.login, notNull(account.name), roleName(account.role),
                                              passwordHash, account.disabled ? 1 : 0, d->clock()});
            !inserted)
            return Result<bool>::failure(inserted.error());
        for (const QString& queue : std::as_const(queues)) {
            if (const auto inserted =
                    d->execute(u"INSERT INTO account_queues(login, queue) VALUES (?, ?)"_s, {account.login, queue});
                !inserted)
                return Result<bool>::failure(inserted.error());
        }
        return true;
    });
    return done ? Status() : Status::failure(done.error());
}

Result<Account> ServerStore::account(const QString& login) const {
    using R = Result<Account>;
    const auto rows =
        d->select(u"SELECT login, name, role, disabled, created_at FROM accounts WHERE login = ?"_s, {login});
    if (!rows)
        return R::failure(rows.error());
    if (rows.value().isEmpty())
        return R::failure(u"There is no account %1."_s.arg(login));
    const QVariantList& row = rows.value().first();
    Account account;
    account.login = row.at(0).toString();
    account.name = row.at(1).toString();
    account.role = roleFromName(row.at(2).toString()).value_or(Role::Agent);
    account.disabled = row.at(3).toInt() != 0;
    account.createdAt = row.at(4).toLongLong();
    const Result<QStringList> queues = d->queuesOf(login);
    if (!queues)
        return R::failure(queues.error());
    account.queues = queues.value();
    return account;
}

Result<QVector<Account>> ServerStore::accounts() const {
    using R = Result<QVector<Account>>;
    const auto rows = d->select(u"SELECT login, name, role, disabled, created_at FROM accounts ORDER BY login"_s);
    if (!rows)
        return R::failure(rows.error());
    const auto queueRows = d->select(u"SELECT login, queue FROM account_queues ORDER BY login, queue"_s);
    if (!queueRows)
        return R::failure(queueRows.error());
    QHash<QString, QStringList> queues;
    for (const QVariantList& row : queueRows.value())
        queues[row.at(0).toString()].append(row.at(1).toString());
    QVector<Account> accounts;
    for (const QVariantList& row : rows.value()) {
        Account account;
        account.login = row.at(0).toString();
        account.name = row.at(1).toString();
        account.role = roleFromName(row.at(2).toString()).value_or(Role::Agent);
        account.disabled = row.at(3).toInt() != 0;
        account.createdAt = row.at(4).toLongLong();
        account.queues = queues.value(account.login);
        accounts.append(std::move(account));
    }
    return accounts;
}

Result<QString> ServerStore::passwordHash(const QString& login) const {
    const auto rows = d->select(u"SELECT password_hash FROM accounts WHERE login = ?"_s, {login});
    if (!rows)
        return Result<QString>::failure(rows.error());
    if (rows.value().isEmpty())
        return Result<QString>::failure(u"There is no account %1."_s.arg(login));
    return rows.value().first().at(0).toString();
}

Status ServerStore::setPasswordHash(const QString& login, const QString& passwordHash) {
    if (passwordHash.isEmpty())
        return Status::failure(u"An account needs a password hash."_s);
    const auto updated = d->execute(u"UPDATE accounts SET password_hash = ? WHERE login = ?"_s, {passwordHash, login});
    if (!updated)
        return Status::failure(updated.error());
    if (updated.value() == 0)
        return Status::failure(u"There is no account %1."_s.arg(login));
    return {};
}

Status ServerStore::setDisabled(const QString& login, bool disabled) {
    const Result<bool> done = d->writeTransaction<bool>(false, [&]() -> Result<bool> {
        const auto updated =
            d->execute(u"UPDATE accounts SET disabled = ? WHERE login = ?"_s, {disabled ? 1 : 0, login});
        if (!updated)
            return Result<bool>::failure(updated.error());
        if (updated.value() == 0)
            return Result<bool>::failure(u"There is no account %1."_s.arg(login));
        if (disabled) {
            if (const auto revoked =
                    d->execute(u"UPDATE sessions SET revoked = 1 WHERE login = ? AND revoked = 0"_s, {login});
                !revoked)
                return Result<bool>::failure(revoked.error());
        }
        return true;
    });
    return done ? Status() : Status::failure(done.error());
}

Status ServerStore::setQueues(const QString& login, const QStringList& queues) {
    QStringList unique = queues;
    unique.removeDuplicates();
    const Result<bool> done = d->writeTransaction<bool>(false, [&]() -> Result<bool> {
        if (const Status status = d->requireAccount(login); !status)
            return Result<bool>::failure(status.error());
        if (const Status status = d->requireQueues(unique); !status)
            return Result<bool>::failure(status.error());
        if (const auto removed = d->execute(u"DELETE FROM account_queues WHERE login = ?"_s, {login}); !removed)
            return Result<bool>::failure(removed.error());
        for (const QString& queue : std::as_const(unique)) {
            if (const auto inserted =
                    d->execute(u"INSERT INTO account_queues(login, queue) VALUES (?, ?)"_s, {login, queue});
                !inserted)
                return Result<bool>::failure(inserted.error());
        }
        return true;
    });
    return done ? Status() : Status::failure(done.error());
}

Status ServerStore::addQueue(const Queue& queue) {
    const QString name = queue.name.trimmed();
    if (name.isEmpty())
        return Status::failure(u"A queue needs a name."_s);
    const auto inserted =
        d->execute(u"INSERT INTO queues(name, description) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"_s,
                   {name, notNull(queue.description)});
    if (!inserted)
        return Status::failure(inserted.error());
    if (inserted.value() == 0)
        return Status::failure(u"There is already a queue %1."_s.arg(name));
    return {};
}

Result<QVector<Queue>> ServerStore::queues() const {
    const auto rows = d->select(u"SELECT name, description FROM queues ORDER BY name"_s);
    if (!rows)
        return Result<QVector<Queue>>::failure(rows.error());
    QVector<Queue> queues;
    for (const QVariantList& row : rows.value())
        queues.append({row.at(0).toString(), row.at(1).toString()});
    return queues;
}

Status ServerStore::addSession(const QString& login, const QByteArray& token) {
    if (token.size() < 16)
        return Status::failure(u"A session token must be at least 16 bytes long."_s);
    const auto rows = d->select(u"SELECT disabled FROM accounts WHERE login = ?"_s, {login});
    if (!rows)
        return Status::failure(rows.error());
    if (rows.value().isEmpty())
        return Status::failure(u"There is no account %1."_s.arg(login));
    if (rows.value().first().at(0).toInt() != 0)
        return Status::failure(u"The account %1 is disabled."_s.arg(login));
    const qint64 now = d->clock();
    const auto inserted = d->execute(u"INSERT INTO sessions(token_hash, login, created_at, last_seen_at, revoked) "
                                     u"VALUES (?, ?, ?, ?, 0)"_s,
                                     {tokenHash(token), login, now, now});
    return inserted ? Status() : Status::failure(inserted.error());
}

Result<Account> ServerStore::accountForToken(const QByteArray& token) const {
    using R = Result<Account>;
    const QString hash = tokenHash(token);
    const auto rows = d->select(u"SELECT s.login, s.last_seen_at FROM sessions s JOIN accounts a ON a.login = s.login "
                                u"WHERE s.token_hash = ? AND s.revoked = 0 AND a.disabled = 0"_s,
                                {hash});
    if (!rows)
        return R::failure(rows.error());
    if (rows.value().isEmpty())
        return R::failure(u"The session is not valid (signed out, revoked or unknown); sign in again."_s);
    const QString login = rows.value().first().at(0).toString();
    const qint64 lastSeen = rows.value().first().at(1).toLongLong();
    const qint64 now = d->clock();
    if (now - lastSeen >= lastSeenGranularity) {
        // At most one write a minute per session, however often the token is checked.
        if (const auto updated = d->execute(
                u"UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?"_s, {now, hash, now});
            !updated)
            qCWarning(lcServerStore) << "could not note the session's last use:" << updated.error();
    }
    return account(login);
}

Result<QHash<QByteArray, Account>> ServerStore::liveSessions(const QList<QByteArray>& tokenHashes) const {
    using R = Result<QHash<QByteArray, Account>>;
    QHash<QByteArray, Account> live;
    QHash<QString, Account> accounts;
    // In slices, so that a statement never binds more values than a database allows.
    constexpr qsizetype slice = 200;
    for (qsizetype first = 0; first < tokenHashes.size(); first += slice) {
        const QList<QByteArray> hashes = tokenHashes.mid(first, slice);
        QVariantList values;
        for (const QByteArray& hash : hashes)
            values.append(QString::fromLatin1(hash.toHex()));
        const auto rows =
            d->select(u"SELECT s.token_hash, s.login FROM sessions s JOIN accounts a ON a.login = s.login "
                      u"WHERE s.revoked = 0 AND a.disabled = 0 AND s.token_hash IN ("_s +
                          QStringList(hashes.size(), u"?"_s).join(u',') + u')',
                      values);
        if (!rows)
            return R::failure(rows.error());
        for (const QVariantList& row : rows.value()) {
            const QString login = row.at(1).toString();
            if (!accounts.contains(login)) {
                const Result<Account> found = account(login);
                if (!found)
                    return R::failure(found.error());
                accounts.insert(login, found.value());
            }
            live.insert(QByteArray::fromHex(row.at(0).toString().toLatin1()), accounts.value(login));
        }
    }
    return live;
}

Status ServerStore::revokeSession(const QByteArray& token) {
    const auto updated = d->execute(u"UPDATE sessions SET revoked = 1 WHERE token_hash = ?"_s, {tokenHash(token)});
    return updated ? Status() : Status::failure(updated.error());
}

Status ServerStore::revokeSessionsOf(const QString& login) {
    const auto updated = d->execute(u"UPDATE sessions SET revoked = 1 WHERE login = ? AND revoked = 0"_s, {login});
    return updated ? Status() : Status::failure(updated.error());
}

Result<QVector<Session>> ServerStore::sessionsOf(const QString& login) const {
    const auto rows = d->select(u"SELECT token_hash, login, created_at, last_seen_at, revoked FROM sessions "
                                u"WHERE login = ? ORDER BY created_at DESC, token_hash"_s,
                                {login});
    if (!rows)
        return Result<QVector<Session>>::failure(rows.error());
    QVector<Session> sessions;
    for (const QVariantList& row : rows.value())
        sessions.append({row.at(0).toString(), row.at(1).toString(), row.at(2).toLongLong(), row.at(3).toLongLong(),
                         row.at(4).toInt() != 0});
    return sessions;
}

Result<QString> ServerStore::customerOfIdentity(const QString& identity) const {
    // identities.customer is always a surviving customer (a merge moves the identities).
    const auto rows = d->select(u"SELECT customer FROM identities WHERE identity = ?"_s, {identity});
    if (!rows)
        return Result<QString>::failure(rows.error());
    return rows.value().isEmpty() ? QString() : rows.value().first().at(0).toString();
}

Result<QVector<CustomerSummary>> ServerStore::customers(const Visibility& visibility, int limit) const {
    using R = Result<QVector<CustomerSummary>>;
    QStringList queues = visibility.queues;
    queues.removeDuplicates();
    queues.removeAll(QString());
    if (limit <= 0 || (!visibility.all && queues.isEmpty()))
        return QVector<CustomerSummary>();
    QString sql = u"SELECT c.id, c.name, c.queue, c.created_at FROM customers c WHERE c.merged_into IS NULL"_s;
    QVariantList values;
    if (!visibility.all) {
        sql += u" AND c.queue IN (%1)"_s.arg(QStringList(queues.size(), u"?"_s).join(u", "_s));
        for (const QString& queue : std::as_const(queues))
            values.append(queue);
    }
    sql += u" ORDER BY c.created_at DESC, c.id LIMIT ?"_s;
    values.append(limit);
    const auto rows = d->select(sql, values);
    if (!rows)
        return R::failure(rows.error());
    QVector<CustomerSummary> customers;
    QHash<QString, qsizetype> indexOf;
    for (const QVariantList& row : rows.value()) {
        indexOf.insert(row.at(0).toString(), customers.size());
        customers.append(
            {row.at(0).toString(), row.at(1).toString(), row.at(2).toString(), {}, row.at(3).toLongLong()});
    }
    // Their identities, a few hundred customers per statement.
    constexpr qsizetype chunk = 200;
    for (qsizetype start = 0; start < customers.size(); start += chunk) {
        const qsizetype count = std::min(chunk, customers.size() - start);
        QVariantList ids;
        for (qsizetype index = start; index < start + count; ++index)
            ids.append(customers.at(index).id);
        const auto identities =
            d->select(u"SELECT identity, customer FROM identities WHERE customer IN (%1) ORDER BY identity"_s.arg(
                          QStringList(count, u"?"_s).join(u", "_s)),
                      ids);
        if (!identities)
            return R::failure(identities.error());
        for (const QVariantList& row : identities.value())
            customers[indexOf.value(row.at(1).toString())].identities.append(row.at(0).toString());
    }
    return customers;
}

// --- web chat ----------------------------------------------------------------------------------------------

Result<QVector<core::Event>> ServerStore::chatEventsAfter(qint64 after, int limit) const {
    using R = Result<QVector<core::Event>>;
    if (limit <= 0)
        return QVector<core::Event>();
    // Walks the primary key from the cursor, which the gateway keeps near the head.
    const auto rows =
        d->select(u"SELECT %1 FROM events e WHERE e.seq > ? AND e.channel = 'chat' ORDER BY e.seq LIMIT ?"_s.arg(
                      QLatin1StringView(eventColumns)),
                  {after, limit});
    if (!rows)
        return R::failure(rows.error());
    QVector<core::Event> events;
    events.reserve(rows.value().size());
    for (const QVariantList& row : rows.value())
        events.append(eventFrom(row));
    return events;
}

Result<QVector<core::Event>> ServerStore::chatEventsOf(const QString& identity, int limit) const {
    using R = Result<QVector<core::Event>>;
    if (limit <= 0)
        return QVector<core::Event>();
    // The identity's customer first, so that the events_customer index serves the read.
    const auto rows = d->select(
        u"SELECT %1 FROM events e WHERE e.customer = (SELECT customer FROM identities WHERE identity = ?) "
        u"AND e.channel = 'chat' AND e.identity = ? ORDER BY e.seq DESC LIMIT ?"_s.arg(QLatin1StringView(eventColumns)),
        {identity, identity, limit});
    if (!rows)
        return R::failure(rows.error());
    QVector<core::Event> events;
    events.reserve(rows.value().size());
    for (auto row = rows.value().crbegin(); row != rows.value().crend(); ++row)
        events.append(eventFrom(*row));
    return events;
}

// --- e-mail ------------------------------------------------------------------------------------------------

Result<MailboxState> ServerStore::mailboxState(const QString& name) const {
    const auto rows =
        d->select(u"SELECT uid_validity, last_uid, updated_at FROM mailbox_state WHERE mailbox = ?"_s, {name});
    if (!rows)
        return Result<MailboxState>::failure(rows.error());
    if (rows.value().isEmpty())
        return MailboxState{};
    const QVariantList& row = rows.value().first();
    return MailboxState{static_cast<quint32>(row.at(0).toLongLong()), static_cast<quint32>(row.at(1).toLongLong()),
                        row.at(2).toLongLong()};
}

Status ServerStore::setMailboxState(const QString& name, const MailboxState& state) {
    const auto written = d->execute(
        u"INSERT INTO mailbox_state(mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?) "
        u"ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, "
        u"updated_at = excluded.updated_at"_s,
        {name, qint64(state.uidValidity), qint64(state.lastUid), d->clock()});
    if (!written)
        return Status::failure(written.error());
    return {};
}

// --- e-mail replies (the outgoing queue) ------------------------------------------------------------------

Result<int> ServerStore::enqueueOutgoingMail() {
    return d->writeTransaction<int>(false, [&]() -> Result<int> {
        const auto cursor = d->select(u"SELECT last_seq FROM email_outbox_cursor WHERE id = 1"_s);
        if (!cursor)
            return Result<int>::failure(cursor.error());
        const qint64 after = cursor.value().isEmpty() ? 0 : cursor.value().first().at(0).toLongLong();
        const auto head = d->select(u"SELECT coalesce(max(seq), 0) FROM events"_s);
        if (!head)
            return Result<int>::failure(head.error());
        const qint64 upTo = head.value().first().at(0).toLongLong();
        if (upTo <= after)
            return 0;
        // Imported and pulled mail from the mailbox itself is message.out too, but has no author.
        const auto added = d->execute(
            u"INSERT INTO email_outbox(event_id, seq, status, attempts, next_attempt_at, last_error, created_at, "
            u"updated_at) SELECT e.id, e.seq, 'queued', 0, ?, NULL, ?, ? FROM events e WHERE e.seq > ? AND e.seq <= ? "
            u"AND e.channel = 'email' AND e.kind = 'message.out' AND e.author IS NOT NULL "
            u"ON CONFLICT (event_id) DO NOTHING"_s,
            {d->clock(), d->clock(), d->clock(), after, upTo});
        if (!added)
            return Result<int>::failure(added.error());
        const auto moved = d->execute(u"INSERT INTO email_outbox_cursor(id, last_seq) VALUES (1, ?) "
                                      u"ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq"_s,
                                      {upTo});
        if (!moved)
            return Result<int>::failure(moved.error());
        return added.value();
    });
}

Result<int> ServerStore::recoverOutgoingMail() {
    return d->writeTransaction<int>(false, [&]() -> Result<int> {
        for (const QString& status : {u"sent"_s, u"refused"_s, u"failed"_s}) {
            const auto settled =
                d->execute(u"UPDATE email_outbox SET status = ?, updated_at = ? WHERE status = 'sending' AND EXISTS "
                           u"(SELECT 1 FROM events e WHERE e.id = 'delivery:' || email_outbox.event_id || ':' || ?)"_s,
                           {status, d->clock(), status});
            if (!settled)
                return Result<int>::failure(settled.error());
        }
        return d->execute(u"UPDATE email_outbox SET status = 'queued', updated_at = ? WHERE status = 'sending'"_s,
                          {d->clock()});
    });
}

Result<QVector<OutgoingMail>> ServerStore::claimOutgoingMail(qint64 now, int limit) {
    using R = Result<QVector<OutgoingMail>>;
    return d->writeTransaction<QVector<OutgoingMail>>(false, [&]() -> R {
        const auto due = d->select(u"SELECT event_id, attempts, created_at FROM email_outbox WHERE status = 'queued' "
                                   u"AND next_attempt_at <= ? ORDER BY next_attempt_at, seq LIMIT ?"_s,
                                   {now, limit});
        if (!due)
            return R::failure(due.error());
        QVector<OutgoingMail> claimed;
        for (const QVariantList& row : due.value()) {
            OutgoingMail mail;
            mail.attempts = row.at(1).toInt();
            mail.queuedAt = row.at(2).toLongLong();
            const auto reply = d->select(
                u"SELECT %1 FROM events e WHERE e.id = ?"_s.arg(QLatin1StringView(eventColumns)), {row.at(0)});
            if (!reply)
                return R::failure(reply.error());
            if (reply.value().isEmpty())
                continue;
            mail.reply = eventFrom(reply.value().first());
            const auto customer = d->canonicalCustomer(mail.reply.customer);
            if (!customer)
                return R::failure(customer.error());
            const QString customerId = customer.value() ? customer.value()->id : mail.reply.customer;
            if (customer.value())
                mail.queue = customer.value()->queue;
            const auto inbound = d->select(u"SELECT %1 FROM events e WHERE e.customer = ? AND e.channel = 'email' AND "
                                           u"e.kind = 'message.in' AND e.seq < ? ORDER BY e.seq DESC LIMIT 1"_s.arg(
                                               QLatin1StringView(eventColumns)),
                                           {customerId, mail.reply.seq});
            if (!inbound)
                return R::failure(inbound.error());
            if (!inbound.value().isEmpty())
                mail.lastInbound = eventFrom(inbound.value().first());
            const auto agent = d->select(u"SELECT name FROM accounts WHERE login = ?"_s, {mail.reply.author});
            if (!agent)
                return R::failure(agent.error());
            if (!agent.value().isEmpty())
                mail.agentName = agent.value().first().at(0).toString();
            const auto marked =
                d->execute(u"UPDATE email_outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? "
                           u"WHERE event_id = ?"_s,
                           {d->clock(), mail.reply.id});
            if (!marked)
                return R::failure(marked.error());
            claimed.append(std::move(mail));
        }
        return claimed;
    });
}

Result<int> ServerStore::pendingOutgoingMail() const {
    const auto rows = d->select(u"SELECT count(*) FROM email_outbox WHERE status IN ('queued', 'sending')"_s);
    if (!rows)
        return Result<int>::failure(rows.error());
    return rows.value().first().at(0).toInt();
}

Status ServerStore::retryOutgoingMail(const QString& eventId, qint64 nextAttemptAt, const QString& error) {
    const auto written = d->execute(u"UPDATE email_outbox SET status = 'queued', next_attempt_at = ?, last_error = ?, "
                                    u"updated_at = ? WHERE event_id = ?"_s,
                                    {nextAttemptAt, error, d->clock(), eventId});
    if (!written)
        return Status::failure(written.error());
    return {};
}

Result<qint64> ServerStore::finishOutgoingMail(const QString& eventId, const QString& status, const QString& error,
                                               const core::Event& delivery) {
    return d->writeTransaction<qint64>(true, [&]() -> Result<qint64> {
        core::Event event = delivery;
        const auto customer = d->canonicalCustomer(event.customer);
        if (!customer)
            return Result<qint64>::failure(customer.error());
        if (customer.value())
            event.customer = customer.value()->id;
        const auto seq = d->appendEvent(event);
        if (!seq)
            return Result<qint64>::failure(seq.error());
        const auto written =
            d->execute(u"UPDATE email_outbox SET status = ?, last_error = ?, updated_at = ? WHERE event_id = ?"_s,
                       {status, error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(error),
                        d->clock(), eventId});
        if (!written)
            return Result<qint64>::failure(written.error());
        return seq.value().value_or(0);
    });
}

Result<QString> ServerStore::outgoingMailStatus(const QString& eventId) const {
    const auto rows = d->select(u"SELECT status FROM email_outbox WHERE event_id = ?"_s, {eventId});
    if (!rows)
        return Result<QString>::failure(rows.error());
    return rows.value().isEmpty() ? QString() : rows.value().first().at(0).toString();
}

Result<std::optional<core::Event>> ServerStore::sentReplyByMessageId(const QString& messageId) const {
    using R = Result<std::optional<core::Event>>;
    // The id is not stored: it is derived from the event id (MailComposer::messageIdFor), so the sent replies'
    // ids are hashed here. Only bounces ask, and only for ids of the server's own shape.
    static const QRegularExpression ours(u"^<?([0-9a-f]{40})\\.threadline@"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = ours.match(messageId.trimmed());
    if (!match.hasMatch())
        return std::optional<core::Event>();
    const QByteArray wanted = match.captured(1).toLatin1().toLower();
    const auto rows = d->select(u"SELECT event_id FROM email_outbox WHERE status IN ('sent', 'bounced')"_s);
    if (!rows)
        return R::failure(rows.error());
    for (const QVariantList& row : rows.value()) {
        const QString eventId = row.at(0).toString();
        if (QCryptographicHash::hash(eventId.toUtf8(), QCryptographicHash::Sha256).toHex().left(40) != wanted)
            continue;
        const auto reply =
            d->select(u"SELECT %1 FROM events e WHERE e.id = ?"_s.arg(QLatin1StringView(eventColumns)), {eventId});
        if (!reply)
            return R::failure(reply.error());
        if (reply.value().isEmpty())
            return std::optional<core::Event>();
        return std::optional<core::Event>(eventFrom(reply.value().first()));
    }
    return std::optional<core::Event>();
}

} // namespace tl::store
