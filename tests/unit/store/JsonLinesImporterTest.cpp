#include "StoreTestHelpers.h"

#include "store/JsonLinesImporter.h"

#include "TempDatabase.h"

#include <QBuffer>

using namespace tl;
using namespace tl::store;
using namespace tl::store::test;

TEST(JsonLinesImporter, CountsImportedDuplicateAndRejectedLines) {
    testsupport::TempDatabase temp;
    auto store = openStore(temp.path());
    ASSERT_TRUE(store);
    core::IdentityNormalizer normalizer(QStringLiteral("PL"));

    QByteArray input;
    input +=
        "{\"id\":\"email:1\",\"channel\":\"email\",\"kind\":\"message.in\",\"occurred_at\":\"2026-11-02T09:15:00Z\","
        "\"identity\":\"email:Jan@Example.PL\",\"name\":\"Jan Kowalski\",\"payload\":{\"text\":\"Zamówienie\"}}\n";
    input += "\n";           // 2: blank, skipped
    input += "{not json}\n"; // 3: rejected
    input +=
        "{\"id\":\"email:2\",\"channel\":\"email\",\"kind\":\"message.out\",\"occurred_at\":\"2026-11-02T09:20:00Z\","
        "\"identity\":\"email:jan@example.pl\",\"author\":\"anna\",\"payload\":{\"text\":\"Sprawdzam\"}}\n";
    input +=
        "{\"id\":\"email:1\",\"channel\":\"email\",\"kind\":\"message.in\",\"occurred_at\":\"2026-11-02T09:15:00Z\","
        "\"identity\":\"email:jan@example.pl\",\"payload\":{}}\n"; // 5: duplicate
    input += "{\"id\":\"x\",\"channel\":\"pigeon\",\"kind\":\"message.in\",\"occurred_at\":\"2026-11-02T09:15:00Z\","
             "\"identity\":\"email:a@b.c\"}\n"; // 6: unknown channel
    input += "   \r\n";                         // 7: blank
    input +=
        "{\"id\":\"sms:1\",\"channel\":\"sms\",\"kind\":\"message.in\",\"occurred_at\":\"2026-11-02T10:00:00Z\","
        "\"identity\":\"phone:601 234 567\",\"identities\":[\"email:jan@example.pl\"],\"payload\":{\"text\":\"SMS\"}}";
    QBuffer buffer(&input);
    ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));

    JsonLinesImporter importer(*store, normalizer);
    importer.setBatchSize(2);
    QList<qint64> rejectedLines;
    QStringList reasons;
    importer.setRejectHandler([&](qint64 line, const QString& reason) {
        rejectedLines.append(line);
        reasons.append(reason);
    });
    int progressCalls = 0;
    qint64 lastBytes = 0;
    importer.setProgressHandler([&](qint64 bytesRead, qint64 bytesTotal, const ImportReport&) {
        ++progressCalls;
        EXPECT_EQ(bytesTotal, input.size());
        EXPECT_GE(bytesRead, lastBytes);
        lastBytes = bytesRead;
    });

    const auto report = importer.run(buffer);
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    EXPECT_EQ(report.value().lines, 8);
    EXPECT_EQ(report.value().imported, 3);
    EXPECT_EQ(report.value().duplicates, 1);
    EXPECT_EQ(report.value().rejected, 2);
    EXPECT_EQ(rejectedLines, (QList<qint64>{3, 6}));
    EXPECT_TRUE(reasons.value(1).contains(QStringLiteral("pigeon"))) << reasons.value(1).toStdString();
    EXPECT_GE(progressCalls, 2);
    EXPECT_EQ(lastBytes, input.size());

    EXPECT_EQ(store->eventCount(), 4); // three imported plus the identity.linked of the phone number
    const auto customer = store->customer(*store->customerOf(QStringLiteral("email:jan@example.pl")));
    ASSERT_TRUE(customer.ok());
    EXPECT_EQ(customer.value().name, QStringLiteral("Jan Kowalski"));
    EXPECT_EQ(customer.value().identities.size(), 2);
    EXPECT_EQ(customer.value().unread, 1);
    EXPECT_EQ(store->search(QStringLiteral("zamowienie")).value().size(), 1);
}
