#include "StoreTestHelpers.h"

#include "store/Migrations.h"

#include "TempDatabase.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace tl;
using namespace tl::store;
using namespace tl::store::test;

namespace {

/// A raw connection for looking at or preparing a file behind the store's back.
class RawConnection final {
public:
    explicit RawConnection(const QString& path) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw-migrations-test"));
        m_db.setDatabaseName(path);
        EXPECT_TRUE(m_db.open());
    }
    ~RawConnection() {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("raw-migrations-test"));
    }
    QSqlDatabase& db() { return m_db; }
    void exec(const QString& sql) {
        QSqlQuery query(m_db);
        EXPECT_TRUE(query.exec(sql)) << query.lastError().text().toStdString();
    }
    int userVersion() {
        QSqlQuery query(m_db);
        EXPECT_TRUE(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        return query.value(0).toInt();
    }

private:
    QSqlDatabase m_db;
};

} // namespace

TEST(Migrations, FreshDatabaseReachesLatestVersion) {
    testsupport::TempDatabase temp;
    {
        auto store = openStore(temp.path());
        ASSERT_TRUE(store);
        EXPECT_EQ(store->schemaVersion(), Migrations::latestVersion());
        EXPECT_GE(Migrations::latestVersion(), 2);
    }
    RawConnection raw(temp.path());
    EXPECT_EQ(raw.userVersion(), Migrations::latestVersion());
    QSqlQuery query(raw.db());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
    QStringList tables;
    while (query.next())
        tables.append(query.value(0).toString());
    for (const char* table : {"events", "customers", "identities", "outbox", "events_fts"})
        EXPECT_TRUE(tables.contains(QLatin1StringView(table))) << table;
    ASSERT_TRUE(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
    EXPECT_EQ(query.value(0).toString(), QStringLiteral("wal"));
}

TEST(Migrations, ReopeningIsANoOp) {
    testsupport::TempDatabase temp;
    {
        auto store = openStore(temp.path());
        ASSERT_TRUE(store);
        ingestOk(*store, record(QStringLiteral("email:1"), QStringLiteral("email:jan@example.pl"), 1,
                                core::kinds::MessageIn, QStringLiteral("Dzień dobry")));
    }
    auto store = openStore(temp.path());
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schemaVersion(), Migrations::latestVersion());
    EXPECT_EQ(store->eventCount(), 1);
    RawConnection raw(temp.path());
    const auto again = Migrations::migrate(raw.db());
    ASSERT_TRUE(again.ok()) << again.error().toStdString();
    EXPECT_EQ(again.value(), Migrations::latestVersion());
}

TEST(Migrations, OlderDatabaseIsMigratedAndItsEventsBecomeSearchable) {
    testsupport::TempDatabase temp;
    {
        RawConnection raw(temp.path());
        const auto version = Migrations::migrate(raw.db(), 1);
        ASSERT_TRUE(version.ok()) << version.error().toStdString();
        EXPECT_EQ(version.value(), 1);
        EXPECT_EQ(raw.userVersion(), 1);
        raw.exec(QStringLiteral("INSERT INTO customers(id, name) VALUES('c1', 'Jan Kowalski')"));
        raw.exec(QStringLiteral("INSERT INTO identities(identity, customer) "
                                "SELECT 'email:jan@example.pl', key FROM customers WHERE id = 'c1'"));
        raw.exec(QStringLiteral(
            "INSERT INTO events(id, customer, channel, kind, occurred_at, identity, payload) SELECT 'email:old', "
            "key, 'email', 'message.in', 1000, 'email:jan@example.pl', '{\"text\":\"Zamówienie nie dotarło\"}' "
            "FROM customers WHERE id = 'c1'"));
    }
    auto store = openStore(temp.path());
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schemaVersion(), Migrations::latestVersion());
    const auto hits = store->search(QStringLiteral("zamowienie"));
    ASSERT_TRUE(hits.ok()) << hits.error().toStdString();
    ASSERT_EQ(hits.value().size(), 1);
    EXPECT_EQ(hits.value().first().event.id, QStringLiteral("email:old"));
    EXPECT_EQ(hits.value().first().customerName, QStringLiteral("Jan Kowalski"));
    // The name was indexed by the migration too.
    EXPECT_EQ(store->search(QStringLiteral("kowalski")).value().size(), 1);
}

TEST(Migrations, NewerDatabaseIsRefused) {
    testsupport::TempDatabase temp;
    {
        RawConnection raw(temp.path());
        raw.exec(QStringLiteral("PRAGMA user_version = 999"));
    }
    const auto opened = EventStore::open(temp.path());
    ASSERT_FALSE(opened.ok());
    EXPECT_TRUE(opened.error().contains(QStringLiteral("999"))) << opened.error().toStdString();
}
