// SubmitBatcher: submits that arrive while the database thread is busy are applied together, in one transaction,
// and each submitter gets its own outcome (docs/server.md, "Performance").
#include "TempDatabase.h"

#include "core/EventKind.h"
#include "core/IdentityResolver.h"
#include "core/ImportRecord.h"
#include "server/ServerMetrics.h"
#include "server/StoreThread.h"
#include "server/SubmitBatcher.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSemaphore>
#include <QThread>

namespace tl::server::test {
namespace {

using namespace Qt::StringLiterals;

/// Runs the event loop until \a done or \a timeoutMs pass; returns done().
template <typename Predicate> bool pumpUntil(Predicate done, int timeoutMs = 10000) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
    return done();
}

core::Event note(const QString& id, const QString& customer) {
    core::Event event;
    event.id = id;
    event.customer = customer;
    event.kind = core::kinds::Note;
    event.channel = core::Channel::Note;
    event.occurredAt = 1767225600000LL;
    event.payload.insert(u"text"_s, u"note %1"_s.arg(id));
    return event;
}

class SubmitBatcherTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto opened = m_store.open(u"sqlite:"_s + m_temp.path(u"server.sqlite"_s));
        ASSERT_TRUE(opened) << opened.error().toStdString();
        const auto seeded = m_store.callBlocking([](store::ServerStore& store) -> core::Status {
            for (const auto& [identity, queue] : {std::pair{u"email:anna@example.pl"_s, u"sales"_s},
                                                  std::pair{u"email:boris@example.ru"_s, u"support"_s}}) {
                core::ImportRecord record;
                record.event.id = u"in:"_s + identity;
                record.event.identity = identity;
                record.event.kind = core::kinds::MessageIn;
                record.event.channel = core::Channel::Email;
                record.event.occurredAt = 1767225600000LL;
                const auto ingested = store.ingest({record}, queue);
                if (!ingested)
                    return core::Status::failure(ingested.error());
            }
            return {};
        });
        ASSERT_TRUE(seeded) << seeded.error().toStdString();
        m_sales = core::IdentityResolver::customerIdFor(u"email:anna@example.pl"_s);
        m_support = core::IdentityResolver::customerIdFor(u"email:boris@example.ru"_s);
    }

    /// Keeps the database thread busy until release() (what a long pass read or another group does).
    void occupyDatabaseThread() {
        m_store.call(
            &m_context,
            [gate = m_gate](store::ServerStore&) {
                gate->acquire();
                return 0;
            },
            [](int) {});
    }
    void release() { m_gate->release(); }

    testsupport::TempDatabase m_temp;
    ServerMetrics m_metrics{u"test"_s};
    StoreThread m_store{m_metrics};
    QObject m_context;
    std::shared_ptr<QSemaphore> m_gate = std::make_shared<QSemaphore>(0);
    QString m_sales;
    QString m_support;
    QVector<QVector<SubmitBatcher::Outcome>> m_groups;
    SubmitBatcher m_batcher{m_store, [this](QVector<SubmitBatcher::Outcome> outcomes) {
                                m_groups.append(std::move(outcomes));
                            }};
};

