#include "server/PasswordHasher.h"

#include <gtest/gtest.h>

#include <QRegularExpression>
#include <QSet>

namespace tl::server {
namespace {

using namespace Qt::StringLiterals;

TEST(PasswordHasher, HashesVerifyAndRejectWrongPasswords) {
    ASSERT_TRUE(PasswordHasher::available());
    const PasswordHasher hasher(PasswordHasher::Limits::minimal());
    const auto hash = hasher.hash(u"correct horse battery staple"_s);
    ASSERT_TRUE(hash.ok()) << hash.error().toStdString();
    EXPECT_TRUE(hash.value().startsWith(u"$argon2id$"_s)) << hash.value().toStdString();
    EXPECT_TRUE(hasher.verify(hash.value(), u"correct horse battery staple"_s));
    EXPECT_FALSE(hasher.verify(hash.value(), u"correct horse battery stapl"_s));
    EXPECT_FALSE(hasher.verify(hash.value(), {}));
    EXPECT_FALSE(hasher.verify({}, u"correct horse battery staple"_s));
    EXPECT_FALSE(hasher.verify(u"not a hash"_s, u"correct horse battery staple"_s));
    // A fresh salt every time.
    EXPECT_NE(hasher.hash(u"correct horse battery staple"_s).value(), hash.value());
}

TEST(PasswordHasher, ComposedAndDecomposedAccentsAreThePassword) {
    const PasswordHasher hasher(PasswordHasher::Limits::minimal());
    const QString composed = u"Za\u017C\u00F3\u0142\u0107"_s;      // Zażółć
    const QString decomposed = u"Zaz\u0307o\u0301\u0142c\u0301"_s; // the same, combining marks
    const auto hash = hasher.hash(composed);
    ASSERT_TRUE(hash.ok());
    EXPECT_TRUE(hasher.verify(hash.value(), decomposed));
}

TEST(PasswordHasher, HashesWithOtherLimitsNeedARehash) {
    const PasswordHasher weak(PasswordHasher::Limits::minimal());
    const PasswordHasher interactive;
    const auto weakHash = weak.hash(u"secret"_s);
    ASSERT_TRUE(weakHash.ok());
    EXPECT_FALSE(weak.needsRehash(weakHash.value()));
    EXPECT_TRUE(interactive.needsRehash(weakHash.value()));
    EXPECT_TRUE(interactive.needsRehash(u"$2b$10$notargon"_s));
    // The real limits work (one 64 MiB hash) and verify with any hasher.
    const auto strongHash = interactive.hash(u"secret"_s);
    ASSERT_TRUE(strongHash.ok()) << strongHash.error().toStdString();
    EXPECT_FALSE(interactive.needsRehash(strongHash.value()));
    EXPECT_TRUE(weak.verify(strongHash.value(), u"secret"_s));
    EXPECT_TRUE(strongHash.value().contains(u"m=65536,t=2"_s)) << strongHash.value().toStdString();
}

TEST(PasswordHasher, TokensAreRandomBase64Url) {
    QSet<QByteArray> tokens;
    for (int i = 0; i < 100; ++i) {
        const QByteArray token = PasswordHasher::randomToken();
        EXPECT_EQ(token.size(), 43);
        EXPECT_TRUE(QRegularExpression(u"^[A-Za-z0-9_-]+$"_s).match(QString::fromLatin1(token)).hasMatch())
            << token.toStdString();
        tokens.insert(token);
    }
    EXPECT_EQ(tokens.size(), 100);
    EXPECT_EQ(QByteArray::fromBase64(PasswordHasher::randomToken(), QByteArray::Base64UrlEncoding).size(), 32);
}

TEST(PasswordHasher, GeneratedPasswordsAvoidLookAlikes) {
    QSet<QString> passwords;
    for (int i = 0; i < 100; ++i) {
        const QString password = PasswordHasher::generatePassword();
        EXPECT_EQ(password.size(), 20);
        EXPECT_TRUE(QRegularExpression(u"^[2-9a-km-zA-HJ-NP-Z]+$"_s).match(password).hasMatch())
            << password.toStdString();
        passwords.insert(password);
    }
    EXPECT_EQ(passwords.size(), 100);
}

} // namespace
} // namespace tl::server
