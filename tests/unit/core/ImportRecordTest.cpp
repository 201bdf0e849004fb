#include "core/ImportRecord.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <gtest/gtest.h>

using namespace tl::core;

namespace {

Result<ImportRecord> parse(const char* line) {
    IdentityNormalizer normalizer(QStringLiteral("PL"));
    return eventjson::parseRecord(QByteArrayView(line), normalizer);
}

void expectRejected(const char* line, const char* reasonPart) {
    const Result<ImportRecord> record = parse(line);
    ASSERT_FALSE(record.ok()) << line;
    EXPECT_TRUE(record.error().contains(QString::fromUtf8(reasonPart), Qt::CaseInsensitive))
        << "reason \"" << record.error().toStdString() << "\" should mention \"" << reasonPart << "\"";
}

} // namespace

TEST(ImportRecord, ParsesTheDocumentedExample) {
    const Result<ImportRecord> record = parse(
        R"({"id": "email:<CA1234@mail.example.pl>", "channel": "email", "kind": "message.in",
            "occurred_at": "2026-11-02T09:15:00Z", "identity": "email:jan.kowalski@example.pl",
            "identities": ["phone:601 234 567"], "name": "Jan Kowalski", "author": null,
            "payload": {"subject": "Zamówienie 4471", "text": "Dzień dobry, ..."}})");
    ASSERT_TRUE(record.ok()) << record.error().toStdString();
    const Event& event = record.value().event;
    EXPECT_EQ(event.id, QStringLiteral("email:<CA1234@mail.example.pl>"));
    EXPECT_EQ(event.channel, Channel::Email);
    EXPECT_EQ(event.kind, QStringLiteral("message.in"));
    EXPECT_EQ(event.occurredAt, QDateTime(QDate(2026, 11, 2), QTime(9, 15), Qt::UTC).toMSecsSinceEpoch());
    EXPECT_EQ(event.identity, QStringLiteral("email:jan.kowalski@example.pl"));
    EXPECT_TRUE(event.author.isEmpty());
    EXPECT_TRUE(event.customer.isEmpty());
    EXPECT_EQ(event.seq, 0);
    EXPECT_EQ(event.payload.value(QStringLiteral("subject")).toString(), QStringLiteral("Zamówienie 4471"));
    EXPECT_EQ(record.value().identities, QStringList{QStringLiteral("phone:+48601234567")});
    EXPECT_EQ(record.value().name, QStringLiteral("Jan Kowalski"));
}

TEST(ImportRecord, MissingIdGetsAUuidV7AndOffsetsBecomeUtc) {
    const Result<ImportRecord> record = parse(R"({"channel": "sms", "kind": "message.in",
        "occurred_at": "2026-11-02T10:15:00.250+01:00", "identity": "phone:+48601234567", "payload": {"text": "ok"}})");
    ASSERT_TRUE(record.ok()) << record.error().toStdString();
    EXPECT_EQ(record.value().event.id.size(), 36);
    EXPECT_EQ(record.value().event.id.at(14), QLatin1Char('7'));
    EXPECT_EQ(eventjson::formatTimestamp(record.value().event.occurredAt), QStringLiteral("2026-11-02T09:15:00.250Z"));
}

TEST(ImportRecord, RejectsWithAClearReason) {
    expectRejected(R"({"channel": "email", )", "invalid JSON");
    expectRejected(R"([1, 2])", "JSON object");
    expectRejected(R"({"channel": "fax", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                      "identity": "email:a@b.pl"})",
                   "unknown channel \"fax\"");
    expectRejected(R"({"kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z", "identity": "email:a@b.pl"})",
                   "\"channel\" is missing");
    expectRejected(R"({"channel": "email", "kind": "message.sideways", "occurred_at": "2026-11-02T09:15:00Z",
                      "identity": "email:a@b.pl"})",
                   "unknown kind");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z"})",
                   "\"identity\" is missing");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                      "identity": "email:not-an-address"})",
                   "not an e-mail address");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "yesterday",
                      "identity": "email:a@b.pl"})",
                   "malformed date");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00",
                      "identity": "email:a@b.pl"})",
                   "with a zone");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "2026-13-45T09:15:00Z",
                      "identity": "email:a@b.pl"})",
                   "malformed date");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                      "identity": "email:a@b.pl", "identities": ["phone:xyz"]})",
                   "identities\"[0]");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                      "identity": "email:a@b.pl", "payload": "text"})",
                   "\"payload\" must be an object");
    expectRejected(R"({"channel": "email", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                      "identity": "email:a@b.pl", "payload": {"text": 5}})",
                   "payload.text");
    expectRejected(R"({"channel": 3, "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                      "identity": "email:a@b.pl"})",
                   "unknown channel");
}