TEST_F(SubmitBatcherTest, SubmitsWaitingForTheDatabaseAreAppliedAsOneGroup) {
    occupyDatabaseThread();
    // Three workstations submit while the database thread is busy; the second repeats an id of the first, the
    // third writes on a customer outside its queues.
    m_batcher.submit(7, {{note(u"n1"_s, m_sales), note(u"n2"_s, m_sales)}, u"anna"_s, {false, {u"sales"_s}}});
    m_batcher.submit(8, {{note(u"n3"_s, m_support), note(u"n1"_s, m_sales)}, u"sam"_s, {true, {}}});
    m_batcher.submit(9, {{note(u"n4"_s, m_sales), note(u"n5"_s, m_support)}, u"olga"_s, {false, {u"support"_s}}});
    release();
    ASSERT_TRUE(pumpUntil([&] { return !m_groups.isEmpty(); }));
    pumpUntil([] { return false; }, 200); // nothing else is on its way
    ASSERT_EQ(m_groups.size(), 1) << "the waiting submits were applied in one group";
    const QVector<SubmitBatcher::Outcome>& group = m_groups.first();
    ASSERT_EQ(group.size(), 3);
    EXPECT_EQ(group[0].submitter, 7u);
    EXPECT_EQ(group[1].submitter, 8u);
    EXPECT_EQ(group[2].submitter, 9u);
    for (const SubmitBatcher::Outcome& outcome : group) {
        ASSERT_TRUE(outcome.applied.ok()) << outcome.applied.error().toStdString();
        ASSERT_EQ(outcome.applied.value().size(), 2);
        ASSERT_EQ(outcome.events.size(), 2);
    }
    const QVector<store::Applied>& anna = group[0].applied.value();
    const QVector<store::Applied>& sam = group[1].applied.value();
    const QVector<store::Applied>& olga = group[2].applied.value();
    EXPECT_GT(anna[0].seq, 0);
    EXPECT_GT(anna[1].seq, anna[0].seq);
    EXPECT_GT(sam[0].seq, anna[1].seq);
    EXPECT_EQ(sam[1].seq, anna[0].seq) << "the id the first submit stored is acknowledged with its seq";
    EXPECT_EQ(olga[0].seq, 0);
    EXPECT_TRUE(olga[0].error.contains(u"not in your queues"_s)) << olga[0].error.toStdString();
    EXPECT_GT(olga[1].seq, sam[0].seq) << "the refusal did not stop the rest of its submit";
    EXPECT_EQ(group[1].events[1].id, u"n1"_s);

    // A submit arriving later makes a group of its own.
    m_batcher.submit(7, {{note(u"n6"_s, m_sales)}, u"anna"_s, {false, {u"sales"_s}}});
    ASSERT_TRUE(pumpUntil([&] { return m_groups.size() == 2; }));
    ASSERT_EQ(m_groups[1].size(), 1);
    ASSERT_TRUE(m_groups[1][0].applied.ok());
    EXPECT_GT(m_groups[1][0].applied.value()[0].seq, olga[1].seq);

    const auto events = m_store.callBlocking([](store::ServerStore& store) {
        return store.eventsAfter(0, 100, store::Visibility{true, {}});
    });
    ASSERT_TRUE(events.ok());
    QStringList ids;
    for (const core::Event& event : events.value())
        ids.append(event.id);
    EXPECT_EQ(ids, (QStringList{u"in:email:anna@example.pl"_s, u"in:email:boris@example.ru"_s, u"n1"_s, u"n2"_s,
                                u"n3"_s, u"n5"_s, u"n6"_s}));
}

TEST_F(SubmitBatcherTest, AFailingSubmitFailsAloneInItsGroup) {
    ASSERT_TRUE(m_store.callBlocking([](store::ServerStore& store) {
        store.setSubmitFailureForTesting([](const core::Event& event) {
            return event.id == u"poison"_s ? u"the database refused the value"_s : QString();
        });
        return true;
    }));
    occupyDatabaseThread();
    m_batcher.submit(1, {{note(u"n1"_s, m_sales)}, u"anna"_s, {true, {}}});
    m_batcher.submit(2, {{note(u"n2"_s, m_sales), note(u"poison"_s, m_sales)}, u"bart"_s, {true, {}}});
    m_batcher.submit(3, {{note(u"n3"_s, m_sales)}, u"carl"_s, {true, {}}});
    release();
    ASSERT_TRUE(pumpUntil([&] { return !m_groups.isEmpty(); }));
    ASSERT_EQ(m_groups.size(), 1);
    const QVector<SubmitBatcher::Outcome>& group = m_groups.first();
    ASSERT_EQ(group.size(), 3);
    ASSERT_TRUE(group[0].applied.ok()) << group[0].applied.error().toStdString();
    EXPECT_FALSE(group[1].applied.ok());
    ASSERT_TRUE(group[2].applied.ok()) << group[2].applied.error().toStdString();
    EXPECT_GT(group[2].applied.value()[0].seq, group[0].applied.value()[0].seq);
}

} // namespace
} // namespace tl::server::test
