#include "core/IdentityNormalizer.h"

#include <gtest/gtest.h>

using namespace tl::core;

namespace {

QString normalized(IdentityNormalizer& normalizer, const QString& text) {
    const Result<Identity> result = normalizer.normalize(text);
    return result.ok() ? result.value().toString() : QStringLiteral("ERROR: ") + result.error();
}

} // namespace

TEST(IdentityNormalizer, PolishPhoneNumbersInEveryNationalFormat) {
    IdentityNormalizer normalizer(QStringLiteral("PL"));
    const QString expected = QStringLiteral("phone:+48601234567");
    for (const char* written : {"601 234 567", "601-234-567", "601234567", "0048601234567", "+48 601 234 567",
                                "+48601234567", "(+48) 601 234 567", "tel:+48-601-234-567", "00 48 601 234 567"}) {
        EXPECT_EQ(normalized(normalizer, QStringLiteral("phone:") + QString::fromUtf8(written)), expected) << written;
    }
}

TEST(IdentityNormalizer, DefaultRegionDecidesNationalNumbers) {
    IdentityNormalizer russia(QStringLiteral("RU"));
    EXPECT_EQ(normalized(russia, QStringLiteral("phone:8 (912) 345-67-89")), QStringLiteral("phone:+79123456789"));
    IdentityNormalizer china(QStringLiteral("CN"));
    EXPECT_EQ(normalized(china, QStringLiteral("phone:138 0013 8000")), QStringLiteral("phone:+8613800138000"));
    IdentityNormalizer iran(QStringLiteral("IR"));
    EXPECT_EQ(normalized(iran, QStringLiteral("phone:0912 345 6789")), QStringLiteral("phone:+989123456789"));
    // An international number ignores the default region.
    EXPECT_EQ(normalized(iran, QStringLiteral("phone:+48 601 234 567")), QStringLiteral("phone:+48601234567"));
}

TEST(IdentityNormalizer, PhoneErrorsAreClear) {
    IdentityNormalizer poland(QStringLiteral("PL"));
    EXPECT_FALSE(poland.normalize(u"phone:not a number").ok());
    EXPECT_FALSE(poland.normalize(u"phone:12").ok());
    EXPECT_FALSE(poland.normalize(u"phone:").ok());
    IdentityNormalizer nowhere(QStringLiteral("ZZ"));
    const Result<Identity> national = nowhere.normalize(u"phone:601 234 567");
    ASSERT_FALSE(national.ok());
    EXPECT_TRUE(national.error().contains(QStringLiteral("country code"))) << national.error().toStdString();
    EXPECT_TRUE(nowhere.normalize(u"phone:+48601234567").ok());
}

TEST(IdentityNormalizer, EmailIsLowerCasedAndIdnEncoded) {
    IdentityNormalizer normalizer(QStringLiteral("PL"));
    EXPECT_EQ(normalized(normalizer, QStringLiteral("email:Jan.Kowalski@EXAMPLE.pl")),
              QStringLiteral("email:jan.kowalski@example.pl"));
    EXPECT_EQ(normalized(normalizer, QStringLiteral("email:  Jan Kowalski <JAN@Example.PL> ")),
              QStringLiteral("email:jan@example.pl"));
    EXPECT_EQ(normalized(normalizer, QStringLiteral("email:mailto:jan@example.pl")),
              QStringLiteral("email:jan@example.pl"));
    EXPECT_EQ(normalized(normalizer, QStringLiteral("email:jan@Żółw.PL")),
              QStringLiteral("email:jan@xn--w-uga1v8h.pl"));
    EXPECT_EQ(normalized(normalizer, QStringLiteral("email:ivan@пример.рф")),
              QStringLiteral("email:ivan@xn--e1afmkfd.xn--p1ai"));
    EXPECT_EQ(normalized(normalizer, QStringLiteral("email:li@例子.中国")),
              QStringLiteral("email:li@xn--fsqu00a.xn--fiqs8s"));
    for (const char* bad : {"email:", "email:jan", "email:@example.pl", "email:jan@", "email:jan kowalski@example.pl",
                            "email:jan@example", "email:jan@.example.pl", "email:jan@example..pl"})
        EXPECT_FALSE(normalizer.normalize(QString::fromUtf8(bad)).ok()) << bad;
}

TEST(IdentityNormalizer, ChatVisitorIds) {
    IdentityNormalizer normalizer(QStringLiteral("PL"));
    EXPECT_EQ(normalized(normalizer, QStringLiteral("chat: v-7f3a_9.b ")), QStringLiteral("chat:v-7f3a_9.b"));
    EXPECT_FALSE(normalizer.normalize(u"chat:").ok());
    EXPECT_FALSE(normalizer.normalize(u"chat:has space").ok());
    EXPECT_FALSE(normalizer.normalize(u"chat:<script>").ok());
    EXPECT_FALSE(normalizer.normalize(QStringLiteral("chat:") + QString(129, QLatin1Char('a'))).ok());
}

TEST(IdentityNormalizer, SipUrisBecomeUserAtHost) {
    IdentityNormalizer normalizer(QStringLiteral("PL"));
    const QString expected = QStringLiteral("sip:alice@example.com");
    for (const char* written :
         {"sip:alice@example.com", "sip:sip:alice@Example.COM:5060;transport=udp",
          "sip:\"Alice\" <sips:alice@example.com>", "sip:alice@example.com?subject=hi", "sip:alice@EXAMPLE.com"})
        EXPECT_EQ(normalized(normalizer, QString::fromUtf8(written)), expected) << written;
    EXPECT_EQ(normalized(normalizer, QStringLiteral("sip:bob@[2001:db8::1]:5061")),
              QStringLiteral("sip:bob@[2001:db8::1]"));
    EXPECT_FALSE(normalizer.normalize(u"sip:example.com").ok());
    EXPECT_FALSE(normalizer.normalize(u"sip:alice@bad host").ok());
}

TEST(IdentityNormalizer, KindIsRequired) {
    IdentityNormalizer normalizer(QStringLiteral("PL"));
    EXPECT_FALSE(normalizer.normalize(u"jan@example.pl").ok());
    const Result<Identity> unknown = normalizer.normalize(u"fax:123");
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().contains(QStringLiteral("fax")));
}

TEST(IdentityNormalizer, RegionValidation) {
    EXPECT_TRUE(IdentityNormalizer::isKnownRegion(QStringLiteral("PL")));
    EXPECT_TRUE(IdentityNormalizer::isKnownRegion(QStringLiteral("cn")));
    EXPECT_FALSE(IdentityNormalizer::isKnownRegion(QStringLiteral("XX")));
    EXPECT_FALSE(IdentityNormalizer::isKnownRegion(QStringLiteral("Poland")));
}

TEST(IdentityNormalizer, IsIdempotent) {
    // Found by fuzz_import_record: "+46 0..." once normalized to a number that normalized again differently.
    IdentityNormalizer normalizer(QStringLiteral("PL"));
    for (const char* written : {"phone:004600617267", "phone:+4600617267", "phone:601 234 567", "email:A@B.PL",
                                "sip:Alice@EXAMPLE.com:5060"}) {
        const Result<Identity> once = normalizer.normalize(QString::fromUtf8(written));
        ASSERT_TRUE(once.ok()) << written << ": " << once.error().toStdString();
        const Result<Identity> twice = normalizer.normalize(once.value().toString());
        ASSERT_TRUE(twice.ok()) << written;
        EXPECT_EQ(twice.value(), once.value()) << written;
    }
}
