// MboxReader, MaildirReader and MailImporter: messages out of mailboxes, into a temporary database.
#include "channels/email/MailImporter.h"
#include "channels/email/AttachmentStore.h"
#include "channels/email/MaildirReader.h"
#include "channels/email/MboxReader.h"

#include "store/EventStore.h"

#include "TempDatabase.h"

#include <gtest/gtest.h>

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>

using namespace tl;
using tl::email::MaildirReader;
using tl::email::MailImporter;
using tl::email::MailImportReport;
using tl::email::MboxReader;
using tl::email::RawMail;

namespace {

QByteArray message(const QByteArray& id, const QByteArray& body, const QByteArray& from = "jan@example.pl") {
    return "From: Jan <" + from + ">\nTo: pomoc@sklep.example\nSubject: test " + id + "\nMessage-ID: <" + id +
           "@example.pl>\nDate: Tue, 3 Nov 2026 10:20:00 +0100\n\n" + body;
}

void writeFile(const QString& path, const QByteArray& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
    file.write(content);
}

} // namespace

TEST(MboxReader, SplitsAtFromLinesAndUnescapes) {
    QByteArray mbox = "From jan@example.pl Tue Nov  3 09:20:00 2026\n" +
                      message("a", "Hello\n>From the start\n"
                                   ">>From deeper\nFrom inside "
                                   "a paragraph is no separator\n") +
                      "\n"
                      "From MAILER-DAEMON Wed Nov  4 08:00:00 2026\r\n" +
                      message("b", "Second\r\n") + "\r\n";
    QBuffer buffer(&mbox);
    ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
    MboxReader reader(buffer);
    RawMail mail;
    ASSERT_TRUE(reader.next(mail));
    EXPECT_EQ(mail.label, QStringLiteral("message 1 (byte 0)"));
    EXPECT_TRUE(mail.bytes.startsWith("From: Jan"));
    EXPECT_TRUE(mail.bytes.contains("\nFrom the start\n>From deeper\nFrom inside a paragraph"));
    EXPECT_TRUE(mail.bytes.endsWith("separator\n"));
    EXPECT_EQ(mail.fallbackDate, QDateTime(QDate(2026, 11, 3), QTime(9, 20), Qt::UTC).toMSecsSinceEpoch());
    ASSERT_TRUE(reader.next(mail));
    EXPECT_TRUE(mail.label.startsWith(QStringLiteral("message 2 (byte ")));
    EXPECT_TRUE(mail.bytes.endsWith("Second\r\n"));
    EXPECT_FALSE(reader.next(mail));
    EXPECT_EQ(reader.position(), mbox.size());
}

TEST(MboxReader, AFileWithoutFromLinesIsOneMessage) {
    QByteArray single = message("only", "Body\n");
    QBuffer buffer(&single);
    ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
    MboxReader reader(buffer);
    RawMail mail;
    ASSERT_TRUE(reader.next(mail));
    EXPECT_EQ(mail.bytes, single);
    EXPECT_FALSE(reader.next(mail));
}

TEST(MaildirReader, ReadsCurAndNewAndSubfolders) {
    testsupport::TempDatabase temp;
    const QDir root(temp.directory() + QStringLiteral("/Maildir"));
    writeFile(root.filePath(QStringLiteral("cur/1762161600.M1P1.host:2,S")), message("1", "one\n"));
    writeFile(root.filePath(QStringLiteral("new/1762161700.M2P1.host")), message("2", "two\n"));
    writeFile(root.filePath(QStringLiteral("tmp/1762161800.M3P1.host")), message("3", "in delivery\n"));
    writeFile(root.filePath(QStringLiteral(".Sent/cur/1762161900.M4P1.host:2,S")), message("4", "sent\n"));
    ASSERT_TRUE(MaildirReader::isMaildir(root.path()));
    EXPECT_FALSE(MaildirReader::isMaildir(root.filePath(QStringLiteral("cur"))));
    MaildirReader reader(root.path());
    EXPECT_EQ(reader.count(), 3);
    RawMail mail;
    QStringList ids;
    while (reader.next(mail)) {
        EXPECT_TRUE(mail.error.isEmpty());
        ids.append(QString::fromLatin1(mail.bytes.mid(mail.bytes.indexOf("Message-ID: <") + 13, 1)));
    }
    EXPECT_EQ(ids, QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4")}));
    EXPECT_EQ(reader.position(), reader.size());
}

TEST(MailImporter, ImportsReimportsAndReportsTheUnreadable) {
    testsupport::TempDatabase temp;
    auto opened = store::EventStore::open(temp.path());
    ASSERT_TRUE(opened) << opened.error().toStdString();
    std::unique_ptr<store::EventStore> store = std::move(opened).value();
    core::IdentityNormalizer normalizer;
    email::AttachmentStore attachments(email::AttachmentStore::directoryFor(temp.path()));
    email::MailEvent::Options options;
    options.attachments = &attachments;

    QByteArray mbox;
    mbox += "From a Tue Nov  3 09:20:00 2026\n" + message("m1", "first\n") + "\n";
    mbox += "From b Tue Nov  3 09:21:00 2026\nSubject: no sender here\n\njust text\n\n";
    mbox += "From c Tue Nov  3 09:22:00 2026\n" + message("m2", "second\n", "olga@example.ru") + "\n";
    mbox += "From d Tue Nov  3 09:23:00 2026\n" + message("m1", "first again\n") + "\n"; // same Message-ID

    qint64 eventsAfterFirstImport = 0;
    for (int round = 0; round < 2; ++round) {
        QBuffer buffer(&mbox);
        ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
        MboxReader reader(buffer);
        MailImporter importer(*store, normalizer, options);
        importer.setBatchSize(2);
        QStringList rejected;
        importer.setRejectHandler([&](const QString& label, const QString& reason) {
            rejected.append(label + QStringLiteral(": ") + reason);
        });
        const core::Result<MailImportReport> report = importer.run(reader);
        ASSERT_TRUE(report) << report.error().toStdString();
        EXPECT_EQ(report.value().messages, 4);
        EXPECT_EQ(report.value().imported, round == 0 ? 2 : 0);
        EXPECT_EQ(report.value().duplicates, round == 0 ? 1 : 3);
        EXPECT_EQ(report.value().rejected, 1);
        ASSERT_EQ(rejected.size(), 1);
        EXPECT_TRUE(rejected.first().startsWith(QStringLiteral("message 2 (byte "))) << rejected.first().toStdString();
        EXPECT_TRUE(rejected.first().contains(QStringLiteral("sender")));
        if (round == 0)
            eventsAfterFirstImport = store->eventCount();
        else
            EXPECT_EQ(store->eventCount(), eventsAfterFirstImport); // re-importing changed nothing
    }
    EXPECT_TRUE(store->customerOf(QStringLiteral("email:jan@example.pl")).has_value());
    EXPECT_TRUE(store->customerOf(QStringLiteral("email:olga@example.ru")).has_value());
}
