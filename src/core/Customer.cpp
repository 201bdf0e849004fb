#include "Customer.h"

namespace tl::core {

QString caseStateName(CaseState state) {
    switch (state) {
    case CaseState::Open:
        return QStringLiteral("open");
    case CaseState::Pending:
        return QStringLiteral("pending");
    case CaseState::Resolved:
        return QStringLiteral("resolved");
    }
    return {};
}

std::optional<CaseState> caseStateFromName(QStringView name) {
    for (CaseState state : {CaseState::Open, CaseState::Pending, CaseState::Resolved}) {
        if (name == caseStateName(state))
            return state;
    }
    return std::nullopt;
}

QString Customer::displayName() const {
    if (!name.isEmpty())
        return name;
    if (identities.isEmpty())
        return id;
    const QString& first = identities.first();
    const qsizetype colon = first.indexOf(QLatin1Char(':'));
    return colon < 0 ? first : first.mid(colon + 1);
}

} // namespace tl::core
