// The chaos test: a real threadline-server and a real workstation process (workstation_sim: cache, SyncClient and
// an agent writing actions into the outbox), both SIGKILLed at seeded random moments — the server in the middle
// of the backlog stream or of a submit, the workstation with an unsent or half-sent outbox — and started again on
// the same database, cache and port, until everything settles. Then every action the workstation committed must
// be on the server exactly once, its outbox empty, and its cache must hold every server event exactly once.
// The seed is printed; THREADLINE_CHAOS_SEED=<seed> replays the same schedule (the moments are triggered by the
// workstation's progress, so the interleaving is alike, not identical). THREADLINE_CHAOS_LOG=<file> keeps what
// the workstation printed.

#include "ServerFixture.h"
#include "WorkstationProcess.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <iostream>

namespace tl::synctest {
namespace {

using namespace Qt::StringLiterals;
using servertest::HttpReply;

/// Events the server holds before the workstation first connects: its backlog.
constexpr int backlogEvents = 5000;
constexpr int backlogCustomers = 80;
/// Actions the workstation writes in all (counted in its cache, so a restarted run writes only the rest).
constexpr int actions = 400;
constexpr int actionIntervalMs = 4;
/// How long one trigger or the final settling may take: generous, the machine is small and busy.
constexpr int waitMs = 60000;

enum class Victim { Server, Workstation, Both };

const char* victimName(Victim victim) {
    switch (victim) {
    case Victim::Server:
        return "server";
    case Victim::Workstation:
        return "workstation";
    case Victim::Both:
        return "both";
    }
    return "?";
}

/// One kill: when it happens, what dies, how long it stays down.
struct Round final {
    Victim victim = Victim::Server;
    /// Kill once the workstation's cache holds this seq (mid-backlog), or -1.
    qint64 atSeq = -1;
    /// Kill once the workstation has written this many actions, or -1.
    int atWritten = -1;
    /// A further pause after the trigger, so that kills also land between the workstation's status reports.
    int delayMs = 0;
    /// How long the victims stay dead.
    int downMs = 0;
    /// For Both: the server dies first (else the workstation). The server always comes back first.
    bool serverFirst = true;
};

/// The schedule of a seed: first two kills mid-backlog, then kills spread over the writing; every victim three
/// times, plus one more.
QVector<Round> scheduleOf(quint32 seed, qint64 backlogHead) {
    QRandomGenerator random(seed);
    QVector<Victim> victims{Victim::Server, Victim::Workstation, Victim::Both,
                            Victim::Server, Victim::Workstation, Victim::Both,
                            Victim::Server, Victim::Workstation, Victim::Both};
    victims.append(static_cast<Victim>(random.bounded(3)));
    for (qsizetype index = victims.size() - 1; index > 0; --index)
        std::swap(victims[index], victims[random.bounded(static_cast<int>(index + 1))]);
    constexpr qsizetype backlogRounds = 2;
    QVector<qint64> seqs;
    for (qsizetype index = 0; index < backlogRounds; ++index)
        seqs.append(backlogHead * random.bounded(10, 90) / 100);
    std::sort(seqs.begin(), seqs.end());
    QVector<int> thresholds;
    for (qsizetype index = backlogRounds; index < victims.size(); ++index)
        thresholds.append(random.bounded(actions / 20, actions * 9 / 10));
    std::sort(thresholds.begin(), thresholds.end());
    QVector<Round> rounds;
    for (qsizetype index = 0; index < victims.size(); ++index) {
        Round round;
        round.victim = victims.at(index);
        if (index < backlogRounds)
            round.atSeq = seqs.at(index);
        else
            round.atWritten = thresholds.at(index - backlogRounds);
        round.delayMs = random.bounded(0, 150);
        round.downMs = random.bounded(0, 400);
        round.serverFirst = random.bounded(2) == 0;
        rounds.append(round);
    }
    return rounds;
}

/// One event as stored on either side: where it sits in the log, and who wrote it.
struct Stored final {
    qint64 seq = 0;
    QString author;
};

class ChaosTest : public servertest::ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(m_cacheDir.isValid());
        agentToken = createAndSignIn(u"anna"_s, u"agent"_s, {u"general"_s});
        ASSERT_FALSE(agentToken.isEmpty());
    }

