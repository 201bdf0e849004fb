// MailEvent and AttachmentStore: the event a parsed mail becomes, and where its attachments go.
#include "channels/email/MailEvent.h"
#include "channels/email/AttachmentStore.h"
#include "channels/email/MailParser.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace tl;
using tl::email::AttachmentStore;
using tl::email::MailEvent;
using tl::email::MailParser;
using tl::email::ParsedMail;

namespace {

QByteArray readData(const QString& name) {
    QFile file(QDir(QStringLiteral(THREADLINE_EMAIL_TEST_DATA)).filePath(name));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
    return file.readAll();
}

} // namespace

TEST(MailEvent, InboundMessageBecomesAMessageInEvent) {
    const QByteArray raw = readData(QStringLiteral("utf8-polish.eml"));
    const ParsedMail mail = MailParser::parse(raw);
    core::IdentityNormalizer normalizer(QStringLiteral("PL"));
    const core::Result<core::ImportRecord> record = MailEvent::toRecord(mail, raw, normalizer, {});
    ASSERT_TRUE(record) << record.error().toStdString();
    const core::Event& event = record.value().event;
    EXPECT_EQ(event.id, QStringLiteral("email:<CAF4471.jk@mail.example.pl>"));
    EXPECT_EQ(event.channel, core::Channel::Email);
    EXPECT_EQ(event.kind, core::kinds::MessageIn);
    EXPECT_EQ(event.identity, QStringLiteral("email:jan.kowalski@example.pl"));
    EXPECT_EQ(event.occurredAt, mail.occurredAt);
    EXPECT_EQ(record.value().name, QStringLiteral("Jan Kowalski"));
    const QJsonObject& payload = event.payload;
    EXPECT_EQ(payload.value(QStringLiteral("subject")).toString(), mail.subject);
    EXPECT_EQ(payload.value(QStringLiteral("text")).toString(), mail.text);
    EXPECT_EQ(payload.value(QStringLiteral("text_full")).toString(), mail.fullText);
    EXPECT_FALSE(payload.contains(QStringLiteral("html")));
    EXPECT_EQ(payload.value(QStringLiteral("message_id")).toString(), QStringLiteral("<CAF4471.jk@mail.example.pl>"));
    EXPECT_EQ(payload.value(QStringLiteral("in_reply_to")).toString(), QStringLiteral("<tl-4471-1@sklep.example>"));
    EXPECT_EQ(payload.value(QStringLiteral("references")).toArray().size(), 2);
    EXPECT_EQ(payload.value(QStringLiteral("from_name")).toString(), QStringLiteral("Jan Kowalski"));
    EXPECT_EQ(
        payload.value(QStringLiteral("to")).toArray().at(0).toObject().value(QStringLiteral("address")).toString(),
        QStringLiteral("pomoc@sklep.example"));
}

TEST(MailEvent, OwnAddressMakesAMessageOutToTheCustomer) {
    const QByteArray raw("From: Obsługa <POMOC@sklep.example>\r\nTo: Sklep <pomoc@sklep.example>, Jan Kowalski "
                         "<jan@example.pl>\r\nSubject: Re: x\r\nMessage-ID: <out-1@sklep.example>\r\n"
                         "Date: Tue, 3 Nov 2026 11:00:00 +0100\r\n\r\nOdpowiedź\r\n");
    const ParsedMail mail = MailParser::parse(raw);
    core::IdentityNormalizer normalizer;
    MailEvent::Options options;
    options.ownAddresses = {QStringLiteral("pomoc@sklep.example")};
    const core::Result<core::ImportRecord> record = MailEvent::toRecord(mail, raw, normalizer, options);
    ASSERT_TRUE(record) << record.error().toStdString();
    EXPECT_EQ(record.value().event.kind, core::kinds::MessageOut);
    EXPECT_EQ(record.value().event.identity, QStringLiteral("email:jan@example.pl"));
    EXPECT_EQ(record.value().name, QStringLiteral("Jan Kowalski"));

    const QByteArray toSelf("From: pomoc@sklep.example\r\nTo: pomoc@sklep.example\r\n\r\nnote to self\r\n");
    const core::Result<core::ImportRecord> refused =
        MailEvent::toRecord(MailParser::parse(toSelf), toSelf, normalizer, options);
    EXPECT_FALSE(refused);
}

