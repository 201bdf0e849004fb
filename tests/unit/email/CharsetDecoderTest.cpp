// CharsetDecoder: labels, strict and lenient reading, and the guess for undeclared 8-bit text.
#include "channels/email/CharsetDecoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iconv.h>

using tl::email::CharsetDecoder;

namespace {

/// \a text encoded in \a charset with iconv (so that the tests carry real text, not byte literals).
QByteArray encode(const QString& text, const char* charset) {
    iconv_t handle = iconv_open(charset, "UTF-8");
    EXPECT_NE(handle, reinterpret_cast<iconv_t>(static_cast<intptr_t>(-1))) << charset;
    QByteArray input = text.toUtf8();
    QByteArray output(input.size() * 4 + 16, '\0');
    char* in = input.data();
    size_t inLeft = static_cast<size_t>(input.size());
    char* out = output.data();
    size_t outLeft = static_cast<size_t>(output.size());
    const size_t converted = iconv(handle, &in, &inLeft, &out, &outLeft);
    EXPECT_NE(converted, static_cast<size_t>(-1)) << charset << " cannot hold " << text.toStdString();
    iconv_close(handle);
    output.truncate(out - output.data());
    return output;
}

const QString polish = QStringLiteral("Zażółć gęślą jaźń. Proszę o fakturę za zamówienie, płatność była przelewem.");
const QString russian = QStringLiteral("Здравствуйте! Кофемолку получила, но она не та: заказывала ручную.");
const QString persian = QStringLiteral("سلام، سفارش من هنوز نرسيده. لطفاً پيگيري كنيد.");
const QString chinese = QStringLiteral("您好：我收到的咖啡机底部漏水，申请退换。请问什么时候可以处理？");
const QString traditional = QStringLiteral("您好：我訂的咖啡豆還沒有收到，請問什麼時候會寄出？");

} // namespace

TEST(CharsetDecoder, MapsLabelsToWhatMailersMean) {
    EXPECT_EQ(CharsetDecoder::effectiveCharset("gb2312"), "GB18030");
    EXPECT_EQ(CharsetDecoder::effectiveCharset("GBK"), "GB18030");
    EXPECT_EQ(CharsetDecoder::effectiveCharset("\"ISO-8859-1\""), "WINDOWS-1252");
    EXPECT_EQ(CharsetDecoder::effectiveCharset("cp1250"), "WINDOWS-1250");
    EXPECT_EQ(CharsetDecoder::effectiveCharset("x-windows-1251"), "WINDOWS-1251");
    EXPECT_EQ(CharsetDecoder::effectiveCharset("utf-8*pl"), "UTF-8");
    EXPECT_EQ(CharsetDecoder::effectiveCharset("us-ascii"), QByteArray());
    EXPECT_EQ(CharsetDecoder::effectiveCharset(""), QByteArray());
}

TEST(CharsetDecoder, ReadsEveryDeclaredCharset) {
    const struct {
        const char* charset;
        QString text;
    } cases[] = {
        {"UTF-8", polish},     {"ISO-8859-2", polish},    {"WINDOWS-1250", polish},
        {"KOI8-R", russian},   {"WINDOWS-1251", russian}, {"WINDOWS-1256", persian},
        {"GB2312", chinese},   {"GBK", chinese},          {"GB18030", chinese + QStringLiteral("𠮷")},
        {"BIG5", traditional},
    };
    for (const auto& [charset, text] : cases) {
        const CharsetDecoder::Decoded decoded = CharsetDecoder::decode(encode(text, charset), charset);
        EXPECT_EQ(decoded.text, text) << charset;
        EXPECT_FALSE(decoded.guessed) << charset;
        EXPECT_TRUE(decoded.warning.isEmpty()) << charset << ": " << decoded.warning.toStdString();
    }
}

