// QuoteFolder: where the quoted history of a reply begins, in the languages Threadline's customers write.
#include "channels/email/QuoteFolder.h"

#include <gtest/gtest.h>

using tl::email::QuoteFolder;

namespace {

void expectFolded(const QString& text, const QString& visible) {
    const QuoteFolder::Folded folded = QuoteFolder::fold(text);
    EXPECT_TRUE(folded.folded) << text.toStdString();
    EXPECT_EQ(folded.visible, visible) << text.toStdString();
}

} // namespace

TEST(QuoteFolder, EnglishGmailAttribution) {
    expectFolded(QStringLiteral("Found it, thanks!\n\nOn Mon, 2 Nov 2026 at 09:15, Support <support@shop.example> "
                                "wrote:\n> Your parcel left on Thursday.\n"),
                 QStringLiteral("Found it, thanks!"));
}

TEST(QuoteFolder, AttributionWrappedOverTwoLines) {
    expectFolded(QStringLiteral("Thanks.\n\nOn Mon, 2 Nov 2026 at 09:15, Customer Support <\nsupport@shop.example> "
                                "wrote:\n\n> Hello\n"),
                 QStringLiteral("Thanks."));
}

TEST(QuoteFolder, PolishThunderbirdAndOutlook) {
    expectFolded(QStringLiteral("Dziękuję!\n\nW dniu 02.11.2026 o 09:15, Obsługa Klienta pisze:\n> Dzień dobry\n"),
                 QStringLiteral("Dziękuję!"));
    expectFolded(QStringLiteral("Dziękuję!\n\nJan Kowalski napisał(a):\n> Dzień dobry\n"), QStringLiteral("Dziękuję!"));
    expectFolded(QStringLiteral("Proszę o fakturę.\n\n-----Wiadomość oryginalna-----\nOd: Sklep\nWysłano: wtorek\n"
                                "Temat: Zamówienie\n\nTreść"),
                 QStringLiteral("Proszę o fakturę."));
}

TEST(QuoteFolder, RussianVariants) {
    expectFolded(QStringLiteral("Спасибо!\n\n02.11.2026 09:15, Служба поддержки написал(а):\n> Добрый день\n"),
                 QStringLiteral("Спасибо!"));
    expectFolded(QStringLiteral("Спасибо!\n\nпн, 2 нояб. 2026 г. в 09:15, Служба поддержки <support@shop.example>:\n"
                                "> Добрый день\n"),
                 QStringLiteral("Спасибо!"));
    expectFolded(
        QStringLiteral("Получила.\n\n-----Исходное сообщение-----\nОт: Магазин\nОтправлено: 2 ноября\n\nТекст"),
        QStringLiteral("Получила."));
}

TEST(QuoteFolder, PersianAndChinese) {
    expectFolded(
        QStringLiteral("ممنون.\n\nدر تاریخ دوشنبه ۲ نوامبر ۲۰۲۶، ساعت ۹:۱۵ Support <support@shop.example> نوشت:\n"
                       "> سلام\n"),
        QStringLiteral("ممنون."));
    expectFolded(QStringLiteral("谢谢！\n\n客服 <support@shop.example> 于2026年11月2日周一 09:15写道：\n> 您好\n"),
                 QStringLiteral("谢谢！"));
}

TEST(QuoteFolder, OutlookOriginalMessageAndHeaderBlock) {
    expectFolded(QStringLiteral("We accept.\n\n-----Original Message-----\nFrom: Support\nSent: Tuesday\n\nOld text"),
                 QStringLiteral("We accept."));
    expectFolded(QStringLiteral("We accept.\n\n________________________________\nFrom: Support <s@shop.example>\n"
                                "Sent: Tuesday, November 24, 2026 4:00 PM\nTo: Adam\nSubject: Quote\n\nOld text"),
                 QStringLiteral("We accept."));
}

TEST(QuoteFolder, TrailingQuoteBlockWithoutAKnownAttribution) {
    expectFolded(QStringLiteral("Yes, Thursday works.\n\nJan schreef iets:\n> Does Thursday work?\n> \n> Anna\n"),
                 QStringLiteral("Yes, Thursday works."));
}

TEST(QuoteFolder, InlineRepliesAreKept) {
    const QString text = QStringLiteral("> Which colour?\nRed.\n> Which size?\nLarge.\n");
    const QuoteFolder::Folded folded = QuoteFolder::fold(text);
    EXPECT_FALSE(folded.folded);
    EXPECT_EQ(folded.visible, text);
}

TEST(QuoteFolder, NothingToFoldOrNothingButAQuote) {
    EXPECT_FALSE(QuoteFolder::fold(QStringLiteral("Just a message.\nOn second thought, call me.")).folded);
    const QString onlyQuote = QStringLiteral("> forwarded without a word\n> second line");
    EXPECT_FALSE(QuoteFolder::fold(onlyQuote).folded);
    EXPECT_EQ(QuoteFolder::fold(onlyQuote).visible, onlyQuote);
}
