// The workstation cache's side of sync: applying the server's log, the outbox, acknowledgements.
#include "StoreTestHelpers.h"

#include "TempDatabase.h"
#include "core/Uuid.h"

using namespace tl;
using namespace tl::store;
using namespace tl::store::test;

namespace {

/// An event as the server's log holds it: seq > 0, customer decided by the server.
core::Event serverEvent(const QString& id, qint64 seq, const QString& customer, const QString& identity, int minutes,
                        const QString& kind = core::kinds::MessageIn, const QString& text = QStringLiteral("hello"),
                        core::Channel channel = core::Channel::Email) {
    core::Event event;
    event.id = id;
    event.seq = seq;
    event.customer = customer;
    event.identity = identity;
    event.occurredAt = at(minutes);
    event.kind = kind;
    event.channel = channel;
    if (core::kinds::isInbound(kind))
        event.author = identity;
    else
        event.author = QStringLiteral("anna");
    if (!text.isEmpty())
        event.payload.insert(QStringLiteral("text"), text);
    return event;
}

class SyncApplyTest : public ::testing::Test {
protected:
    testsupport::TempDatabase database;
    std::unique_ptr<EventStore> store = openStore(database.path());
};

} // namespace

TEST_F(SyncApplyTest, ServerEventsLandWithTheServersCustomerAndAdvanceTheResumePoint) {
    ASSERT_EQ(store->lastServerSeq().value(), 0);
    const QString jan = QStringLiteral("server-customer-jan");
    const auto touched = store->applyFromServer(
        {serverEvent(QStringLiteral("email:<1@x>"), 5, jan, QStringLiteral("email:jan@example.pl"), 1),
         serverEvent(QStringLiteral("sms:gw:2"), 9, jan, QStringLiteral("phone:+48601234567"), 2,
                     core::kinds::MessageIn, QStringLiteral("SMS"), core::Channel::Sms)});
    ASSERT_TRUE(touched.ok()) << touched.error().toStdString();
    EXPECT_EQ(touched.value(), QStringList{jan});
    EXPECT_EQ(store->lastServerSeq().value(), 9);
    EXPECT_EQ(store->customerOf(QStringLiteral("email:jan@example.pl")), jan);
    EXPECT_EQ(store->customerOf(QStringLiteral("phone:+48601234567")), jan);
    const auto timeline = store->timeline(jan);
    ASSERT_TRUE(timeline.ok());
    ASSERT_EQ(timeline.value().size(), 2);
    EXPECT_EQ(timeline.value().at(1).seq, 9);
    const auto customer = store->customer(jan);
    ASSERT_TRUE(customer.ok());
    EXPECT_EQ(customer.value().unread, 2);
    EXPECT_EQ(customer.value().lastInboundChannel, core::Channel::Sms);
}

TEST_F(SyncApplyTest, ApplyingTheSameEventsAgainChangesNothing) {
    const QString jan = QStringLiteral("c-jan");
    const QVector<core::Event> events{
        serverEvent(QStringLiteral("email:<1@x>"), 1, jan, QStringLiteral("email:jan@example.pl"), 1)};
    ASSERT_TRUE(store->applyFromServer(events).ok());
    ASSERT_TRUE(store->applyFromServer(events).ok());
    EXPECT_EQ(store->eventCount(), 1);
    EXPECT_EQ(store->customer(jan).value().unread, 1);
}