TEST(CharsetDecoder, GuessesUndeclaredEightBitText) {
    const struct {
        const char* charset;
        QString text;
        QByteArray expected;
    } cases[] = {
        {"UTF-8", russian, "UTF-8"},          {"WINDOWS-1251", russian, "WINDOWS-1251"},
        {"KOI8-R", russian, "KOI8-R"},        {"WINDOWS-1250", polish, "WINDOWS-1250"},
        {"ISO-8859-2", polish, "ISO-8859-2"}, {"WINDOWS-1256", persian, "WINDOWS-1256"},
        {"GBK", chinese, "GB18030"},          {"BIG5", traditional, "BIG5"},
    };
    for (const auto& [charset, text, expected] : cases) {
        const CharsetDecoder::Decoded decoded = CharsetDecoder::decode(encode(text, charset), "");
        EXPECT_EQ(decoded.charset, expected) << charset << " read as " << decoded.charset.toStdString();
        EXPECT_EQ(decoded.text, text) << charset;
        EXPECT_TRUE(decoded.guessed);
    }
}

TEST(CharsetDecoder, ShortRussianWordsAreNotTakenForChinese) {
    for (const QString& word :
         {QStringLiteral("Привет"), QStringLiteral("Курьер не приехал"), QStringLiteral("Заказ доставлен")}) {
        const CharsetDecoder::Decoded decoded = CharsetDecoder::guess(encode(word, "WINDOWS-1251"));
        EXPECT_EQ(decoded.text, word) << decoded.charset.toStdString();
    }
}

TEST(CharsetDecoder, AWrongLabelFallsBackToTheGuessWithAWarning) {
    const CharsetDecoder::Decoded decoded = CharsetDecoder::decode(encode(russian, "WINDOWS-1251"), "utf-8");
    EXPECT_EQ(decoded.text, russian);
    EXPECT_EQ(decoded.charset, "WINDOWS-1251");
    EXPECT_TRUE(decoded.guessed);
    EXPECT_FALSE(decoded.warning.isEmpty());

    // KOI8-R text labelled windows-1251 decodes without an invalid byte, but into nonsense.
    const CharsetDecoder::Decoded mislabelled = CharsetDecoder::decode(encode(russian, "KOI8-R"), "windows-1251");
    EXPECT_EQ(mislabelled.text, russian);
    EXPECT_FALSE(mislabelled.warning.isEmpty());
}

TEST(CharsetDecoder, AnUnknownLabelIsGuessed) {
    const CharsetDecoder::Decoded decoded = CharsetDecoder::decode(encode(polish, "UTF-8"), "x-no-such-charset");
    EXPECT_EQ(decoded.text, polish);
    EXPECT_TRUE(decoded.warning.contains(QStringLiteral("unknown charset")));
}

TEST(CharsetDecoder, DamagedBytesInTheDeclaredCharsetAreReplacedNotLost) {
    QByteArray bytes = encode(QStringLiteral("Zamówienie numer 4471 już wysłane"), "UTF-8");
    bytes.insert(5, "\xC3"); // a truncated two-byte sequence in the middle
    const CharsetDecoder::Decoded decoded = CharsetDecoder::decode(bytes, "utf-8");
    EXPECT_TRUE(decoded.text.contains(QStringLiteral("numer 4471 już wysłane"))) << decoded.text.toStdString();
    EXPECT_FALSE(decoded.warning.isEmpty());
}

TEST(CharsetDecoder, StrictReadingRefusesInvalidBytes) {
    EXPECT_FALSE(CharsetDecoder::decodeStrict("\xFF\xFE\xFD", "UTF-8").has_value());
    EXPECT_FALSE(CharsetDecoder::decodeStrict("abc", "no-such-charset").has_value());
    EXPECT_EQ(CharsetDecoder::decodeStrict("abc", "us-ascii").value_or(QString()), QStringLiteral("abc"));
    EXPECT_TRUE(CharsetDecoder::decodeLenient("\xFF"
                                              "abc",
                                              "UTF-8")
                    .value_or(QString())
                    .endsWith(u"abc"));
}
