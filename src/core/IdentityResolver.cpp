#include "IdentityResolver.h"

#include <QUuid>

namespace tl::core {

Resolution IdentityResolver::resolve(const QStringList& identities) const {
    Resolution resolution;
    QStringList unowned;
    QStringList seen;
    for (const QString& identity : identities) {
        if (identity.isEmpty() || seen.contains(identity))
            continue;
        seen.append(identity);
        const std::optional<QString> owner = m_ownerOf(identity);
        if (!owner) {
            unowned.append(identity);
            continue;
        }
        if (resolution.customer.isEmpty())
            resolution.customer = *owner;
        else if (*owner != resolution.customer && !resolution.mergedCustomers.contains(*owner))
            resolution.mergedCustomers.append(*owner);
    }
    if (seen.isEmpty())
        return resolution;

    if (resolution.customer.isEmpty()) {
        resolution.newCustomer = true;
        resolution.customer = customerIdFor(seen.first());
        unowned.removeOne(seen.first());
    }
    resolution.linkedIdentities = unowned;
    return resolution;
}

QString IdentityResolver::customerIdFor(const QString& identity) {
    // A fixed namespace for Threadline customer ids (a random UUID chosen once).
    static const QUuid customerNamespace(QStringLiteral("{6f1c2b1e-4a53-4f0e-9a57-2d0b8d5c3e11}"));
    return QUuid::createUuidV5(customerNamespace, identity).toString(QUuid::WithoutBraces);
}

} // namespace tl::core
