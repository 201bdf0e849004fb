// The engine-independent tests of ServerStore; instantiated for SQLite in SqliteServerStoreTest.cpp and for
// PostgreSQL in tests/integration/serverstore/PostgresServerStoreTest.cpp.
#include "ServerStoreFixture.h"

#include "core/IdentityResolver.h"
#include "store/ServerMigrations.h"

#include <QCryptographicHash>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QUrl>

#include <QSqlQuery>

#include <iostream>
#include <thread>

namespace tl::store::test {
namespace {

using namespace Qt::StringLiterals;
using core::Result;

const QString anna = u"email:anna@example.pl"_s;
const QString boris = u"email:boris@example.ru"_s;
const QString chen = u"phone:+8613800138000"_s;

QString customerOf(const QString& identity) {
    return core::IdentityResolver::customerIdFor(identity);
}

#define REQUIRE_STORE() ASSERT_TRUE(m_store) << "the store did not open"

TEST_P(ServerStoreTest, MigrationsAreIdempotentAndMakeTheDefaultQueue) {
    REQUIRE_STORE();
    ingestOk({inbound(u"e1"_s, anna, 1)});
    m_store.reset();
    // Opening again (and again) migrates nothing and keeps the data.
    for (int i = 0; i < 2; ++i) {
        m_store = open(m_url);
        REQUIRE_STORE();
        EXPECT_EQ(headOf(*m_store), 1);
    }
    const auto queues = m_store->queues();
    ASSERT_TRUE(queues.ok()) << queues.error().toStdString();
    ASSERT_EQ(queues.value().size(), 1);
    EXPECT_EQ(queues.value().first().name, u"general"_s);
}

TEST_P(ServerStoreTest, SchemaVersionIsRecordedInATable) {
    REQUIRE_STORE();
    const QString connection = u"schema-check"_s;
    {
        QSqlDatabase db = rawDatabase(connection);
        ASSERT_TRUE(db.isOpen());
        const auto version = ServerMigrations::currentVersion(db);
        ASSERT_TRUE(version.ok()) << version.error().toStdString();
        EXPECT_EQ(version.value(), ServerMigrations::latestVersion());
        // Migrating an up-to-date database changes nothing.
        const auto again =
            ServerMigrations::migrate(db, GetParam() == Backend::Sqlite ? SqlDialect::Sqlite : SqlDialect::Postgres);
        ASSERT_TRUE(again.ok()) << again.error().toStdString();
        EXPECT_EQ(again.value(), ServerMigrations::latestVersion());
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

TEST_P(ServerStoreTest, EmptyLogHasHeadZero) {
    REQUIRE_STORE();
    EXPECT_EQ(headOf(*m_store), 0);
    EXPECT_TRUE(readAll().isEmpty());
}

TEST_P(ServerStoreTest, SubmittedEventIsAppliedOnceUnderRetries) {
    REQUIRE_STORE();
    ingestOk({inbound(u"e1"_s, anna, 1)});
    const QString customer = customerOf(anna);
    const QVector<Applied> first = submitOk({action(u"n1"_s, customer)});
    ASSERT_EQ(first.size(), 1);
    EXPECT_TRUE(first[0].error.isEmpty()) << first[0].error.toStdString();
    EXPECT_GT(first[0].seq, 0);
    EXPECT_EQ(first[0].customer, customer);
    const qint64 head = headOf(*m_store);

    // The outbox retries: the same id again, alone and twice within one batch.
    const QVector<Applied> retried = submitOk({action(u"n1"_s, customer), action(u"n1"_s, customer)});
    ASSERT_EQ(retried.size(), 2);
    for (const Applied& applied : retried) {
        EXPECT_EQ(applied.seq, first[0].seq);
        EXPECT_TRUE(applied.error.isEmpty());
        EXPECT_EQ(applied.customer, customer);
    }
    EXPECT_EQ(headOf(*m_store), head);
    EXPECT_EQ(readAll().size(), 2);

    // A new id twice in one batch: applied once, both answers the same.
    const QVector<Applied> twice = submitOk({action(u"n2"_s, customer), action(u"n2"_s, customer)});
    ASSERT_EQ(twice.size(), 2);
    EXPECT_EQ(twice[0].seq, twice[1].seq);
    EXPECT_EQ(readAll().size(), 3);
}

TEST_P(ServerStoreTest, AuthorIsTheAuthenticatedLogin) {
    REQUIRE_STORE();
    ingestOk({inbound(u"e1"_s, anna, 1)});
    core::Event note = action(u"n1"_s, customerOf(anna));
    note.author = u"mallory"_s;
    submitOk({note}, u"anna.agent"_s);
    const QVector<core::Event> events = readAll();
    ASSERT_EQ(events.size(), 2);
    EXPECT_EQ(events[1].author, u"anna.agent"_s);
    EXPECT_EQ(events[1].kind, core::kinds::Note);
    EXPECT_EQ(events[1].payload.value("text"_L1).toString(), u"action n1"_s);
}

TEST_P(ServerStoreTest, SeqIsStrictlyIncreasingAndHeadIsTheNewest) {
    REQUIRE_STORE();
    QVector<core::ImportRecord> records;
    for (int i = 0; i < 30; ++i)
        records.append(inbound(u"e%1"_s.arg(i), i % 2 ? anna : boris, 30 - i)); // occurred_at out of order
    const QVector<Applied> applied = ingestOk(records);
    ASSERT_EQ(applied.size(), 30);
    for (int i = 1; i < applied.size(); ++i)
        EXPECT_GT(applied[i].seq, applied[i - 1].seq);
    const QVector<core::Event> events = readAll();
    ASSERT_EQ(events.size(), 30);
    for (int i = 1; i < events.size(); ++i)
        EXPECT_GT(events[i].seq, events[i - 1].seq);
    EXPECT_EQ(headOf(*m_store), events.last().seq);

    // Paging: after N, limit L.
    const auto page = m_store->eventsAfter(events[9].seq, 5, everything());
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page.value().size(), 5);
    EXPECT_EQ(page.value().first().id, events[10].id);
    EXPECT_EQ(page.value().last().id, events[14].id);
}

TEST_P(ServerStoreTest, VisibilityFollowsTheCustomersQueue) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addQueue({u"sales"_s, u"Sales"_s}));
    ASSERT_TRUE(m_store->addQueue({u"support"_s, {}}));
    // anna writes with a second address: an identity.linked event, which is visible with her.
    ingestOk({inbound(u"a1"_s, anna, 1, {u"phone:+48601234567"_s})}, u"sales"_s);
    ingestOk({inbound(u"b1"_s, boris, 2)}, u"support"_s);
    ingestOk({inbound(u"a2"_s, anna, 3)}, u"support"_s); // an existing customer keeps her queue

