#include "PasswordHasher.h"

#include <QLoggingCategory>

#include <sodium.h>

#include <cstdint>

namespace tl::server {

Q_LOGGING_CATEGORY(lcAuth, "threadline.server.auth")

using namespace Qt::StringLiterals;

namespace {

/// sodium_init() once per process; it is thread-safe and picks the fastest implementations for this CPU.
bool sodiumReady() {
    static const bool ready = [] {
        if (sodium_init() < 0) {
            qCCritical(lcAuth) << "libsodium could not be initialized";
            return false;
        }
        return true;
    }();
    return ready;
}

QByteArray passwordBytes(const QString& password) {
    // The same password typed on another system (composed or decomposed accents) must match.
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

} // namespace

PasswordHasher::Limits PasswordHasher::Limits::interactive() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHasher::Limits PasswordHasher::Limits::minimal() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(Limits limits)
    : m_limits(limits) {}

bool PasswordHasher::available() {
    return sodiumReady();
}

core::Result<QString> PasswordHasher::hash(const QString& password) const {
    using R = core::Result<QString>;
    if (!sodiumReady())
        return R::failure(u"The password library (libsodium) could not be initialized."_s);
    const QByteArray bytes = passwordBytes(password);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, bytes.constData(), static_cast<unsigned long long>(bytes.size()), m_limits.opsLimit,
                          m_limits.memLimit) != 0)
        return R::failure(u"Hashing the password failed (out of memory?)."_s);
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString& storedHash, const QString& password) const {
    if (!sodiumReady())
        return false;
    const QByteArray stored = storedHash.toLatin1();
    if (stored.isEmpty() || stored.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray bytes = passwordBytes(password);
    // crypto_pwhash_str_verify reads a NUL-terminated string; QByteArray guarantees the terminator.
    return crypto_pwhash_str_verify(stored.constData(), bytes.constData(),
                                    static_cast<unsigned long long>(bytes.size())) == 0;
}

bool PasswordHasher::needsRehash(const QString& storedHash) const {
    if (!sodiumReady())
        return false;
    const QByteArray stored = storedHash.toLatin1();
    // 0: current; 1: other parameters; -1: not an Argon2id string at all (also worth replacing).
    return crypto_pwhash_str_needs_rehash(stored.constData(), m_limits.opsLimit, m_limits.memLimit) != 0;
}

QByteArray PasswordHasher::randomToken() {
    if (!sodiumReady())
        return {};
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), static_cast<std::size_t>(bytes.size()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString PasswordHasher::generatePassword() {
    if (!sodiumReady())
        return {};
    static constexpr char alphabet[] = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    constexpr std::uint32_t alphabetSize = sizeof(alphabet) - 1;
    constexpr int length = 20;
    QString password;
    password.reserve(length);
    for (int i = 0; i < length; ++i)
        password.append(QLatin1Char(alphabet[randombytes_uniform(alphabetSize)]));
    return password;
}

} // namespace tl::server
