#include "StoreTestHelpers.h"

#include "store/StoreClient.h"

#include "TempDatabase.h"

#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QTimer>

using namespace tl;
using namespace tl::store;
using namespace tl::store::test;

namespace {

/// Waits (spinning the event loop) until \a done is set or five seconds passed.
bool waitFor(const bool& done) {
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(5000);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done)
            loop.quit();
    });
    poll.start(5);
    if (!done)
        loop.exec();
    return done;
}

} // namespace

TEST(StoreClient, RoundTripInAWorkerThread) {
    testsupport::TempDatabase temp;
    {
        auto store = openStore(temp.path());
        ASSERT_TRUE(store);
        ingestOk(*store, record(QStringLiteral("e1"), QStringLiteral("email:jan@example.pl"), 1, core::kinds::MessageIn,
                                QStringLiteral("Zamówienie"), core::Channel::Email, {}, QStringLiteral("Jan")));
    }
    StoreClient client(temp.path(), QStringLiteral("anna"), QStringLiteral("PL"));
    QSignalSpy opened(&client, &StoreClient::opened);
    QSignalSpy changed(&client, &StoreClient::customersChanged);
    ASSERT_TRUE(opened.wait(5000));

    QObject context;
    bool done = false;
    QVector<core::Customer> customers;
    Qt::HANDLE doneThread = nullptr;
    client.customers({}, &context, [&](core::Result<QVector<core::Customer>> result) {
        ASSERT_TRUE(result.ok()) << result.error().toStdString();
        customers = result.value();
        doneThread = QThread::currentThreadId();
        done = true;
    });
    ASSERT_TRUE(waitFor(done));
    EXPECT_EQ(doneThread, QThread::currentThreadId()); // handed back on the context's thread
    ASSERT_EQ(customers.size(), 1);
    const QString customer = customers.first().id;

    done = false;
    core::Event sent;
    client.appendOutbound(customer, core::Channel::Email, core::kinds::MessageOut,
                          {{QStringLiteral("text"), QStringLiteral("Już sprawdzam")}}, &context,
                          [&](core::Result<core::Event> result) {
                              ASSERT_TRUE(result.ok()) << result.error().toStdString();
                              sent = result.value();
                              done = true;
                          });
    ASSERT_TRUE(waitFor(done));
    EXPECT_EQ(sent.author, QStringLiteral("anna"));
    ASSERT_GE(changed.size(), 1);
    EXPECT_EQ(changed.first().first().toStringList(), QStringList{customer});

    done = false;
    TimelinePage page;
    client.timelineNewest(customer, 10, &context, [&](core::Result<TimelinePage> result) {
        page = result.value();
        done = true;
    });
    ASSERT_TRUE(waitFor(done));
    EXPECT_EQ(idsOf(page.events), (QStringList{QStringLiteral("e1"), sent.id}));

    done = false;
    int found = -1;
    client.search(QStringLiteral("sprawdzam"), 10, &context, [&](core::Result<QVector<SearchHit>> result) {
        found = result.ok() ? static_cast<int>(result.value().size()) : -1;
        done = true;
    });
    ASSERT_TRUE(waitFor(done));
    EXPECT_EQ(found, 1);

    // A context destroyed before the result arrives: the result is dropped, nothing crashes.
    bool calledAfterDeath = false;
    {
        QObject shortLived;
        client.eventCount(&shortLived, [&](core::Result<qint64>) { calledAfterDeath = true; });
    }
    done = false;
    qint64 count = 0;
    client.eventCount(&context, [&](core::Result<qint64> result) {
        count = result.value();
        done = true;
    });
    ASSERT_TRUE(waitFor(done));
    EXPECT_EQ(count, 2);
    EXPECT_FALSE(calledAfterDeath);
}

TEST(StoreClient, ImportsAFileWithProgress) {
    testsupport::TempDatabase temp;
    const QString file = temp.path(QStringLiteral("history.jsonl"));
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        for (int i = 0; i < 30; ++i) {
            out.write(QStringLiteral("{\"id\":\"sms:%1\",\"channel\":\"sms\",\"kind\":\"message.in\","
                                     "\"occurred_at\":\"2026-11-02T09:%2:00Z\",\"identity\":\"phone:+4860123456%3\","
                                     "\"payload\":{\"text\":\"Wiadomość %1\"}}\n")
                          .arg(i)
                          .arg(i + 10)
                          .arg(i % 3)
                          .toUtf8());
        }
    }
    StoreClient client(temp.path(), QStringLiteral("anna"), QStringLiteral("PL"));
    QSignalSpy changed(&client, &StoreClient::customersChanged);
    QObject context;
    bool done = false;
    ImportReport report;
    QList<int> percents;
    client.importJsonLines(
        file, &context, [&](int percent) { percents.append(percent); },
        [&](core::Result<ImportReport> result) {
            ASSERT_TRUE(result.ok()) << result.error().toStdString();
            report = result.value();
            done = true;
        });
    ASSERT_TRUE(waitFor(done));
    EXPECT_EQ(report.imported, 30);
    EXPECT_EQ(report.rejected, 0);
    ASSERT_FALSE(percents.isEmpty());
    EXPECT_EQ(percents.last(), 100);
    ASSERT_EQ(changed.size(), 1);
    EXPECT_TRUE(changed.first().first().toStringList().isEmpty());
}

TEST(StoreClient, OpenFailureIsReportedAndEveryCallFails) {
    testsupport::TempDatabase temp;
    StoreClient client(temp.directory() + QStringLiteral("/missing/dir/cache.sqlite"), QStringLiteral("anna"));
    QSignalSpy failed(&client, &StoreClient::openFailed);
    ASSERT_TRUE(failed.wait(5000));
    const QString error = failed.first().first().toString();
    EXPECT_FALSE(error.isEmpty());

    QObject context;
    bool done = false;
    QString callError;
    client.customer(QStringLiteral("x"), &context, [&](core::Result<core::Customer> result) {
        EXPECT_FALSE(result.ok());
        callError = result.error();
        done = true;
    });
    ASSERT_TRUE(waitFor(done));
    EXPECT_EQ(callError, error);
}
