#pragma once

#include <QString>

namespace tl::core {

/// A new UUIDv7 (RFC 9562: 48-bit Unix milliseconds, then random bits) in its canonical text form. Ids made
/// this way sort by creation time, which keeps B-tree inserts local.
[[nodiscard]] QString createUuidV7();

} // namespace tl::core
