#pragma once

#include <QHashFunctions>
#include <QString>

#include <optional>

namespace tl::core {

/// A customer-side address: who a message came from or goes to. Always held normalized (see
/// IdentityNormalizer); its text form is "KIND:VALUE", e.g. "email:jan@example.pl", "phone:+48601234567".
struct Identity final {
    enum class Kind { Email, Phone, Chat, Sip };

    Kind kind = Kind::Email;
    QString value;

    /// "email", "phone", "chat" or "sip".
    [[nodiscard]] static QString kindName(Kind kind);
    [[nodiscard]] static std::optional<Kind> kindFromName(QStringView name);

    /// "KIND:VALUE".
    [[nodiscard]] QString toString() const { return kindName(kind) + QLatin1Char(':') + value; }

    friend bool operator==(const Identity&, const Identity&) = default;
};

inline size_t qHash(const Identity& identity, size_t seed = 0) {
    return qHashMulti(seed, static_cast<int>(identity.kind), identity.value);
}

} // namespace tl::core
