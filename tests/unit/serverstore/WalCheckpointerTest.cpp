#include "store/WalCheckpointer.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace tl::store;

namespace {

sqlite3* openWal(const QString& file) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(file.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
              SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", nullptr, nullptr, nullptr),
              SQLITE_OK);
    return db;
}

void execute(sqlite3* db, const char* sql) {
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
}

qint64 count(sqlite3* db) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &statement, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
    const qint64 rows = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return rows;
}

/// Commits \a commits transactions of 20 rows of ~1 KB each, \a pauseMs apart (the server commits a group
/// every few milliseconds).
void writeRows(sqlite3* db, int commits, int pauseMs = 1) {
    for (int commit = 0; commit < commits; ++commit) {
        execute(db, "BEGIN");
        for (int row = 0; row < 20; ++row)
            execute(db, "INSERT INTO t(payload) VALUES (randomblob(1000))");
        execute(db, "COMMIT");
        if (pauseMs > 0)
            QThread::msleep(static_cast<unsigned long>(pauseMs));
    }
}

qint64 walSize(const QString& file) {
    return QFileInfo(file + QStringLiteral("-wal")).size();
}

} // namespace

TEST(WalCheckpointer, CheckpointsBesideTheWriterAndKeepsTheLogSmall) {
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const QString file = directory.filePath(QStringLiteral("server.db"));
    sqlite3* writer = openWal(file);
    execute(writer, "CREATE TABLE t(id INTEGER PRIMARY KEY, payload BLOB)");

    // 400 commits of ~20 KB: without checkpoints (the automatic one is off while the checkpointer runs) the log
    // would hold all 8 MB.
    {
        auto checkpointer = WalCheckpointer::start(writer, 50);
        ASSERT_NE(checkpointer, nullptr);
        qint64 largest = 0;
        for (int round = 0; round < 40; ++round) {
            writeRows(writer, 10);
            largest = std::max(largest, walSize(file));
        }
        EXPECT_GT(checkpointer->checkpoints(), 0);
        // The log restarts only once a checkpoint copied all of it, which commits arriving faster than a
        // checkpoint's fsyncs prevent; at 16 times the threshold (50 pages of 4 KiB: 3.2 MiB) the committing writer
        // copies the rest itself. Without either, the log would hold all 8 MB.
        EXPECT_LT(largest, 4 * 1024 * 1024) << "largest WAL " << largest;
        EXPECT_EQ(count(writer), 8000);

        // Commits back to back: the same bound.
        qint64 largestBackToBack = 0;
        for (int round = 0; round < 40; ++round) {
            writeRows(writer, 10, 0);
            largestBackToBack = std::max(largestBackToBack, walSize(file));
        }
        EXPECT_LT(largestBackToBack, 4 * 1024 * 1024) << "largest WAL " << largestBackToBack;
        EXPECT_EQ(count(writer), 16000);
    }

    // Stopped: the writer's automatic checkpoint is back, and every row is in the database for a new reader.
    writeRows(writer, 5);
    sqlite3* reader = openWal(file);
    EXPECT_EQ(count(reader), 16100);
    sqlite3_close_v2(reader);
    sqlite3_close_v2(writer);
}

TEST(WalCheckpointer, NotForADatabaseInMemory) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
    EXPECT_EQ(WalCheckpointer::start(db), nullptr);
    sqlite3_close_v2(db);
}
