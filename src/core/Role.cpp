#include "Role.h"

namespace tl::core {

QString roleName(Role role) {
    switch (role) {
    case Role::Agent:
        return QStringLiteral("agent");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return QStringLiteral("agent");
}

std::optional<Role> roleFromName(QStringView name) {
    for (Role role : {Role::Agent, Role::Supervisor, Role::Admin}) {
        if (name == roleName(role))
            return role;
    }
    return std::nullopt;
}

} // namespace tl::core