TEST_F(SyncApplyTest, NamesLinksAndMergesFromTheLogShapeTheCustomers) {
    const QString jan = QStringLiteral("c-jan");
    const QString other = QStringLiteral("c-phone");
    core::Event named = serverEvent(QStringLiteral("name:e1"), 2, jan, QStringLiteral("email:jan@example.pl"), 1,
                                    core::kinds::CustomerUpdated, {}, core::Channel::System);
    named.payload = QJsonObject{{QStringLiteral("name"), QStringLiteral("Jan Kowalski")}};
    core::Event linked = serverEvent(QStringLiteral("link:e1:chat:v1"), 3, jan, QStringLiteral("email:jan@example.pl"),
                                     1, core::kinds::IdentityLinked, {}, core::Channel::System);
    linked.payload = QJsonObject{{QStringLiteral("identity"), QStringLiteral("chat:v1")}};
    core::Event merged = serverEvent(QStringLiteral("merge:e9:c-phone"), 6, jan, QString(), 3,
                                     core::kinds::CustomerMerged, {}, core::Channel::System);
    merged.payload = QJsonObject{{QStringLiteral("from"), other}, {QStringLiteral("into"), jan}};
    ASSERT_TRUE(store
                    ->applyFromServer(
                        {serverEvent(QStringLiteral("email:<1@x>"), 1, jan, QStringLiteral("email:jan@example.pl"), 1),
                         named, linked,
                         serverEvent(QStringLiteral("sms:gw:1"), 5, other, QStringLiteral("phone:+48601234567"), 2,
                                     core::kinds::MessageIn, QStringLiteral("sms"), core::Channel::Sms),
                         merged})
                    .ok());
    const auto customer = store->customer(jan);
    ASSERT_TRUE(customer.ok());
    EXPECT_EQ(customer.value().name, QStringLiteral("Jan Kowalski"));
    EXPECT_TRUE(customer.value().identities.contains(QStringLiteral("chat:v1")));
    EXPECT_TRUE(customer.value().identities.contains(QStringLiteral("phone:+48601234567")));
    EXPECT_EQ(store->canonicalCustomer(other), jan);
    EXPECT_EQ(store->timeline(jan).value().size(), 5);
}

TEST_F(SyncApplyTest, ALocalCustomerTheServerKnowsByAnotherIdIsFoldedIntoIt) {
    // Imported locally before the first sync: the cache made its own customer id for this identity.
    ingestOk(*store, record(QStringLiteral("local-1"), QStringLiteral("email:jan@example.pl"), 0,
                            core::kinds::MessageIn, QStringLiteral("old")));
    const QString local = store->customerOf(QStringLiteral("email:jan@example.pl")).value();
    const QString server = QStringLiteral("server-jan");
    ASSERT_NE(local, server);
    ASSERT_TRUE(store
                    ->applyFromServer({serverEvent(QStringLiteral("email:<1@x>"), 1, server,
                                                   QStringLiteral("email:jan@example.pl"), 1)})
                    .ok());
    EXPECT_EQ(store->customerOf(QStringLiteral("email:jan@example.pl")), server);
    EXPECT_EQ(store->canonicalCustomer(local), server);
    // Both messages, and the local record of the fold.
    EXPECT_EQ(kindsOf(store->timeline(server).value()),
              QStringList({core::kinds::MessageIn, core::kinds::CustomerMerged, core::kinds::MessageIn}));
}

TEST_F(SyncApplyTest, OutboxIsDeliveredAcknowledgedAndRefusalsAreKept) {
    const QString jan = QStringLiteral("c-jan");
    ASSERT_TRUE(store
                    ->applyFromServer(
                        {serverEvent(QStringLiteral("email:<1@x>"), 1, jan, QStringLiteral("email:jan@example.pl"), 1)})
                    .ok());
    const auto reply = store->appendOutbound(jan, core::Channel::Email, core::kinds::MessageOut,
                                             QJsonObject{{QStringLiteral("text"), QStringLiteral("Dzień dobry")}},
                                             QStringLiteral("anna"));
    ASSERT_TRUE(reply.ok()) << reply.error().toStdString();
    const auto note =
        store->appendOutbound(jan, core::Channel::Note, core::kinds::Note,
                              QJsonObject{{QStringLiteral("text"), QStringLiteral("note")}}, QStringLiteral("anna"));
    ASSERT_TRUE(note.ok());

    const auto outbox = store->outboxEvents(10);
    ASSERT_TRUE(outbox.ok());
    ASSERT_EQ(outbox.value().size(), 2);
    EXPECT_EQ(outbox.value().at(0).id, reply.value().id);
    EXPECT_EQ(outbox.value().at(0).customer, jan);

    const auto touched = store->acknowledge({{reply.value().id, 7, {}}, {note.value().id, 0, QStringLiteral("no")}});
    ASSERT_TRUE(touched.ok()) << touched.error().toStdString();
    EXPECT_EQ(touched.value(), QStringList{jan});
    EXPECT_TRUE(store->outboxEvents(10).value().isEmpty()) << "refused entries are not sent again";
    const auto pending = store->pendingOutbox();
    ASSERT_EQ(pending.value().size(), 1);
    EXPECT_EQ(pending.value().at(0).error, QStringLiteral("no"));
    const auto marks = store->outboxEntries({reply.value().id, note.value().id});
    ASSERT_EQ(marks.value().size(), 1);
    EXPECT_EQ(marks.value().at(0).eventId, note.value().id);

    // The acknowledged reply comes back in the server's stream: nothing doubles.
    core::Event echoed = reply.value();
    echoed.seq = 7;
    ASSERT_TRUE(store->applyFromServer({echoed}).ok());
    EXPECT_EQ(store->timeline(jan).value().size(), 3);
    EXPECT_EQ(store->lastServerSeq().value(), 7);
}

