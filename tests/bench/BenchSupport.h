#pragma once

// What the plain bench programs (bench_chat, bench_sync) share: clock, output, waiting on the event loop, and the
// machine and CPU figures they print next to their tables. Header-only; Linux (/proc, getrusage).

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <sys/resource.h>
#include <unistd.h>

namespace tl::bench {

/// The steady clock in nanoseconds (comparable across the bench's threads).
inline qint64 nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Writes \a text and a newline to stdout at once (the tables are read while a run goes on).
inline void print(const QString& text) {
    std::fputs(qUtf8Printable(text + u'\n'), stdout);
    std::fflush(stdout);
}

/// Writes "<program>: \a text" to stderr and exits with 1; the program is the application's name (by default
/// its executable's file name).
[[noreturn]] inline void die(const QString& text) {
    std::fputs(qUtf8Printable(QCoreApplication::applicationName() + QLatin1String(": ") + text + u'\n'), stderr);
    std::exit(1);
}

/// Runs the calling thread's event loop until \a done or the deadline, checking every \a pollMs; returns done().
template <typename Predicate> bool waitUntil(Predicate done, int timeoutMs, int pollMs = 10) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(pollMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

/// A latency in milliseconds for a table: two decimals below 10, one below 100, none above.
inline QString milliseconds(double value) {
    return value < 10 ? QString::number(value, 'f', 2) : QString::number(value, 'f', value < 100 ? 1 : 0);
}

/// CPU time (user + system) of this process's child named threadline-server, in seconds; 0 if there is none.
inline double serverCpuSeconds() {
    const QString self = QString::number(::getpid());
    const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        if (!entry.at(0).isDigit())
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QString line = QString::fromLatin1(stat.readAll());
        const qsizetype close = line.lastIndexOf(u')');
        if (close < 0 || !line.left(close).contains(QLatin1String("threadline-ser")))
            continue;
        // After "pid (comm)": state ppid ... utime (14th field) stime (15th).
        const QStringList fields = line.mid(close + 2).split(u' ');
        if (fields.size() > 12 && fields.at(1) == self)
            return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
    }
    return 0;
}

/// CPU time (user + system) of this process, all its threads, in seconds.
inline double benchCpuSeconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// CPU time of the whole machine (all processes) in seconds, from /proc/stat.
inline double machineCpuSeconds() {
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = file.readLine().simplified().split(' ');
    // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
    double busy = 0;
    for (qsizetype index = 1; index < fields.size() && index <= 8; ++index) {
        if (index != 4 && index != 5)
            busy += fields.at(index).toDouble();
    }
    return busy / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// The one-minute load average ("?" if unreadable).
inline QString loadAverage() {
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').value(0));
}

/// The CPU's model name from /proc/cpuinfo.
inline QString cpuModel() {
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown CPU");
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return QStringLiteral("unknown CPU");
}

} // namespace tl::bench
