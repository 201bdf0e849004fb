#include "ProgressMeter.h"

#include "Console.h"

#include <QCoreApplication>

#include <algorithm>

namespace tl::cli {

namespace {

/// Nothing is shown for imports shorter than this, so small files never flicker.
constexpr qint64 quietStartMs = 300;
constexpr qint64 terminalIntervalMs = 250;
constexpr qint64 linesIntervalMs = 2000;
/// Inputs larger than this show their progress even when stderr is not a terminal.
constexpr qint64 largeInputBytes = 4 * 1024 * 1024;

} // namespace

ProgressMeter::ProgressMeter(Console& console, Style style)
    : m_console(console)
    , m_style(style) {
    m_clock.start();
}

ProgressMeter::Style ProgressMeter::styleFor(const Console& console, qint64 inputBytes) {
    if (console.errorIsTerminal())
        return Style::Terminal;
    return inputBytes > largeInputBytes ? Style::Lines : Style::Off;
}

void ProgressMeter::update(qint64 bytesRead, qint64 bytesTotal, qint64 events) {
    if (m_style == Style::Off)
        return;
    const qint64 elapsed = m_clock.elapsed();
    if (elapsed < quietStartMs)
        return;
    const qint64 interval = m_style == Style::Terminal ? terminalIntervalMs : linesIntervalMs;
    if (m_lastShownAt >= 0 && elapsed - m_lastShownAt < interval)
        return;
    m_lastShownAt = elapsed;

    const QString rate = QString::number(events * 1000 / std::max<qint64>(elapsed, 1));
    if (bytesTotal > 0) {
        const qint64 percent = std::clamp<qint64>(bytesRead * 100 / bytesTotal, 0, 100);
        m_console.status(QCoreApplication::translate("threadline-ctl", "importing: %1% (%2 events, %3 events/s)")
                             .arg(QString::number(percent), QString::number(events), rate));
    } else {
        m_console.status(QCoreApplication::translate("threadline-ctl", "importing: %1 events (%2 events/s)")
                             .arg(QString::number(events), rate));
    }
}

void ProgressMeter::finish() {
    m_console.clearStatus();
}

} // namespace tl::cli
