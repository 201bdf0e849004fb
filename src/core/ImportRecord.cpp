#include "ImportRecord.h"

#include "EventKind.h"
#include "Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace tl::core::eventjson {

namespace {

constexpr qsizetype maxIdLength = 1000;
constexpr qsizetype maxNameLength = 500;
/// The largest integer a JSON number (an IEEE double) holds exactly: 2^53 - 1.
constexpr qint64 maxSafeInteger = (qint64(1) << 53) - 1;

QString allChannelNames() {
    QStringList names;
    for (Channel channel : allChannels)
        names.append(channelName(channel));
    return names.join(QStringLiteral(", "));
}

/// Reads an optional string field: missing or null gives an empty string; anything else but a string fails.
Result<QString> optionalString(const QJsonObject& object, QLatin1String field) {
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return Result<QString>::failure(QStringLiteral("\"%1\" must be a string").arg(field));
    return value.toString();
}

/// channel, kind and occurred_at: required, from the known sets and ISO 8601 with a zone.
Status readClassification(const QJsonObject& object, Event& event) {
    const QJsonValue channelValue = object.value(QLatin1String("channel"));
    if (channelValue.isUndefined() || channelValue.isNull())
        return Status::failure(QStringLiteral("\"channel\" is missing"));
    const std::optional<Channel> channel = channelFromName(channelValue.toString());
    if (!channelValue.isString() || !channel)
        return Status::failure(
            QStringLiteral("unknown channel \"%1\" (expected one of %2)")
                .arg(channelValue.isString()
                         ? channelValue.toString()
                         : QString::fromUtf8(QJsonDocument(QJsonArray{channelValue}).toJson(QJsonDocument::Compact)),
                     allChannelNames()));
    event.channel = *channel;

    const QJsonValue kindValue = object.value(QLatin1String("kind"));
    if (kindValue.isUndefined() || kindValue.isNull())
        return Status::failure(QStringLiteral("\"kind\" is missing"));
    if (!kindValue.isString() || !kinds::isKnown(kindValue.toString()))
        return Status::failure(QStringLiteral("unknown kind \"%1\" (expected one of %2)")
                                   .arg(kindValue.toString(), kinds::all().join(QStringLiteral(", "))));
    event.kind = kindValue.toString();

    const QJsonValue occurredValue = object.value(QLatin1String("occurred_at"));
    if (occurredValue.isUndefined() || occurredValue.isNull())
        return Status::failure(QStringLiteral("\"occurred_at\" is missing"));
    const std::optional<qint64> occurredAt = parseTimestamp(occurredValue.toString());
    if (!occurredValue.isString() || !occurredAt)
        return Status::failure(
            QStringLiteral("malformed date \"%1\" in \"occurred_at\" (expected ISO 8601 with a zone, such as "
                           "2026-11-02T09:15:00Z)")
                .arg(occurredValue.toString()));
    event.occurredAt = *occurredAt;
    return {};
}

/// A present, non-empty identity: a string that normalizes.
Status readIdentity(const QJsonValue& identityValue, IdentityNormalizer& normalizer, Event& event) {
    if (!identityValue.isString())
        return Status::failure(QStringLiteral("\"identity\" must be a string such as \"email:jan@example.pl\""));
    const Result<Identity> identity = normalizer.normalize(identityValue.toString());
    if (!identity)
        return Status::failure(QStringLiteral("\"identity\": %1").arg(identity.error()));
    event.identity = identity.value().toString();
    return {};
}

/// author: optional string; payload: optional object whose text and subject are strings.
Status readAuthorAndPayload(const QJsonObject& object, Event& event) {
    const Result<QString> author = optionalString(object, QLatin1String("author"));
    if (!author)
        return Status::failure(author.error());
    event.author = author.value().trimmed();

    const QJsonValue payloadValue = object.value(QLatin1String("payload"));
    if (!payloadValue.isUndefined() && !payloadValue.isNull() && !payloadValue.isObject())
        return Status::failure(QStringLiteral("\"payload\" must be an object"));
    event.payload = payloadValue.toObject();
    for (const QLatin1String field : {QLatin1String("text"), QLatin1String("subject")}) {
        const QJsonValue value = event.payload.value(field);
        if (!value.isUndefined() && !value.isNull() && !value.isString())
            return Status::failure(QStringLiteral("\"payload.%1\" must be a string").arg(field));
    }
    return {};
}

// ---- timestamps: the canonical form "2026-11-02T09:15:00.000Z" by hand (QDateTime's ISO parsing and formatting
// cost several microseconds per event on the sync path); anything else goes through QDateTime.

constexpr qint64 millisecondsPerDay = 86'400'000;
/// "YYYY-MM-DDTHH:MM:SS.mmmZ"
constexpr qsizetype timestampLength = 24;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr qint64 daysFromCivil(qint64 year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<qint64>(dayOfEra) - 719468;
}

/// 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: what formatTimestamp() writes and parseTimestamp()
/// reads back.
constexpr qint64 firstTimestamp = daysFromCivil(1, 1, 1) * millisecondsPerDay;
constexpr qint64 lastTimestamp = daysFromCivil(10000, 1, 1) * millisecondsPerDay - 1;

struct CivilDate final {
    qint64 year;
    unsigned month;
    unsigned day;
};

/// The date of a day since 1970-01-01 (H. Hinnant's civil_from_days).
constexpr CivilDate civilFromDays(qint64 days) {
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const unsigned month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    return CivilDate{static_cast<qint64>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

void writeDigits(char* out, qint64 value, int digits) {
    for (int index = digits - 1; index >= 0; --index) {
        out[index] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

/// Writes \a millisecondsUtc (between firstTimestamp and lastTimestamp) as "YYYY-MM-DDTHH:MM:SS.mmmZ".
void writeTimestamp(qint64 millisecondsUtc, char* out) {
    const qint64 days = millisecondsUtc >= 0 ? millisecondsUtc / millisecondsPerDay
                                             : -((-millisecondsUtc + millisecondsPerDay - 1) / millisecondsPerDay);
    const qint64 ofDay = millisecondsUtc - days * millisecondsPerDay;
    const CivilDate date = civilFromDays(days);
    writeDigits(out, date.year, 4);
    out[4] = '-';
    writeDigits(out + 5, date.month, 2);
    out[7] = '-';
    writeDigits(out + 8, date.day, 2);
    out[10] = 'T';
    writeDigits(out + 11, ofDay / 3'600'000, 2);
    out[13] = ':';
    writeDigits(out + 14, ofDay / 60'000 % 60, 2);
    out[16] = ':';
    writeDigits(out + 17, ofDay / 1000 % 60, 2);
    out[19] = '.';
    writeDigits(out + 20, ofDay % 1000, 3);
    out[23] = 'Z';
}

/// The canonical forms "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DDTHH:MM:SS.mmmZ" (years 1 to 9999, every field in
/// range); nothing for anything else, which QDateTime then judges.
std::optional<qint64> parseCanonicalTimestamp(QStringView text) {
    if (text.size() != 20 && text.size() != timestampLength)
        return std::nullopt;
    const auto number = [&text](qsizetype at, qsizetype digits) -> std::optional<unsigned> {
        unsigned value = 0;
        for (qsizetype index = at; index < at + digits; ++index) {
            const char16_t c = text[index].unicode();
            if (c < u'0' || c > u'9')
                return std::nullopt;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const auto is = [&text](qsizetype at, char16_t c) {
        return text[at].unicode() == c;
    };
    if (!is(4, u'-') || !is(7, u'-') || !is(10, u'T') || !is(13, u':') || !is(16, u':') || !is(text.size() - 1, u'Z'))
        return std::nullopt;
    const auto year = number(0, 4);
    const auto month = number(5, 2);
    const auto day = number(8, 2);
    const auto hour = number(11, 2);
    const auto minute = number(14, 2);
    const auto second = number(17, 2);
    std::optional<unsigned> millisecond = 0u;
    if (text.size() == timestampLength)
        millisecond = is(19, u'.') ? number(20, 3) : std::nullopt;
    if (!year || !month || !day || !hour || !minute || !second || !millisecond || *year < 1 || *month < 1 ||
        *month > 12 || *day < 1 || *hour > 23 || *minute > 59 || *second > 59)
        return std::nullopt;
    static constexpr unsigned monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
    if (*day > monthDays[*month - 1] + (*month == 2 && leap ? 1 : 0))
        return std::nullopt;
    return daysFromCivil(*year, *month, *day) * millisecondsPerDay +
           ((static_cast<qint64>(*hour) * 60 + *minute) * 60 + *second) * 1000 + *millisecond;
}

} // namespace

std::optional<qint64> parseTimestamp(QStringView text) {
    text = text.trimmed();
    if (const std::optional<qint64> canonical = parseCanonicalTimestamp(text))
        return canonical;
    const QString trimmed = text.toString();
    if (trimmed.size() < 20) // "2026-11-02T09:15:00Z" is the shortest form with a zone
        return std::nullopt;
    const QDateTime dateTime = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!dateTime.isValid() || dateTime.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return dateTime.toMSecsSinceEpoch();
}

QString formatTimestamp(qint64 millisecondsUtc) {
    if (millisecondsUtc < firstTimestamp || millisecondsUtc > lastTimestamp)
        return QDateTime::fromMSecsSinceEpoch(millisecondsUtc, Qt::UTC).toString(Qt::ISODateWithMs);
    char text[timestampLength];
    writeTimestamp(millisecondsUtc, text);
    return QString::fromLatin1(text, timestampLength);
}

void appendTimestamp(QByteArray& out, qint64 millisecondsUtc) {
    if (millisecondsUtc < firstTimestamp || millisecondsUtc > lastTimestamp) {
        out += formatTimestamp(millisecondsUtc).toUtf8();
        return;
    }
    char text[timestampLength];
    writeTimestamp(millisecondsUtc, text);
    out.append(text, timestampLength);
}

bool timestampInRange(qint64 millisecondsUtc) {
    return millisecondsUtc >= firstTimestamp && millisecondsUtc <= lastTimestamp;
}

Result<ImportRecord> parseRecord(QByteArrayView line, IdentityNormalizer& normalizer) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return Result<ImportRecord>::failure(
            QStringLiteral("invalid JSON at column %1: %2").arg(error.offset + 1).arg(error.errorString()));
    if (!document.isObject())
        return Result<ImportRecord>::failure(QStringLiteral("a line must hold one JSON object"));
    return parseRecord(document.object(), normalizer);
}

Result<ImportRecord> parseRecord(const QJsonObject& object, IdentityNormalizer& normalizer) {
    using Failure = Result<ImportRecord>;
    ImportRecord record;
    Event& event = record.event;

    // id: optional; made when missing so that every event has one.
    const Result<QString> id = optionalString(object, QLatin1String("id"));
    if (!id)
        return Failure::failure(id.error());
    if (id.value().size() > maxIdLength)
        return Failure::failure(QStringLiteral("\"id\" is longer than %1 characters").arg(maxIdLength));
    event.id = id.value().trimmed().isEmpty() ? createUuidV7() : id.value().trimmed();

    if (const Status status = readClassification(object, event); !status)
        return Failure::failure(status.error());

    // identity: required; identities: optional further ones.
    const QJsonValue identityValue = object.value(QLatin1String("identity"));
    if (identityValue.isUndefined() || identityValue.isNull() ||
        (identityValue.isString() && identityValue.toString().trimmed().isEmpty()))
        return Failure::failure(QStringLiteral("\"identity\" is missing"));
    if (const Status status = readIdentity(identityValue, normalizer, event); !status)
        return Failure::failure(status.error());

    const QJsonValue identitiesValue = object.value(QLatin1String("identities"));
    if (!identitiesValue.isUndefined() && !identitiesValue.isNull()) {
        if (!identitiesValue.isArray())
            return Failure::failure(QStringLiteral("\"identities\" must be an array of strings"));
        const QJsonArray identities = identitiesValue.toArray();
        for (qsizetype i = 0; i < identities.size(); ++i) {
            if (!identities.at(i).isString())
                return Failure::failure(QStringLiteral("\"identities\"[%1] must be a string").arg(i));
            const Result<Identity> further = normalizer.normalize(identities.at(i).toString());
            if (!further)
                return Failure::failure(QStringLiteral("\"identities\"[%1]: %2").arg(i).arg(further.error()));
            const QString text = further.value().toString();
            if (text != event.identity && !record.identities.contains(text))
                record.identities.append(text);
        }
    }

    const Result<QString> name = optionalString(object, QLatin1String("name"));
    if (!name)
        return Failure::failure(name.error());
    if (name.value().size() > maxNameLength)
        return Failure::failure(QStringLiteral("\"name\" is longer than %1 characters").arg(maxNameLength));
    record.name = name.value().simplified();

    if (const Status status = readAuthorAndPayload(object, event); !status)
        return Failure::failure(status.error());
    return record;
}

Result<Event> parseEvent(const QJsonObject& object, IdentityNormalizer& normalizer) {
    using Failure = Result<Event>;
    Event event;

    // id: required and taken as it is; whoever acknowledges or deduplicates it must see the same string.
    const QJsonValue idValue = object.value(QLatin1String("id"));
    if (idValue.isUndefined() || idValue.isNull() || (idValue.isString() && idValue.toString().isEmpty()))
        return Failure::failure(QStringLiteral("\"id\" is missing"));
    if (!idValue.isString())
        return Failure::failure(QStringLiteral("\"id\" must be a string"));
    event.id = idValue.toString();
    if (event.id.size() > maxIdLength)
        return Failure::failure(QStringLiteral("\"id\" is longer than %1 characters").arg(maxIdLength));
    if (event.id.trimmed().size() != event.id.size())
        return Failure::failure(QStringLiteral("\"id\" must not begin or end with white space"));

    const QJsonValue seqValue = object.value(QLatin1String("seq"));
    if (!seqValue.isUndefined() && !seqValue.isNull()) {
        if (!seqValue.isDouble())
            return Failure::failure(QStringLiteral("\"seq\" must be a number"));
        const double seq = seqValue.toDouble();
        if (std::trunc(seq) != seq)
            return Failure::failure(QStringLiteral("\"seq\" must be a whole number"));
        if (seq < 0)
            return Failure::failure(QStringLiteral("\"seq\" must not be negative"));
        if (seq > static_cast<double>(maxSafeInteger))
            return Failure::failure(QStringLiteral("\"seq\" is larger than %1").arg(maxSafeInteger));
        event.seq = static_cast<qint64>(seq);
    }

    const Result<QString> customer = optionalString(object, QLatin1String("customer"));
    if (!customer)
        return Failure::failure(customer.error());
    if (customer.value().size() > maxIdLength)
        return Failure::failure(QStringLiteral("\"customer\" is longer than %1 characters").arg(maxIdLength));
    event.customer = customer.value();

    if (const Status status = readClassification(object, event); !status)
        return Failure::failure(status.error());
    if (!timestampInRange(event.occurredAt))
        return Failure::failure(QStringLiteral("\"occurred_at\" \"%1\" is out of range (years 1 to 9999 UTC)")
                                    .arg(object.value(QLatin1String("occurred_at")).toString()));

    // identity: required unless the event names its customer.
    const QJsonValue identityValue = object.value(QLatin1String("identity"));
    if (identityValue.isUndefined() || identityValue.isNull() ||
        (identityValue.isString() && identityValue.toString().trimmed().isEmpty())) {
        if (event.customer.isEmpty())
            return Failure::failure(
                QStringLiteral("\"identity\" is missing (an event needs an identity or a customer)"));
    } else if (const Status status = readIdentity(identityValue, normalizer, event); !status) {
        return Failure::failure(status.error());
    }

    if (const Status status = readAuthorAndPayload(object, event); !status)
        return Failure::failure(status.error());
    if (event.author.size() > maxIdLength)
        return Failure::failure(QStringLiteral("\"author\" is longer than %1 characters").arg(maxIdLength));
    return event;
}

QJsonObject toJson(const Event& event) {
    return QJsonObject{
        {QStringLiteral("id"), event.id},
        {QStringLiteral("seq"), event.seq},
        {QStringLiteral("customer"), event.customer},
        {QStringLiteral("channel"), channelName(event.channel)},
        {QStringLiteral("kind"), event.kind},
        {QStringLiteral("occurred_at"), formatTimestamp(event.occurredAt)},
        {QStringLiteral("identity"), event.identity},
        {QStringLiteral("author"), event.author.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(event.author)},
        {QStringLiteral("payload"), event.payload},
    };
}

} // namespace tl::core::eventjson
