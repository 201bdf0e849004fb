#include "EventKind.h"

namespace tl::core::kinds {

const QStringList& all() {
    static const QStringList kinds{
        MessageIn,   MessageOut,    CallRinging,     CallAnswered,   CallEnded,      CallMissed,
        Note,        StatusChanged, Assigned,        CustomerMerged, IdentityLinked, DeliveryUpdated,
        ChatStarted, ChatEnded,     ChatTransferred, CustomerUpdated};
    return kinds;
}

bool isKnown(QStringView kind) {
    return all().contains(kind);
}

bool isInbound(QStringView kind) {
    return kind == MessageIn || kind == CallMissed;
}

bool isOutbound(QStringView kind) {
    return kind == MessageOut;
}

} // namespace tl::core::kinds
