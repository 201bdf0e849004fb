#pragma once

#include <QString>

namespace tl::cli {

/// Standard output and standard error of the CLI, always written as UTF-8 whatever the locale. Keeps one
/// transient status line (progress) on a terminal's stderr and clears it before anything else is written.
class Console final {
public:
    Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    /// Writes \a text to standard output as is.
    void out(const QString& text);
    /// Writes \a line and a line break to standard output.
    void outLine(const QString& line);
    /// Writes \a line and a line break to standard error.
    void errorLine(const QString& line);
    /// Shows \a text as the status line: on a terminal it replaces the previous one in place, otherwise it
    /// is written as a line of its own.
    void status(const QString& text);
    /// Removes the status line from a terminal (nothing to do elsewhere).
    void clearStatus();

    /// The width of the terminal standard output goes to; 0 when it is not a terminal.
    [[nodiscard]] int outputColumns() const;
    /// True when standard error is a terminal.
    [[nodiscard]] bool errorIsTerminal() const { return m_errorIsTerminal; }

private:
    bool m_errorIsTerminal = false;
    bool m_statusShown = false;
};

} // namespace tl::cli
