#include "StoreTestHelpers.h"

#include "store/SearchText.h"

#include "TempDatabase.h"

#include <algorithm>
#include <random>

using namespace tl;
using namespace tl::store;
using namespace tl::store::test;

TEST(SearchText, SegmentsCjkAndNormalizesPersian) {
    EXPECT_EQ(SearchText::forIndex(u"订单已发货"), QStringLiteral(" 订 单 已 发 货"));
    EXPECT_EQ(SearchText::forIndex(u"iPhone订单"), QStringLiteral("iPhone 订 单"));
    // Arabic Yeh and Kaf become the Persian letters; ZWNJ and tatweel disappear.
    EXPECT_EQ(SearchText::forIndex(u"كتاب"), QStringLiteral("کتاب"));
    EXPECT_EQ(SearchText::forIndex(u"مي‌خواهم"), QStringLiteral("میخواهم"));
    EXPECT_EQ(SearchText::forIndex(u"سـلام"), QStringLiteral("سلام"));
    EXPECT_EQ(SearchText::foldForSubstring(u"Łukasz ŻÓŁW"), QStringLiteral("lukasz zolw"));
}

TEST(SearchText, QueriesBecomeQuotedPrefixTermsAndCjkPhrases) {
    EXPECT_EQ(SearchText::matchExpression(u"zamów"), QStringLiteral("\"zamów\"*"));
    EXPECT_EQ(SearchText::matchExpression(u"  jan   kowal "), QStringLiteral("\"jan\"* AND \"kowal\"*"));
    EXPECT_EQ(SearchText::matchExpression(u"订单"), QStringLiteral("\"订 单\""));
    EXPECT_EQ(SearchText::matchExpression(u"iPhone订单"), QStringLiteral("\"iPhone\"* AND \"订 单\""));
    EXPECT_EQ(SearchText::matchExpression(u"say \"hi\""), QStringLiteral("\"say\"* AND \"\"\"hi\"\"\"*"));
    EXPECT_EQ(SearchText::matchExpression(u"* ( ) \" -"), QString());
    EXPECT_EQ(SearchText::matchExpression(u""), QString());
}

namespace {

class SearchTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = openStore(temp.path());
        ASSERT_TRUE(store);
        const auto add = [this](const QString& id, const QString& identity, const QString& text,
                                const QString& subject = {}, const QString& name = {}) {
            auto r = record(id, identity, static_cast<int>(store->eventCount()), core::kinds::MessageIn, text,
                            core::Channel::Email, {}, name);
            if (!subject.isEmpty())
                r.event.payload.insert(QStringLiteral("subject"), subject);
            ingestOk(*store, r);
        };
        add(QStringLiteral("pl"), QStringLiteral("email:jan@example.pl"),
            QStringLiteral("Dzień dobry, moje zamówienie nr 1234 jeszcze nie dotarło."), QStringLiteral("Reklamacja"),
            QStringLiteral("Jan Kowalski"));
        add(QStringLiteral("ru"), QStringLiteral("email:olga@example.ru"),
            QStringLiteral("Здравствуйте! Мой заказ до сих пор не доставлен, посылка потерялась."), {},
            QStringLiteral("Ольга Смирнова"));
        add(QStringLiteral("fa"), QStringLiteral("email:reza@example.ir"),
            QStringLiteral(
                "سلام، سفارش من هنوز نرسيده است. مي‌خواهم پيگيري كنم."),
            {}, QStringLiteral("رضا"));
        add(QStringLiteral("zh"), QStringLiteral("email:li@example.cn"),
            QStringLiteral("你好，我的订单还没有到，请帮我查一下物流信息。"), {}, QStringLiteral("李明"));
        add(QStringLiteral("en"), QStringLiteral("email:ann@example.com"),
            QStringLiteral("Please cancel (or AND) my \"order\" * now"));
    }

    QStringList hits(const QString& query) {
        const auto result = store->search(query);
        EXPECT_TRUE(result.ok()) << query.toStdString() << ": " << result.error().toStdString();
        QStringList ids;
        if (result.ok()) {
            for (const SearchHit& hit : result.value())
                ids.append(hit.event.id);
        }
        return ids;
    }

    testsupport::TempDatabase temp;
    std::unique_ptr<EventStore> store;
};

} // namespace

TEST_F(SearchTest, Polish) {
    EXPECT_EQ(hits(QStringLiteral("zamówienie")), QStringList{QStringLiteral("pl")});
    EXPECT_EQ(hits(QStringLiteral("zamowienie")), QStringList{QStringLiteral("pl")}); // no diacritics typed
    EXPECT_EQ(hits(QStringLiteral("ZAMÓW dotar")), QStringList{QStringLiteral("pl")});
    EXPECT_EQ(hits(QStringLiteral("reklamacja")), QStringList{QStringLiteral("pl")}); // the subject
    EXPECT_EQ(hits(QStringLiteral("kowalski")), QStringList{QStringLiteral("pl")});   // the name
    EXPECT_EQ(hits(QStringLiteral("dzien dobry")), QStringList{QStringLiteral("pl")});
    EXPECT_TRUE(hits(QStringLiteral("zamówienie paczka")).isEmpty()); // terms are ANDed
}

TEST_F(SearchTest, Russian) {
    EXPECT_EQ(hits(QStringLiteral("заказ")), QStringList{QStringLiteral("ru")});
    EXPECT_EQ(hits(QStringLiteral("ПОСЫЛК")), QStringList{QStringLiteral("ru")});
    EXPECT_EQ(hits(QStringLiteral("смирнов")), QStringList{QStringLiteral("ru")});
    EXPECT_EQ(hits(QStringLiteral("потерялась")), QStringList{QStringLiteral("ru")});
}

