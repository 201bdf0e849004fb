#pragma once

#include "core/Role.h"

namespace tl::protocol {

// The role is a domain concept (src/core); the protocol carries it by name.
using core::Role;
using core::roleFromName;
using core::roleName;

} // namespace tl::protocol
