#include "ImportRecord.h"

#include "EventKind.h"
#include "Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tl::core::eventjson {

namespace {

constexpr qsizetype maxIdLength = 1000;
constexpr qsizetype maxNameLength = 500;

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

} // namespace

std::optional<qint64> parseTimestamp(QStringView text) {
    const QString trimmed = text.trimmed().toString();
    if (trimmed.size() < 20) // "2026-11-02T09:15:00Z" is the shortest form with a zone
        return std::nullopt;
    const QDateTime dateTime = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!dateTime.isValid() || dateTime.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return dateTime.toMSecsSinceEpoch();
}

QString formatTimestamp(qint64 millisecondsUtc) {
    return QDateTime::fromMSecsSinceEpoch(millisecondsUtc, Qt::UTC).toString(Qt::ISODateWithMs);
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

    // channel and kind: required, from the known sets.
    const QJsonValue channelValue = object.value(QLatin1String("channel"));
    if (channelValue.isUndefined() || channelValue.isNull())
        return Failure::failure(QStringLiteral("\"channel\" is missing"));
    const std::optional<Channel> channel = channelFromName(channelValue.toString());
    if (!channelValue.isString() || !channel)
        return Failure::failure(
            QStringLiteral("unknown channel \"%1\" (expected one of %2)")
                .arg(channelValue.isString()
                         ? channelValue.toString()
                         : QString::fromUtf8(QJsonDocument(QJsonArray{channelValue}).toJson(QJsonDocument::Compact)),
                     allChannelNames()));
    event.channel = *channel;

    const QJsonValue kindValue = object.value(QLatin1String("kind"));
    if (kindValue.isUndefined() || kindValue.isNull())
        return Failure::failure(QStringLiteral("\"kind\" is missing"));
    if (!kindValue.isString() || !kinds::isKnown(kindValue.toString()))
        return Failure::failure(QStringLiteral("unknown kind \"%1\" (expected one of %2)")
                                    .arg(kindValue.toString(), kinds::all().join(QStringLiteral(", "))));
    event.kind = kindValue.toString();

    // occurred_at: required ISO 8601 with a zone.
    const QJsonValue occurredValue = object.value(QLatin1String("occurred_at"));
    if (occurredValue.isUndefined() || occurredValue.isNull())
        return Failure::failure(QStringLiteral("\"occurred_at\" is missing"));
    const std::optional<qint64> occurredAt = parseTimestamp(occurredValue.toString());
    if (!occurredValue.isString() || !occurredAt)
        return Failure::failure(
            QStringLiteral("malformed date \"%1\" in \"occurred_at\" (expected ISO 8601 with a zone, such as "
                           "2026-11-02T09:15:00Z)")
                .arg(occurredValue.toString()));
    event.occurredAt = *occurredAt;

    // identity: required; identities: optional further ones.
    const QJsonValue identityValue = object.value(QLatin1String("identity"));
    if (identityValue.isUndefined() || identityValue.isNull() ||
        (identityValue.isString() && identityValue.toString().trimmed().isEmpty()))
        return Failure::failure(QStringLiteral("\"identity\" is missing"));
    if (!identityValue.isString())
        return Failure::failure(QStringLiteral("\"identity\" must be a string such as \"email:jan@example.pl\""));
    const Result<Identity> identity = normalizer.normalize(identityValue.toString());
    if (!identity)
        return Failure::failure(QStringLiteral("\"identity\": %1").arg(identity.error()));
    event.identity = identity.value().toString();

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

    const Result<QString> author = optionalString(object, QLatin1String("author"));
    if (!author)
        return Failure::failure(author.error());
    event.author = author.value().trimmed();

    const QJsonValue payloadValue = object.value(QLatin1String("payload"));
    if (!payloadValue.isUndefined() && !payloadValue.isNull() && !payloadValue.isObject())
        return Failure::failure(QStringLiteral("\"payload\" must be an object"));
    event.payload = payloadValue.toObject();
    for (const QLatin1String field : {QLatin1String("text"), QLatin1String("subject")}) {
        const QJsonValue value = event.payload.value(field);
        if (!value.isUndefined() && !value.isNull() && !value.isString())
            return Failure::failure(QStringLiteral("\"payload.%1\" must be a string").arg(field));
    }
    return record;
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
