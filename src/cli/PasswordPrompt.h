#pragma once

#include <QString>

#include <optional>

namespace tl::cli {

/// Asks for a password on the terminal standard input is, without echoing what is typed.
class PasswordPrompt final {
public:
    /// True when standard input is a terminal, so that there is someone to ask.
    [[nodiscard]] static bool available();
    /// Writes \a prompt to standard error and reads one line from standard input with echo off; the terminal's
    /// settings come back afterwards, also when the program is interrupted meanwhile. Nothing when standard
    /// input is not a terminal or ends first.
    [[nodiscard]] static std::optional<QString> ask(const QString& prompt);
};

} // namespace tl::cli
