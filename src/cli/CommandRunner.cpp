#include "CommandRunner.h"

#include "CommandCatalog.h"
#include "Console.h"
#include "Formatting.h"
#include "IdentityArgument.h"
#include "ProgressMeter.h"
#include "TextTable.h"

#include "channels/email/AttachmentStore.h"
#include "channels/email/MailImporter.h"
#include "channels/email/MaildirReader.h"
#include "channels/email/MboxReader.h"
#include "core/Identity.h"
#include "core/ImportRecord.h"
#include "store/EventStore.h"
#include "store/JsonLinesImporter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

#include <cstdio>
#include <limits>
#include <utility>

Q_LOGGING_CATEGORY(lcCli, "threadline.cli", QtInfoMsg)

namespace tl::cli {

namespace {

QJsonArray eventsToJson(const QVector<core::Event>& events) {
    QJsonArray array;
    for (const core::Event& event : events)
        array.append(core::eventjson::toJson(event));
    return array;
}

} // namespace

CommandRunner::CommandRunner(Console& console, CtlOptions options)
    : m_console(console)
    , m_options(std::move(options))
    , m_normalizer(m_options.region) {}

CommandRunner::~CommandRunner() = default;

ExitStatus CommandRunner::run() {
    const CommandSpec* spec = CommandCatalog::find(m_options.command);
    if (!spec || !spec->local) {
        return fail(
            ExitStatus::Error,
            QCoreApplication::translate("threadline-ctl", "unknown command \"%1\"; see --help").arg(m_options.command));
    }
    if (m_options.arguments.size() != spec->arguments) {
        return fail(
            ExitStatus::Error,
            QCoreApplication::translate("threadline-ctl", "usage: threadline-ctl --db FILE %1").arg(spec->synopsis));
    }

    const QStringList& arguments = m_options.arguments;
    if (spec->name == QLatin1String("ingest"))
        return ingest(arguments.at(0));
    if (spec->name == QLatin1String("import-mail"))
        return importMail(arguments.at(0));
    if (spec->name == QLatin1String("customers"))
        return customers();
    if (spec->name == QLatin1String("timeline"))
        return timeline(arguments.at(0));
    if (spec->name == QLatin1String("search"))
        return search(arguments.at(0));
    return merge(arguments.at(0), arguments.at(1));
}

ExitStatus CommandRunner::ingest(const QString& source) {
    const bool fromStdin = source == QLatin1String("-");
    QFile input;
    bool opened = false;
    if (fromStdin) {
        opened = input.open(stdin, QIODevice::ReadOnly);
    } else if (QFileInfo(source).isDir()) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "cannot read %1: it is a directory").arg(source));
    } else {
        input.setFileName(source);
        opened = input.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "cannot read %1: %2")
                        .arg(fromStdin ? QCoreApplication::translate("threadline-ctl", "standard input") : source,
                             input.errorString()));
    }
    if (!openStore(true))
        return ExitStatus::Error;

    const qint64 size = input.isSequential() ? 0 : input.size();
    ProgressMeter meter(m_console, ProgressMeter::styleFor(m_console, size));

    store::JsonLinesImporter importer(*m_store, m_normalizer);
    importer.setRejectHandler([this](qint64 line, const QString& reason) {
        //: A rejected input line: its number, then why it was rejected.
        m_console.errorLine(
            QCoreApplication::translate("threadline-ctl", "line %1: %2").arg(QString::number(line), reason));
    });
    importer.setProgressHandler([&meter](qint64 bytesRead, qint64 bytesTotal, const store::ImportReport& soFar) {
        meter.update(bytesRead, bytesTotal, soFar.imported + soFar.duplicates + soFar.rejected);
    });
    const core::Result<store::ImportReport> result = importer.run(input);
    meter.finish();
    if (!result) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "import stopped by a database error: %1")
                        .arg(result.error()));
    }

    const store::ImportReport& report = result.value();
    qCDebug(lcCli) << "ingested" << report.lines << "lines from" << source;
    if (m_options.json) {
        printJson(QJsonObject{{QStringLiteral("lines"), report.lines},
                              {QStringLiteral("imported"), report.imported},
                              {QStringLiteral("duplicates"), report.duplicates},
                              {QStringLiteral("rejected"), report.rejected}});
    } else {
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "imported %1, duplicates %2, rejected %3")
                              .arg(QString::number(report.imported), QString::number(report.duplicates),
                                   QString::number(report.rejected)));
    }
    return report.rejected > 0 ? ExitStatus::Rejected : ExitStatus::Success;
}

