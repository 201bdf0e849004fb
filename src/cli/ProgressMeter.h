#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

namespace tl::cli {

class Console;

/// The progress of a long import on stderr: a percentage and a rate when the input's size is known, a count
/// of events otherwise. Updated at most a few times a second, and not at all for imports that finish quickly.
class ProgressMeter final {
public:
    enum class Style {
        /// Shows nothing.
        Off,
        /// One line rewritten in place (stderr is a terminal).
        Terminal,
        /// A new line now and then (stderr is a file or a pipe, the input is large).
        Lines,
    };

    ProgressMeter(Console& console, Style style);

    /// The style for reading an input of \a inputBytes (0 when unknown): in place on a terminal's stderr, else
    /// lines for large inputs only, else none.
    [[nodiscard]] static Style styleFor(const Console& console, qint64 inputBytes);

    /// Reports \a bytesRead of \a bytesTotal (0 when unknown) and \a events handled so far.
    void update(qint64 bytesRead, qint64 bytesTotal, qint64 events);
    /// Removes the status line; call when the import is over.
    void finish();

private:
    Console& m_console;
    Style m_style;
    QElapsedTimer m_clock;
    qint64 m_lastShownAt = -1;
};

} // namespace tl::cli
