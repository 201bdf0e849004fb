#include "StoreTestHelpers.h"

#include "core/IdentityResolver.h"

#include "TempDatabase.h"

#include <algorithm>
#include <random>

using namespace tl;
using namespace tl::store;
using namespace tl::store::test;

namespace {

const QString jan = QStringLiteral("email:jan@example.pl");
const QString janPhone = QStringLiteral("phone:+48601234567");
const QString olga = QStringLiteral("email:olga@example.ru");

class EventStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = openStore(temp.path());
        ASSERT_TRUE(store);
    }

    core::Customer customerOf(const QString& identity) {
        const auto id = store->customerOf(identity);
        EXPECT_TRUE(id.has_value()) << identity.toStdString();
        const auto customer = store->customer(id.value_or(QString()));
        EXPECT_TRUE(customer.ok()) << customer.error().toStdString();
        return customer.ok() ? customer.value() : core::Customer();
    }

    QVector<core::Event> timelineOf(const QString& customer) {
        const auto events = store->timeline(customer);
        EXPECT_TRUE(events.ok()) << events.error().toStdString();
        return events.ok() ? events.value() : QVector<core::Event>();
    }

    testsupport::TempDatabase temp;
    std::unique_ptr<EventStore> store;
};

} // namespace

TEST_F(EventStoreTest, SameIdTwiceIsStoredOnce) {
    const auto first = record(QStringLiteral("email:<a@x>"), jan, 1, core::kinds::MessageIn, QStringLiteral("Hi"));
    EXPECT_EQ(ingestOk(*store, first), AppendOutcome::Added);
    auto again = first;
    again.identities = {janPhone}; // a duplicate must not link anything either
    EXPECT_EQ(ingestOk(*store, again), AppendOutcome::Duplicate);
    EXPECT_EQ(store->eventCount(), 1);
    EXPECT_FALSE(store->customerOf(janPhone).has_value());
    EXPECT_EQ(customerOf(jan).unread, 1);

    const auto stats = store->ingestBatch({first, first, record(QStringLiteral("email:<b@x>"), jan, 2)});
    ASSERT_TRUE(stats.ok()) << stats.error().toStdString();
    EXPECT_EQ(stats.value().imported, 1);
    EXPECT_EQ(stats.value().duplicates, 2);
    EXPECT_EQ(store->eventCount(), 2);
}

TEST_F(EventStoreTest, UnknownIdentityMakesANewNamedCustomer) {
    ingestOk(*store, record(QStringLiteral("e1"), jan, 1, core::kinds::MessageIn, QStringLiteral("Hello"),
                            core::Channel::Email, {}, QStringLiteral("Jan Kowalski")));
    const auto id = store->customerOf(jan);
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(*id, core::IdentityResolver::customerIdFor(jan));
    const core::Customer customer = customerOf(jan);
    EXPECT_EQ(customer.name, QStringLiteral("Jan Kowalski"));
    EXPECT_EQ(customer.identities, QStringList{jan});
    EXPECT_EQ(customer.lastActivity, at(1));
    EXPECT_EQ(customer.preview, QStringLiteral("Hello"));
    // The event's own identity is implied: no identity.linked event for it.
    EXPECT_EQ(kindsOf(timelineOf(*id)), QStringList{core::kinds::MessageIn});
}

TEST_F(EventStoreTest, LaterNameFillsAnEmptyNameOnly) {
    ingestOk(*store, record(QStringLiteral("e1"), jan, 1));
    EXPECT_EQ(customerOf(jan).name, QString());
    ingestOk(*store, record(QStringLiteral("e2"), jan, 2, core::kinds::MessageIn, {}, core::Channel::Email, {},
                            QStringLiteral("Jan Kowalski")));
    EXPECT_EQ(customerOf(jan).name, QStringLiteral("Jan Kowalski"));
    ingestOk(*store, record(QStringLiteral("e3"), jan, 3, core::kinds::MessageIn, {}, core::Channel::Email, {},
                            QStringLiteral("J. K.")));
    EXPECT_EQ(customerOf(jan).name, QStringLiteral("Jan Kowalski"));
}

