#pragma once

#include <QString>

namespace tl::cli {

/// "KIND:VALUE" for an identity argument of the command line, guessing the kind when it is left out: a value
/// with "@" is an e-mail address, one made of digits and phone punctuation a phone number. Anything else is
/// returned trimmed, as it is.
[[nodiscard]] QString identityWithKind(const QString& argument);

} // namespace tl::cli