    EXPECT_EQ(idsOf(readAll(queuesOnly({u"sales"_s}))),
              (QStringList{u"a1"_s, u"link:a1:phone:+48601234567"_s, u"a2"_s}));
    EXPECT_EQ(idsOf(readAll(queuesOnly({u"support"_s}))), QStringList{u"b1"_s});
    EXPECT_EQ(readAll(queuesOnly({u"sales"_s, u"support"_s, u"sales"_s})).size(), 4);
    EXPECT_EQ(readAll(everything()).size(), 4);
    EXPECT_TRUE(readAll(queuesOnly({})).isEmpty());
    EXPECT_TRUE(readAll(queuesOnly({u"nonexistent"_s})).isEmpty());

    const auto queue = m_store->queueOf(customerOf(anna));
    ASSERT_TRUE(queue.ok());
    EXPECT_EQ(queue.value(), u"sales"_s);
    EXPECT_FALSE(m_store->queueOf(u"no-such-customer"_s).ok());
}

TEST_P(ServerStoreTest, SubmittingOnACustomerOutsideOnesQueuesIsRefused) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addQueue({u"sales"_s, {}}));
    ASSERT_TRUE(m_store->addQueue({u"support"_s, {}}));
    ingestOk({inbound(u"b1"_s, boris, 1)}, u"support"_s);
    const qint64 head = headOf(*m_store);
    const QVector<Applied> applied =
        submitOk({action(u"n1"_s, customerOf(boris))}, u"anna"_s, queuesOnly({u"sales"_s}));
    ASSERT_EQ(applied.size(), 1);
    EXPECT_EQ(applied[0].seq, 0);
    EXPECT_TRUE(applied[0].error.contains(u"not in your queues"_s)) << applied[0].error.toStdString();
    EXPECT_EQ(headOf(*m_store), head);

    // The same agent with the queue may; a supervisor may anyway.
    EXPECT_TRUE(
        submitOk({action(u"n1"_s, customerOf(boris))}, u"anna"_s, queuesOnly({u"support"_s}))[0].error.isEmpty());
    EXPECT_TRUE(submitOk({action(u"n2"_s, customerOf(boris))}, u"sam"_s, everything())[0].error.isEmpty());
}

TEST_P(ServerStoreTest, UnknownCustomersAndForbiddenKindsAreRefused) {
    REQUIRE_STORE();
    ingestOk({inbound(u"a1"_s, anna, 1)});
    core::Event inboundEvent = action(u"x2"_s, customerOf(anna), core::kinds::MessageIn);
    core::Event link = action(u"x3"_s, customerOf(anna), core::kinds::IdentityLinked);
    core::Event noCustomer = action(u"x4"_s, {});
    core::Event noId = action({}, customerOf(anna));
    const QVector<Applied> applied = submitOk({action(u"x1"_s, u"no-such-customer"_s), inboundEvent, link, noCustomer,
                                               noId, action(u"ok"_s, customerOf(anna), core::kinds::MessageOut)});
    ASSERT_EQ(applied.size(), 6);
    EXPECT_TRUE(applied[0].error.contains(u"no customer no-such-customer"_s)) << applied[0].error.toStdString();
    EXPECT_TRUE(applied[1].error.contains(u"message.in"_s)) << applied[1].error.toStdString();
    EXPECT_TRUE(applied[2].error.contains(u"identity.linked"_s)) << applied[2].error.toStdString();
    EXPECT_FALSE(applied[3].error.isEmpty());
    EXPECT_FALSE(applied[4].error.isEmpty());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(applied[i].seq, 0);
    // One bad event does not spoil the batch.
    EXPECT_TRUE(applied[5].error.isEmpty()) << applied[5].error.toStdString();
    EXPECT_GT(applied[5].seq, 0);
    EXPECT_EQ(idsOf(readAll()), (QStringList{u"a1"_s, u"ok"_s}));
}

