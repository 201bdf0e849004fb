#include "ServerMigrations.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace tl::store {

Q_LOGGING_CATEGORY(lcServerMigrations, "threadline.store.server.migrations")

namespace {

using namespace Qt::StringLiterals;
using core::Result;
using core::Status;

/// The key of the PostgreSQL advisory lock that serializes migrations across server instances ("tl-migra").
constexpr qint64 migrationLockKey = 0x746c2d6d69677261;

/// One step of the schema.
struct Migration final {
    int version;
    const char* description;
    QStringList statements;
};

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all{
        {1,
         "event log, customers, identities, queues, accounts, sessions",
         {
             u"CREATE TABLE queues ("
             " name TEXT PRIMARY KEY,"
             " description TEXT NOT NULL DEFAULT '')"_s,
             // merged_into points at the surviving customer; chains are kept one hop long.
             u"CREATE TABLE customers ("
             " id TEXT PRIMARY KEY,"
             " name TEXT NOT NULL DEFAULT '',"
             " queue TEXT NOT NULL REFERENCES queues(name),"
             " merged_into TEXT REFERENCES customers(id),"
             " created_at BIGINT NOT NULL)"_s,
             u"CREATE INDEX customers_merged_into ON customers(merged_into) WHERE merged_into IS NOT NULL"_s,
             // An identity belongs to one customer, always a surviving one (merges move identities).
             u"CREATE TABLE identities ("
             " identity TEXT PRIMARY KEY,"
             " customer TEXT NOT NULL REFERENCES customers(id),"
             " linked_at BIGINT NOT NULL)"_s,
             u"CREATE INDEX identities_customer ON identities(customer)"_s,
             // seq is the log position, assigned in commit order (see ServerStore); id is the global event id.
             // customer is always a surviving customer: merges rewrite it, so visibility is one join.
             u"CREATE TABLE events ("
             " seq {serial},"
             " id TEXT NOT NULL UNIQUE,"
             " customer TEXT NOT NULL REFERENCES customers(id),"
             " channel TEXT NOT NULL,"
             " kind TEXT NOT NULL,"
             " occurred_at BIGINT NOT NULL,"
             " author TEXT,"
             " identity TEXT,"
             " payload TEXT NOT NULL,"
             " accepted_at BIGINT NOT NULL)"_s,
             u"CREATE INDEX events_customer ON events(customer, seq)"_s,
             u"CREATE TABLE accounts ("
             " login TEXT PRIMARY KEY,"
             " name TEXT NOT NULL DEFAULT '',"
             " role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),"
             " password_hash TEXT NOT NULL,"
             " disabled INTEGER NOT NULL DEFAULT 0,"
             " created_at BIGINT NOT NULL)"_s,
             u"CREATE TABLE account_queues ("
             " login TEXT NOT NULL REFERENCES accounts(login) ON DELETE CASCADE,"
             " queue TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,"
             " PRIMARY KEY (login, queue))"_s,
             // Only the SHA-256 of a session token is stored: a copy of the database opens no session.
             u"CREATE TABLE sessions ("
             " token_hash TEXT PRIMARY KEY,"
             " login TEXT NOT NULL REFERENCES accounts(login) ON DELETE CASCADE,"
             " created_at BIGINT NOT NULL,"
             " last_seen_at BIGINT NOT NULL,"
             " revoked INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX sessions_login ON sessions(login)"_s,
             u"INSERT INTO queues(name, description) VALUES ('general', 'Everything not routed elsewhere')"_s,
         }},
        {2,
         "shared mailboxes: where each IMAP folder was read up to",
         {
             // One row per [mailbox.NAME]: every UID <= last_uid of the folder generation uid_validity is stored.
             u"CREATE TABLE mailbox_state ("
             " mailbox TEXT PRIMARY KEY,"
             " uid_validity BIGINT NOT NULL,"
             " last_uid BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)"_s,
         }},
        {3,
         "e-mail replies: the outgoing queue and how far the log was scanned for replies",
         {
             // One row per agent reply on the e-mail channel (event_id: the message.out's id). status: queued,
             // sending (handed to SMTP; found so at start-up after a crash it is sent again), sent, refused, failed.
             u"CREATE TABLE email_outbox ("
             " event_id TEXT PRIMARY KEY,"
             " seq BIGINT NOT NULL,"
             " status TEXT NOT NULL,"
             " attempts INTEGER NOT NULL,"
             " next_attempt_at BIGINT NOT NULL,"
             " last_error TEXT,"
             " created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)"_s,
             u"CREATE INDEX email_outbox_due ON email_outbox(status, next_attempt_at)"_s,
             // The newest seq scanned for replies. Starts at the head, so replies written before this version
             // (which no mailbox sent) are not sent now.
             u"CREATE TABLE email_outbox_cursor ("
             " id INTEGER PRIMARY KEY,"
             " last_seq BIGINT NOT NULL)"_s,
             u"INSERT INTO email_outbox_cursor(id, last_seq) SELECT 1, coalesce(max(seq), 0) FROM events"_s,
         }},
    };
    return all;
}

