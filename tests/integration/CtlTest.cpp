// threadline-ctl end to end: the real binary over a fresh temporary database per test.
#include "CtlProcess.h"

#include "TempDatabase.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using tl::integration::CtlOutput;
using tl::integration::CtlProcess;

namespace {

QString dataFile(const QString& name) {
    return QDir(QStringLiteral(THREADLINE_CTL_TEST_DATA)).filePath(name);
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

/// Prints a run's output when an assertion about it fails.
std::string describe(const CtlOutput& output) {
    return (QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(output.exitCode).arg(output.out, output.err))
        .toStdString();
}

QStringList ids(const QJsonArray& events, bool withSystemEvents = false) {
    QStringList result;
    for (const QJsonValue& value : events) {
        const QJsonObject event = value.toObject();
        if (withSystemEvents || event.value(QStringLiteral("channel")).toString() != QLatin1String("system"))
            result.append(event.value(QStringLiteral("id")).toString());
    }
    return result;
}

QJsonObject eventById(const QJsonArray& events, const QString& id) {
    for (const QJsonValue& value : events) {
        if (value.toObject().value(QStringLiteral("id")).toString() == id)
            return value.toObject();
    }
    return {};
}

class CtlTest : public ::testing::Test {
protected:
    tl::testsupport::TempDatabase m_database;
    CtlProcess m_ctl{m_database.path()};

    /// Ingests the file with region PL and expects it to succeed.
    void ingestGood(const QString& name = QStringLiteral("good.jsonl")) {
        const CtlOutput output =
            m_ctl.run({QStringLiteral("--region"), QStringLiteral("PL"), QStringLiteral("ingest"), dataFile(name)});
        ASSERT_EQ(output.exitCode, 0) << describe(output);
    }

    QJsonArray timelineJson(const QString& identity, const QStringList& extra = {}) {
        const CtlOutput output =
            m_ctl.run(extra + QStringList{QStringLiteral("timeline"), identity, QStringLiteral("--json")});
        EXPECT_EQ(output.exitCode, 0) << describe(output);
        EXPECT_TRUE(output.json().isArray()) << describe(output);
        return output.json().array();
    }
};

} // namespace

TEST_F(CtlTest, IngestGoodFileExitsZeroAndCounts) {
    const CtlOutput output = m_ctl.run({QStringLiteral("--region"), QStringLiteral("PL"), QStringLiteral("ingest"),
                                        dataFile(QStringLiteral("good.jsonl"))});
    EXPECT_EQ(output.exitCode, 0) << describe(output);
    EXPECT_EQ(output.out.trimmed(), QStringLiteral("imported 7, duplicates 0, rejected 0")) << describe(output);
    EXPECT_TRUE(output.err.isEmpty()) << describe(output);
}

TEST_F(CtlTest, IngestNamesEveryRejectedLineAndKeepsTheGoodOnes) {
    const CtlOutput output = m_ctl.run({QStringLiteral("ingest"), dataFile(QStringLiteral("mixed.jsonl"))});
    EXPECT_EQ(output.exitCode, 1) << describe(output);
    EXPECT_EQ(output.out.trimmed(), QStringLiteral("imported 4, duplicates 0, rejected 5")) << describe(output);

    const QStringList errors = output.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(errors.size(), 5) << describe(output);
    EXPECT_TRUE(errors[0].startsWith(QStringLiteral("line 2: invalid JSON"))) << errors[0].toStdString();
    EXPECT_TRUE(errors[1].startsWith(QStringLiteral("line 4: unknown channel \"fax\""))) << errors[1].toStdString();
    EXPECT_TRUE(errors[2].startsWith(QStringLiteral("line 5: unknown kind \"message.sideways\"")))
        << errors[2].toStdString();
    EXPECT_TRUE(errors[3].startsWith(QStringLiteral("line 6: ")) && errors[3].contains(QStringLiteral("identity")))
        << errors[3].toStdString();
    EXPECT_TRUE(errors[4].startsWith(QStringLiteral("line 7: malformed date"))) << errors[4].toStdString();

    const QJsonArray events = timelineJson(QStringLiteral("email:ewa@example.pl"));
    EXPECT_EQ(ids(events), (QStringList{QStringLiteral("test:1"), QStringLiteral("test:3"), QStringLiteral("test:8"),
                                        QStringLiteral("test:10")}));
}

TEST_F(CtlTest, ReingestCountsEverythingAsDuplicate) {
    ingestGood();
    const CtlOutput again = m_ctl.run({QStringLiteral("--region"), QStringLiteral("PL"), QStringLiteral("ingest"),
                                       dataFile(QStringLiteral("good.jsonl"))});
    EXPECT_EQ(again.exitCode, 0) << describe(again);
    EXPECT_EQ(again.out.trimmed(), QStringLiteral("imported 0, duplicates 7, rejected 0")) << describe(again);
}

TEST_F(CtlTest, IngestReadsStandardInput) {
    const CtlOutput output =
        m_ctl.run({QStringLiteral("ingest"), QStringLiteral("-"), QStringLiteral("--region"), QStringLiteral("PL")},
                  readFile(dataFile(QStringLiteral("good.jsonl"))));
    EXPECT_EQ(output.exitCode, 0) << describe(output);
    EXPECT_EQ(output.out.trimmed(), QStringLiteral("imported 7, duplicates 0, rejected 0")) << describe(output);
}

TEST_F(CtlTest, IngestJsonPrintsCounts) {
    const CtlOutput output =
        m_ctl.run({QStringLiteral("ingest"), QStringLiteral("--json"), dataFile(QStringLiteral("mixed.jsonl"))});
    EXPECT_EQ(output.exitCode, 1) << describe(output);
    const QJsonObject counts = output.json().object();
    EXPECT_EQ(counts.value(QStringLiteral("imported")).toInteger(), 4);
    EXPECT_EQ(counts.value(QStringLiteral("duplicates")).toInteger(), 0);
    EXPECT_EQ(counts.value(QStringLiteral("rejected")).toInteger(), 5);
}

TEST_F(CtlTest, UsageErrorsExitTwo) {
    const QString good = dataFile(QStringLiteral("good.jsonl"));
    const CtlOutput unknownRegion =
        m_ctl.run({QStringLiteral("--region"), QStringLiteral("XX"), QStringLiteral("ingest"), good});
    EXPECT_EQ(unknownRegion.exitCode, 2) << describe(unknownRegion);
    EXPECT_TRUE(unknownRegion.err.contains(QStringLiteral("unknown region \"XX\""))) << describe(unknownRegion);
    EXPECT_FALSE(QFile::exists(m_database.path())) << "a usage error must not create the database";

    const CtlOutput unknownCommand = m_ctl.run({QStringLiteral("export")});
    EXPECT_EQ(unknownCommand.exitCode, 2) << describe(unknownCommand);
    EXPECT_TRUE(unknownCommand.err.contains(QStringLiteral("unknown command \"export\""))) << describe(unknownCommand);

    const CtlOutput noCommand = m_ctl.run({});
    EXPECT_EQ(noCommand.exitCode, 2) << describe(noCommand);

    const CtlOutput unknownOption = m_ctl.run({QStringLiteral("--frobnicate"), QStringLiteral("customers")});
    EXPECT_EQ(unknownOption.exitCode, 2) << describe(unknownOption);

    const CtlOutput noDatabase = CtlProcess::runBare({QStringLiteral("customers")});
    EXPECT_EQ(noDatabase.exitCode, 2) << describe(noDatabase);

    const CtlOutput missingArgument = m_ctl.run({QStringLiteral("merge"), QStringLiteral("email:a@example.pl")});
    EXPECT_EQ(missingArgument.exitCode, 2) << describe(missingArgument);

    const CtlOutput unreadable = m_ctl.run({QStringLiteral("ingest"), m_database.path(QStringLiteral("missing"))});
    EXPECT_EQ(unreadable.exitCode, 2) << describe(unreadable);
    EXPECT_TRUE(unreadable.err.contains(QStringLiteral("cannot read"))) << describe(unreadable);

    const CtlOutput noDatabaseYet = m_ctl.run({QStringLiteral("customers")});
    EXPECT_EQ(noDatabaseYet.exitCode, 2) << describe(noDatabaseYet);
}

TEST_F(CtlTest, HelpDocumentsEveryCommand) {
    const CtlOutput output = CtlProcess::runBare({QStringLiteral("--help")});
    EXPECT_EQ(output.exitCode, 0) << describe(output);
    for (const char* text : {"ingest FILE|-", "customers", "timeline IDENTITY", "search TEXT",
                             "merge IDENTITY IDENTITY", "--db", "--region", "--agent", "--json", "Exit status"})
        EXPECT_TRUE(output.out.contains(QLatin1String(text))) << text << "\n" << describe(output);
}

TEST_F(CtlTest, TimelineIsTheSameForEveryFormOfEveryIdentity) {
    ingestGood();
    const QStringList region{QStringLiteral("--region"), QStringLiteral("PL")};
    const QJsonArray reference = timelineJson(QStringLiteral("phone:601 234 567"), region);

    // Ordered by occurred_at although the file lists the SMS after the call.
    EXPECT_EQ(ids(reference),
              (QStringList{QStringLiteral("email:<CA4471@mail.example.pl>"),
                           QStringLiteral("email:<re-4471@threadline.example>"), QStringLiteral("sms:kannel:1001"),
                           QStringLiteral("call:a84b2c@pbx.example:ended")}));
    QString previous;
    for (const QJsonValue& event : reference) {
        const QString occurredAt = event.toObject().value(QStringLiteral("occurred_at")).toString();
        EXPECT_LE(previous, occurredAt);
        previous = occurredAt;
    }

    // Numbers written without a country code (or with the "00" international prefix) need the region.
    for (const QString& identity : {QStringLiteral("phone:0048601234567"), QStringLiteral("phone:601234567"),
                                    QStringLiteral("601-234-567"), QStringLiteral("phone:+48 601 234 567")}) {
        EXPECT_EQ(timelineJson(identity, region), reference) << identity.toStdString();
    }
    for (const QString& identity :
         {QStringLiteral("phone:+48601234567"), QStringLiteral("+48 601 234 567"),
          QStringLiteral("email:Jan.Kowalski@EXAMPLE.pl"), QStringLiteral("jan.kowalski@example.pl")}) {
        EXPECT_EQ(timelineJson(identity), reference) << identity.toStdString();
    }

    // The customer id names the same timeline.
    const QString customer = reference.first().toObject().value(QStringLiteral("customer")).toString();
    EXPECT_EQ(timelineJson(customer), reference);
}

TEST_F(CtlTest, TimelineJsonHasEveryField) {
    ingestGood();
    const QJsonArray events = timelineJson(QStringLiteral("email:jan.kowalski@example.pl"));
    ASSERT_FALSE(events.isEmpty());
    static const QRegularExpression isoUtc(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$"));
    for (const QJsonValue& value : events) {
        const QJsonObject event = value.toObject();
        for (const char* field : {"id", "customer", "channel", "kind", "occurred_at", "identity"}) {
            EXPECT_TRUE(event.value(QLatin1String(field)).isString()) << field;
            EXPECT_FALSE(event.value(QLatin1String(field)).toString().isEmpty()) << field;
        }
        EXPECT_TRUE(event.contains(QStringLiteral("author")));
        EXPECT_TRUE(event.value(QStringLiteral("payload")).isObject());
        EXPECT_TRUE(isoUtc.match(event.value(QStringLiteral("occurred_at")).toString()).hasMatch());
    }
    const QJsonObject first = eventById(events, QStringLiteral("email:<CA4471@mail.example.pl>"));
    EXPECT_EQ(first.value(QStringLiteral("kind")).toString(), QStringLiteral("message.in"));
    EXPECT_EQ(first.value(QStringLiteral("channel")).toString(), QStringLiteral("email"));
    EXPECT_TRUE(first.value(QStringLiteral("author")).isNull());
    EXPECT_EQ(first.value(QStringLiteral("occurred_at")).toString(), QStringLiteral("2026-11-02T09:15:00.000Z"));
    EXPECT_EQ(first.value(QStringLiteral("identity")).toString(), QStringLiteral("email:jan.kowalski@example.pl"));
    EXPECT_EQ(first.value(QStringLiteral("payload")).toObject().value(QStringLiteral("subject")).toString(),
              QStringLiteral("Zamówienie 4471"));
    const CtlOutput unknown = m_ctl.run({QStringLiteral("timeline"), QStringLiteral("email:nobody@example.pl")});
    EXPECT_EQ(unknown.exitCode, 1) << describe(unknown);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("email:nobody@example.pl"))) << describe(unknown);
}