    void TearDown() override {
        // THREADLINE_CHAOS_LOG=<file> keeps everything the workstation runs printed, pass or fail.
        if (const QString path = qEnvironmentVariable("THREADLINE_CHAOS_LOG"); !path.isEmpty()) {
            QFile file(path);
            if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                file.write(workstation.log().toUtf8());
        }
        if (HasFailure()) {
            std::cout << "chaos seed " << seed << " (replay: THREADLINE_CHAOS_SEED=" << seed << ")\n"
                      << "--- workstation output (last lines):\n"
                      << workstation.tail(80).toStdString() << "\n--- server errors:\n"
                      << server.errors().right(4000).toStdString() << std::endl;
        }
    }

    [[nodiscard]] QString cachePath() const { return m_cacheDir.filePath(u"cache.sqlite"_s); }

    [[nodiscard]] QStringList workstationArguments() const {
        return {u"--db"_s,          cachePath(),
                u"--server"_s,      server.url(QString()).toString(),
                u"--token"_s,       QString::fromUtf8(agentToken),
                u"--agent"_s,       u"anna"_s,
                u"--actions"_s,     QString::number(actions),
                u"--interval-ms"_s, QString::number(actionIntervalMs)};
    }

    /// Imports the backlog: \a count e-mails over \a customers addresses into the general queue.
    void importMails(int count, int customers) {
        QByteArray lines;
        for (int index = 0; index < count; ++index)
            lines += mailLine(u"email:<chaos%1@x>"_s.arg(index), u"c%1@example.pl"_s.arg(index % customers),
                              u"message %1"_s.arg(index));
        const HttpReply reply = importLines(u"general"_s, lines);
        ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
        ASSERT_EQ(reply.json.value(u"accepted"_s).toInt(), count) << reply.body.toStdString();
    }

    /// The whole server log (the admin sees every queue), in seq order; \a head gets the welcome's head.
    QVector<core::Event> serverLog(qint64* head) {
        servertest::SyncTestClient probe;
        if (!probe.open(server.syncUrl()))
            return {};
        const auto welcome = probe.hello(adminToken);
        if (!welcome)
            return {};
        *head = welcome->head;
        QVector<core::Event> events = probe.backlog(nullptr, waitMs);
        EXPECT_TRUE(probe.undecodable().isEmpty()) << probe.undecodable().join(u'\n').toStdString();
        return events;
    }

    /// The server's newest seq, or -1 when it does not answer.
    qint64 serverHead() {
        servertest::SyncTestClient probe;
        if (!probe.open(server.syncUrl()))
            return -1;
        const auto welcome = probe.hello(adminToken);
        return welcome ? welcome->head : -1;
    }

    /// Starts the killed server again on its database and port.
    void restartServer() {
        const quint16 port = server.port();
        const auto started = server.start({u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)});
        ASSERT_TRUE(started) << started.error().toStdString();
        ASSERT_EQ(server.port(), port);
    }

    void restartWorkstation() {
        const auto started = workstation.start(workstationArguments());
        ASSERT_TRUE(started) << started.error().toStdString();
    }

    /// Waits until the running workstation's status passes the round's trigger (or the workstation ended).
    bool waitForTrigger(const Round& round) {
        return QTest::qWaitFor(
            [&] {
                if (!workstation.isRunning())
                    return true;
                const WorkstationProcess::Status& status = workstation.status();
                if (!status.valid)
                    return false;
                return round.atSeq >= 0 ? status.seq >= round.atSeq : status.written >= round.atWritten;
            },
            waitMs);
    }

    quint32 seed = 0;
    QByteArray agentToken;
    WorkstationProcess workstation;

private:
    QTemporaryDir m_cacheDir;
};

