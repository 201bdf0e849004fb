#pragma once

#include "Event.h"
#include "IdentityNormalizer.h"
#include "Result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QStringList>

namespace tl::core {

/// One event as an import or a connector hands it over, before the store has resolved its customer.
struct ImportRecord final {
    /// event.customer is empty; event.identity is normalized; event.id is set (a UUIDv7 when none was given).
    Event event;
    /// Further normalized identities of the same person (a pre-chat form, a signature).
    QStringList identities;
    /// The person's display name, if the source knows it.
    QString name;
};

/// Reads and writes the JSON shapes of docs/import-format.md.
namespace eventjson {

/// Parses one JSON Lines record. Rejects bad JSON, an unknown channel or kind, a missing or malformed
/// identity and a malformed date, with a reason a person can act on.
[[nodiscard]] Result<ImportRecord> parseRecord(QByteArrayView line, IdentityNormalizer& normalizer);
/// Same, from an already parsed object.
[[nodiscard]] Result<ImportRecord> parseRecord(const QJsonObject& object, IdentityNormalizer& normalizer);

/// Parses one event in the shape toJson() writes — the shape the sync protocol carries (docs/protocol.md). It
/// validates channel, kind, occurred_at, identity, author and payload exactly like parseRecord, and differs in:
/// - "id" is required (a non-empty string without surrounding white space, ≤ 1000 characters); none is made up;
/// - "seq" is read: missing, null or a whole number from 0 to 2^53 - 1;
/// - "customer" is read: missing, null or a string of at most 1000 characters; "author" too is at most 1000;
/// - "identity" may be missing, null or empty when "customer" is set (a customer.merged event has none);
/// - "occurred_at" must lie in the years 1 to 9999 UTC, so that toJson() writes it back;
/// - "identities" and "name" are not part of an event and are ignored.
[[nodiscard]] Result<Event> parseEvent(const QJsonObject& object, IdentityNormalizer& normalizer);

/// An event as the CLI's --json prints it: id, seq, customer, channel, kind, occurred_at (ISO 8601 UTC with
/// milliseconds), identity, author (null when empty), payload.
[[nodiscard]] QJsonObject toJson(const Event& event);
/// "2026-11-02T09:15:00.000Z".
[[nodiscard]] QString formatTimestamp(qint64 millisecondsUtc);
/// Appends formatTimestamp(\a millisecondsUtc) as UTF-8.
void appendTimestamp(QByteArray& out, qint64 millisecondsUtc);
/// True for the instants formatTimestamp() writes so that parseTimestamp() reads them back: the years 1 to 9999 UTC.
[[nodiscard]] bool timestampInRange(qint64 millisecondsUtc);
/// Parses an ISO 8601 date-time with a zone (Z or ±hh:mm); nothing when malformed or without a zone.
[[nodiscard]] std::optional<qint64> parseTimestamp(QStringView text);

} // namespace eventjson
} // namespace tl::core