TEST_F(CtlTest, TimelineTextShowsEveryEventInUtf8) {
    ingestGood();
    const CtlOutput output = m_ctl.run({QStringLiteral("timeline"), QStringLiteral("email:jan.kowalski@example.pl")});
    EXPECT_EQ(output.exitCode, 0) << describe(output);
    EXPECT_TRUE(output.out.contains(QStringLiteral("Jan Kowalski"))) << describe(output);
    EXPECT_TRUE(output.out.contains(QStringLiteral("Zamówienie 4471: Dzień dobry"))) << describe(output);
    EXPECT_TRUE(output.out.contains(QStringLiteral("2026-11-03T10:30:00Z"))) << describe(output);
    EXPECT_TRUE(output.out.contains(QStringLiteral("3:05"))) << "the call's duration\n" << describe(output);
}

TEST_F(CtlTest, CustomersJsonListsEveryCustomer) {
    ingestGood();
    const CtlOutput output = m_ctl.run({QStringLiteral("customers"), QStringLiteral("--json")});
    EXPECT_EQ(output.exitCode, 0) << describe(output);
    const QJsonArray customers = output.json().array();
    ASSERT_EQ(customers.size(), 4) << describe(output);
    QStringList names;
    for (const QJsonValue& value : customers) {
        const QJsonObject customer = value.toObject();
        EXPECT_FALSE(customer.value(QStringLiteral("id")).toString().isEmpty());
        EXPECT_TRUE(customer.value(QStringLiteral("identities")).isArray());
        EXPECT_FALSE(customer.value(QStringLiteral("identities")).toArray().isEmpty());
        names.append(customer.value(QStringLiteral("name")).toString());
        if (names.last() == QLatin1String("Jan Kowalski")) {
            const QJsonArray identities = customer.value(QStringLiteral("identities")).toArray();
            EXPECT_TRUE(identities.contains(QStringLiteral("email:jan.kowalski@example.pl")));
            EXPECT_TRUE(identities.contains(QStringLiteral("phone:+48601234567")));
        }
    }
    names.sort();
    EXPECT_EQ(names, (QStringList{QStringLiteral("Jan Kowalski"), QStringLiteral("Ольга Смирнова"),
                                  QStringLiteral("مریم احمدی"), QStringLiteral("李伟")}));

    const CtlOutput text = m_ctl.run({QStringLiteral("customers")});
    EXPECT_EQ(text.exitCode, 0) << describe(text);
    EXPECT_TRUE(text.out.contains(QStringLiteral("李伟"))) << describe(text);
}