TEST_F(EventStoreTest, IdentitiesGivenTogetherJoinOneCustomer) {
    ingestOk(*store, record(QStringLiteral("chat:1"), QStringLiteral("chat:visitor-7"), 1, core::kinds::MessageIn,
                            QStringLiteral("Hello"), core::Channel::Chat, {jan, janPhone}));
    const auto owner = store->customerOf(QStringLiteral("chat:visitor-7"));
    ASSERT_TRUE(owner.has_value());
    EXPECT_EQ(store->customerOf(jan), owner);
    EXPECT_EQ(store->customerOf(janPhone), owner);
    const auto events = timelineOf(*owner);
    EXPECT_EQ(events.size(), 3);
    QStringList linked;
    for (const core::Event& event : events) {
        if (event.kind == core::kinds::IdentityLinked) {
            EXPECT_EQ(event.channel, core::Channel::System);
            EXPECT_EQ(event.payload.value(QStringLiteral("identity")).toString(), event.identity);
            linked.append(event.identity);
        }
    }
    linked.sort();
    EXPECT_EQ(linked, (QStringList{jan, janPhone}));
    EXPECT_EQ(customerOf(jan).identities, (QStringList{QStringLiteral("chat:visitor-7"), jan, janPhone}));
}

TEST_F(EventStoreTest, SharedIdentityMergesTwoCustomers) {
    ingestOk(*store, record(QStringLiteral("e1"), jan, 1, core::kinds::MessageIn, QStringLiteral("by mail")));
    ingestOk(*store, record(QStringLiteral("s1"), janPhone, 2, core::kinds::MessageIn, QStringLiteral("by sms"),
                            core::Channel::Sms, {}, QStringLiteral("Jan")));
    const QString mailCustomer = *store->customerOf(jan);
    const QString smsCustomer = *store->customerOf(janPhone);
    ASSERT_NE(mailCustomer, smsCustomer);

    // A signature proves both are the same person: the second owner merges into the primary identity's owner.
    ingestOk(*store, record(QStringLiteral("e2"), jan, 3, core::kinds::MessageIn, QStringLiteral("signed"),
                            core::Channel::Email, {janPhone}));
    EXPECT_EQ(store->customerOf(janPhone), mailCustomer);
    EXPECT_EQ(store->canonicalCustomer(smsCustomer), mailCustomer);

    const auto events = timelineOf(mailCustomer);
    EXPECT_EQ(idsOf(events).mid(0, 2), (QStringList{QStringLiteral("e1"), QStringLiteral("s1")}));
    const auto merged = std::find_if(events.cbegin(), events.cend(), [](const core::Event& event) {
        return event.kind == core::kinds::CustomerMerged;
    });
    ASSERT_NE(merged, events.cend());
    EXPECT_EQ(merged->payload.value(QStringLiteral("from")).toString(), smsCustomer);
    EXPECT_EQ(merged->payload.value(QStringLiteral("into")).toString(), mailCustomer);
    EXPECT_EQ(merged->customer, mailCustomer);

    // The merged-away id still works, and leads to the merged customer.
    EXPECT_EQ(store->customer(smsCustomer).value().id, mailCustomer);
    EXPECT_EQ(idsOf(store->timeline(smsCustomer).value()), idsOf(events));
    const core::Customer customer = customerOf(jan);
    EXPECT_EQ(customer.name, QStringLiteral("Jan"));
    EXPECT_EQ(customer.unread, 3);
    EXPECT_EQ(customer.lastInboundChannel, core::Channel::Email);
    const auto list = store->customers();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list.value().size(), 1);
    EXPECT_EQ(list.value().first().id, mailCustomer);
}

TEST_F(EventStoreTest, TimelineOrdersByTimeThenSeqThenId) {
    auto late = record(QStringLiteral("b"), jan, 5);
    auto tieSeq2 = record(QStringLiteral("a"), jan, 3);
    tieSeq2.event.seq = 2;
    auto tieSeq1 = record(QStringLiteral("z"), jan, 3);
    tieSeq1.event.seq = 1;
    auto tieSeq1b = record(QStringLiteral("y"), jan, 3);
    tieSeq1b.event.seq = 1;
    auto early = record(QStringLiteral("c"), jan, 1);
    ASSERT_TRUE(store->ingestBatch({late, tieSeq2, tieSeq1, tieSeq1b, early}).ok());
    const QString customer = *store->customerOf(jan);
    EXPECT_EQ(idsOf(timelineOf(customer)), (QStringList{QStringLiteral("c"), QStringLiteral("y"), QStringLiteral("z"),
                                                        QStringLiteral("a"), QStringLiteral("b")}));
}

