#pragma once

#include "Channel.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace tl::core {

/// One immutable thing that happened: a message, a call phase, a note, a state change. Everything an agent
/// sees is a projection of events. See ARCHITECTURE.md, "The event log is the source of truth".
struct Event final {
    /// Globally unique; derived from the source where one exists (email:<Message-ID>, sms:<gw>:<id>, ...).
    QString id;
    /// Position in the server's log; 0 while the event is only local.
    qint64 seq = 0;
    /// The customer id, resolved from the identity at ingest.
    QString customer;
    Channel channel = Channel::System;
    /// message.in, message.out, call.ended, ... (see EventKind.h).
    QString kind;
    /// When it happened at the source, UTC, milliseconds since the epoch.
    qint64 occurredAt = 0;
    /// Agent login for agent-written events; the customer identity for customer-written ones; may be empty.
    QString author;
    /// The customer-side identity, "KIND:VALUE", normalized.
    QString identity;
    /// Channel-specific content: subject, text, html, attachments, duration, direction, ...
    QJsonObject payload;

    [[nodiscard]] QDateTime occurredAtUtc() const { return QDateTime::fromMSecsSinceEpoch(occurredAt, Qt::UTC); }

    friend bool operator==(const Event&, const Event&) = default;
};

/// The timeline's order: by occurred_at, ties by seq, then by id.
[[nodiscard]] inline bool timelineLess(const Event& left, const Event& right) {
    if (left.occurredAt != right.occurredAt)
        return left.occurredAt < right.occurredAt;
    if (left.seq != right.seq)
        return left.seq < right.seq;
    return left.id < right.id;
}

} // namespace tl::core
