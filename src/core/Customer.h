#pragma once

#include "Channel.h"

#include <QString>
#include <QStringList>

namespace tl::core {

/// Where a customer's case stands.
enum class CaseState { Open, Pending, Resolved };

[[nodiscard]] QString caseStateName(CaseState state);
[[nodiscard]] std::optional<CaseState> caseStateFromName(QStringView name);

/// A person on the other side, and the projection of their events the customer list shows.
struct Customer final {
    QString id;
    /// Display name as given by an import, a pre-chat form or a signature; may be empty.
    QString name;
    /// Every identity the customer owns, "KIND:VALUE", normalized.
    QStringList identities;
    CaseState state = CaseState::Open;
    /// occurred_at of the newest event, UTC ms; 0 when there is none.
    qint64 lastActivity = 0;
    /// Channel of the newest event the customer wrote (the composer's default).
    std::optional<Channel> lastInboundChannel;
    /// Inbound messages since the last agent reply or read mark.
    int unread = 0;
    /// Text of the newest message, for the list's preview line.
    QString preview;

    /// The name, else the first identity's value.
    [[nodiscard]] QString displayName() const;
};

} // namespace tl::core
