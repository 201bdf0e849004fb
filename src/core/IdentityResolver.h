#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace tl::core {

/// What ingesting one event's identities does to the customer set. The caller (the store) applies it and
/// writes the customer.merged and identity.linked events it names.
struct Resolution final {
    /// The customer the event belongs to.
    QString customer;
    /// True when no identity was known and \a customer is new.
    bool newCustomer = false;
    /// Identities not owned before that now belong to \a customer (not counting the event's own identity
    /// when it made a new customer: that one is implied by the event).
    QStringList linkedIdentities;
    /// Other customers that the identities given together prove to be the same person; each is merged into
    /// \a customer, in this order.
    QStringList mergedCustomers;
};

/// Decides which customer an event belongs to from the identities it carries:
/// an unknown identity makes a new customer; identities given together join one customer; if they belonged
/// to different customers, those customers are merged into the one that owns the primary identity (or, when
/// it is unowned, the first owner found). Pure logic: ownership is looked up through \a ownerOf.
class IdentityResolver final {
public:
    /// Returns the customer owning a normalized identity, if any.
    using OwnerLookup = std::function<std::optional<QString>(const QString& identity)>;

    explicit IdentityResolver(OwnerLookup ownerOf)
        : m_ownerOf(std::move(ownerOf)) {}

    /// \a identities are normalized "KIND:VALUE" strings, the event's own identity first; duplicates are
    /// ignored. Must not be empty.
    [[nodiscard]] Resolution resolve(const QStringList& identities) const;

    /// The id a new customer first seen with \a identity gets: a name-based UUID, so that every replica
    /// that sees the same first identity makes the same customer.
    [[nodiscard]] static QString customerIdFor(const QString& identity);

private:
    OwnerLookup m_ownerOf;
};

} // namespace tl::core
