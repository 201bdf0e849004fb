// The server store on PostgreSQL: the shared suite, and what only PostgreSQL does — several instances on one
// database telling each other about appends (LISTEN/NOTIFY).
#include "ServerStoreFixture.h"

#include "core/IdentityResolver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace tl::store::test {
namespace {

using namespace Qt::StringLiterals;

INSTANTIATE_TEST_SUITE_P(Postgres, ServerStoreTest, ::testing::Values(Backend::Postgres),
                         [](const ::testing::TestParamInfo<Backend>&) { return std::string("Postgres"); });

/// Runs the event loop until \a done or \a timeoutMs pass; returns done().
template <typename Predicate> bool pumpUntil(Predicate done, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return done();
}

class PostgresOnlyTest : public ServerStoreTest {};

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresOnlyTest, ::testing::Values(Backend::Postgres),
                         [](const ::testing::TestParamInfo<Backend>&) { return std::string("Postgres"); });

TEST_P(PostgresOnlyTest, AnAppendOnOneInstanceNotifiesTheOther) {
    ASSERT_TRUE(m_store);
    EXPECT_TRUE(m_store->isPostgres());
    std::unique_ptr<ServerStore> other = open(m_url);
    ASSERT_TRUE(other);

    QVector<qint64> heardByMe;
    QVector<qint64> heardByOther;
    ASSERT_TRUE(m_store->subscribeToAppends([&](qint64 head) { heardByMe.append(head); }));
    ASSERT_TRUE(other->subscribeToAppends([&](qint64 head) { heardByOther.append(head); }));

    // other appends: I hear of it with the new head, within a second; other does not hear its own commit.
    ingestOk(*other, {inbound(u"e1"_s, u"email:anna@example.pl"_s, 1)});
    const qint64 head = headOf(*other);
    EXPECT_TRUE(pumpUntil([&] { return !heardByMe.isEmpty(); }, 1000)) << "no notification within a second";
    EXPECT_EQ(heardByMe, QVector<qint64>{head});

    // And the other way round, from a submit.
    const QString customer = core::IdentityResolver::customerIdFor(u"email:anna@example.pl"_s);
    const auto applied = m_store->applySubmitted({action(u"n1"_s, customer)}, u"anna"_s, everything());
    ASSERT_TRUE(applied.ok()) << applied.error().toStdString();
    EXPECT_TRUE(pumpUntil([&] { return !heardByOther.isEmpty(); }, 1000)) << "no notification within a second";
    EXPECT_EQ(heardByOther, QVector<qint64>{applied.value().first().seq});
    pumpUntil([] { return false; }, 100);
    EXPECT_EQ(heardByMe.size(), 1) << "heard its own commit";

    // A batch that appends nothing (a retry) notifies nobody; a rolled-back one neither.
    ASSERT_TRUE(m_store->applySubmitted({action(u"n1"_s, customer)}, u"anna"_s, everything()).ok());
    pumpUntil([] { return false; }, 200);
    EXPECT_EQ(heardByOther.size(), 1);
}

TEST_P(PostgresOnlyTest, PasswordInTheUrlIsUsedAndNeverShown) {
    ASSERT_TRUE(m_store);
    // The test cluster trusts loopback, so a password is accepted and ignored: the URL form parses and connects.
    QString withPassword = m_url;
    withPassword.replace(u"postgresql://threadline@"_s, u"postgresql://threadline:pa%40ss@"_s);
    auto opened = ServerStore::open(withPassword + u"?sslmode=disable&application_name=threadline-test"_s);
    ASSERT_TRUE(opened.ok()) << opened.error().toStdString();
    // A database that does not exist: the error names it, without the password.
    QString missing = withPassword;
    missing.replace(u"/test_"_s, u"/missing_"_s);
    const auto failed = ServerStore::open(missing);
    ASSERT_FALSE(failed.ok());
    EXPECT_TRUE(failed.error().contains(u"missing_"_s)) << failed.error().toStdString();
    EXPECT_FALSE(failed.error().contains(u"pa%40ss"_s) || failed.error().contains(u"pa@ss"_s))
        << failed.error().toStdString();
}

} // namespace
} // namespace tl::store::test
