#pragma once

// The server store's test suite runs the same tests against SQLite (test_serverstore, label unit) and PostgreSQL
// (test_serverstore_pg in tests/integration/serverstore, label integration): ServerStoreSuite.cpp holds the
// TEST_Ps, each binary instantiates them for its engine.

#include "PostgresServer.h"
#include "TempDatabase.h"

#include "core/EventKind.h"
#include "core/ImportRecord.h"
#include "store/ServerStore.h"

#include <gtest/gtest.h>

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <memory>
#include <ostream>

namespace tl::store::test {

enum class Backend { Sqlite, Postgres };

inline std::ostream& operator<<(std::ostream& out, Backend backend) {
    return out << (backend == Backend::Sqlite ? "Sqlite" : "Postgres");
}

/// 2026-01-01T00:00:00Z plus \a minutes.
inline qint64 at(int minutes) {
    return 1767225600000LL + qint64(minutes) * 60'000;
}

/// An inbound record as a connector hands it over.
inline core::ImportRecord inbound(const QString& id, const QString& identity, int minutes,
                                  const QStringList& identities = {}, const QString& name = {}) {
    core::ImportRecord record;
    record.event.id = id;
    record.event.identity = identity;
    record.event.occurredAt = at(minutes);
    record.event.kind = core::kinds::MessageIn;
    record.event.channel = core::Channel::Email;
    record.event.author = identity;
    record.event.payload.insert(QStringLiteral("text"), QStringLiteral("hello from %1").arg(identity));
    record.identities = identities;
    record.name = name;
    return record;
}

/// An agent's action on a customer, as a workstation submits it.
inline core::Event action(const QString& id, const QString& customer, const QString& kind = core::kinds::Note,
                          int minutes = 100) {
    core::Event event;
    event.id = id;
    event.customer = customer;
    event.kind = kind;
    event.channel = kind == core::kinds::Note ? core::Channel::Note : core::Channel::Email;
    event.occurredAt = at(minutes);
    event.author = QStringLiteral("someone.else");
    event.payload.insert(QStringLiteral("text"), QStringLiteral("action %1").arg(id));
    return event;
}

inline core::Event mergeAction(const QString& id, const QString& from, const QString& into) {
    core::Event event = action(id, into, core::kinds::CustomerMerged);
    event.channel = core::Channel::System;
    event.payload = QJsonObject{{QStringLiteral("from"), from}, {QStringLiteral("into"), into}};
    return event;
}

inline QStringList idsOf(const QVector<core::Event>& events) {
    QStringList ids;
    for (const core::Event& event : events)
        ids.append(event.id);
    return ids;
}

inline Visibility everything() {
    return {true, {}};
}

inline Visibility queuesOnly(const QStringList& queues) {
    return {false, queues};
}

/// A fresh database per test, on the engine of the parameter.
class ServerStoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        m_url = newDatabase();
        if (m_url.isEmpty())
            return;
        m_store = open(m_url);
    }

    /// The URL of a new, empty database (empty after a failure, which is reported).
    QString newDatabase() {
        static std::atomic<int> counter{0};
        const int number = counter.fetch_add(1);
        if (GetParam() == Backend::Sqlite)
            return m_temp.path(QStringLiteral("server-%1.sqlite").arg(number));
        testsupport::PostgresServer& server = testsupport::PostgresServer::shared();
        if (!server.ok()) {
            ADD_FAILURE() << "PostgreSQL did not start: " << server.error().toStdString();
            return {};
        }
        const QString name = QStringLiteral("test_%1").arg(number);
        if (const core::Status created = server.createDatabase(name); !created) {
            ADD_FAILURE() << created.error().toStdString();
            return {};
        }
        return server.url(name);
    }

    /// A plain QtSql connection to the test's database (for what the store's API does not show); the caller
    /// closes it and removes \a connection.
    QSqlDatabase rawDatabase(const QString& connection) const {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            GetParam() == Backend::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), connection);
        if (GetParam() == Backend::Sqlite) {
            db.setDatabaseName(m_url);
        } else {
            const QUrl url(m_url);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
        }
        EXPECT_TRUE(db.open()) << db.lastError().text().toStdString();
        return db;
    }

    static std::unique_ptr<ServerStore> open(const QString& url) {
        auto opened = ServerStore::open(url);
        EXPECT_TRUE(opened.ok()) << opened.error().toStdString();
        return opened ? std::move(opened).value() : nullptr;
    }

    QVector<Applied> ingestOk(const QVector<core::ImportRecord>& records, const QString& queue = {}) {
        return ingestOk(*m_store, records, queue);
    }

    static QVector<Applied> ingestOk(ServerStore& store, const QVector<core::ImportRecord>& records,
                                     const QString& queue = {}) {
        const auto applied = store.ingest(records, queue);
        EXPECT_TRUE(applied.ok()) << applied.error().toStdString();
        if (!applied)
            return {};
        for (const Applied& one : applied.value())
            EXPECT_TRUE(one.error.isEmpty()) << one.id.toStdString() << ": " << one.error.toStdString();
        return applied.value();
    }

    QVector<Applied> submitOk(const QVector<core::Event>& events, const QString& author = QStringLiteral("anna"),
                              const Visibility& visibility = everything()) {
        const auto applied = m_store->applySubmitted(events, author, visibility);
        EXPECT_TRUE(applied.ok()) << applied.error().toStdString();
        return applied ? applied.value() : QVector<Applied>();
    }

    QVector<core::Event> readAll(const Visibility& visibility = everything(), ServerStore* store = nullptr) {
        const auto events = (store ? store : m_store.get())->eventsAfter(0, 100'000, visibility);
        EXPECT_TRUE(events.ok()) << events.error().toStdString();
        return events ? events.value() : QVector<core::Event>();
    }

    qint64 headOf(ServerStore& store) {
        const auto head = store.head();
        EXPECT_TRUE(head.ok()) << head.error().toStdString();
        return head ? head.value() : -1;
    }

    testsupport::TempDatabase m_temp;
    QString m_url;
    std::unique_ptr<ServerStore> m_store;
};

} // namespace tl::store::test
