#include "Console.h"

#include <QByteArray>

#include <cstdio>

#include <sys/ioctl.h>
#include <unistd.h>

namespace tl::cli {

namespace {

void write(std::FILE* stream, const QByteArray& bytes) {
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
}

} // namespace

Console::Console()
    : m_errorIsTerminal(::isatty(STDERR_FILENO) == 1) {}

void Console::out(const QString& text) {
    write(stdout, text.toUtf8());
}

void Console::outLine(const QString& line) {
    write(stdout, line.toUtf8() + '\n');
}

int Console::outputColumns() const {
    if (::isatty(STDOUT_FILENO) != 1)
        return 0;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0)
        return 80;
    return size.ws_col;
}

void Console::errorLine(const QString& line) {
    clearStatus();
    std::fflush(stdout);
    write(stderr, line.toUtf8() + '\n');
    std::fflush(stderr);
}

void Console::status(const QString& text) {
    if (m_errorIsTerminal) {
        // Carriage return, the text, then "erase to the end of the line" for a shorter text than before.
        write(stderr, "\r" + text.toUtf8() + "\x1b[K");
        m_statusShown = true;
    } else {
        write(stderr, text.toUtf8() + '\n');
    }
    std::fflush(stderr);
}

void Console::clearStatus() {
    if (!m_statusShown)
        return;
    write(stderr, QByteArrayLiteral("\r\x1b[K"));
    std::fflush(stderr);
    m_statusShown = false;
}

} // namespace tl::cli