/// Reads every event of the workstation's cache (id → seq, author) and the number of outbox entries, with SQL.
bool readCache(const QString& path, QMap<QString, Stored>* events, int* outbox, QString* error) {
    const QString name = u"chaos-%1"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (db.open() && query.exec(u"SELECT id, seq, author FROM events"_s)) {
            while (query.next())
                events->insert(query.value(0).toString(), {query.value(1).toLongLong(), query.value(2).toString()});
            ok = query.exec(u"SELECT count(*) FROM outbox"_s) && query.next();
            if (ok)
                *outbox = query.value(0).toInt();
        }
        if (!ok)
            *error = db.lastError().text() + u' ' + query.lastError().text();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

TEST_F(ChaosTest, EveryEventArrivesExactlyOnceThroughKillsOfServerAndWorkstation) {
    const QByteArray fixed = qgetenv("THREADLINE_CHAOS_SEED");
    seed = fixed.isEmpty() ? QRandomGenerator::global()->generate() : fixed.toUInt();
    std::cout << "chaos seed " << seed << " (replay: THREADLINE_CHAOS_SEED=" << seed << ")" << std::endl;
    RecordProperty("chaos_seed", std::to_string(seed));

    importMails(backlogEvents, backlogCustomers);
    const qint64 backlogHead = serverHead();
    ASSERT_GE(backlogHead, backlogEvents);

    const QVector<Round> rounds = scheduleOf(seed, backlogHead);
    restartWorkstation();
    for (qsizetype index = 0; index < rounds.size(); ++index) {
        const Round& round = rounds.at(index);
        ASSERT_TRUE(waitForTrigger(round)) << "round " << index << " never triggered";
        ASSERT_TRUE(workstation.isRunning()) << "the workstation ended on its own";
        if (round.delayMs > 0)
            QTest::qWait(round.delayMs);
        const WorkstationProcess::Status at = workstation.status();
        const bool killServer = round.victim != Victim::Workstation;
        const bool killWorkstation = round.victim != Victim::Server;
        const bool serverFirst = round.serverFirst || !killWorkstation;
        if (killServer && serverFirst)
            server.kill();
        if (killWorkstation)
            workstation.kill();
        if (killServer && !serverFirst)
            server.kill();
        std::cout << "round " << index << ": killed " << victimName(round.victim) << " (trigger "
                  << (round.atSeq >= 0 ? "seq " + std::to_string(round.atSeq)
                                       : "written " + std::to_string(round.atWritten))
                  << ") with the workstation at written=" << at.written << " pending=" << at.pending
                  << " seq=" << at.seq << " state=" << at.state.toStdString() << "; down " << round.downMs << " ms"
                  << std::endl;
        if (round.downMs > 0)
            QTest::qWait(round.downMs);
        if (killServer) {
            restartServer();
            if (HasFatalFailure())
                return;
        }
        if (killWorkstation) {
            restartWorkstation();
            if (HasFatalFailure())
                return;
        }
    }

    // Settled: everything written, nothing on its way, live, and the cache at the server's head.
    qint64 head = -1;
    const bool settled = QTest::qWaitFor(
        [&] {
            if (!workstation.isRunning())
                return true;
            const WorkstationProcess::Status& status = workstation.status();
            if (!status.valid || status.written < actions || status.pending > 0 || status.refused > 0 ||
                status.state != u"online"_s)
                return false;
            head = serverHead();
            return head > 0 && status.seq == head;
        },
        waitMs);
    ASSERT_TRUE(workstation.isRunning()) << "the workstation ended on its own";
    ASSERT_TRUE(settled) << "the workstation did not settle";
    workstation.kill();
    EXPECT_EQ(workstation.status().written, actions);
    QMap<QString, int> failures;
    for (const QString& reason : workstation.writeFailures())
        ++failures[reason];
    std::cout << "settled at head " << head << "; " << workstation.wroteIds().size() << " writes reported, "
              << workstation.writeFailures().size() << " refused by the cache" << std::endl;
    for (auto it = failures.cbegin(); it != failures.cend(); ++it)
        std::cout << "  " << it.value() << " x " << it.key().toStdString() << std::endl;
    // The cache takes an agent's action while the sync worker writes the stream: a refusal is what the agent
    // would see as "Not sent: database is locked" under the composer.
    EXPECT_TRUE(workstation.writeFailures().isEmpty()) << "the cache refused actions while syncing";

    // The server's log: seqs 1..head without gaps (a single-writer SQLite log), every id once.
    qint64 logHead = -1;
    const QVector<core::Event> log = serverLog(&logHead);
    ASSERT_EQ(logHead, head);
    ASSERT_EQ(log.size(), head);
    QMap<QString, Stored> onServer;
    for (qsizetype index = 0; index < log.size(); ++index) {
        const core::Event& event = log.at(index);
        ASSERT_EQ(event.seq, index + 1) << "a gap or a repeat in the server's seqs at " << event.id.toStdString();
        ASSERT_FALSE(onServer.contains(event.id)) << "twice on the server: " << event.id.toStdString();
        onServer.insert(event.id, {event.seq, event.author});
    }

    // The workstation's cache.
    QMap<QString, Stored> cached;
    int outbox = -1;
    QString error;
    ASSERT_TRUE(readCache(cachePath(), &cached, &outbox, &error)) << error.toStdString();
    EXPECT_EQ(outbox, 0) << "the outbox is not empty";

    // Every action the workstation committed: in its cache, and on the server once, by anna, at the same seq.
    QStringList written;
    for (auto it = cached.cbegin(); it != cached.cend(); ++it) {
        if (it.value().author == u"anna"_s)
            written.append(it.key());
    }
    EXPECT_EQ(written.size(), actions);
    QStringList missing;
    QStringList moved;
    for (const QString& id : std::as_const(written)) {
        const auto there = onServer.constFind(id);
        if (there == onServer.cend())
            missing.append(id);
        else if (there.value().author != u"anna"_s || there.value().seq != cached.value(id).seq)
            moved.append(id);
    }
    EXPECT_TRUE(missing.isEmpty()) << missing.size() << " written but not on the server, such as "
                                   << missing.mid(0, 5).join(u", "_s).toStdString();
    EXPECT_TRUE(moved.isEmpty()) << moved.size() << " on the server with another seq or author, such as "
                                 << moved.mid(0, 5).join(u", "_s).toStdString();
    // Each id a run reported after its commit survived the kills that followed.
    QStringList gone;
    for (const QString& id : workstation.wroteIds()) {
        if (!cached.contains(id))
            gone.append(id);
    }
    EXPECT_TRUE(gone.isEmpty()) << gone.size() << " reported as written, gone from the cache, such as "
                                << gone.mid(0, 5).join(u", "_s).toStdString();
    QStringList reported = workstation.wroteIds();
    reported.removeDuplicates();
    EXPECT_EQ(reported.size(), workstation.wroteIds().size()) << "an id was written twice";
    // Nothing from anna on the server that the workstation did not write.
    qsizetype annaOnServer = 0;
    for (const Stored& stored : std::as_const(onServer))
        annaOnServer += stored.author == u"anna"_s ? 1 : 0;
    EXPECT_EQ(annaOnServer, written.size());

    // The cache holds the server's log exactly: every event once (ids are unique there) at the server's seq,
    // nothing local left at seq 0, the seqs gap-free.
    EXPECT_EQ(cached.size(), onServer.size());
    QStringList different;
    QVector<qint64> cachedSeqs;
    for (auto it = cached.cbegin(); it != cached.cend(); ++it) {
        cachedSeqs.append(it.value().seq);
        const auto there = onServer.constFind(it.key());
        if (there == onServer.cend() || there.value().seq != it.value().seq)
            different.append(it.key());
    }
    EXPECT_TRUE(different.isEmpty()) << different.size()
                                     << " in the cache but not on the server, or at another seq, such as "
                                     << different.mid(0, 5).join(u", "_s).toStdString();
    std::sort(cachedSeqs.begin(), cachedSeqs.end());
    for (qsizetype index = 0; index < cachedSeqs.size(); ++index) {
        ASSERT_EQ(cachedSeqs.at(index), index + 1) << "the cache's seqs have a gap or a repeat";
    }
}

} // namespace
} // namespace tl::synctest