ExitStatus CommandRunner::importMail(const QString& path) {
    for (const QString& address : std::as_const(m_options.mailboxAddresses)) {
        if (const core::Result<QString> normalized = core::IdentityNormalizer::normalizeEmail(address); !normalized)
            return fail(ExitStatus::Error, QCoreApplication::translate("threadline-ctl", "--mailbox-address %1: %2")
                                               .arg(address, normalized.error()));
    }
    const QFileInfo info(path);
    QFile mbox;
    std::unique_ptr<email::MailSource> source;
    if (info.isDir()) {
        if (!email::MaildirReader::isMaildir(path))
            return fail(ExitStatus::Error,
                        QCoreApplication::translate("threadline-ctl",
                                                    "cannot read %1: a directory, but not a Maildir (no cur/ or new/)")
                            .arg(path));
        source = std::make_unique<email::MaildirReader>(path);
    } else {
        mbox.setFileName(path);
        if (!mbox.open(QIODevice::ReadOnly))
            return fail(
                ExitStatus::Error,
                QCoreApplication::translate("threadline-ctl", "cannot read %1: %2").arg(path, mbox.errorString()));
        source = std::make_unique<email::MboxReader>(mbox);
    }
    if (!openStore(true))
        return ExitStatus::Error;

    email::AttachmentStore attachments(email::AttachmentStore::directoryFor(m_options.databasePath));
    email::MailEvent::Options eventOptions;
    eventOptions.ownAddresses = m_options.mailboxAddresses;
    eventOptions.attachments = &attachments;
    ProgressMeter meter(m_console, ProgressMeter::styleFor(m_console, source->size()));
    email::MailImporter importer(*m_store, m_normalizer, eventOptions);
    importer.setRejectHandler([this](const QString& label, const QString& reason) {
        //: A message import-mail could not import: which one (mbox position or Maildir file), then why.
        m_console.errorLine(QCoreApplication::translate("threadline-ctl", "%1: %2").arg(label, reason));
    });
    importer.setWarningHandler([this](const QString& label, const QStringList& warnings) {
        //: A message imported despite problems: which one, then what was wrong with it.
        m_console.errorLine(QCoreApplication::translate("threadline-ctl", "%1: imported with warnings: %2")
                                .arg(label, warnings.join(QStringLiteral("; "))));
    });
    importer.setProgressHandler([&meter](qint64 position, qint64 total, const email::MailImportReport& soFar) {
        meter.update(position, total, soFar.imported + soFar.duplicates + soFar.rejected);
    });
    const core::Result<email::MailImportReport> result = importer.run(*source);
    meter.finish();
    if (!result) {
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "import stopped by a database error: %1")
                        .arg(result.error()));
    }
    const email::MailImportReport& report = result.value();
    qCDebug(lcCli) << "imported" << report.messages << "messages from" << path;
    if (m_options.json) {
        printJson(QJsonObject{{QStringLiteral("messages"), report.messages},
                              {QStringLiteral("imported"), report.imported},
                              {QStringLiteral("duplicates"), report.duplicates},
                              {QStringLiteral("rejected"), report.rejected},
                              {QStringLiteral("warned"), report.warned}});
    } else {
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "imported %1, duplicates %2, rejected %3")
                              .arg(QString::number(report.imported), QString::number(report.duplicates),
                                   QString::number(report.rejected)));
    }
    return report.rejected > 0 ? ExitStatus::Rejected : ExitStatus::Success;
}

