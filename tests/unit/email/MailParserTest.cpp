// MailParser over real-world-shaped messages (data/*.eml, made by data/generate.py): every charset, encoded words,
// RFC 2231 names, nested multiparts, HTML-only and malicious HTML, broken MIME and quoted replies.
#include "channels/email/MailParser.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QDir>
#include <QFile>

using tl::email::MailAttachment;
using tl::email::MailParser;
using tl::email::ParsedMail;

namespace {

QByteArray readData(const QString& name) {
    QFile file(QDir(QStringLiteral(THREADLINE_EMAIL_TEST_DATA)).filePath(name));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
    return file.readAll();
}

ParsedMail parseData(const QString& name) {
    return MailParser::parse(readData(name));
}

qint64 utc(const char* iso) {
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

std::string warningsOf(const ParsedMail& mail) {
    return mail.warnings.join(QStringLiteral("; ")).toStdString();
}

} // namespace

TEST(MailParser, PolishUtf8ReplyWithHeadersAndFoldedQuote) {
    const ParsedMail mail = parseData(QStringLiteral("utf8-polish.eml"));
    EXPECT_EQ(mail.messageId, QStringLiteral("<CAF4471.jk@mail.example.pl>"));
    EXPECT_EQ(mail.inReplyTo, QStringLiteral("<tl-4471-1@sklep.example>"));
    EXPECT_EQ(mail.references, QStringList({QStringLiteral("<CAF4471.first@mail.example.pl>"),
                                            QStringLiteral("<tl-4471-1@sklep.example>")}));
    EXPECT_EQ(mail.from.name, QStringLiteral("Jan Kowalski"));
    EXPECT_EQ(mail.from.address, QStringLiteral("Jan.Kowalski@Example.PL"));
    ASSERT_EQ(mail.to.size(), 1);
    EXPECT_EQ(mail.to.first().name, QStringLiteral("Obsługa Klienta"));
    EXPECT_EQ(mail.subject, QStringLiteral("Re: Zamówienie 4471 — gdzie jest paczka?"));
    EXPECT_EQ(mail.occurredAt, utc("2026-11-03T09:20:00Z"));
    EXPECT_FALSE(mail.dateFromFallback);
    EXPECT_EQ(mail.text,
              QStringLiteral("Dzień dobry,\n\nzamówienie 4471 nadal nie dotarło. Proszę o sprawdzenie, gdzie "
                             "jest paczka.\n\nPozdrawiam\nJan Kowalski"));
    EXPECT_TRUE(mail.fullText.contains(QStringLiteral("> paczka wyjdzie w czwartek.")));
    EXPECT_TRUE(mail.html.isEmpty());
    EXPECT_TRUE(mail.attachments.isEmpty());
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Iso88592) {
    const ParsedMail mail = parseData(QStringLiteral("iso-8859-2.eml"));
    EXPECT_EQ(mail.subject, QStringLiteral("Prośba o fakturę"));
    EXPECT_EQ(mail.from.name, QStringLiteral("Anna Nowak"));
    EXPECT_TRUE(mail.text.contains(QStringLiteral("Zażółć gęślą jaźń.")));
    EXPECT_TRUE(mail.text.contains(QStringLiteral("Płatność była przelewem.")));
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Windows1250WithRfc2231Attachment) {
    const ParsedMail mail = parseData(QStringLiteral("windows-1250.eml"));
    EXPECT_EQ(mail.from.name, QStringLiteral("Łukasz Świątek"));
    EXPECT_EQ(mail.subject, QStringLiteral("Reklamacja — ekspres nie grzeje"));
    EXPECT_TRUE(mail.text.contains(QStringLiteral("w załączniku reklamacja ekspresu — grzałka przestała działać")));
    ASSERT_EQ(mail.attachments.size(), 1);
    const MailAttachment& pdf = mail.attachments.first();
    EXPECT_EQ(pdf.filename, QStringLiteral("Reklamacja żółta grzałka.pdf"));
    EXPECT_EQ(pdf.contentType, QStringLiteral("application/pdf"));
    EXPECT_TRUE(pdf.content.startsWith("%PDF-1.4"));
    EXPECT_FALSE(pdf.isInline);
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Koi8rRussianReply) {
    const ParsedMail mail = parseData(QStringLiteral("koi8-r.eml"));
    EXPECT_EQ(mail.from.name, QStringLiteral("Ольга Смирнова"));
    EXPECT_EQ(mail.subject, QStringLiteral("Re: Заказ 5120"));
    EXPECT_EQ(mail.text, QStringLiteral("Здравствуйте!\n\nКофемолку получила, но она не та: заказывала ручную, пришла "
                                        "электрическая.\n\nОльга Смирнова"));
    EXPECT_TRUE(mail.fullText.contains(QStringLiteral("> Добрый день, Ольга!")));
    EXPECT_EQ(mail.occurredAt, utc("2026-11-09T11:02:00Z"));
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Windows1251AlternativeWithEncodedWordFilename) {
    const ParsedMail mail = parseData(QStringLiteral("windows-1251.eml"));
    EXPECT_EQ(mail.subject, QStringLiteral("Возврат денег, заказ № 6031"));
    EXPECT_TRUE(mail.text.startsWith(QStringLiteral("Добрый день!\n\nПрошу вернуть деньги за заказ № 6031.")));
    EXPECT_FALSE(mail.textFromHtml);
    EXPECT_TRUE(mail.html.contains(QStringLiteral("<p>Добрый день!</p>"))) << mail.html.toStdString();
    ASSERT_EQ(mail.attachments.size(), 1);
    EXPECT_EQ(mail.attachments.first().filename, QStringLiteral("Чек.jpg"));
    EXPECT_EQ(mail.attachments.first().contentType, QStringLiteral("image/jpeg"));
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Windows1256Persian) {
    const ParsedMail mail = parseData(QStringLiteral("windows-1256.eml"));
    // windows-1256 writes the Arabic yeh (ي) where Persian has ی; the text is as the sender's code page wrote it.
    EXPECT_EQ(mail.from.name, QStringLiteral("مريم احمدي"));
    EXPECT_EQ(mail.subject, QStringLiteral("پيگيري سفارش"));
    EXPECT_TRUE(mail.text.contains(QStringLiteral("سفارش شماره 6038 من هنوز نرسيده.")));
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Gb2312LabelWithGbkCharacters) {
    const ParsedMail mail = parseData(QStringLiteral("gb2312.eml"));
    EXPECT_EQ(mail.from.name, QStringLiteral("李喆"));
    EXPECT_EQ(mail.subject, QStringLiteral("咖啡机漏水，申请退换"));
    EXPECT_EQ(mail.text, QStringLiteral("您好：\n\n我收到的咖啡机底部漏水，申请退换。订单号 7719。\n\n李喆"));
    EXPECT_TRUE(mail.fullText.contains(QStringLiteral("> 您好，您的订单已发货。")));
    EXPECT_EQ(mail.occurredAt, utc("2026-11-16T02:10:00Z"));
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Gb18030FourByteCharacter) {
    const ParsedMail mail = parseData(QStringLiteral("gb18030.eml"));
    EXPECT_EQ(mail.from.name, QStringLiteral("王芳"));
    EXPECT_EQ(mail.subject, QStringLiteral("收件人错误"));
    EXPECT_TRUE(mail.text.contains(QStringLiteral("包裹上写的收件人是“𠮷田”，不是我。")));
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, Big5TraditionalChinese) {
    const ParsedMail mail = parseData(QStringLiteral("big5.eml"));
    EXPECT_EQ(mail.from.name, QStringLiteral("陳志明"));
    EXPECT_EQ(mail.subject, QStringLiteral("咖啡豆何時寄出"));
    EXPECT_TRUE(mail.text.contains(QStringLiteral("我訂的咖啡豆還沒有收到，請問什麼時候會寄出？")));
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, UndeclaredEightBitIsGuessedAndSaidSo) {
    const ParsedMail mail = parseData(QStringLiteral("undeclared-8bit.eml"));
    EXPECT_EQ(mail.subject, QStringLiteral("Курьер не приехал"));
    EXPECT_EQ(mail.text, QStringLiteral("Добрый вечер! Курьер не приехал, я ждала весь день. Что теперь делать?"));
    EXPECT_FALSE(mail.warnings.isEmpty());
}

TEST(MailParser, WrongCharsetLabel) {
    const ParsedMail mail = parseData(QStringLiteral("wrong-charset-label.eml"));
    EXPECT_EQ(mail.text, QStringLiteral("Здравствуйте, посылка пришла повреждённой."));
    EXPECT_TRUE(mail.warnings.join(u' ').contains(QStringLiteral("WINDOWS-1251"))) << warningsOf(mail);
}

TEST(MailParser, Rfc2231ContinuationsAndEncodedWordFilenames) {
    const ParsedMail mail = parseData(QStringLiteral("rfc2231-continuation.eml"));
    EXPECT_EQ(mail.from.name, QStringLiteral("Piotr Wiśniewski"));
    EXPECT_EQ(mail.subject, QStringLiteral("Zdjęcia uszkodzenia"));
    ASSERT_EQ(mail.attachments.size(), 2);
    EXPECT_EQ(mail.attachments.at(0).filename, QStringLiteral("Zdjęcie uszkodzonego opakowania — strona 2.png"));
    EXPECT_EQ(mail.attachments.at(0).contentType, QStringLiteral("image/png"));
    EXPECT_EQ(mail.attachments.at(1).filename, QStringLiteral("说明书.txt"));
    EXPECT_EQ(mail.attachments.at(1).content, QStringLiteral("说明").toUtf8());
    EXPECT_EQ(mail.text, QStringLiteral("Photos of the damage attached."));
}

TEST(MailParser, NestedMultipartsWithInlineImage) {
    const ParsedMail mail = parseData(QStringLiteral("nested-multipart.eml"));
    EXPECT_EQ(mail.text, QStringLiteral("Here is the parcel as it arrived."));
    EXPECT_TRUE(mail.html.contains(QStringLiteral("src=\"cid:parcel@fastmail\""))) << mail.html.toStdString();
    ASSERT_EQ(mail.cc.size(), 1);
    EXPECT_EQ(mail.cc.first().address, QStringLiteral("tom.m@fastmail.example"));
    ASSERT_EQ(mail.attachments.size(), 2);
    EXPECT_EQ(mail.attachments.at(0).contentId, QStringLiteral("parcel@fastmail"));
    EXPECT_TRUE(mail.attachments.at(0).isInline);
    EXPECT_EQ(mail.attachments.at(0).contentType, QStringLiteral("image/png"));
    EXPECT_EQ(mail.attachments.at(1).filename, QStringLiteral("invoice-8830.pdf"));
    EXPECT_FALSE(mail.attachments.at(1).isInline);
    EXPECT_TRUE(mail.warnings.isEmpty()) << warningsOf(mail);
}

TEST(MailParser, HtmlOnlyMailGetsTextFromTheHtml) {
    const ParsedMail mail = parseData(QStringLiteral("html-only.eml"));
    EXPECT_TRUE(mail.textFromHtml);
    EXPECT_EQ(mail.subject, QStringLiteral("Pytanie o dostawę"));
    EXPECT_EQ(mail.text,
              QStringLiteral("Dzień dobry,\nczy dostawa w sobotę jest możliwa? Płacę & czekam.\n\n- ekspres\n"
                             "- młynek\n\nMarek"));
    EXPECT_TRUE(mail.fullText.contains(QStringLiteral("> Dzień dobry, dostawy są od poniedziałku do piątku.")));
    EXPECT_FALSE(mail.text.contains(QStringLiteral("ignored")));
    EXPECT_TRUE(mail.html.contains(QStringLiteral("<li>ekspres</li>")));
}

TEST(MailParser, MaliciousHtmlIsDefused) {
    const ParsedMail mail = parseData(QStringLiteral("malicious-html.eml"));
    for (const char* forbidden : {"<script", "onerror", "onload", "onclick", "tracker.example", "evil.example",
                                  "javascript:", "expression", "<iframe", "<form", "<input", "alert(1)", "alert(2)",
                                  "alert('head')", "@import", "background=", "<svg", "steal"})
        EXPECT_FALSE(mail.html.contains(QLatin1String(forbidden), Qt::CaseInsensitive))
            << forbidden << " in " << mail.html.toStdString();
    EXPECT_TRUE(mail.html.contains(QStringLiteral("src=\"cid:logo@example\"")));
    EXPECT_TRUE(mail.html.contains(QStringLiteral("Please pay the invoice.")));
    EXPECT_TRUE(mail.html.contains(QStringLiteral("href=\"https://example.com/pay\"")));
    EXPECT_TRUE(mail.text.contains(QStringLiteral("Please pay the invoice.")));
    EXPECT_FALSE(mail.text.contains(QStringLiteral("alert(1)")) || mail.text.contains(QStringLiteral("alert(2)")) ||
                 mail.text.contains(QStringLiteral("alert('head')")));
    ASSERT_EQ(mail.attachments.size(), 1);
    EXPECT_EQ(mail.attachments.first().contentId, QStringLiteral("logo@example"));
}

TEST(MailParser, MissingClosingBoundaryKeepsEveryPart) {
    const ParsedMail mail = parseData(QStringLiteral("missing-boundary-end.eml"));
    EXPECT_EQ(mail.text, QStringLiteral("The first part arrived."));
    ASSERT_EQ(mail.attachments.size(), 1);
    EXPECT_EQ(mail.attachments.first().filename, QStringLiteral("notes.txt"));
    EXPECT_TRUE(mail.attachments.first().content.startsWith("notes that run to the end of the file"));
    EXPECT_FALSE(mail.warnings.isEmpty());
}

TEST(MailParser, BadBase64DecodesWhatItCanAndWarns) {
    const ParsedMail mail = parseData(QStringLiteral("bad-base64.eml"));
    EXPECT_TRUE(mail.text.startsWith(QStringLiteral("Treść"))) << mail.text.toStdString();
    ASSERT_EQ(mail.attachments.size(), 1);
    EXPECT_EQ(mail.attachments.first().filename, QStringLiteral("data.bin"));
    EXPECT_TRUE(mail.warnings.join(u' ').contains(QStringLiteral("bad base64"))) << warningsOf(mail);
}

TEST(MailParser, OutlookReplyIsFolded) {
    const ParsedMail mail = parseData(QStringLiteral("outlook-reply.eml"));
    EXPECT_EQ(mail.from.name, QStringLiteral("Kowalczyk, Adam"));
    EXPECT_EQ(mail.text, QStringLiteral("Thanks, we accept the quote. Please send the invoice.\n\nAdam"));
    EXPECT_TRUE(mail.fullText.contains(QStringLiteral("the price is 20 x 350 EUR")));
}

TEST(MailParser, MissingDateFallsBackToReceivedAndMissingIdStaysEmpty) {
    const ParsedMail mail = parseData(QStringLiteral("no-date-no-id.eml"));
    EXPECT_TRUE(mail.messageId.isEmpty());
    EXPECT_TRUE(mail.dateFromFallback);
    EXPECT_EQ(mail.occurredAt, utc("2026-11-26T06:30:00Z"));
    EXPECT_EQ(mail.from.address, QStringLiteral("noreply-less@example.org"));

    MailParser::Options options;
    options.fallbackDate = utc("2026-01-01T00:00:00Z");
    const ParsedMail bare = MailParser::parse(QByteArray("From: a@b.example\r\nSubject: x\r\n\r\nbody\r\n"), options);
    EXPECT_EQ(bare.occurredAt, utc("2026-01-01T00:00:00Z"));
    const ParsedMail broken =
        MailParser::parse(QByteArray("From: a@b.example\r\nDate: the day after tomorrow\r\n\r\nbody\r\n"), options);
    EXPECT_TRUE(broken.dateFromFallback);
    EXPECT_EQ(broken.occurredAt, utc("2026-01-01T00:00:00Z"));
}

TEST(MailParser, RawUtf8Headers) {
    const ParsedMail mail = parseData(QStringLiteral("raw-8bit-headers.eml"));
    EXPECT_EQ(mail.subject, QStringLiteral("Zwrot towaru — ekspres"));
    EXPECT_EQ(mail.from.name, QStringLiteral("Zofia Wójcik"));
    EXPECT_EQ(mail.text, QStringLiteral("Chcę zwrócić ekspres."));
}

TEST(MailParser, EncodedWordsAcrossCharsetsAndSplitCharacters) {
    EXPECT_EQ(MailParser::decodeHeaderText("=?UTF-8?B?WmHFvMOzxYLEhw==?= =?UTF-8?Q?_g=C4=99?= plain"),
              QStringLiteral("Zażółć gę plain"));
    // A UTF-8 character split across two encoded words (some mailers do that).
    EXPECT_EQ(MailParser::decodeHeaderText("=?UTF-8?Q?Za=C5?= =?UTF-8?Q?=BC=C3=B3?="), QStringLiteral("Zażó"));
    EXPECT_EQ(MailParser::decodeHeaderText("Re: =?koi8-r?B?5MXO2MfJ?="), QStringLiteral("Re: Деньги"));
    EXPECT_EQ(MailParser::decodeHeaderText("=?unknown?Q?abc?="), QStringLiteral("abc"));
}

TEST(MailParser, GarbageNeverCrashes) {
    for (const QByteArray& input :
         {QByteArray(), QByteArray("\0\0\0", 3), QByteArray("no headers at all"), QByteArray(":::\r\n\r\n"),
          QByteArray("Content-Type: multipart/mixed\r\n\r\n--\r\n--\r\n"),
          QByteArray("Content-Type: multipart/mixed; boundary=a\r\n\r\n") + QByteArray("--a\r\nContent-Type: "
                                                                                       "multipart/mixed; "
                                                                                       "boundary=a\r\n\r\n")
                                                                                .repeated(200)}) {
        const ParsedMail mail = MailParser::parse(input);
        EXPECT_TRUE(mail.from.address.isEmpty());
    }
}
