#pragma once

#include "core/Result.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace tl::synctest {

/// The workstation_sim program (a headless workstation: cache, SyncClient, an agent writing actions) as a child
/// process the chaos test can SIGKILL and start again. Reads what it prints (see workstation_sim.cpp) as it comes.
/// Killed by the destructor, and by the kernel should the test process die first.
class WorkstationProcess final {
public:
    /// The last status line: what the workstation's cache held then.
    struct Status final {
        bool valid = false;
        int written = 0;
        int pending = 0;
        int refused = 0;
        qint64 seq = 0;
        QString state;
    };

    WorkstationProcess();
    ~WorkstationProcess();
    WorkstationProcess(const WorkstationProcess&) = delete;
    WorkstationProcess& operator=(const WorkstationProcess&) = delete;

    /// Starts the program with \a arguments; the status is invalid until it prints its first one.
    [[nodiscard]] core::Status start(const QStringList& arguments);
    /// SIGKILL at once, then waits for the end.
    void kill();
    [[nodiscard]] bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    /// The newest status line of the current run.
    [[nodiscard]] const Status& status() const { return m_status; }
    /// Every id a run reported as committed ("wrote"), over all runs, in order.
    [[nodiscard]] const QStringList& wroteIds() const { return m_wrote; }
    /// Why the cache refused writes ("write-failed"), one entry per refusal, over all runs.
    [[nodiscard]] const QStringList& writeFailures() const { return m_writeFailures; }
    /// Everything every run printed (stdout and stderr), with a marker line per start; for failure messages.
    [[nodiscard]] const QString& log() const { return m_log; }
    /// The log's last \a lines lines.
    [[nodiscard]] QString tail(int lines = 40) const;

private:
    void collect();
    void parse(const QString& line);

    QProcess m_process;
    QByteArray m_pending;
    Status m_status;
    QStringList m_wrote;
    QStringList m_writeFailures;
    int m_runs = 0;
    QString m_log;
};

} // namespace tl::synctest