ExitStatus CommandRunner::customers() {
    if (!openStore(false))
        return ExitStatus::Error;
    store::CustomerFilter filter;
    filter.limit = std::numeric_limits<int>::max();
    const core::Result<QVector<core::Customer>> customers = m_store->customers(filter);
    if (!customers)
        return fail(ExitStatus::Error, customers.error());

    if (m_options.json) {
        QJsonArray array;
        for (const core::Customer& customer : customers.value())
            array.append(formatting::customerToJson(customer));
        printJson(array);
        return ExitStatus::Success;
    }
    TextTable table({QCoreApplication::translate("threadline-ctl", "ID"),
                     QCoreApplication::translate("threadline-ctl", "NAME"),
                     QCoreApplication::translate("threadline-ctl", "STATE"),
                     QCoreApplication::translate("threadline-ctl", "LAST ACTIVITY"),
                     QCoreApplication::translate("threadline-ctl", "UNREAD"),
                     QCoreApplication::translate("threadline-ctl", "IDENTITIES")});
    for (const core::Customer& customer : customers.value()) {
        table.addRow({customer.id, customer.displayName(), core::caseStateName(customer.state),
                      formatting::timestampText(customer.lastActivity), QString::number(customer.unread),
                      customer.identities.join(QStringLiteral(", "))});
    }
    m_console.out(table.render(m_console.outputColumns()));
    return ExitStatus::Success;
}

ExitStatus CommandRunner::timeline(const QString& identity) {
    if (!openStore(false))
        return ExitStatus::Error;
    ExitStatus failure = ExitStatus::Error;
    const std::optional<QString> customerId = customerFor(identity, failure);
    if (!customerId)
        return failure;
    const core::Result<QVector<core::Event>> events = m_store->timeline(*customerId);
    if (!events)
        return fail(ExitStatus::Error, events.error());

    if (m_options.json) {
        printJson(eventsToJson(events.value()));
        return ExitStatus::Success;
    }
    const core::Result<core::Customer> customer = m_store->customer(*customerId);
    if (customer) {
        //: The heading of a timeline: the customer's name, id and case state.
        m_console.outLine(
            QCoreApplication::translate("threadline-ctl", "%1 (customer %2, %3)")
                .arg(customer.value().displayName(), customer.value().id, core::caseStateName(customer.value().state)));
        m_console.outLine(QCoreApplication::translate("threadline-ctl", "identities: %1")
                              .arg(customer.value().identities.join(QStringLiteral(", "))));
        m_console.outLine(QString());
    }
    m_console.out(formatting::eventTable(events.value()).render(m_console.outputColumns()));
    return ExitStatus::Success;
}

ExitStatus CommandRunner::search(const QString& text) {
    if (!openStore(false))
        return ExitStatus::Error;
    const core::Result<QVector<store::SearchHit>> hits = m_store->search(text, std::numeric_limits<int>::max());
    if (!hits)
        return fail(ExitStatus::Error, hits.error());

    if (m_options.json) {
        QJsonArray array;
        for (const store::SearchHit& hit : hits.value()) {
            QJsonObject object = core::eventjson::toJson(hit.event);
            object.insert(QStringLiteral("customer_name"), hit.customerName);
            array.append(object);
        }
        printJson(array);
        return ExitStatus::Success;
    }
    TextTable table({QCoreApplication::translate("threadline-ctl", "TIME"),
                     QCoreApplication::translate("threadline-ctl", "CUSTOMER"),
                     QCoreApplication::translate("threadline-ctl", "CHANNEL"),
                     QCoreApplication::translate("threadline-ctl", "KIND"),
                     QCoreApplication::translate("threadline-ctl", "TEXT")});
    for (const store::SearchHit& hit : hits.value()) {
        const core::Event& event = hit.event;
        table.addRow({formatting::timestampText(event.occurredAt),
                      hit.customerName.isEmpty() ? event.identity : hit.customerName, core::channelName(event.channel),
                      event.kind, formatting::eventSummary(event)});
    }
    m_console.out(table.render(m_console.outputColumns()));
    return ExitStatus::Success;
}

