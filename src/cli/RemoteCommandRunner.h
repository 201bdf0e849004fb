#pragma once

#include "CtlOptions.h"
#include "ExitStatus.h"
#include "ServerClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace tl::cli {

class Console;

/// Runs one threadline-ctl command through a Threadline server's REST API (--server): signs in with --login
/// (or uses THREADLINE_TOKEN), runs the command, signs out again when it signed in itself. Manages accounts and
/// queues, reads customers and timelines, imports events. Results go to stdout, messages to stderr; see
/// docs/cli.md, "Through the server". CommandRunner runs the commands on a local database.
class RemoteCommandRunner final {
public:
    RemoteCommandRunner(Console& console, CtlOptions options);
    RemoteCommandRunner(const RemoteCommandRunner&) = delete;
    RemoteCommandRunner& operator=(const RemoteCommandRunner&) = delete;

    /// Runs the command; every message has been written when it returns.
    [[nodiscard]] ExitStatus run();

private:
    [[nodiscard]] ExitStatus command();
    [[nodiscard]] ExitStatus login();
    [[nodiscard]] ExitStatus logout();
    [[nodiscard]] ExitStatus whoami();
    [[nodiscard]] ExitStatus agents();
    [[nodiscard]] ExitStatus addAgent(const QString& login);
    [[nodiscard]] ExitStatus setAgentDisabled(const QString& login, bool disabled);
    [[nodiscard]] ExitStatus setAgentPassword(const QString& login);
    [[nodiscard]] ExitStatus setAgentQueues(const QString& login, const QString& queues);
    [[nodiscard]] ExitStatus queues();
    [[nodiscard]] ExitStatus addQueue(const QString& name);
    [[nodiscard]] ExitStatus customers();
    [[nodiscard]] ExitStatus timeline(const QString& identity);
    [[nodiscard]] ExitStatus ingest(const QString& source);

    /// Signs in as --login with the password from the options or the terminal. Reports failures.
    [[nodiscard]] ExitStatus signIn();
    /// Ends the session signIn() opened; a failure is only a warning.
    void signOut();
    /// Reports a failed request and returns the exit status its kind of failure has.
    ExitStatus failed(const ServerReply& reply);
    /// Writes \a message to stderr and returns \a status.
    ExitStatus fail(ExitStatus status, const QString& message);
    void printJson(const QJsonValue& value);
    /// An account as lines of "key: value" (whoami).
    void printAccount(const QJsonObject& account);

    Console& m_console;
    CtlOptions m_options;
    ServerClient m_client;
    /// The token of the session signIn() opened; empty when it did not sign in.
    QByteArray m_ownSession;
    /// The server's answer to the sign-in: {token, account}.
    QJsonObject m_signInAnswer;
};

} // namespace tl::cli
