#pragma once

#include <QString>
#include <QStringList>

namespace tl::core::kinds {

/// The event kinds Threadline knows. An event of any other kind is rejected at ingest.
inline const QString MessageIn = QStringLiteral("message.in");
inline const QString MessageOut = QStringLiteral("message.out");
inline const QString CallRinging = QStringLiteral("call.ringing");
inline const QString CallAnswered = QStringLiteral("call.answered");
inline const QString CallEnded = QStringLiteral("call.ended");
inline const QString CallMissed = QStringLiteral("call.missed");
inline const QString Note = QStringLiteral("note");
inline const QString StatusChanged = QStringLiteral("status.changed");
inline const QString Assigned = QStringLiteral("assigned");
inline const QString CustomerMerged = QStringLiteral("customer.merged");
inline const QString IdentityLinked = QStringLiteral("identity.linked");
inline const QString DeliveryUpdated = QStringLiteral("delivery.updated");
inline const QString ChatStarted = QStringLiteral("chat.started");
inline const QString ChatEnded = QStringLiteral("chat.ended");
inline const QString ChatTransferred = QStringLiteral("chat.transferred");
/// A customer's details changed (payload {"name"}); the server writes it when a customer first gets a name.
inline const QString CustomerUpdated = QStringLiteral("customer.updated");

/// Every known kind, for validation and documentation.
[[nodiscard]] const QStringList& all();
/// True when \a kind is one of all().
[[nodiscard]] bool isKnown(QStringView kind);
/// True for kinds written by the customer's side (they count as unread until an agent answers or reads).
[[nodiscard]] bool isInbound(QStringView kind);
/// True for kinds written by an agent towards the customer.
[[nodiscard]] bool isOutbound(QStringView kind);

} // namespace tl::core::kinds
