#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace tl::server {

/// Argon2id password hashes (libsodium's crypto_pwhash_str), session tokens and one-time passwords. Every
/// function is synchronous and hashing takes tens of milliseconds and 64 MiB: callers run it off the event loop.
class PasswordHasher final {
public:
    /// The cost of one hash: Argon2id passes and memory.
    struct Limits final {
        unsigned long long opsLimit = 0;
        std::size_t memLimit = 0;
        /// libsodium's INTERACTIVE limits (2 passes, 64 MiB): what a login should cost.
        [[nodiscard]] static Limits interactive();
        /// The smallest limits libsodium allows; for tests only (a hash in well under a millisecond).
        [[nodiscard]] static Limits minimal();
    };

    explicit PasswordHasher(Limits limits = Limits::interactive());

    /// False when libsodium could not be initialized (then every hash() fails).
    [[nodiscard]] static bool available();

    /// The "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string for \a password (NFC-normalized UTF-8), with a
    /// fresh random salt.
    [[nodiscard]] core::Result<QString> hash(const QString& password) const;
    /// True when \a password matches \a storedHash (constant time in the password).
    [[nodiscard]] bool verify(const QString& storedHash, const QString& password) const;
    /// True when \a storedHash was made with other limits (or another algorithm) than this hasher's: after a
    /// successful verify(), hash the password again and store the new hash.
    [[nodiscard]] bool needsRehash(const QString& storedHash) const;

    /// A session token: 32 random bytes, base64url without padding (43 characters).
    [[nodiscard]] static QByteArray randomToken();
    /// A one-time password of 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I), ~116 bits.
    [[nodiscard]] static QString generatePassword();

private:
    Limits m_limits;
};

} // namespace tl::server