TEST_F(SearchTest, Farsi) {
    // Indexed with Arabic Yeh/Kaf (as many keyboards type them); searched with the Persian letters.
    EXPECT_EQ(hits(QStringLiteral("نرسیده")), QStringList{QStringLiteral("fa")});
    EXPECT_EQ(hits(QStringLiteral("پیگیری کنم")), QStringList{QStringLiteral("fa")});
    EXPECT_EQ(hits(QStringLiteral("سفارش")), QStringList{QStringLiteral("fa")});
    // With or without the half-space.
    EXPECT_EQ(hits(QStringLiteral("میخواهم")), QStringList{QStringLiteral("fa")});
    EXPECT_EQ(hits(QStringLiteral("می‌خواهم")), QStringList{QStringLiteral("fa")});
}

TEST_F(SearchTest, Chinese) {
    EXPECT_EQ(hits(QStringLiteral("订单")), QStringList{QStringLiteral("zh")}); // a two-character word
    EXPECT_EQ(hits(QStringLiteral("物流信息")), QStringList{QStringLiteral("zh")});
    EXPECT_EQ(hits(QStringLiteral("查")), QStringList{QStringLiteral("zh")});
    EXPECT_EQ(hits(QStringLiteral("李明")), QStringList{QStringLiteral("zh")});
    EXPECT_TRUE(hits(QStringLiteral("订物")).isEmpty()); // characters must be adjacent
}

TEST_F(SearchTest, SyntaxCharactersNeverError) {
    for (const char* query : {"\"",
                              "\"order",
                              "order\"",
                              "*",
                              "order*",
                              "(",
                              ")",
                              "(order)",
                              "AND",
                              "OR",
                              "NOT",
                              "order AND",
                              "AND order",
                              "NEAR(order cancel)",
                              "order OR cancel",
                              "-order",
                              "+",
                              "^order",
                              "col:order",
                              "{body}: x",
                              "\"\"",
                              "a\"b",
                              "'",
                              "\\",
                              "%",
                              "_",
                              ":"}) {
        const auto result = store->search(QString::fromUtf8(query));
        EXPECT_TRUE(result.ok()) << query << ": " << result.error().toStdString();
    }
    EXPECT_EQ(hits(QStringLiteral("(cancel)")), QStringList{QStringLiteral("en")});
    EXPECT_EQ(hits(QStringLiteral("\"order\"")), QStringList{QStringLiteral("en")});
    EXPECT_EQ(hits(QStringLiteral("AND")), QStringList{QStringLiteral("en")});
    EXPECT_TRUE(hits(QStringLiteral("*")).isEmpty());
    CustomerFilter filter;
    filter.text = QStringLiteral("\"(AND*");
    EXPECT_TRUE(store->customers(filter).ok());
}

TEST_F(SearchTest, HitsAreNewestFirstWithTheCustomerName) {
    const auto result = store->search(QStringLiteral("example"));
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.value().isEmpty()); // identities are not part of the text index
    ingestOk(*store, record(QStringLiteral("pl2"), QStringLiteral("email:jan@example.pl"), 100, core::kinds::MessageIn,
                            QStringLiteral("Zamówienie dotarło, dziękuję")));
    const auto both = store->search(QStringLiteral("zamówienie"));
    ASSERT_TRUE(both.ok());
    ASSERT_EQ(both.value().size(), 2);
    EXPECT_EQ(both.value().at(0).event.id, QStringLiteral("pl2"));
    EXPECT_EQ(both.value().at(0).customerName, QStringLiteral("Jan Kowalski"));
    EXPECT_EQ(store->search(QStringLiteral("zamówienie"), 1).value().size(), 1);
}

TEST_F(SearchTest, NewestFirstAlsoWhenOlderHistoryArrivesLater) {
    // The newest match is stored first; a backfill of older matches, more than one look at the matches stored
    // last takes in, arrives after it.
    const QString ewa = QStringLiteral("email:ewa@example.pl");
    ingestOk(*store, record(QStringLiteral("new"), ewa, 10'000, core::kinds::MessageIn,
                            QStringLiteral("Reklamacja zamówienia 77")));
    std::vector<core::ImportRecord> backfill;
    for (int i = 0; i < 150; ++i)
        backfill.push_back(record(QStringLiteral("old%1").arg(i), ewa, 1'000 + i, core::kinds::MessageIn,
                                  QStringLiteral("Stara reklamacja")));
    std::shuffle(backfill.begin(), backfill.end(), std::mt19937(3));
    ASSERT_TRUE(store->ingestBatch(backfill).ok());

    const auto newest = store->search(QStringLiteral("reklamacja"), 3);
    ASSERT_TRUE(newest.ok()) << newest.error().toStdString();
    QStringList ids;
    for (const SearchHit& hit : newest.value())
        ids.append(hit.event.id);
    EXPECT_EQ(ids, (QStringList{QStringLiteral("new"), QStringLiteral("old149"), QStringLiteral("old148")}));
    // Every match when the limit allows: the backfill, the new one and the fixture's "Reklamacja" subject.
    const auto all = store->search(QStringLiteral("reklamacja"), 1'000);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all.value().size(), 152);
    EXPECT_EQ(all.value().last().event.id, QStringLiteral("pl"));
    EXPECT_TRUE(std::is_sorted(all.value().cbegin(), all.value().cend(), [](const SearchHit& a, const SearchHit& b) {
        return core::timelineLess(b.event, a.event);
    }));
}