TEST_P(ServerStoreTest, MergeSubmittedByAnAgentMergesTheCustomers) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addQueue({u"sales"_s, {}}));
    ASSERT_TRUE(m_store->addQueue({u"support"_s, {}}));
    ingestOk({inbound(u"a1"_s, anna, 1, {}, u"Anna Nowak"_s)}, u"sales"_s);
    ingestOk({inbound(u"b1"_s, boris, 2)}, u"sales"_s);
    ingestOk({inbound(u"c1"_s, chen, 3)}, u"support"_s);
    const QString a = customerOf(anna);
    const QString b = customerOf(boris);
    const QString c = customerOf(chen);

    // Both customers must be visible to the agent.
    const QVector<Applied> refused = submitOk({mergeAction(u"m0"_s, c, a)}, u"anna"_s, queuesOnly({u"sales"_s}));
    EXPECT_TRUE(refused[0].error.contains(u"not in your queues"_s)) << refused[0].error.toStdString();

    const QVector<Applied> merged = submitOk({mergeAction(u"m1"_s, b, a)}, u"anna"_s, queuesOnly({u"sales"_s}));
    ASSERT_EQ(merged.size(), 1);
    EXPECT_TRUE(merged[0].error.isEmpty()) << merged[0].error.toStdString();
    EXPECT_EQ(merged[0].customer, a);

    // b's events now belong to a; a's identities include boris's; b follows to a.
    const QVector<core::Event> events = readAll(queuesOnly({u"sales"_s}));
    EXPECT_EQ(idsOf(events), (QStringList{u"a1"_s, u"name:a1"_s, u"b1"_s, u"m1"_s}));
    for (const core::Event& event : events)
        EXPECT_EQ(event.customer, a) << event.id.toStdString();
    EXPECT_EQ(events.last().payload.value("from"_L1).toString(), b);
    EXPECT_EQ(events.last().payload.value("into"_L1).toString(), a);
    EXPECT_EQ(events.last().author, u"anna"_s);
    EXPECT_EQ(m_store->queueOf(b).value(), u"sales"_s);

    // An action on the merged-away id lands on the survivor; an inbound event from boris resolves to a.
    const QVector<Applied> late = submitOk({action(u"n1"_s, b)}, u"anna"_s, queuesOnly({u"sales"_s}));
    EXPECT_EQ(late[0].customer, a);
    const QVector<Applied> again = ingestOk({inbound(u"b2"_s, boris, 5)});
    EXPECT_EQ(again[0].customer, a);

    // Merging them again is refused: they are one customer already.
    const QVector<Applied> twice = submitOk({mergeAction(u"m2"_s, b, a)}, u"anna"_s, queuesOnly({u"sales"_s}));
    EXPECT_FALSE(twice[0].error.isEmpty());
    // The retried merge is acknowledged with its first seq.
    const QVector<Applied> retried = submitOk({mergeAction(u"m1"_s, b, a)}, u"anna"_s, queuesOnly({u"sales"_s}));
    EXPECT_EQ(retried[0].seq, merged[0].seq);
    EXPECT_TRUE(retried[0].error.isEmpty());

    // customerEvents follows the merge.
    const auto history = m_store->customerEvents(b, headOf(*m_store));
    ASSERT_TRUE(history.ok()) << history.error().toStdString();
    EXPECT_EQ(idsOf(history.value()), (QStringList{u"a1"_s, u"name:a1"_s, u"b1"_s, u"m1"_s, u"n1"_s, u"b2"_s}));
}

TEST_P(ServerStoreTest, IngestResolvesIdentitiesWithDeterministicLinkAndMergeIds) {
    REQUIRE_STORE();
    const QString phone = u"phone:+48601234567"_s;
    // anna's first mail names her phone too: one customer, the phone linked.
    QVector<Applied> applied = ingestOk({inbound(u"e1"_s, anna, 1, {phone}, u"Anna Nowak"_s)});
    ASSERT_EQ(applied.size(), 1);
    EXPECT_EQ(applied[0].customer, customerOf(anna));
    // boris is someone else, until a record shows anna's phone with boris's address.
    applied = ingestOk({inbound(u"e2"_s, boris, 2, {}, u"Boris"_s)});
    EXPECT_EQ(applied[0].customer, customerOf(boris));
    applied = ingestOk({inbound(u"e3"_s, phone, 3, {boris})});
    EXPECT_EQ(applied[0].customer, customerOf(anna));

    const QVector<core::Event> events = readAll();
    EXPECT_EQ(idsOf(events), (QStringList{u"e1"_s, u"link:e1:%1"_s.arg(phone), u"name:e1"_s, u"e2"_s, u"name:e2"_s,
                                          u"e3"_s, u"merge:e3:%1"_s.arg(customerOf(boris))}));
    for (const core::Event& event : events)
        EXPECT_EQ(event.customer, customerOf(anna)) << event.id.toStdString();
    const core::Event& link = events[1];
    EXPECT_EQ(link.kind, core::kinds::IdentityLinked);
    EXPECT_EQ(link.channel, core::Channel::System);
    EXPECT_EQ(link.identity, phone);
    EXPECT_EQ(link.payload.value("identity"_L1).toString(), phone);
    const core::Event& name = events[2];
    EXPECT_EQ(name.kind, core::kinds::CustomerUpdated);
    EXPECT_EQ(name.payload, (QJsonObject{{u"name"_s, u"Anna Nowak"_s}}));
    const core::Event& merge = events.last();
    EXPECT_EQ(merge.kind, core::kinds::CustomerMerged);
    EXPECT_EQ(merge.payload, (QJsonObject{{u"from"_s, customerOf(boris)}, {u"into"_s, customerOf(anna)}}));

    // A name never overwrites one: no further customer.updated.
    ingestOk({inbound(u"e4"_s, anna, 4, {}, u"Someone Else"_s)});
    EXPECT_EQ(readAll().last().id, u"e4"_s);

    // Ingesting the same records again changes nothing and answers with the first seqs.
    const qint64 head = headOf(*m_store);
    const QVector<Applied> repeated =
        ingestOk({inbound(u"e1"_s, anna, 1, {phone}, u"Anna Nowak"_s), inbound(u"e3"_s, phone, 3, {boris})});
    EXPECT_EQ(repeated[0].seq, events[0].seq);
    EXPECT_EQ(repeated[1].seq, events[5].seq);
    EXPECT_EQ(headOf(*m_store), head);
}