TEST_F(CtlTest, SearchFindsTextInEveryLanguage) {
    ingestGood();
    const QList<std::pair<QString, QString>> cases{
        {QStringLiteral("paczka"), QStringLiteral("Jan Kowalski")},
        {QStringLiteral("доставка"), QStringLiteral("Ольга Смирнова")},
        {QStringLiteral("سفارش"), QStringLiteral("مریم احمدی")},
        {QStringLiteral("退款"), QStringLiteral("李伟")},
    };
    for (const auto& [text, customer] : cases) {
        const CtlOutput output = m_ctl.run({QStringLiteral("search"), text, QStringLiteral("--json")});
        EXPECT_EQ(output.exitCode, 0) << describe(output);
        const QJsonArray hits = output.json().array();
        ASSERT_FALSE(hits.isEmpty()) << text.toStdString() << "\n" << describe(output);
        for (const QJsonValue& hit : hits) {
            EXPECT_EQ(hit.toObject().value(QStringLiteral("customer_name")).toString(), customer) << text.toStdString();
        }
        const CtlOutput plain = m_ctl.run({QStringLiteral("search"), text});
        EXPECT_TRUE(plain.out.contains(customer)) << describe(plain);
    }
}

TEST_F(CtlTest, MergeJoinsTwoCustomersIntoOneTimeline) {
    const QByteArray input =
        "{\"id\": \"m:1\", \"channel\": \"email\", \"kind\": \"message.in\", \"occurred_at\": "
        "\"2026-11-10T09:00:00Z\", \"identity\": \"email:ewa.nowak@example.pl\", \"name\": \"Ewa Nowak\", "
        "\"payload\": {\"text\": \"Dzień dobry\"}}\n"
        "{\"id\": \"m:2\", \"channel\": \"sms\", \"kind\": \"message.in\", \"occurred_at\": "
        "\"2026-11-11T09:00:00Z\", \"identity\": \"phone:+48 602 345 678\", \"payload\": {\"text\": \"To ja, Ewa\"}}\n";
    const CtlOutput ingest = m_ctl.run({QStringLiteral("ingest"), QStringLiteral("-")}, input);
    ASSERT_EQ(ingest.exitCode, 0) << describe(ingest);
    ASSERT_EQ(ids(timelineJson(QStringLiteral("email:ewa.nowak@example.pl"))), QStringList{QStringLiteral("m:1")});

    const QStringList merge{
        QStringLiteral("--region"),         QStringLiteral("PL"),    QStringLiteral("--agent"),
        QStringLiteral("supervisor"),       QStringLiteral("merge"), QStringLiteral("email:Ewa.Nowak@example.pl"),
        QStringLiteral("phone:602 345 678")};
    const CtlOutput merged = m_ctl.run(merge);
    EXPECT_EQ(merged.exitCode, 0) << describe(merged);

    const QJsonArray byEmail = timelineJson(QStringLiteral("email:ewa.nowak@example.pl"));
    const QJsonArray byPhone = timelineJson(QStringLiteral("phone:+48602345678"));
    EXPECT_EQ(byEmail, byPhone);
    EXPECT_EQ(ids(byEmail), (QStringList{QStringLiteral("m:1"), QStringLiteral("m:2")}));
    bool sawMerge = false;
    for (const QJsonValue& value : byEmail) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("kind")).toString() == QLatin1String("customer.merged")) {
            sawMerge = true;
            EXPECT_EQ(event.value(QStringLiteral("author")).toString(), QStringLiteral("supervisor"));
        }
    }
    EXPECT_TRUE(sawMerge) << "no customer.merged event in the timeline";

    const CtlOutput customers = m_ctl.run({QStringLiteral("customers"), QStringLiteral("--json")});
    EXPECT_EQ(customers.json().array().size(), 1) << describe(customers);

    const CtlOutput again = m_ctl.run(merge);
    EXPECT_EQ(again.exitCode, 1) << describe(again);
    EXPECT_TRUE(again.err.contains(QStringLiteral("same customer"))) << describe(again);

    const CtlOutput unknown = m_ctl.run({QStringLiteral("merge"), QStringLiteral("email:ewa.nowak@example.pl"),
                                         QStringLiteral("email:nobody@example.pl")});
    EXPECT_EQ(unknown.exitCode, 1) << describe(unknown);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("email:nobody@example.pl"))) << describe(unknown);
}

