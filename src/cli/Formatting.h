#pragma once

#include "TextTable.h"

#include "core/Customer.h"
#include "core/Event.h"

#include <QJsonObject>
#include <QString>

/// How threadline-ctl shows events and customers, as text and as JSON.
namespace tl::cli::formatting {

/// "2026-11-02T09:15:00Z" (ISO 8601, UTC, whole seconds); empty for 0.
[[nodiscard]] QString timestampText(qint64 millisecondsUtc);
/// \a text on one line: runs of white space, line breaks included, become one space.
[[nodiscard]] QString oneLine(const QString& text);
/// Who wrote the event: the agent for agent-written events, else the customer-side identity.
[[nodiscard]] QString eventAuthor(const core::Event& event);
/// One line saying what the event holds: subject and text of a message, direction and duration of a call,
/// the new state of a status change, ...
[[nodiscard]] QString eventSummary(const core::Event& event);

/// A timeline as a table: TIME, CHANNEL, KIND, FROM, TEXT, one row per event in the given order.
[[nodiscard]] TextTable eventTable(const QVector<core::Event>& events);

/// A customer as `customers --json` prints it: id, name, identities, state, last_activity, unread, preview.
[[nodiscard]] QJsonObject customerToJson(const core::Customer& customer);

} // namespace tl::cli::formatting