TEST_F(SyncApplyTest, OwnActionComingBackBeforeItsAckLeavesTheOutbox) {
    const QString jan = QStringLiteral("c-jan");
    ASSERT_TRUE(store
                    ->applyFromServer(
                        {serverEvent(QStringLiteral("email:<1@x>"), 1, jan, QStringLiteral("email:jan@example.pl"), 1)})
                    .ok());
    const auto reply =
        store->appendOutbound(jan, core::Channel::Email, core::kinds::MessageOut,
                              QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")}}, QStringLiteral("anna"));
    ASSERT_TRUE(reply.ok());
    core::Event echoed = reply.value();
    echoed.seq = 2;
    ASSERT_TRUE(store->applyFromServer({echoed}).ok());
    EXPECT_TRUE(store->pendingOutbox().value().isEmpty());
    const auto timeline = store->timeline(jan).value();
    ASSERT_EQ(timeline.size(), 2);
    EXPECT_EQ(timeline.at(1).seq, 2);
}

TEST_F(SyncApplyTest, TheQueuesTheCacheWasSyncedUnderAreRecordedAndReadBack) {
    const auto unknown = store->syncedVisibility();
    ASSERT_TRUE(unknown.ok()) << unknown.error().toStdString();
    EXPECT_FALSE(unknown.value().has_value());

    SyncedVisibility agent;
    agent.queues = {QStringLiteral("billing"), QStringLiteral("general")};
    ASSERT_TRUE(store->setSyncedVisibility(agent).ok());
    EXPECT_EQ(store->syncedVisibility().value(), agent);

    SyncedVisibility supervisor;
    supervisor.all = true;
    ASSERT_TRUE(store->setSyncedVisibility(supervisor).ok());
    EXPECT_EQ(store->syncedVisibility().value(), supervisor);

    // Kept across reopening the file.
    store.reset();
    store = openStore(database.path());
    EXPECT_EQ(store->syncedVisibility().value(), supervisor);
}

TEST(SyncedVisibility, GainingIsANewQueueOrEveryQueue) {
    SyncedVisibility general;
    general.queues = {QStringLiteral("general")};
    SyncedVisibility both;
    both.queues = {QStringLiteral("billing"), QStringLiteral("general")};
    SyncedVisibility all;
    all.all = true;
    SyncedVisibility none;

    EXPECT_TRUE(general.gainedIn(both));
    EXPECT_FALSE(both.gainedIn(general));
    EXPECT_FALSE(general.gainedIn(general));
    EXPECT_TRUE(general.gainedIn(all));
    EXPECT_FALSE(all.gainedIn(general));
    EXPECT_FALSE(all.gainedIn(all));
    EXPECT_TRUE(none.gainedIn(general));
    EXPECT_FALSE(general.gainedIn(none));
}
