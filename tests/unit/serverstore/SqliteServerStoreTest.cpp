// The server store on SQLite (the embedded default), plus what does not need a database server: URLs.
#include "ServerStoreFixture.h"

#include <QFile>

namespace tl::store::test {
namespace {

using namespace Qt::StringLiterals;

INSTANTIATE_TEST_SUITE_P(Sqlite, ServerStoreTest, ::testing::Values(Backend::Sqlite),
                         [](const ::testing::TestParamInfo<Backend>&) { return std::string("Sqlite"); });

TEST(ServerStoreUrl, SqliteFromAPathOrASqliteUrl) {
    testsupport::TempDatabase temp;
    for (const QString& url : {temp.path(u"a.sqlite"_s), u"sqlite:"_s + temp.path(u"b.sqlite"_s)}) {
        auto opened = ServerStore::open(url);
        ASSERT_TRUE(opened.ok()) << opened.error().toStdString();
        EXPECT_FALSE(opened.value()->isPostgres());
        // There is one instance on SQLite: no one else to hear from.
        EXPECT_FALSE(opened.value()->subscribeToAppends([](qint64) {}));
    }
    EXPECT_TRUE(QFile::exists(temp.path(u"a.sqlite"_s)));
    EXPECT_TRUE(QFile::exists(temp.path(u"b.sqlite"_s)));
}

TEST(ServerStoreUrl, BadUrlsSayWhatIsWrongAndNeverShowThePassword) {
    const struct {
        QString url;
        QString expected;
    } cases[] = {
        {u"postgresql://anna:s3cret@/threadline"_s, u"names no host"_s},
        {u"postgresql://anna:s3cret@db.example.com"_s, u"names no database"_s},
        {u"postgresql://anna:s3cret@db.example.com/"_s, u"names no database"_s},
        {u"postgresql://anna:s3cret@db.example.com:99999/threadline"_s, u"invalid port \"99999\""_s},
        {u"postgresql://anna:s3cret@db.example.com:abc/threadline"_s, u"invalid port \"abc\""_s},
        {u"postgresql://anna:s3cret@db.example.com/a/b"_s, u"must be one word"_s},
        {u"postgresql://anna:s3cret@db.example.com/threadline?sslmode=require&evil=1"_s, u"unknown option \"evil\""_s},
        {u"mysql://anna:s3cret@db.example.com/threadline"_s, u"unsupported scheme \"mysql\""_s},
        {u"postgresql://anna:s3/cret@db.example.com/threadline"_s, u"percent-encoded"_s},
        {u"postgresql://anna:s3cret@x@db.example.com/threadline"_s, u"percent-encoded"_s},
        {u"sqlite:"_s, u"names no file"_s},
        {u"   "_s, u"No database was given"_s},
    };
    for (const auto& [url, expected] : cases) {
        const auto opened = ServerStore::open(url);
        ASSERT_FALSE(opened.ok()) << url.toStdString();
        EXPECT_TRUE(opened.error().contains(expected)) << url.toStdString() << " → " << opened.error().toStdString();
        EXPECT_FALSE(opened.error().contains(u"s3cret"_s) || opened.error().contains(u"s3/cret"_s))
            << opened.error().toStdString();
    }
}

TEST(ServerStoreUrl, ConnectionFailureNamesTheServerButNotThePassword) {
    // Port 1 on loopback: nobody listens, the connection is refused at once.
    const auto opened = ServerStore::open(u"postgresql://anna:s3cret@127.0.0.1:1/threadline?connect_timeout=5"_s);
    ASSERT_FALSE(opened.ok());
    EXPECT_TRUE(opened.error().contains(u"127.0.0.1"_s)) << opened.error().toStdString();
    EXPECT_TRUE(opened.error().contains(u"anna:***@"_s)) << opened.error().toStdString();
    EXPECT_FALSE(opened.error().contains(u"s3cret"_s)) << opened.error().toStdString();
}

TEST(ServerStoreUrl, UnopenableSqliteFileIsAClearError) {
    const auto opened = ServerStore::open(u"/nonexistent-directory/for/sure/server.sqlite"_s);
    ASSERT_FALSE(opened.ok());
    EXPECT_TRUE(opened.error().contains(u"/nonexistent-directory/for/sure/server.sqlite"_s))
        << opened.error().toStdString();
}

} // namespace
} // namespace tl::store::test