TEST_F(EventStoreTest, KeysetPagingHasNoGapsOrDuplicates) {
    std::vector<core::ImportRecord> records;
    for (int i = 0; i < 47; ++i) {
        auto r = record(QStringLiteral("m%1").arg(i, 3, 10, QLatin1Char('0')), jan, i / 4); // many ties
        r.event.seq = (i * 7) % 3;
        records.push_back(r);
    }
    std::shuffle(records.begin(), records.end(), std::mt19937(7));
    ASSERT_TRUE(store->ingestBatch(records).ok());
    const QString customer = *store->customerOf(jan);
    const QStringList all = idsOf(timelineOf(customer));
    ASSERT_EQ(all.size(), 47);

    // Newest page, then older pages until the start.
    auto page = store->timelineNewest(customer, 10);
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(page.value().hasOlder);
    QStringList collected = idsOf(page.value().events);
    EXPECT_EQ(collected, all.mid(37));
    while (page.value().hasOlder) {
        page = store->timelineBefore(customer, TimelineKey::of(page.value().events.first()), 10);
        ASSERT_TRUE(page.ok()) << page.error().toStdString();
        collected = idsOf(page.value().events) + collected;
    }
    EXPECT_EQ(collected, all);

    // Forward from the oldest.
    QVector<core::Event> events = timelineOf(customer);
    QStringList forward{events.first().id};
    TimelineKey key = TimelineKey::of(events.first());
    for (;;) {
        const auto next = store->timelineAfter(customer, key, 9);
        ASSERT_TRUE(next.ok());
        if (next.value().events.isEmpty())
            break;
        EXPECT_TRUE(next.value().hasOlder);
        forward += idsOf(next.value().events);
        key = TimelineKey::of(next.value().events.last());
    }
    EXPECT_EQ(forward, all);

    const auto exact = store->timelineNewest(customer, 47);
    EXPECT_FALSE(exact.value().hasOlder);
    EXPECT_EQ(idsOf(exact.value().events), all);
}

TEST_F(EventStoreTest, UnreadCountsInboundSinceTheLastReply) {
    ingestOk(*store, record(QStringLiteral("1"), jan, 1));
    ingestOk(*store,
             record(QStringLiteral("2"), janPhone, 2, core::kinds::CallMissed, {}, core::Channel::Voice, {jan}));
    EXPECT_EQ(customerOf(jan).unread, 2);
    EXPECT_EQ(customerOf(jan).lastInboundChannel, core::Channel::Voice);
    ingestOk(*store, record(QStringLiteral("3"), jan, 3, core::kinds::MessageOut, QStringLiteral("We are on it")));
    EXPECT_EQ(customerOf(jan).unread, 0);
    EXPECT_EQ(customerOf(jan).preview, QStringLiteral("We are on it"));
    ingestOk(*store, record(QStringLiteral("4"), jan, 4, core::kinds::MessageIn, QStringLiteral("Thanks")));
    EXPECT_EQ(customerOf(jan).unread, 1);
    EXPECT_EQ(customerOf(jan).lastInboundChannel, core::Channel::Email);
    // An older inbound message imported late: it was answered already, so it counts nothing.
    ingestOk(*store, record(QStringLiteral("0"), janPhone, 0, core::kinds::MessageIn, {}, core::Channel::Sms));
    EXPECT_EQ(customerOf(jan).unread, 1);
    EXPECT_EQ(customerOf(jan).lastInboundChannel, core::Channel::Email);
    EXPECT_EQ(customerOf(jan).lastActivity, at(4));
    ASSERT_TRUE(store->markRead(*store->customerOf(jan)).ok());
    EXPECT_EQ(customerOf(jan).unread, 0);
}

