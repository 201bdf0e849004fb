#include "CtlProcess.h"

#include <QProcess>
#include <QProcessEnvironment>

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

CtlOutput CtlProcess::runBare(const QStringList& arguments, const QByteArray& input) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    environment.insert(QStringLiteral("USER"), QStringLiteral("tester"));
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
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
    if (!process.waitForFinished(timeoutMs)) {
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
