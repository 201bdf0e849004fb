#include "WorkstationProcess.h"

#include <QRegularExpression>

#include <csignal>
#include <sys/prctl.h>

namespace tl::synctest {

using namespace Qt::StringLiterals;

WorkstationProcess::WorkstationProcess() {
    m_process.setProgram(QStringLiteral(THREADLINE_WORKSTATION_SIM));
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // Should the test process die without its destructors, the kernel ends the workstation too.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] { collect(); });
}

WorkstationProcess::~WorkstationProcess() {
    kill();
}

core::Status WorkstationProcess::start(const QStringList& arguments) {
    if (isRunning())
        return core::Status::failure(u"workstation_sim is still running"_s);
    m_status = {};
    m_pending.clear();
    ++m_runs;
    m_log += u"--- run %1\n"_s.arg(m_runs);
    m_process.setArguments(arguments);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return core::Status::failure(u"workstation_sim did not start: "_s + m_process.errorString());
    return {};
}

void WorkstationProcess::kill() {
    if (!isRunning())
        return;
    m_process.kill();
    m_process.waitForFinished(10000);
    collect();
    // A line cut off by the kill is kept for the log but is no report.
    if (!m_pending.isEmpty()) {
        m_log += QString::fromUtf8(m_pending) + u" [cut off]\n"_s;
        m_pending.clear();
    }
    m_log += u"--- killed\n"_s;
}

QString WorkstationProcess::tail(int lines) const {
    QStringList all = m_log.split(u'\n', Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n');
}

void WorkstationProcess::collect() {
    m_pending += m_process.readAllStandardOutput();
    qsizetype end = 0;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(end));
        m_pending.remove(0, end + 1);
        m_log += line + u'\n';
        parse(line);
    }
}

void WorkstationProcess::parse(const QString& line) {
    static const QRegularExpression statusLine(
        u"^status written=(\\d+) pending=(\\d+) refused=(\\d+) seq=(\\d+) state=(\\w+)$"_s);
    if (line.startsWith(u"wrote "_s)) {
        m_wrote.append(line.mid(6).trimmed());
    } else if (line.startsWith(u"write-failed "_s)) {
        m_writeFailures.append(line.mid(13).trimmed());
    } else if (const auto match = statusLine.match(line); match.hasMatch()) {
        m_status.valid = true;
        m_status.written = match.captured(1).toInt();
        m_status.pending = match.captured(2).toInt();
        m_status.refused = match.captured(3).toInt();
        m_status.seq = match.captured(4).toLongLong();
        m_status.state = match.captured(5);
    }
}

} // namespace tl::synctest