TEST_F(EventStoreTest, StateFollowsTheNewestStatusChangeAndReopensOnANewMessage) {
    const auto status = [](const QString& id, int minutes, const QString& state) {
        auto r = record(id, jan, minutes, core::kinds::StatusChanged, {}, core::Channel::System);
        r.event.payload.insert(QStringLiteral("state"), state);
        return r;
    };
    ingestOk(*store, record(QStringLiteral("m1"), jan, 1));
    ingestOk(*store, status(QStringLiteral("s2"), 2, QStringLiteral("pending")));
    EXPECT_EQ(customerOf(jan).state, core::CaseState::Pending);
    ingestOk(*store, status(QStringLiteral("s4"), 4, QStringLiteral("resolved")));
    EXPECT_EQ(customerOf(jan).state, core::CaseState::Resolved);
    ingestOk(*store, status(QStringLiteral("s3"), 3, QStringLiteral("pending"))); // older: ignored
    EXPECT_EQ(customerOf(jan).state, core::CaseState::Resolved);
    ingestOk(*store, record(QStringLiteral("m0"), jan, 0)); // an old message does not reopen
    EXPECT_EQ(customerOf(jan).state, core::CaseState::Resolved);
    ingestOk(*store, record(QStringLiteral("m5"), jan, 5));
    EXPECT_EQ(customerOf(jan).state, core::CaseState::Open);

    const auto changed = store->setState(*store->customerOf(jan), core::CaseState::Resolved, QStringLiteral("anna"));
    ASSERT_TRUE(changed.ok()) << changed.error().toStdString();
    EXPECT_EQ(changed.value().kind, core::kinds::StatusChanged);
    EXPECT_EQ(customerOf(jan).state, core::CaseState::Resolved);
    const auto outbox = store->pendingOutbox();
    ASSERT_EQ(outbox.value().size(), 1);
    EXPECT_EQ(outbox.value().first().eventId, changed.value().id);
}

TEST_F(EventStoreTest, ProjectionsDoNotDependOnImportOrder) {
    std::vector<core::ImportRecord> records;
    const QStringList kinds{core::kinds::MessageIn, core::kinds::MessageIn, core::kinds::MessageOut,
                            core::kinds::MessageIn, core::kinds::Note,      core::kinds::MessageIn,
                            core::kinds::CallMissed};
    for (int i = 0; i < 42; ++i) {
        const QString kind = kinds.at(i % kinds.size());
        const core::Channel channel = kind == core::kinds::CallMissed ? core::Channel::Voice
                                      : i % 3 == 0                    ? core::Channel::Sms
                                                                      : core::Channel::Email;
        auto r = record(QStringLiteral("ev%1").arg(i), i % 2 ? jan : janPhone, i, kind,
                        QStringLiteral("text %1").arg(i), channel, {i % 2 ? janPhone : jan});
        if (i % 11 == 10) {
            r.event.kind = core::kinds::StatusChanged;
            r.event.payload.insert(QStringLiteral("state"),
                                   i == 32 ? QStringLiteral("resolved") : QStringLiteral("pending"));
        }
        records.push_back(r);
    }
    // The reference: in order, one at a time.
    for (const auto& r : records)
        ingestOk(*store, r);
    const core::Customer expected = customerOf(jan);
    qint64 lastReply = 0;
    for (const auto& r : records) {
        if (r.event.kind == core::kinds::MessageOut || r.event.kind == core::kinds::Note)
            lastReply = std::max(lastReply, r.event.occurredAt);
    }
    const auto unread = std::count_if(records.cbegin(), records.cend(), [lastReply](const core::ImportRecord& r) {
        return core::kinds::isInbound(r.event.kind) && r.event.occurredAt > lastReply;
    });
    EXPECT_GT(unread, 0);
    EXPECT_EQ(expected.unread, unread);
    for (unsigned seed : {1U, 2U, 3U}) {
        testsupport::TempDatabase otherTemp;
        auto other = openStore(otherTemp.path());
        ASSERT_TRUE(other);
        auto shuffled = records;
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(seed));
        // Mixed: some batches, some single records.
        ASSERT_TRUE(other->ingestBatch({shuffled.begin(), shuffled.begin() + 15}).ok());
        for (auto it = shuffled.begin() + 15; it != shuffled.begin() + 25; ++it)
            ingestOk(*other, *it);
        ASSERT_TRUE(other->ingestBatch({shuffled.begin() + 25, shuffled.end()}).ok());
        const auto actual = other->customer(*other->customerOf(jan));
        ASSERT_TRUE(actual.ok());
        EXPECT_EQ(actual.value().unread, expected.unread) << seed;
        EXPECT_EQ(actual.value().state, expected.state) << seed;
        EXPECT_EQ(actual.value().lastActivity, expected.lastActivity) << seed;
        EXPECT_EQ(actual.value().lastInboundChannel, expected.lastInboundChannel) << seed;
        EXPECT_EQ(actual.value().preview, expected.preview) << seed;
    }
}