TEST(MailEvent, WithoutMessageIdTheIdIsAHashOfTheBytes) {
    const QByteArray raw = readData(QStringLiteral("no-date-no-id.eml"));
    const ParsedMail mail = MailParser::parse(raw);
    const QString id = MailEvent::eventId(mail, raw);
    EXPECT_EQ(id, QStringLiteral("email:sha256:") + AttachmentStore::sha256Hex(raw));
    EXPECT_EQ(id.size(), 13 + 64);
    EXPECT_EQ(MailEvent::eventId(MailParser::parse(raw), raw), id);
}

TEST(MailEvent, NoSenderIsRefusedWithAReason) {
    core::IdentityNormalizer normalizer;
    const QByteArray raw("Subject: nobody\r\n\r\ntext\r\n");
    const core::Result<core::ImportRecord> record = MailEvent::toRecord(MailParser::parse(raw), raw, normalizer, {});
    ASSERT_FALSE(record);
    EXPECT_TRUE(record.error().contains(QStringLiteral("sender")));
    const QByteArray bad("From: not an address\r\n\r\ntext\r\n");
    EXPECT_FALSE(MailEvent::toRecord(MailParser::parse(bad), bad, normalizer, {}));
}

TEST(MailEvent, AttachmentsAreStoredOnceByContent) {
    QTemporaryDir directory;
    AttachmentStore store(QDir(directory.path()).filePath(QStringLiteral("cache.sqlite.attachments")));
    const QByteArray raw = readData(QStringLiteral("nested-multipart.eml"));
    const ParsedMail mail = MailParser::parse(raw);
    core::IdentityNormalizer normalizer;
    MailEvent::Options options;
    options.attachments = &store;
    const core::Result<core::ImportRecord> record = MailEvent::toRecord(mail, raw, normalizer, options);
    ASSERT_TRUE(record) << record.error().toStdString();
    const QJsonArray attachments = record.value().event.payload.value(QStringLiteral("attachments")).toArray();
    ASSERT_EQ(attachments.size(), 2);
    const QJsonObject image = attachments.at(0).toObject();
    EXPECT_EQ(image.value(QStringLiteral("type")).toString(), QStringLiteral("image/png"));
    EXPECT_TRUE(image.value(QStringLiteral("inline")).toBool());
    EXPECT_EQ(image.value(QStringLiteral("content_id")).toString(), QStringLiteral("parcel@fastmail"));
    const QJsonObject pdf = attachments.at(1).toObject();
    EXPECT_EQ(pdf.value(QStringLiteral("name")).toString(), QStringLiteral("invoice-8830.pdf"));
    EXPECT_EQ(pdf.value(QStringLiteral("size")).toInt(), mail.attachments.at(1).content.size());
    const QString sha = pdf.value(QStringLiteral("sha256")).toString();
    EXPECT_EQ(sha, AttachmentStore::sha256Hex(mail.attachments.at(1).content));
    const QString path = pdf.value(QStringLiteral("path")).toString();
    EXPECT_EQ(path, sha.left(2) + u'/' + sha.mid(2));
    QFile stored(store.absolutePath(path));
    ASSERT_TRUE(stored.open(QIODevice::ReadOnly));
    EXPECT_EQ(stored.readAll(), mail.attachments.at(1).content);

    // The same content again writes nothing.
    const core::Result<AttachmentStore::Stored> again = store.store(mail.attachments.at(1).content);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again.value().written);
    EXPECT_EQ(again.value().relativePath, path);
}

TEST(AttachmentStore, ReportsAnUnwritableDirectory) {
    QTemporaryDir directory;
    const QString blocker = QDir(directory.path()).filePath(QStringLiteral("file"));
    QFile file(blocker);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    AttachmentStore store(QDir(blocker).filePath(QStringLiteral("attachments"))); // below a plain file
    const core::Result<AttachmentStore::Stored> stored = store.store("content");
    EXPECT_FALSE(stored);
    EXPECT_FALSE(stored.error().isEmpty());
}