ExitStatus CommandRunner::merge(const QString& intoIdentity, const QString& fromIdentity) {
    if (!openStore(false))
        return ExitStatus::Error;
    ExitStatus failure = ExitStatus::Error;
    const std::optional<QString> into = customerFor(intoIdentity, failure);
    if (!into)
        return failure;
    const std::optional<QString> from = customerFor(fromIdentity, failure);
    if (!from)
        return failure;
    if (*into == *from) {
        return fail(ExitStatus::Rejected,
                    QCoreApplication::translate("threadline-ctl", "%1 and %2 already belong to the same customer (%3)")
                        .arg(intoIdentity, fromIdentity, *into));
    }

    const core::Result<core::Customer> fromCustomer = m_store->customer(*from);
    const QString fromName = fromCustomer ? fromCustomer.value().displayName() : *from;
    const core::Result<core::Event> merged = m_store->mergeCustomers(*into, *from, m_options.agent);
    if (!merged)
        return fail(ExitStatus::Error,
                    QCoreApplication::translate("threadline-ctl", "cannot merge: %1").arg(merged.error()));

    if (m_options.json) {
        printJson(core::eventjson::toJson(merged.value()));
        return ExitStatus::Success;
    }
    const core::Result<core::Customer> intoCustomer = m_store->customer(*into);
    const QString intoName = intoCustomer ? intoCustomer.value().displayName() : *into;
    m_console.outLine(QCoreApplication::translate("threadline-ctl", "merged %1 (customer %2) into %3 (customer %4)")
                          .arg(fromName, *from, intoName, *into));
    return ExitStatus::Success;
}

bool CommandRunner::openStore(bool create) {
    const QString& path = m_options.databasePath;
    if (!create && !QFileInfo::exists(path)) {
        fail(ExitStatus::Error,
             QCoreApplication::translate("threadline-ctl", "the database %1 does not exist; create it with ingest")
                 .arg(path));
        return false;
    }
    core::Result<std::unique_ptr<store::EventStore>> store = store::EventStore::open(path);
    if (!store) {
        fail(ExitStatus::Error,
             QCoreApplication::translate("threadline-ctl", "cannot open the database %1: %2").arg(path, store.error()));
        return false;
    }
    m_store = std::move(store).value();
    return true;
}

std::optional<QString> CommandRunner::customerFor(const QString& argument, ExitStatus& failure) {
    const QUuid uuid = QUuid::fromString(argument.trimmed());
    if (!uuid.isNull()) {
        const QString id = m_store->canonicalCustomer(uuid.toString(QUuid::WithoutBraces));
        if (m_store->customer(id))
            return id;
        failure = fail(ExitStatus::Rejected,
                       QCoreApplication::translate("threadline-ctl", "no customer has the id %1").arg(argument));
        return std::nullopt;
    }

    const core::Result<core::Identity> identity = m_normalizer.normalize(identityWithKind(argument));
    if (!identity) {
        failure = fail(
            ExitStatus::Error,
            QCoreApplication::translate("threadline-ctl", "not an identity: %1: %2").arg(argument, identity.error()));
        return std::nullopt;
    }
    const QString normalized = identity.value().toString();
    const std::optional<QString> customer = m_store->customerOf(normalized);
    if (!customer) {
        failure =
            fail(ExitStatus::Rejected,
                 QCoreApplication::translate("threadline-ctl", "no customer has the identity %1").arg(normalized));
        return std::nullopt;
    }
    return m_store->canonicalCustomer(*customer);
}

ExitStatus CommandRunner::fail(ExitStatus status, const QString& message) {
    //: Prefix of every error message on stderr.
    m_console.errorLine(QCoreApplication::translate("threadline-ctl", "threadline-ctl: %1").arg(message));
    return status;
}

void CommandRunner::printJson(const QJsonValue& value) {
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_console.out(QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
}

} // namespace tl::cli