TEST_P(ServerStoreTest, ReplicasIngestingTheSameRecordsConverge) {
    REQUIRE_STORE();
    const QString otherUrl = newDatabase();
    ASSERT_FALSE(otherUrl.isEmpty());
    std::unique_ptr<ServerStore> other = open(otherUrl);
    ASSERT_TRUE(other);
    const QVector<core::ImportRecord> records{
        inbound(u"e1"_s, anna, 1, {u"phone:+48601234567"_s}, u"Anna"_s),
        inbound(u"e2"_s, boris, 2),
        inbound(u"e3"_s, boris, 3, {anna}),
        inbound(u"e4"_s, chen, 4, {u"email:chen@example.cn"_s}),
    };
    ingestOk(*m_store, records);
    ingestOk(*other, records);
    const QVector<core::Event> mine = readAll();
    const QVector<core::Event> theirs = readAll(everything(), other.get());
    EXPECT_EQ(mine, theirs);
    // e1, its link and name; e2; e3 and the merge it proves; e4 and its link.
    EXPECT_EQ(mine.size(), 8);
}

TEST_P(ServerStoreTest, IngestRoutesNewCustomersToTheQueue) {
    REQUIRE_STORE();
    ingestOk({inbound(u"e1"_s, anna, 1)}, u"billing"_s); // a queue nobody made yet is made
    ingestOk({inbound(u"e2"_s, boris, 2)});              // no queue: general
    EXPECT_EQ(m_store->queueOf(customerOf(anna)).value(), u"billing"_s);
    EXPECT_EQ(m_store->queueOf(customerOf(boris)).value(), u"general"_s);
    const auto queues = m_store->queues();
    ASSERT_TRUE(queues.ok());
    EXPECT_EQ(queues.value().size(), 2);
}

TEST_P(ServerStoreTest, IngestRefusesRecordsWithoutIdOrIdentity) {
    REQUIRE_STORE();
    core::ImportRecord noIdentity = inbound(u"e1"_s, {}, 1);
    core::ImportRecord noId = inbound({}, anna, 1);
    const auto applied = m_store->ingest({noIdentity, noId, inbound(u"e3"_s, anna, 3)}, {});
    ASSERT_TRUE(applied.ok()) << applied.error().toStdString();
    ASSERT_EQ(applied.value().size(), 3);
    EXPECT_FALSE(applied.value()[0].error.isEmpty());
    EXPECT_FALSE(applied.value()[1].error.isEmpty());
    EXPECT_TRUE(applied.value()[2].error.isEmpty());
    EXPECT_EQ(idsOf(readAll()), QStringList{u"e3"_s});
}

TEST_P(ServerStoreTest, AccountsRolesAndQueues) {
    REQUIRE_STORE();
    EXPECT_FALSE(m_store->hasAccounts().value());
    ASSERT_TRUE(m_store->addQueue({u"sales"_s, u"Sales"_s}));
    EXPECT_FALSE(m_store->addQueue({u"sales"_s, {}})); // exists
    EXPECT_FALSE(m_store->addQueue({u"  "_s, {}}));

    Account agent{u"anna"_s, u"Anna Nowak"_s, Role::Agent, false, {u"sales"_s, u"general"_s}, 0};
    ASSERT_TRUE(m_store->addAccount(agent, u"$argon2id$hash"_s));
    EXPECT_TRUE(m_store->hasAccounts().value());
    const core::Status duplicate = m_store->addAccount(agent, u"x"_s);
    EXPECT_FALSE(duplicate);
    EXPECT_TRUE(duplicate.error().contains(u"anna"_s));
    Account unknownQueue{u"boris"_s, {}, Role::Agent, false, {u"nope"_s}, 0};
    const core::Status refused = m_store->addAccount(unknownQueue, u"x"_s);
    EXPECT_FALSE(refused);
    EXPECT_TRUE(refused.error().contains(u"nope"_s));
    EXPECT_FALSE(m_store->account(u"boris"_s).ok()); // nothing half-made
    EXPECT_FALSE(m_store->addAccount({u"with space"_s, {}, Role::Agent, false, {}, 0}, u"x"_s));
    ASSERT_TRUE(m_store->addAccount({u"sam"_s, u"Sam"_s, Role::Supervisor, false, {}, 0}, u"h2"_s));

    const auto read = m_store->account(u"anna"_s);
    ASSERT_TRUE(read.ok()) << read.error().toStdString();
    EXPECT_EQ(read.value().name, u"Anna Nowak"_s);
    EXPECT_EQ(read.value().role, Role::Agent);
    EXPECT_EQ(read.value().queues, (QStringList{u"general"_s, u"sales"_s}));
    EXPECT_GT(read.value().createdAt, 0);
    EXPECT_EQ(m_store->passwordHash(u"anna"_s).value(), u"$argon2id$hash"_s);
    ASSERT_TRUE(m_store->setPasswordHash(u"anna"_s, u"$argon2id$new"_s));
    EXPECT_EQ(m_store->passwordHash(u"anna"_s).value(), u"$argon2id$new"_s);
    EXPECT_FALSE(m_store->setPasswordHash(u"nobody"_s, u"x"_s));

    ASSERT_TRUE(m_store->setQueues(u"anna"_s, {u"sales"_s}));
    EXPECT_EQ(m_store->account(u"anna"_s).value().queues, QStringList{u"sales"_s});
    EXPECT_FALSE(m_store->setQueues(u"anna"_s, {u"nope"_s}));
    EXPECT_EQ(m_store->account(u"anna"_s).value().queues, QStringList{u"sales"_s});
    EXPECT_FALSE(m_store->setQueues(u"nobody"_s, {}));

    const auto all = m_store->accounts();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all.value().size(), 2);
    EXPECT_EQ(all.value()[0].login, u"anna"_s);
    EXPECT_EQ(all.value()[0].queues, QStringList{u"sales"_s});
    EXPECT_EQ(all.value()[1].role, Role::Supervisor);

    EXPECT_EQ(roleName(Role::Admin), u"admin"_s);
    EXPECT_EQ(roleFromName(u"supervisor"), Role::Supervisor);
    EXPECT_FALSE(roleFromName(u"root").has_value());
}

