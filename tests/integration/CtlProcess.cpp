#include "CtlProcess.h"

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace tl::integration {

namespace {

constexpr int timeoutMs = 60000;

} // namespace

QJsonDocument CtlOutput::json() const {
    return QJsonDocument::fromJson(out.toUtf8());
}

CtlProcess::CtlProcess(QString databasePath)
    : m_databasePath(std::move(databasePath)) {}

CtlOutput CtlProcess::run(const QStringList& arguments, const QByteArray& input) const {
    return runBare(QStringList{QStringLiteral("--db"), m_databasePath} + arguments, input);
}

QProcessEnvironment CtlProcess::environment() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    environment.insert(QStringLiteral("USER"), QStringLiteral("tester"));
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    environment.remove(QStringLiteral("THREADLINE_PASSWORD"));
    environment.remove(QStringLiteral("THREADLINE_TOKEN"));
    return environment;
}

CtlOutput CtlProcess::runBare(const QStringList& arguments, const QByteArray& input,
                              const QProcessEnvironment& environment) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program(), arguments);
    CtlOutput output;
    if (!process.waitForStarted(timeoutMs)) {
        output.err = process.errorString();
        return output;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    // An event loop rather than waitForFinished(): other processes of the test (a threadline-server) keep having
    // their output read meanwhile, so that they never block on a full pipe.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    output.out = QString::fromUtf8(process.readAllStandardOutput());
    output.err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() == QProcess::NormalExit)
        output.exitCode = process.exitCode();
    return output;
}

QString CtlProcess::program() {
    return QStringLiteral(THREADLINE_CTL);
}

} // namespace tl::integration
