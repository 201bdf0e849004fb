// BounceReader over hand-written bounces in data/ shaped after what Postfix, Exim, Gmail and qmail send
// (bounce-*.eml): the original's Message-ID, the status and the diagnostic; a delay warning and ordinary mail are
// not bounces.

#include "channels/email/BounceReader.h"
#include "channels/email/MailParser.h"

#include <gtest/gtest.h>

#include <QFile>

namespace tl::email {
namespace {

using namespace Qt::StringLiterals;

QByteArray sample(const char* name) {
    QFile file(QStringLiteral(THREADLINE_EMAIL_TEST_DATA) + u'/' + QLatin1StringView(name));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

std::optional<Bounce> readSample(const char* name) {
    const QByteArray raw = sample(name);
    return BounceReader::read(MailParser::parse(raw), raw);
}

TEST(BounceReaderTest, PostfixDsnWithReturnedHeaders) {
    const auto bounce = readSample("bounce-postfix.eml");
    ASSERT_TRUE(bounce);
    EXPECT_EQ(bounce->status, u"5.1.1"_s);
    EXPECT_EQ(bounce->diagnostic, u"550 5.1.1 <jan.kowalski@klient.example.pl>: Recipient address rejected: User "
                                  u"unknown in virtual mailbox table"_s);
    EXPECT_EQ(bounce->recipient, u"jan.kowalski@klient.example.pl"_s);
    ASSERT_FALSE(bounce->originalMessageIds.isEmpty());
    EXPECT_EQ(bounce->originalMessageIds.first(),
              u"<3f1a9c0e5b7d2a4c6e8f0a1b2c3d4e5f60718293.threadline@example.test>"_s);
    EXPECT_EQ(bounce->detail(), bounce->diagnostic);
}

TEST(BounceReaderTest, EximDsnWithTheWholeMessageAndAFoldedMessageId) {
    const auto bounce = readSample("bounce-exim.eml");
    ASSERT_TRUE(bounce);
    EXPECT_EQ(bounce->status, u"5.0.0"_s);
    EXPECT_EQ(bounce->diagnostic, u"550 5.2.1 Mailbox disabled, not accepting messages"_s);
    EXPECT_EQ(bounce->recipient, u"anna.k@firma.example.de"_s);
    EXPECT_EQ(bounce->originalMessageIds,
              QStringList{u"<9b8a7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3.threadline@example.test>"_s});
}

TEST(BounceReaderTest, GmailDsnWithAMultiLineDiagnostic) {
    const auto bounce = readSample("bounce-gmail.eml");
    ASSERT_TRUE(bounce);
    EXPECT_EQ(bounce->status, u"5.1.1"_s);
    EXPECT_TRUE(bounce->diagnostic.startsWith(u"550-5.1.1 The email account that you tried to reach does not exist."_s))
        << bounce->diagnostic.toStdString();
    EXPECT_TRUE(bounce->diagnostic.endsWith(u"gsmtp"_s)) << bounce->diagnostic.toStdString();
    EXPECT_FALSE(bounce->diagnostic.contains(u'\n'));
    EXPECT_EQ(bounce->recipient, u"li.wei.unknown@gmail.com"_s);
    // The returned message's id and the bounce's own In-Reply-To agree: listed once.
    EXPECT_EQ(bounce->originalMessageIds,
              QStringList{u"<5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29.threadline@example.test>"_s});
}

TEST(BounceReaderTest, NonStandardBounceQuotingTheOriginal) {
    const auto bounce = readSample("bounce-nonstandard.eml");
    ASSERT_TRUE(bounce);
    EXPECT_EQ(bounce->status, u"5.7.1"_s);
    EXPECT_EQ(bounce->diagnostic, u"550 5.7.1 Message rejected: mailbox is full"_s);
    EXPECT_EQ(bounce->originalMessageIds,
              QStringList{u"<0a1b2c3d4e5f60718293a4b5c6d7e8f901234567.threadline@example.test>"_s});
}

TEST(BounceReaderTest, DelayWarningIsNotABounce) {
    EXPECT_FALSE(readSample("bounce-delayed.eml"));
}

TEST(BounceReaderTest, OrdinaryMailIsNotABounce) {
    for (const char* name : {"utf8-polish.eml", "outlook-reply.eml", "nested-multipart.eml", "no-date-no-id.eml"})
        EXPECT_FALSE(readSample(name)) << name;
    // A customer forwarding headers with "undeliverable" in the subject is still a customer.
    const QByteArray raw = "From: Jan <jan@klient.example.pl>\r\nTo: support@example.test\r\n"
                           "Subject: Undeliverable parcel?\r\nIn-Reply-To: <x.threadline@example.test>\r\n\r\n"
                           "Message-ID: <y@example.test>\r\n550 5.1.1 what does this mean?\r\n";
    EXPECT_FALSE(BounceReader::read(MailParser::parse(raw), raw));
}

TEST(BounceReaderTest, DsnWithoutReturnedHeadersFallsBackToInReplyTo) {
    const QByteArray raw = "From: postmaster@mx.example.net\r\nTo: support@example.test\r\n"
                           "Subject: Undeliverable: Re: Order\r\n"
                           "In-Reply-To: <1111111111111111111111111111111111111111.threadline@example.test>\r\n"
                           "References: <a@example.test> <b@example.test>\r\n"
                           "Content-Type: multipart/report; report-type=\"delivery-status\"; boundary=b\r\n\r\n"
                           "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
                           "Final-Recipient: rfc822; x@example.net\r\nAction: failed\r\nStatus: 5.4.4\r\n\r\n--b--\r\n";
    const auto bounce = BounceReader::read(MailParser::parse(raw), raw);
    ASSERT_TRUE(bounce);
    EXPECT_EQ(bounce->status, u"5.4.4"_s);
    EXPECT_TRUE(bounce->diagnostic.isEmpty());
    EXPECT_EQ(bounce->detail(), u"5.4.4"_s);
    EXPECT_EQ(bounce->originalMessageIds,
              (QStringList{u"<1111111111111111111111111111111111111111.threadline@example.test>"_s,
                           u"<b@example.test>"_s, u"<a@example.test>"_s}));
}

} // namespace
} // namespace tl::email