TEST_F(CtlTest, BundledSampleHistoryIngestsWithoutRejections) {
    const CtlOutput output = m_ctl.run({QStringLiteral("--region"), QStringLiteral("PL"), QStringLiteral("ingest"),
                                        tl::testsupport::sourcePath(QStringLiteral("resources/sample/history.jsonl"))});
    EXPECT_EQ(output.exitCode, 0) << describe(output);
    EXPECT_TRUE(output.out.trimmed().endsWith(QStringLiteral("duplicates 0, rejected 0"))) << describe(output);
    EXPECT_TRUE(output.err.isEmpty()) << describe(output);

    const QStringList region{QStringLiteral("--region"), QStringLiteral("PL")};
    const CtlOutput customers = m_ctl.run({QStringLiteral("customers"), QStringLiteral("--json")});
    EXPECT_EQ(customers.json().array().size(), 8) << describe(customers);

    // Jan Kowalski's thread crosses e-mail, SMS and voice whichever way his number is written.
    const QJsonArray jan = timelineJson(QStringLiteral("phone:601 234 567"), region);
    EXPECT_EQ(jan, timelineJson(QStringLiteral("email:jan.kowalski@example.pl")));
    QSet<QString> channels;
    for (const QJsonValue& event : jan)
        channels.insert(event.toObject().value(QStringLiteral("channel")).toString());
    for (const char* channel : {"email", "sms", "voice", "note", "system"})
        EXPECT_TRUE(channels.contains(QLatin1String(channel))) << channel;

    // Olga's pre-chat form joined her chat, e-mail and phone.
    EXPECT_EQ(timelineJson(QStringLiteral("phone:+7 916 123 45 67")), timelineJson(QStringLiteral("chat:v-3f9a1c07")));

    // Sarah's signature proved the earlier SMS sender to be her: the two customers became one.
    const QJsonArray sarah = timelineJson(QStringLiteral("phone:+44 7911 123456"));
    EXPECT_EQ(sarah, timelineJson(QStringLiteral("email:sarah.m@fastmail.example")));
    bool merged = false;
    for (const QJsonValue& event : sarah)
        merged =
            merged || event.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("customer.merged");
    EXPECT_TRUE(merged) << "no customer.merged event in Sarah Mitchell's timeline";
}

TEST_F(CtlTest, DoesNotLinkWidgetsOrGui) {
    // The DT_NEEDED entries of an ELF file are plain strings in it.
    const QByteArray binary = readFile(CtlProcess::program());
    ASSERT_FALSE(binary.isEmpty());
    EXPECT_FALSE(binary.contains("libQt6Widgets.so"));
    EXPECT_FALSE(binary.contains("libQt6Gui.so"));
    EXPECT_TRUE(binary.contains("libQt6Core.so"));
}