TEST_F(EventStoreTest, MergeCustomersJoinsBothTimelines) {
    ingestOk(*store, record(QStringLiteral("e1"), jan, 1, core::kinds::MessageIn, QStringLiteral("mail")));
    ingestOk(*store, record(QStringLiteral("e3"), jan, 3, core::kinds::MessageOut, QStringLiteral("reply")));
    ingestOk(*store, record(QStringLiteral("s2"), janPhone, 2, core::kinds::MessageIn, QStringLiteral("sms"),
                            core::Channel::Sms));
    ingestOk(*store, record(QStringLiteral("s4"), janPhone, 4, core::kinds::MessageIn, QStringLiteral("sms 2"),
                            core::Channel::Sms));
    const QString into = *store->customerOf(jan);
    const QString from = *store->customerOf(janPhone);

    const auto merged = store->mergeCustomers(into, from, QStringLiteral("anna"));
    ASSERT_TRUE(merged.ok()) << merged.error().toStdString();
    EXPECT_EQ(merged.value().kind, core::kinds::CustomerMerged);
    EXPECT_EQ(merged.value().author, QStringLiteral("anna"));
    EXPECT_EQ(merged.value().payload.value(QStringLiteral("from")).toString(), from);

    const QStringList ids = idsOf(timelineOf(into));
    EXPECT_EQ(ids.mid(0, 4),
              (QStringList{QStringLiteral("e1"), QStringLiteral("s2"), QStringLiteral("e3"), QStringLiteral("s4")}));
    EXPECT_EQ(ids.last(), merged.value().id);
    EXPECT_EQ(idsOf(timelineOf(from)), ids);
    EXPECT_EQ(store->customerOf(janPhone), into);
    const core::Customer customer = store->customer(from).value();
    EXPECT_EQ(customer.id, into);
    EXPECT_EQ(customer.identities, (QStringList{jan, janPhone}));
    EXPECT_EQ(customer.unread, 1);
    EXPECT_EQ(customer.lastInboundChannel, core::Channel::Sms);
    EXPECT_EQ(customer.preview, QStringLiteral("sms 2"));
    EXPECT_EQ(store->pendingOutbox().value().size(), 1);
    EXPECT_FALSE(store->mergeCustomers(into, from, QStringLiteral("anna")).ok());

    // Ingest after the merge uses the moved identity.
    ingestOk(*store, record(QStringLiteral("s5"), janPhone, 5, core::kinds::MessageIn, {}, core::Channel::Sms));
    EXPECT_TRUE(idsOf(store->timeline(into).value()).contains(QStringLiteral("s5")));
    EXPECT_EQ(store->customer(into).value().unread, 2);
}