TEST(ImportRecord, ToJsonHasTheDocumentedFields) {
    Event event;
    event.id = QStringLiteral("sms:kannel:42");
    event.seq = 7;
    event.customer = QStringLiteral("c1");
    event.channel = Channel::Sms;
    event.kind = QStringLiteral("message.out");
    event.occurredAt = QDateTime(QDate(2026, 11, 2), QTime(9, 15), Qt::UTC).toMSecsSinceEpoch();
    event.author = QStringLiteral("anna");
    event.identity = QStringLiteral("phone:+48601234567");
    event.payload = QJsonObject{{QStringLiteral("text"), QStringLiteral("Paczka wysłana")}};
    const QJsonObject json = eventjson::toJson(event);
    EXPECT_EQ(json.value(QStringLiteral("id")).toString(), event.id);
    EXPECT_EQ(json.value(QStringLiteral("customer")).toString(), QStringLiteral("c1"));
    EXPECT_EQ(json.value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
    EXPECT_EQ(json.value(QStringLiteral("occurred_at")).toString(), QStringLiteral("2026-11-02T09:15:00.000Z"));
    EXPECT_EQ(json.value(QStringLiteral("author")).toString(), QStringLiteral("anna"));
    EXPECT_EQ(json.value(QStringLiteral("payload")).toObject().value(QStringLiteral("text")).toString(),
              QStringLiteral("Paczka wysłana"));
    event.author.clear();
    EXPECT_TRUE(eventjson::toJson(event).value(QStringLiteral("author")).isNull());
}

TEST(ImportRecord, TimestampParsing) {
    EXPECT_TRUE(eventjson::parseTimestamp(u"2026-11-02T09:15:00Z").has_value());
    EXPECT_TRUE(eventjson::parseTimestamp(u"2026-11-02T09:15:00.123+03:30").has_value());
    EXPECT_FALSE(eventjson::parseTimestamp(u"2026-11-02").has_value());
    EXPECT_FALSE(eventjson::parseTimestamp(u"").has_value());
    EXPECT_EQ(*eventjson::parseTimestamp(u"2026-11-02T12:45:00+03:30"),
              *eventjson::parseTimestamp(u"2026-11-02T09:15:00Z"));
}

TEST(ImportRecord, TimestampsAreWhatQDateTimeWritesAndReads) {
    // formatTimestamp() and parseTimestamp() handle the canonical form by hand; QDateTime stays the reference.
    const auto reference = [](qint64 milliseconds) {
        return QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    const qint64 first = *eventjson::parseTimestamp(u"0001-01-01T00:00:00.000Z");
    const qint64 last = *eventjson::parseTimestamp(u"9999-12-31T23:59:59.999Z");
    EXPECT_EQ(first, QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    EXPECT_EQ(last, QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch());
    QList<qint64> instants{first,
                           first + 1,
                           last,
                           last - 1,
                           -1,
                           0,
                           1,
                           951782400000 /* 2000-02-29 */,
                           4107542399999 /* 2100-02-28T23:59:59.999 */,
                           -62135596800001 /* 0000-12-31 */,
                           253402300800000 /* 10000-01-01 */};
    QRandomGenerator random(20261201);
    for (int index = 0; index < 20000; ++index)
        instants.append(first + static_cast<qint64>(random.bounded(1.0) * static_cast<double>(last - first)));
    for (const qint64 instant : std::as_const(instants)) {
        SCOPED_TRACE(instant);
        const QString expected = reference(instant);
        EXPECT_EQ(eventjson::formatTimestamp(instant), expected);
        QByteArray appended = "x";
        eventjson::appendTimestamp(appended, instant);
        EXPECT_EQ(appended, "x" + expected.toUtf8());
        const bool inRange = instant >= first && instant <= last;
        EXPECT_EQ(eventjson::timestampInRange(instant), inRange);
        if (inRange) {
            EXPECT_EQ(eventjson::parseTimestamp(expected), instant);
            EXPECT_EQ(eventjson::parseTimestamp(expected.left(19) + u'Z'),
                      instant - instant % 1000 - (instant % 1000 < 0 ? 1000 : 0));
        }
    }
    // Near misses of the canonical form are judged by QDateTime, as before.
    for (const char16_t* text :
         {u"2026-02-29T00:00:00.000Z", u"2026-13-01T00:00:00Z", u"2026-11-02T24:00:00Z", u"2026-11-02T23:60:00Z",
          u"2026-11-02T23:59:60Z", u"0000-01-01T00:00:00Z", u"2026-11-02T09:15:00.5Z", u"2026-11-02T09:15:00.12Z",
          u"2026-11-02 09:15:00Z", u"2026-11-02T09:15:00.000z", u"2026-11-02T09:15:00,000Z",
          u"２０２６-11-02T09:15:00Z", u"  2026-11-02T09:15:00.250Z\n", u"2024-02-29T12:00:00Z"}) {
        SCOPED_TRACE(QString::fromUtf16(text).toStdString());
        const QString trimmed = QString::fromUtf16(text).trimmed();
        const QDateTime parsed = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        const std::optional<qint64> expected =
            trimmed.size() >= 20 && parsed.isValid() && parsed.timeSpec() != Qt::LocalTime
                ? std::optional<qint64>(parsed.toMSecsSinceEpoch())
                : std::nullopt;
        EXPECT_EQ(eventjson::parseTimestamp(QString::fromUtf16(text)), expected);
    }
}

namespace {

Result<Event> parseWireEvent(const char* json) {
    IdentityNormalizer normalizer(QStringLiteral("ZZ"));
    return eventjson::parseEvent(QJsonDocument::fromJson(QByteArray(json)).object(), normalizer);
}

void expectEventRejected(const char* json, const char* reasonPart) {
    const Result<Event> event = parseWireEvent(json);
    ASSERT_FALSE(event.ok()) << json;
    EXPECT_TRUE(event.error().contains(QString::fromUtf8(reasonPart)))
        << "reason \"" << event.error().toStdString() << "\" should mention \"" << reasonPart << "\"";
}

} // namespace

TEST(ImportRecord, ParseEventReadsWhatToJsonWrites) {
    Event event;
    event.id = QStringLiteral("sms:kannel:42");
    event.seq = 7;
    event.customer = QStringLiteral("c1");
    event.channel = Channel::Sms;
    event.kind = QStringLiteral("message.out");
    event.occurredAt = QDateTime(QDate(2026, 11, 2), QTime(9, 15, 0, 250), Qt::UTC).toMSecsSinceEpoch();
    event.author = QStringLiteral("anna");
    event.identity = QStringLiteral("phone:+48601234567");
    event.payload = QJsonObject{{QStringLiteral("text"), QStringLiteral("Paczka wysłana")}};
    IdentityNormalizer normalizer(QStringLiteral("ZZ"));
    const Result<Event> parsed = eventjson::parseEvent(eventjson::toJson(event), normalizer);
    ASSERT_TRUE(parsed.ok()) << parsed.error().toStdString();
    EXPECT_EQ(parsed.value(), event);

    // A merge is about customers, not an address: no identity, but a customer.
    event.kind = QStringLiteral("customer.merged");
    event.channel = Channel::System;
    event.identity.clear();
    event.author.clear();
    const Result<Event> merged = eventjson::parseEvent(eventjson::toJson(event), normalizer);
    ASSERT_TRUE(merged.ok()) << merged.error().toStdString();
    EXPECT_EQ(merged.value(), event);
}

TEST(ImportRecord, ParseEventDiffersFromParseRecordWhereDocumented) {
    // No id is made up, and ids are taken exactly.
    expectEventRejected(R"({"channel": "sms", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                            "identity": "phone:+48601234567"})",
                        "\"id\" is missing");
    expectEventRejected(R"({"id": "a ", "channel": "sms", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                            "identity": "phone:+48601234567"})",
                        "white space");
    expectEventRejected(R"({"id": 5, "channel": "sms", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                            "identity": "phone:+48601234567"})",
                        "\"id\" must be a string");
    // seq is a whole number from 0 to 2^53 - 1; missing is 0.
    const Result<Event> noSeq = parseWireEvent(R"({"id": "a", "channel": "sms", "kind": "message.in",
        "occurred_at": "2026-11-02T09:15:00Z", "identity": "phone:+48601234567"})");
    ASSERT_TRUE(noSeq.ok()) << noSeq.error().toStdString();
    EXPECT_EQ(noSeq.value().seq, 0);
    EXPECT_TRUE(noSeq.value().customer.isEmpty());
    expectEventRejected(R"({"id": "a", "seq": -2, "channel": "sms", "kind": "message.in",
                            "occurred_at": "2026-11-02T09:15:00Z", "identity": "phone:+48601234567"})",
                        "\"seq\" must not be negative");
    expectEventRejected(R"({"id": "a", "seq": 2.5, "channel": "sms", "kind": "message.in",
                            "occurred_at": "2026-11-02T09:15:00Z", "identity": "phone:+48601234567"})",
                        "\"seq\" must be a whole number");
    expectEventRejected(R"({"id": "a", "seq": 9007199254740992, "channel": "sms", "kind": "message.in",
                            "occurred_at": "2026-11-02T09:15:00Z", "identity": "phone:+48601234567"})",
                        "\"seq\" is larger than 9007199254740991");
    expectEventRejected(R"({"id": "a", "seq": "1", "channel": "sms", "kind": "message.in",
                            "occurred_at": "2026-11-02T09:15:00Z", "identity": "phone:+48601234567"})",
                        "\"seq\" must be a number");
    expectEventRejected(R"({"id": "a", "customer": 1, "channel": "sms", "kind": "message.in",
                            "occurred_at": "2026-11-02T09:15:00Z", "identity": "phone:+48601234567"})",
                        "\"customer\" must be a string");
    // Without a default region a national number cannot be read.
    expectEventRejected(R"({"id": "a", "channel": "sms", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                            "identity": "phone:601 234 567"})",
                        "\"identity\": phone number \"601 234 567\"");
    // Neither identity nor customer.
    expectEventRejected(R"({"id": "a", "channel": "system", "kind": "customer.merged",
                            "occurred_at": "2026-11-02T09:15:00Z", "identity": ""})",
                        "\"identity\" is missing (an event needs an identity or a customer)");
    // A date toJson() could not write back.
    expectEventRejected(
        R"({"id": "a", "channel": "sms", "kind": "message.in", "occurred_at": "9999-12-31T20:00:00-05:00",
                            "identity": "phone:+48601234567"})",
        "out of range");
    // The same checks as parseRecord otherwise.
    expectEventRejected(R"({"id": "a", "channel": "fax", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                            "identity": "phone:+48601234567"})",
                        "unknown channel \"fax\"");
    expectEventRejected(R"({"id": "a", "channel": "sms", "kind": "message.in", "occurred_at": "2026-11-02T09:15:00Z",
                            "identity": "phone:+48601234567", "payload": {"subject": []}})",
                        "\"payload.subject\" must be a string");
}