TEST_P(ServerStoreTest, SessionsStoreOnlyTheTokenHashAndCanBeRevoked) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addAccount({u"anna"_s, {}, Role::Agent, false, {}, 0}, u"h"_s));
    const QByteArray token = "0123456789abcdef0123456789abcdef0123456789a";
    const QByteArray other = "fedcba9876543210fedcba9876543210fedcba98765";
    ASSERT_TRUE(m_store->addSession(u"anna"_s, token));
    ASSERT_TRUE(m_store->addSession(u"anna"_s, other));
    EXPECT_FALSE(m_store->addSession(u"nobody"_s, "fedcba9876543210fedcba9876543210"));
    EXPECT_FALSE(m_store->addSession(u"anna"_s, "short"));

    const auto sessions = m_store->sessionsOf(u"anna"_s);
    ASSERT_TRUE(sessions.ok());
    ASSERT_EQ(sessions.value().size(), 2);
    const QString expectedHash =
        QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
    QStringList hashes;
    for (const Session& session : sessions.value())
        hashes.append(session.tokenHash);
    EXPECT_TRUE(hashes.contains(expectedHash));
    for (const QString& hash : hashes)
        EXPECT_EQ(hash.size(), 64);

    const auto found = m_store->accountForToken(token);
    ASSERT_TRUE(found.ok()) << found.error().toStdString();
    EXPECT_EQ(found.value().login, u"anna"_s);
    EXPECT_FALSE(m_store->accountForToken("not a token at all").ok());

    ASSERT_TRUE(m_store->revokeSession(token));
    EXPECT_FALSE(m_store->accountForToken(token).ok());
    EXPECT_TRUE(m_store->accountForToken(other).ok());
    ASSERT_TRUE(m_store->revokeSessionsOf(u"anna"_s));
    EXPECT_FALSE(m_store->accountForToken(other).ok());
}

TEST_P(ServerStoreTest, DisablingAnAccountRevokesItsSessions) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addAccount({u"anna"_s, {}, Role::Agent, false, {}, 0}, u"h"_s));
    const QByteArray token = "0123456789abcdef0123456789abcdef";
    ASSERT_TRUE(m_store->addSession(u"anna"_s, token));
    ASSERT_TRUE(m_store->setDisabled(u"anna"_s, true));
    EXPECT_TRUE(m_store->account(u"anna"_s).value().disabled);
    EXPECT_FALSE(m_store->accountForToken(token).ok());
    EXPECT_FALSE(m_store->addSession(u"anna"_s, "another-token-of-enough-length"));
    const auto sessions = m_store->sessionsOf(u"anna"_s);
    ASSERT_TRUE(sessions.ok());
    ASSERT_EQ(sessions.value().size(), 1);
    EXPECT_TRUE(sessions.value().first().revoked);
    // Enabling again does not bring the old sessions back.
    ASSERT_TRUE(m_store->setDisabled(u"anna"_s, false));
    EXPECT_FALSE(m_store->accountForToken(token).ok());
    EXPECT_FALSE(m_store->setDisabled(u"nobody"_s, true));
}

