#include "Migrations.h"

#include "SearchText.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <functional>
#include <vector>

namespace tl::store {

Q_LOGGING_CATEGORY(lcMigrations, "threadline.store.migrations")

namespace {

using namespace Qt::StringLiterals;

/// One step of the schema: plain SQL statements, then optional code for what SQL cannot do alone.
struct Migration final {
    int version;
    const char* description;
    QStringList statements;
    std::function<core::Status(QSqlDatabase&)> code;
};

QString sqlError(const QSqlQuery& query) {
    return query.lastError().text();
}

/// Version 2 creates the full-text index over events that version 1 files already hold. The text has to go
/// through SearchText (CJK segmentation, Persian forms), which SQL cannot do, so it is filled from C++.
core::Status fillSearchIndex(QSqlDatabase& db) {
    QSqlQuery select(db);
    select.setForwardOnly(true);
    if (!select.exec(u"SELECT e.rowid, e.payload, c.name FROM events e LEFT JOIN customers c ON c.key = e.customer"_s))
        return core::Status::failure(sqlError(select));
    QSqlQuery insert(db);
    if (!insert.prepare(u"INSERT INTO events_fts(rowid, body) VALUES(?, ?)"_s))
        return core::Status::failure(sqlError(insert));
    while (select.next()) {
        const QJsonObject payload = QJsonDocument::fromJson(select.value(1).toString().toUtf8()).object();
        const QString body = payload.value("subject"_L1).toString() + u'\n' + payload.value("text"_L1).toString() +
                             u'\n' + select.value(2).toString();
        if (body.trimmed().isEmpty())
            continue;
        insert.bindValue(0, select.value(0));
        insert.bindValue(1, SearchText::forIndex(body));
        if (!insert.exec())
            return core::Status::failure(sqlError(insert));
    }
    return {};
}

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all{
        {1,
         "event log, customers, identities, outbox",
         {
             // The customer list: a projection of the events, kept up to date at ingest. key is the compact
             // integer the other tables refer to; id (a UUID) is the customer's public id.
             u"CREATE TABLE customers ("
             " key INTEGER PRIMARY KEY,"
             " id TEXT NOT NULL UNIQUE,"
             " name TEXT NOT NULL DEFAULT '',"
             " name_key TEXT NOT NULL DEFAULT '',"
             " merged_into INTEGER,"
             " state TEXT NOT NULL DEFAULT 'open',"
             " status TEXT NOT NULL DEFAULT 'open',"
             " status_at INTEGER NOT NULL DEFAULT 0,"
             " last_activity INTEGER NOT NULL DEFAULT 0,"
             " last_inbound_channel TEXT,"
             " last_inbound_at INTEGER NOT NULL DEFAULT 0,"
             " last_reply_at INTEGER NOT NULL DEFAULT 0,"
             " read_at INTEGER NOT NULL DEFAULT 0,"
             " unread INTEGER NOT NULL DEFAULT 0,"
             " preview TEXT NOT NULL DEFAULT '',"
             " preview_at INTEGER NOT NULL DEFAULT 0,"
             " channels INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX customers_activity ON customers(last_activity DESC)"_s,
             u"CREATE INDEX customers_merged ON customers(merged_into) WHERE merged_into IS NOT NULL"_s,
             // The event log. rowid is the FTS key; id is the global id that makes ingest idempotent; customer is
             // customers.key.
             u"CREATE TABLE events ("
             " rowid INTEGER PRIMARY KEY,"
             " id TEXT NOT NULL UNIQUE,"
             " seq INTEGER NOT NULL DEFAULT 0,"
             " customer INTEGER NOT NULL,"
             " channel TEXT NOT NULL,"
             " kind TEXT NOT NULL,"
             " occurred_at INTEGER NOT NULL,"
             " author TEXT,"
             " identity TEXT,"
             " payload TEXT NOT NULL DEFAULT '{}')"_s,
             // Keyset paging of one customer's timeline in its order (occurred_at, seq, id). id is left out: it
             // would double the index for the rare ties, which SQLite orders by sorting just the tied rows.
             u"CREATE INDEX events_timeline ON events(customer, occurred_at, seq)"_s,
             // One identity belongs to one customer; rowid order is the order they were linked in.
             u"CREATE TABLE identities ("
             " identity TEXT NOT NULL UNIQUE,"
             " customer INTEGER NOT NULL REFERENCES customers(key),"
             " linked_at INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX identities_customer ON identities(customer)"_s,
             // Local actions the sync client still has to deliver.
             u"CREATE TABLE outbox ("
             " event_id TEXT PRIMARY KEY NOT NULL REFERENCES events(id),"
             " created_at INTEGER NOT NULL,"
             " attempts INTEGER NOT NULL DEFAULT 0)"_s,
         },
         {}},
        {2,
         "full-text index over subject, text and customer name; newest event per block for search order",
         {
             // Contentless: the text lives once, in events.payload; see docs/search.md.
             u"CREATE VIRTUAL TABLE events_fts USING fts5(body, content='', columnsize=0,"
             " tokenize='unicode61 remove_diacritics 2')"_s,
             // Keep a whole import batch's terms in memory before writing a segment (default 1 MiB).
             u"INSERT INTO events_fts(events_fts, rank) VALUES('hashsize', 16777216)"_s,
             // Merge segments eight at a time instead of four: a 1,000,000-event import spends less time
             // rewriting the index, and a query still reads only a handful of segments.
             u"INSERT INTO events_fts(events_fts, rank) VALUES('automerge', 8)"_s,
             // The newest occurred_at per block of 1,024 events (block = events.rowid >> 10): lets search() prove
             // that no match stored earlier is newer than the ones it found among the matches stored last.
             u"CREATE TABLE event_blocks (block INTEGER PRIMARY KEY, newest INTEGER NOT NULL)"_s,
             u"INSERT INTO event_blocks(block, newest) SELECT rowid >> 10, max(occurred_at) FROM events "
             u"GROUP BY rowid >> 10"_s,
         },
         fillSearchIndex},
        {3,
         "sync with the server: the resume point, and why the server refused an outbox entry",
         {
             u"CREATE TABLE sync_state (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)"_s,
             u"INSERT INTO sync_state(name, value) VALUES('last_server_seq', 0)"_s,
             u"ALTER TABLE outbox ADD COLUMN error TEXT"_s,
         },
         {}},
        {4,
         "sync with the server: the queues the cache was synced under, to read again what a new queue brings",
         {
             // visibility_known 0: a cache synced before this table existed, or never; visibility_all 1: a
             // supervisor's or an admin's (every queue); otherwise the rows of sync_queues.
             u"INSERT INTO sync_state(name, value) VALUES('visibility_known', 0)"_s,
             u"INSERT INTO sync_state(name, value) VALUES('visibility_all', 0)"_s,
             u"CREATE TABLE sync_queues (queue TEXT PRIMARY KEY NOT NULL)"_s,
         },
         {}},
    };
    return all;
}

core::Status runMigration(QSqlDatabase& db, const Migration& migration) {
    if (!db.transaction())
        return core::Status::failure(db.lastError().text());
    QSqlQuery query(db);
    const auto fail = [&db](const QString& error) {
        db.rollback();
        return core::Status::failure(error);
    };
    for (const QString& statement : migration.statements) {
        if (!query.exec(statement))
            return fail(sqlError(query));
    }
    if (migration.code) {
        const core::Status status = migration.code(db);
        if (!status)
            return fail(status.error());
    }
    // PRAGMA takes no bound parameters; the version is a number from this file.
    if (!query.exec(u"PRAGMA user_version = %1"_s.arg(migration.version)))
        return fail(sqlError(query));
    if (!db.commit())
        return fail(db.lastError().text());
    return {};
}

} // namespace

