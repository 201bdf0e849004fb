#pragma once

#include "Identity.h"
#include "Result.h"

#include <QHash>
#include <QString>

namespace tl::core {

/// Turns an identity as people write it into the one form Threadline compares:
/// - email: trimmed, lower-cased, the domain IDN-encoded (ACE), "mailto:" and "Name <...>" stripped;
/// - phone: E.164 via libphonenumber; numbers without a country code use the default region;
/// - chat: the visitor id, trimmed; letters, digits, '-', '_' and '.' only;
/// - sip: user@host (scheme, display name, port, parameters and headers dropped), host lower-cased.
/// Not thread-safe (it caches); give each thread its own.
class IdentityNormalizer final {
public:
    /// \a defaultRegion is an ISO 3166-1 alpha-2 code such as "PL"; empty means the system locale's.
    explicit IdentityNormalizer(QString defaultRegion = {});

    /// The region used for numbers written without a country code.
    [[nodiscard]] const QString& defaultRegion() const { return m_region; }
    /// True when \a region is a region libphonenumber knows.
    [[nodiscard]] static bool isKnownRegion(const QString& region);
    /// The region of the system locale; empty when it names none (then numbers need a country code).
    [[nodiscard]] static QString systemRegion();

    /// Parses "KIND:VALUE" and normalizes the value.
    [[nodiscard]] Result<Identity> normalize(QStringView text);
    /// Normalizes \a value as an identity of \a kind.
    [[nodiscard]] Result<Identity> normalize(Identity::Kind kind, QStringView value);

    [[nodiscard]] static Result<QString> normalizeEmail(QStringView value);
    [[nodiscard]] Result<QString> normalizePhone(QStringView value) const;
    [[nodiscard]] static Result<QString> normalizeChat(QStringView value);
    [[nodiscard]] static Result<QString> normalizeSip(QStringView value);

private:
    QString m_region;
    QHash<QString, Result<Identity>> m_cache;
};

} // namespace tl::core