TEST_F(EventStoreTest, AppendOutboundPicksTheFittingIdentityAndWritesTheOutbox) {
    ingestOk(*store, record(QStringLiteral("e1"), jan, 1, core::kinds::MessageIn, QStringLiteral("Help")));
    const QString customer = *store->customerOf(jan);
    QJsonObject payload{{QStringLiteral("text"), QStringLiteral("On it")}};

    const auto sms =
        store->appendOutbound(customer, core::Channel::Sms, core::kinds::MessageOut, payload, QStringLiteral("anna"));
    ASSERT_FALSE(sms.ok());
    EXPECT_TRUE(sms.error().contains(QStringLiteral("no phone number for SMS"))) << sms.error().toStdString();

    const auto sent =
        store->appendOutbound(customer, core::Channel::Email, core::kinds::MessageOut, payload, QStringLiteral("anna"));
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    EXPECT_EQ(sent.value().seq, 0);
    EXPECT_EQ(sent.value().identity, jan);
    EXPECT_EQ(sent.value().author, QStringLiteral("anna"));
    EXPECT_EQ(sent.value().customer, customer);
    EXPECT_EQ(store->customer(customer).value().unread, 0);
    EXPECT_EQ(store->customer(customer).value().preview, QStringLiteral("On it"));
    EXPECT_EQ(store->timeline(customer).value().last(), sent.value());

    const auto note = store->appendOutbound(customer, core::Channel::Note, core::kinds::Note,
                                            {{QStringLiteral("text"), QStringLiteral("VIP")}}, QStringLiteral("anna"));
    ASSERT_TRUE(note.ok()) << note.error().toStdString();
    EXPECT_EQ(note.value().channel, core::Channel::Note);
    EXPECT_EQ(note.value().identity, jan);

    const auto outbox = store->pendingOutbox();
    ASSERT_TRUE(outbox.ok());
    ASSERT_EQ(outbox.value().size(), 2);
    EXPECT_EQ(outbox.value().at(0).eventId, sent.value().id);
    EXPECT_EQ(outbox.value().at(1).eventId, note.value().id);
    EXPECT_EQ(outbox.value().at(0).attempts, 0);

    EXPECT_FALSE(store
                     ->appendOutbound(QStringLiteral("nobody"), core::Channel::Email, core::kinds::MessageOut, payload,
                                      QStringLiteral("anna"))
                     .ok());
    EXPECT_FALSE(
        store->appendOutbound(customer, core::Channel::Email, core::kinds::MessageIn, payload, QStringLiteral("anna"))
            .ok());
}

TEST_F(EventStoreTest, CustomerListFiltersAndOrders) {
    ingestOk(*store, record(QStringLiteral("e1"), jan, 1, core::kinds::MessageIn, QStringLiteral("Faktura"),
                            core::Channel::Email, {}, QStringLiteral("Łukasz Żółkiewski")));
    ingestOk(*store, record(QStringLiteral("s1"), janPhone, 3, core::kinds::MessageIn, QStringLiteral("Paczka"),
                            core::Channel::Sms));
    ingestOk(*store, record(QStringLiteral("r1"), olga, 2, core::kinds::MessageIn, QStringLiteral("Посылка"),
                            core::Channel::Email, {}, QStringLiteral("Ольга")));
    auto resolved = record(QStringLiteral("r2"), olga, 2, core::kinds::StatusChanged, {}, core::Channel::System);
    resolved.event.payload.insert(QStringLiteral("state"), QStringLiteral("resolved"));
    ingestOk(*store, resolved);

    const auto textFilter = [](const QString& text) {
        CustomerFilter filter;
        filter.text = text;
        return filter;
    };
    const auto namesOf = [this](const CustomerFilter& filter) {
        const auto list = store->customers(filter);
        EXPECT_TRUE(list.ok()) << list.error().toStdString();
        QStringList result;
        for (const core::Customer& customer : list.value())
            result.append(customer.displayName());
        return result;
    };
    EXPECT_EQ(namesOf({}), (QStringList{QStringLiteral("+48601234567"), QStringLiteral("Ольга"),
                                        QStringLiteral("Łukasz Żółkiewski")}));
    EXPECT_EQ(namesOf(textFilter(QStringLiteral("zolk"))), QStringList{QStringLiteral("Łukasz Żółkiewski")});
    EXPECT_EQ(namesOf(textFilter(QStringLiteral("ОЛЬ"))), QStringList{QStringLiteral("Ольга")});
    EXPECT_EQ(namesOf(textFilter(QStringLiteral("601 234"))), QStringList{QStringLiteral("+48601234567")});
    EXPECT_EQ(namesOf(textFilter(QStringLiteral("example.ru"))), QStringList{QStringLiteral("Ольга")});
    EXPECT_EQ(namesOf(textFilter(QStringLiteral("посылк"))), QStringList{QStringLiteral("Ольга")}); // full text
    CustomerFilter sms;
    sms.channel = core::Channel::Sms;
    EXPECT_EQ(namesOf(sms), QStringList{QStringLiteral("+48601234567")});
    CustomerFilter done;
    done.state = core::CaseState::Resolved;
    EXPECT_EQ(namesOf(done), QStringList{QStringLiteral("Ольга")});
    CustomerFilter limited;
    limited.limit = 1;
    EXPECT_EQ(namesOf(limited).size(), 1);
}