QString errorOf(const QSqlQuery& query) {
    return query.lastError().text();
}

Status exec(QSqlDatabase& db, const QString& sql) {
    QSqlQuery query(db);
    if (!query.exec(sql))
        return Status::failure(u"%1 (in: %2)"_s.arg(errorOf(query), sql.left(200)));
    return {};
}

/// Opens a write transaction: BEGIN IMMEDIATE on SQLite (takes the write lock now rather than on the first
/// write), BEGIN plus the migration lock on PostgreSQL.
Status begin(QSqlDatabase& db, SqlDialect dialect) {
    if (dialect == SqlDialect::Sqlite)
        return exec(db, u"BEGIN IMMEDIATE"_s);
    if (Status status = exec(db, u"BEGIN"_s); !status)
        return status;
    // No NOTICE for CREATE TABLE IF NOT EXISTS on every start.
    if (Status status = exec(db, u"SET LOCAL client_min_messages = warning"_s); !status)
        return status;
    return exec(db, u"SELECT pg_advisory_xact_lock(%1)"_s.arg(migrationLockKey));
}

void rollback(QSqlDatabase& db) {
    QSqlQuery query(db);
    if (!query.exec(u"ROLLBACK"_s))
        qCWarning(lcServerMigrations) << "rollback failed:" << errorOf(query);
}

/// The version recorded in schema_version; the table must exist.
Result<int> recordedVersion(const QSqlDatabase& db) {
    QSqlQuery query(db);
    if (!query.exec(u"SELECT coalesce(max(version), 0) FROM schema_version"_s) || !query.next())
        return Result<int>::failure(errorOf(query));
    return query.value(0).toInt();
}

/// Inside an open transaction: the schema_version table exists and the version is read. Returns the version.
Result<int> prepareVersionTable(QSqlDatabase& db) {
    if (Status status = exec(db, u"CREATE TABLE IF NOT EXISTS schema_version ("
                                 u" version INTEGER PRIMARY KEY,"
                                 u" description TEXT NOT NULL,"
                                 u" applied_at BIGINT NOT NULL)"_s);
        !status)
        return Result<int>::failure(status.error());
    return recordedVersion(db);
}

} // namespace

int ServerMigrations::latestVersion() {
    return migrations().back().version;
}

QString ServerMigrations::dialectSql(QString sql, SqlDialect dialect) {
    // SQLite's AUTOINCREMENT never reuses a number, also not after the newest row is deleted.
    sql.replace(u"{serial}"_s,
                dialect == SqlDialect::Postgres ? u"BIGSERIAL PRIMARY KEY"_s : u"INTEGER PRIMARY KEY AUTOINCREMENT"_s);
    return sql;
}

Result<int> ServerMigrations::currentVersion(const QSqlDatabase& db) {
    if (!db.tables().contains(u"schema_version"_s))
        return 0;
    return recordedVersion(db);
}

Result<int> ServerMigrations::migrate(QSqlDatabase& db, SqlDialect dialect) {
    for (;;) {
        if (Status status = begin(db, dialect); !status)
            return Result<int>::failure(u"Could not start migrating the database: %1"_s.arg(status.error()));
        const Result<int> current = prepareVersionTable(db);
        if (!current) {
            rollback(db);
            return Result<int>::failure(u"Could not read the schema version: %1"_s.arg(current.error()));
        }
        const int version = current.value();
        if (version > latestVersion()) {
            rollback(db);
            return Result<int>::failure(u"The database is at schema version %1, newer than this build knows (%2). "
                                        u"Upgrade Threadline."_s.arg(version)
                                            .arg(latestVersion()));
        }
        const auto next = std::find_if(migrations().cbegin(), migrations().cend(),
                                       [version](const Migration& step) { return step.version > version; });
        if (next == migrations().cend()) {
            QSqlQuery commit(db);
            if (!commit.exec(u"COMMIT"_s))
                return Result<int>::failure(errorOf(commit));
            return version;
        }
        Status status;
        for (const QString& statement : next->statements) {
            status = exec(db, dialectSql(statement, dialect));
            if (!status)
                break;
        }
        if (status) {
            QSqlQuery record(db);
            record.prepare(u"INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)"_s);
            record.bindValue(0, next->version);
            record.bindValue(1, QString::fromLatin1(next->description));
            record.bindValue(2, QDateTime::currentMSecsSinceEpoch());
            if (!record.exec())
                status = Status::failure(errorOf(record));
        }
        if (status) {
            QSqlQuery commit(db);
            if (!commit.exec(u"COMMIT"_s))
                status = Status::failure(errorOf(commit));
        }
        if (!status) {
            rollback(db);
            return Result<int>::failure(
                u"Migrating the database to schema version %1 failed: %2"_s.arg(next->version).arg(status.error()));
        }
        qCInfo(lcServerMigrations) << "migrated to schema version" << next->version << next->description;
    }
}

} // namespace tl::store
