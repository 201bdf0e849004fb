#pragma once

#include "CtlOptions.h"
#include "ExitStatus.h"

#include "core/IdentityNormalizer.h"

#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

namespace tl::store {
class EventStore;
}

namespace tl::cli {

class Console;

/// Runs one threadline-ctl command (ingest, import-mail, customers, timeline, search, merge) over the local database
/// the options name, writing results to stdout and messages to stderr. See docs/cli.md. RemoteCommandRunner runs the
/// commands that go to a server.
class CommandRunner final {
public:
    CommandRunner(Console& console, CtlOptions options);
    ~CommandRunner();
    CommandRunner(const CommandRunner&) = delete;
    CommandRunner& operator=(const CommandRunner&) = delete;

    /// Runs the command; every message has been written when it returns.
    [[nodiscard]] ExitStatus run();

private:
    [[nodiscard]] ExitStatus ingest(const QString& source);
    [[nodiscard]] ExitStatus importMail(const QString& path);
    [[nodiscard]] ExitStatus customers();
    [[nodiscard]] ExitStatus timeline(const QString& identity);
    [[nodiscard]] ExitStatus search(const QString& text);
    [[nodiscard]] ExitStatus merge(const QString& intoIdentity, const QString& fromIdentity);

    /// Opens the database; a missing file is created only when \a create is true. Reports failures.
    [[nodiscard]] bool openStore(bool create);
    /// The customer that \a argument names: an identity in any form that normalizes to one the store knows,
    /// or a customer id. Reports failures and sets \a failure.
    [[nodiscard]] std::optional<QString> customerFor(const QString& argument, ExitStatus& failure);
    /// Writes \a message to stderr and returns \a status.
    ExitStatus fail(ExitStatus status, const QString& message);
    void printJson(const QJsonValue& value);

    Console& m_console;
    CtlOptions m_options;
    core::IdentityNormalizer m_normalizer;
    std::unique_ptr<store::EventStore> m_store;
};

} // namespace tl::cli