TEST_P(ServerStoreTest, LastSeenIsWrittenAtMostOnceAMinute) {
    REQUIRE_STORE();
    qint64 now = at(0);
    m_store->setClockForTesting([&now] { return now; });
    ASSERT_TRUE(m_store->addAccount({u"anna"_s, {}, Role::Agent, false, {}, 0}, u"h"_s));
    const QByteArray token = "0123456789abcdef0123456789abcdef";
    ASSERT_TRUE(m_store->addSession(u"anna"_s, token));
    const auto lastSeen = [&] {
        return m_store->sessionsOf(u"anna"_s).value().first().lastSeenAt;
    };
    EXPECT_EQ(lastSeen(), at(0));
    now += 30'000;
    ASSERT_TRUE(m_store->accountForToken(token).ok());
    EXPECT_EQ(lastSeen(), at(0));
    now += 31'000;
    ASSERT_TRUE(m_store->accountForToken(token).ok());
    EXPECT_EQ(lastSeen(), at(0) + 61'000);
    now += 59'000;
    ASSERT_TRUE(m_store->accountForToken(token).ok());
    EXPECT_EQ(lastSeen(), at(0) + 61'000);
    EXPECT_EQ(m_store->sessionsOf(u"anna"_s).value().first().createdAt, at(0));
}

TEST_P(ServerStoreTest, EventsAfterWalksTheSeqIndexWithoutSorting) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addQueue({u"sales"_s, {}}));
    ASSERT_TRUE(m_store->addQueue({u"support"_s, {}}));
    // 200 customers, half in each queue, 2,000 events; then fresh statistics, as autovacuum would gather.
    constexpr int customers = 200;
    const auto identity = [](int customer) {
        return u"email:c%1@example.com"_s.arg(customer);
    };
    for (const QString& queue : {u"sales"_s, u"support"_s}) {
        QVector<core::ImportRecord> firsts;
        for (int c = queue == u"sales"_s ? 0 : 1; c < customers; c += 2)
            firsts.append(inbound(u"first%1"_s.arg(c), identity(c), c));
        ingestOk(firsts, queue);
    }
    QVector<core::ImportRecord> records;
    for (int i = 0; i < 1800; ++i)
        records.append(inbound(u"e%1"_s.arg(i), identity(i % customers), i));
    ingestOk(records);
    {
        QSqlDatabase db = rawDatabase(u"analyze"_s);
        QSqlQuery(u"ANALYZE"_s, db).exec();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"analyze"_s);

    const qint64 head = headOf(*m_store);
    for (const Visibility& visibility : {everything(), queuesOnly({u"sales"_s})}) {
        for (const qint64 after : {qint64(0), head - 50}) {
            const auto plan = m_store->explainEventsAfter(after, 100, visibility);
            ASSERT_TRUE(plan.ok()) << plan.error().toStdString();
            const std::string text = plan.value().toStdString();
            if (GetParam() == Backend::Sqlite) {
                EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos) << text;
                EXPECT_NE(text.find("SEARCH e USING INTEGER PRIMARY KEY"), std::string::npos) << text;
            } else {
                // The events are read as a range of the primary key from the cursor on; what the planner does
                // with that bounded set (a nested loop, or a hash join and a sort of those rows) is its choice.
                EXPECT_EQ(text.find("Seq Scan on events"), std::string::npos) << text;
                EXPECT_NE(text.find("Index Scan using events_pkey"), std::string::npos) << text;
                if (after == 0) { // the first page of a full sync: no sort of the whole log
                    EXPECT_EQ(text.find("Sort"), std::string::npos) << text;
                }
            }
            std::cout << "plan after " << after << (visibility.all ? " (all)" : " (sales)") << ":\n" << text << "\n";
        }
    }
}

// Two writers on two connections in two threads, and readers that poll "after N" meanwhile: every reader sees
// every event exactly once, in increasing seq order — which needs seq order to be commit order.
TEST_P(ServerStoreTest, ConcurrentAppendsGiveAGapFreeStream) {
    REQUIRE_STORE();
    ingestOk({inbound(u"seed"_s, anna, 0)});
    const QString customer = customerOf(anna);
    constexpr int perWriter = 60;
    std::atomic<int> writersDone{0};
    std::atomic<bool> failed{false};
    QMutex errorsMutex;
    QStringList errors;
    const auto fail = [&](const QString& error) {
        failed = true;
        const QMutexLocker locker(&errorsMutex);
        errors.append(error);
    };

    const auto writer = [&](int number) {
        {
            auto opened = ServerStore::open(m_url);
            if (!opened) {
                fail(opened.error());
            } else {
                ServerStore& store = *opened.value();
                for (int i = 0; i < perWriter && !failed; ++i) {
                    const QString id = u"w%1-%2"_s.arg(number).arg(i);
                    // Alternate the two paths that append: connector ingest and workstation submit.
                    const bool ok = i % 2 ? store.ingest({inbound(id, anna, i)}, {}).ok()
                                          : store.applySubmitted({action(id, customer)}, u"agent"_s, everything()).ok();
                    if (!ok)
                        fail(u"append %1 failed"_s.arg(id));
                }
            }
        }
        ++writersDone;
    };
    const auto reader = [&](QStringList* seen) {
        auto opened = ServerStore::open(m_url);
        if (!opened) {
            fail(opened.error());
            return;
        }
        ServerStore& store = *opened.value();
        qint64 cursor = 0;
        qint64 lastSeq = 0;
        for (;;) {
            const bool finalPass = writersDone == 2;
            const auto page = store.eventsAfter(cursor, 7, everything());
            if (!page) {
                fail(page.error());
                return;
            }
            for (const core::Event& event : page.value()) {
                if (event.seq <= lastSeq)
                    fail(u"seq went back: %1 after %2"_s.arg(event.seq).arg(lastSeq));
                lastSeq = event.seq;
                seen->append(event.id);
            }
            if (!page.value().isEmpty())
                cursor = page.value().last().seq;
            else if (finalPass || failed)
                return;
        }
    };

    QStringList seenByFirst;
    QStringList seenBySecond;
    std::thread readerOne(reader, &seenByFirst);
    std::thread readerTwo(reader, &seenBySecond);
    std::thread writerOne(writer, 1);
    std::thread writerTwo(writer, 2);
    writerOne.join();
    writerTwo.join();
    readerOne.join();
    readerTwo.join();
    ASSERT_FALSE(failed) << errors.join(u"; "_s).toStdString();

    QStringList expected{u"seed"_s};
    for (int number = 1; number <= 2; ++number) {
        for (int i = 0; i < perWriter; ++i)
            expected.append(u"w%1-%2"_s.arg(number).arg(i));
    }
    for (const QStringList* seen : {&seenByFirst, &seenBySecond}) {
        EXPECT_EQ(seen->size(), expected.size());
        EXPECT_EQ(QSet<QString>(seen->cbegin(), seen->cend()).size(), seen->size()) << "an event was seen twice";
        EXPECT_EQ(QSet<QString>(seen->cbegin(), seen->cend()), QSet<QString>(expected.cbegin(), expected.cend()));
    }
    EXPECT_EQ(seenByFirst, seenBySecond);
    EXPECT_EQ(seenByFirst, idsOf(readAll()));
}

// --- group commit (several workstations' submits in one transaction) -----------------------------------------

