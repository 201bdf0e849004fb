#include "PasswordPrompt.h"

#include <QByteArray>

#include <csignal>
#include <cstdio>

#include <termios.h>
#include <unistd.h>

namespace tl::cli {

namespace {

/// The terminal's settings before echo was turned off, for the signal handler to put back.
termios savedSettings{};
struct sigaction previousInterrupt {};
struct sigaction previousTerminate {};

extern "C" void restoreAndReraise(int signalNumber) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedSettings);
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

} // namespace

bool PasswordPrompt::available() {
    return ::isatty(STDIN_FILENO) == 1;
}

std::optional<QString> PasswordPrompt::ask(const QString& prompt) {
    if (!available() || ::tcgetattr(STDIN_FILENO, &savedSettings) != 0)
        return std::nullopt;

    struct sigaction restore {};
    restore.sa_handler = restoreAndReraise;
    sigemptyset(&restore.sa_mask);
    ::sigaction(SIGINT, &restore, &previousInterrupt);
    ::sigaction(SIGTERM, &restore, &previousTerminate);
    termios quiet = savedSettings;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL; // the Enter still moves to the next line
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);

    const QByteArray promptBytes = prompt.toUtf8();
    std::fwrite(promptBytes.constData(), 1, static_cast<size_t>(promptBytes.size()), stderr);
    std::fflush(stderr);
    QByteArray line;
    bool ended = false;
    for (;;) {
        const int character = std::getc(stdin);
        if (character == EOF) {
            ended = true;
            break;
        }
        if (character == '\n')
            break;
        line.append(static_cast<char>(character));
    }

    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedSettings);
    ::sigaction(SIGINT, &previousInterrupt, nullptr);
    ::sigaction(SIGTERM, &previousTerminate, nullptr);
    if (ended && line.isEmpty())
        return std::nullopt;
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

} // namespace tl::cli
