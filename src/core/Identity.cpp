#include "Identity.h"

namespace tl::core {

QString Identity::kindName(Kind kind) {
    switch (kind) {
    case Kind::Email:
        return QStringLiteral("email");
    case Kind::Phone:
        return QStringLiteral("phone");
    case Kind::Chat:
        return QStringLiteral("chat");
    case Kind::Sip:
        return QStringLiteral("sip");
    }
    return {};
}

std::optional<Identity::Kind> Identity::kindFromName(QStringView name) {
    for (Kind kind : {Kind::Email, Kind::Phone, Kind::Chat, Kind::Sip}) {
        if (name == kindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace tl::core
