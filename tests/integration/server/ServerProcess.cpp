#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

namespace tl::servertest {

using namespace Qt::StringLiterals;

ServerProcess::ServerProcess() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The embedded default database must never land in the real home directory.
    environment.insert(u"HOME"_s, m_dir.path());
    environment.insert(u"XDG_DATA_HOME"_s, m_dir.path() + u"/data"_s);
    environment.insert(u"QT_LOGGING_RULES"_s, u"threadline.*.debug=true"_s);
    m_process.setProcessEnvironment(environment);
    m_process.setProgram(QStringLiteral(THREADLINE_SERVER));
    // Should the test process die without its destructors, the kernel ends the server too.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] { collect(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] { collect(); });
}

ServerProcess::~ServerProcess() {
    stop();
}

void ServerProcess::collect() {
    m_output += QString::fromUtf8(m_process.readAllStandardOutput());
    m_errors += QString::fromUtf8(m_process.readAllStandardError());
}

QUrl ServerProcess::url(const QString& path) const {
    QUrl url;
    const bool sync = path == u"/sync";
    url.setScheme(sync ? (m_tls ? u"wss"_s : u"ws"_s) : (m_tls ? u"https"_s : u"http"_s));
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    const qsizetype question = path.indexOf(u'?');
    url.setPath(question < 0 ? path : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

core::Status ServerProcess::start(const QStringList& arguments) {
    QStringList all = arguments;
    if (!all.contains(u"--db"_s) && !all.contains(u"--config"_s))
        all << u"--db"_s << (u"sqlite:"_s + m_dir.path() + u"/server.sqlite"_s);
    if (!all.contains(u"--listen"_s))
        all << u"--listen"_s << u"127.0.0.1:0"_s;
    m_output.clear();
    m_adminPassword.clear();
    m_port = 0;
    m_process.setArguments(all);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return core::Status::failure(u"threadline-server did not start: "_s + m_process.errorString());
    static const QRegularExpression listening(u"listening on \\w+://[^:]+:(\\d+)"_s);
    static const QRegularExpression password(u"One-time password: (\\S+)"_s);
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
        collect();
        if (const auto match = listening.match(m_output); match.hasMatch()) {
            m_port = static_cast<quint16>(match.captured(1).toUInt());
            if (const auto secret = password.match(m_output); secret.hasMatch())
                m_adminPassword = secret.captured(1);
            return {};
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
    }
    return core::Status::failure(
        u"threadline-server did not come up.\nstdout:\n%1\nstderr:\n%2"_s.arg(m_output, m_errors));
}

int ServerProcess::runToExit(const QStringList& arguments, int timeoutMs) {
    m_process.setArguments(arguments);
    m_process.start();
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished();
        return -1;
    }
    collect();
    return m_process.exitCode();
}

void ServerProcess::stop() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    collect();
}

void ServerProcess::kill() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
    collect();
}

} // namespace tl::servertest