int Migrations::latestVersion() {
    return migrations().back().version;
}

core::Result<int> Migrations::currentVersion(const QSqlDatabase& db) {
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return core::Result<int>::failure(sqlError(query));
    return query.value(0).toInt();
}

core::Result<int> Migrations::migrate(QSqlDatabase& db, int targetVersion) {
    const int target = targetVersion < 0 ? latestVersion() : targetVersion;
    const core::Result<int> current = currentVersion(db);
    if (!current)
        return current;
    if (current.value() > latestVersion()) {
        return core::Result<int>::failure(
            QCoreApplication::translate("tl::store::Migrations",
                                        "The database was written by a newer version of Threadline (schema %1; "
                                        "this version knows up to %2).")
                .arg(current.value())
                .arg(latestVersion()));
    }
    int version = current.value();
    for (const Migration& migration : migrations()) {
        if (migration.version <= version || migration.version > target)
            continue;
        qCInfo(lcMigrations) << "migrating to schema" << migration.version << migration.description;
        const core::Status status = runMigration(db, migration);
        if (!status) {
            return core::Result<int>::failure(
                QCoreApplication::translate("tl::store::Migrations", "Could not migrate the database to schema %1: %2")
                    .arg(migration.version)
                    .arg(status.error()));
        }
        version = migration.version;
    }
    return version;
}

} // namespace tl::store