TEST_P(ServerStoreTest, GroupCommitAnswersEachSubmitAsItsOwn) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addQueue({u"sales"_s, {}}));
    ASSERT_TRUE(m_store->addQueue({u"support"_s, {}}));
    ingestOk({inbound(u"a1"_s, anna, 1)}, u"sales"_s);
    ingestOk({inbound(u"b1"_s, boris, 2)}, u"support"_s);
    const QString sales = customerOf(anna);
    const QString support = customerOf(boris);
    const qint64 head = headOf(*m_store);

    const QVector<Submission> group{
        // An agent of sales: one event on a support customer, refused; the others applied.
        {{action(u"n1"_s, sales), action(u"n2"_s, support), action(u"n3"_s, sales)},
         u"anna"_s,
         queuesOnly({u"sales"_s})},
        // A supervisor: n1 again (stored by the first submit of this group), an unknown customer, a new note.
        {{action(u"n1"_s, sales), action(u"x1"_s, u"no-such-customer"_s), action(u"n4"_s, support)},
         u"sam"_s,
         everything()},
        // No authenticated author: this submit fails, alone.
        {{action(u"n5"_s, sales)}, QString(), everything()},
        // An agent of support, with a kind workstations may not write and n2, refused to the first submit.
        {{action(u"x2"_s, support, core::kinds::MessageIn), action(u"n2"_s, support)},
         u"olga"_s,
         queuesOnly({u"support"_s})},
    };
    const QVector<Result<QVector<Applied>>> results = m_store->applySubmittedGroup(group);
    ASSERT_EQ(results.size(), 4);
    for (const int index : {0, 1, 3})
        ASSERT_TRUE(results[index].ok()) << index << ": " << results[index].error().toStdString();
    EXPECT_FALSE(results[2].ok());

    const QVector<Applied>& first = results[0].value();
    const QVector<Applied>& second = results[1].value();
    const QVector<Applied>& fourth = results[3].value();
    ASSERT_EQ(first.size(), 3);
    ASSERT_EQ(second.size(), 3);
    ASSERT_EQ(fourth.size(), 2);
    EXPECT_GT(first[0].seq, head);
    EXPECT_EQ(first[1].seq, 0);
    EXPECT_TRUE(first[1].error.contains(u"not in your queues"_s)) << first[1].error.toStdString();
    EXPECT_GT(first[2].seq, first[0].seq);
    EXPECT_EQ(second[0].seq, first[0].seq) << "an id stored earlier in the group is acknowledged with its seq";
    EXPECT_EQ(second[0].customer, sales);
    EXPECT_TRUE(second[0].error.isEmpty());
    EXPECT_EQ(second[1].seq, 0);
    EXPECT_TRUE(second[1].error.contains(u"no customer"_s)) << second[1].error.toStdString();
    EXPECT_GT(second[2].seq, first[2].seq) << "seqs follow the order of the submits";
    EXPECT_EQ(fourth[0].seq, 0);
    EXPECT_TRUE(fourth[0].error.contains(u"message.in"_s)) << fourth[0].error.toStdString();
    EXPECT_GT(fourth[1].seq, second[2].seq) << "an id another submit was refused is this submit's to store";
    EXPECT_EQ(fourth[1].customer, support);

    // The log holds each applied event once, by the author of the submit that stored it.
    const QVector<core::Event> events = m_store->eventsAfter(head, 100, everything()).value();
    EXPECT_EQ(idsOf(events), (QStringList{u"n1"_s, u"n3"_s, u"n4"_s, u"n2"_s}));
    QStringList authors;
    for (const core::Event& event : events)
        authors.append(event.author);
    EXPECT_EQ(authors, (QStringList{u"anna"_s, u"anna"_s, u"sam"_s, u"olga"_s}));
    EXPECT_EQ(headOf(*m_store), events.last().seq);

    // Retried as a group (all acks lost): the same seqs, nothing new — n2, which the fourth submit stored meanwhile,
    // is now acknowledged to the first with that seq (a stored id is answered whatever the visibility).
    const QVector<Result<QVector<Applied>>> retried = m_store->applySubmittedGroup(group);
    ASSERT_EQ(retried.size(), 4);
    const auto seqsOf = [](const Result<QVector<Applied>>& result) {
        QVector<qint64> seqs;
        for (const Applied& applied : result.value())
            seqs.append(applied.seq);
        return seqs;
    };
    for (const int index : {0, 1, 3})
        ASSERT_TRUE(retried[index].ok()) << index;
    EXPECT_EQ(seqsOf(retried[0]), (QVector<qint64>{first[0].seq, fourth[1].seq, first[2].seq}));
    EXPECT_EQ(seqsOf(retried[1]), seqsOf(results[1]));
    EXPECT_EQ(seqsOf(retried[3]), seqsOf(results[3]));
    EXPECT_EQ(headOf(*m_store), events.last().seq);
}

