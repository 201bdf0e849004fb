#pragma once

#include <QString>

#include <optional>

namespace tl::core {

/// What an account may see and do: agents work their queues' customers, supervisors see every queue, admins also
/// manage accounts and queues. The server's welcome tells the workstation which one it has.
enum class Role { Agent, Supervisor, Admin };

/// "agent", "supervisor", "admin".
[[nodiscard]] QString roleName(Role role);
/// The role named \a name (exactly, lower case), or nothing.
[[nodiscard]] std::optional<Role> roleFromName(QStringView name);

} // namespace tl::core
