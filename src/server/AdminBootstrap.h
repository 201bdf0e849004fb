#pragma once

#include "core/Result.h"

#include <QString>

namespace tl::server {

class StoreThread;

/// The first start: a server whose database has no account gets an "admin" account with a one-time password.
class AdminBootstrap final {
public:
    /// The login of the account made on first start.
    static constexpr auto adminLogin = u"admin";

    /// Creates the admin account when the store has no account yet and returns its password (to print once);
    /// returns an empty string when accounts exist. Blocks (start-up only): the hash runs on a pool thread.
    [[nodiscard]] static core::Result<QString> ensureAdmin(StoreThread& store);
};

} // namespace tl::server