TEST_P(ServerStoreTest, GroupCommitFollowsAMergeMadeEarlierInTheGroup) {
    REQUIRE_STORE();
    ingestOk({inbound(u"a1"_s, anna, 1)});
    ingestOk({inbound(u"b1"_s, boris, 2)});
    const QString a = customerOf(anna);
    const QString b = customerOf(boris);
    // The first submit writes on b, the second merges b into a, the third writes on b and repeats the first's id:
    // both belong to a now, as they would had the submits come one by one.
    const QVector<Result<QVector<Applied>>> results = m_store->applySubmittedGroup({
        {{action(u"n1"_s, b)}, u"anna"_s, everything()},
        {{mergeAction(u"m1"_s, b, a)}, u"sam"_s, everything()},
        {{action(u"n2"_s, b), action(u"n1"_s, b)}, u"bart"_s, everything()},
    });
    ASSERT_EQ(results.size(), 3);
    for (const auto& result : results)
        ASSERT_TRUE(result.ok()) << result.error().toStdString();
    EXPECT_EQ(results[0].value()[0].customer, b);
    EXPECT_EQ(results[1].value()[0].customer, a);
    EXPECT_TRUE(results[1].value()[0].error.isEmpty()) << results[1].value()[0].error.toStdString();
    EXPECT_EQ(results[2].value()[0].customer, a);
    EXPECT_GT(results[2].value()[0].seq, results[1].value()[0].seq);
    EXPECT_EQ(results[2].value()[1].customer, a);
    EXPECT_EQ(results[2].value()[1].seq, results[0].value()[0].seq);
    for (const core::Event& event : readAll())
        EXPECT_EQ(event.customer, a) << event.id.toStdString();
}

TEST_P(ServerStoreTest, AFailingSubmitFailsAloneAndItsGroupIsApplied) {
    REQUIRE_STORE();
    ingestOk({inbound(u"a1"_s, anna, 1)});
    const QString customer = customerOf(anna);
    const qint64 head = headOf(*m_store);
    // As when the database refuses one submit's data: its transaction fails.
    m_store->setSubmitFailureForTesting([](const core::Event& event) {
        return event.id == u"poison"_s ? u"the database refused the value"_s : QString();
    });
    const QVector<Result<QVector<Applied>>> results = m_store->applySubmittedGroup({
        {{action(u"n1"_s, customer)}, u"anna"_s, everything()},
        {{action(u"n2"_s, customer), action(u"poison"_s, customer)}, u"bart"_s, everything()},
        {{action(u"n3"_s, customer), action(u"n2"_s, customer)}, u"carl"_s, everything()},
    });
    ASSERT_EQ(results.size(), 3);
    ASSERT_TRUE(results[0].ok()) << results[0].error().toStdString();
    ASSERT_FALSE(results[1].ok());
    EXPECT_TRUE(results[1].error().contains(u"refused the value"_s)) << results[1].error().toStdString();
    ASSERT_TRUE(results[2].ok()) << results[2].error().toStdString();
    EXPECT_GT(results[0].value()[0].seq, head);
    EXPECT_GT(results[2].value()[0].seq, results[0].value()[0].seq);
    // n2 was rolled back with its submit, so the third submit stores it.
    EXPECT_GT(results[2].value()[1].seq, results[2].value()[0].seq);
    EXPECT_TRUE(results[2].value()[1].error.isEmpty());
    const QVector<core::Event> events = m_store->eventsAfter(head, 100, everything()).value();
    EXPECT_EQ(idsOf(events), (QStringList{u"n1"_s, u"n3"_s, u"n2"_s}));
    QStringList authors;
    for (const core::Event& event : events)
        authors.append(event.author);
    EXPECT_EQ(authors, (QStringList{u"anna"_s, u"carl"_s, u"carl"_s}));

    // Alone, the failing submit fails as it did before group commit.
    const auto alone = m_store->applySubmitted({action(u"poison"_s, customer)}, u"bart"_s, everything());
    EXPECT_FALSE(alone.ok());
    m_store->setSubmitFailureForTesting({});
    EXPECT_TRUE(submitOk({action(u"poison"_s, customer)})[0].error.isEmpty());
}

TEST_P(ServerStoreTest, EventsAfterEachAnswersLikeEventsAfterForEveryRead) {
    REQUIRE_STORE();
    ASSERT_TRUE(m_store->addQueue({u"sales"_s, {}}));
    ASSERT_TRUE(m_store->addQueue({u"support"_s, {}}));
    for (int i = 0; i < 24; ++i) {
        // Runs of sales and support customers, so that a short walk can hold nothing of one queue.
        const bool sales = (i / 4) % 2 == 0;
        ingestOk({inbound(u"e%1"_s.arg(i), sales ? anna : boris, i)}, sales ? u"sales"_s : u"support"_s);
    }
    const QVector<core::Event> all = readAll();
    ASSERT_EQ(all.size(), 24);
    const QVector<EventRead> reads{
        {0, everything()},
        {all[4].seq, queuesOnly({u"sales"_s})},
        {all[2].seq, queuesOnly({u"support"_s})},
        {0, queuesOnly({})},
        {all.last().seq, everything()},
        {all[10].seq, queuesOnly({u"support"_s, u"sales"_s, u"nonexistent"_s})},
    };
    for (const int limit : {1, 3, 7, 100}) {
        const QVector<Result<QVector<core::Event>>> each = m_store->eventsAfterEach(reads, limit);
        ASSERT_EQ(each.size(), reads.size());
        for (qsizetype index = 0; index < reads.size(); ++index) {
            const auto alone = m_store->eventsAfter(reads[index].after, limit, reads[index].visibility);
            ASSERT_TRUE(alone.ok());
            ASSERT_TRUE(each[index].ok()) << each[index].error().toStdString();
            EXPECT_EQ(idsOf(each[index].value()), idsOf(alone.value())) << "limit " << limit << ", read " << index;
            for (qsizetype event = 0; event < each[index].value().size(); ++event) {
                const core::Event& mine = each[index].value()[event];
                const core::Event& theirs = alone.value()[event];
                EXPECT_EQ(mine.seq, theirs.seq);
                EXPECT_EQ(mine.customer, theirs.customer);
                EXPECT_EQ(mine.payload, theirs.payload);
                EXPECT_EQ(mine.occurredAt, theirs.occurredAt);
            }
        }
    }
}

} // namespace
} // namespace tl::store::test
