#pragma once

#include "core/Event.h"

#include <QByteArray>
#include <QString>

namespace tl::store {

/// What writing an event costs besides the database: its payload as JSON and its text as the full-text index
/// stores it, both UTF-8 as SQLite takes them. Pure, so a helper thread can make it (BatchPreparer).
struct PreparedEvent final {
    /// The payload, compact JSON.
    QByteArray payload;
    /// SearchText::forIndex() of subject, text and \a name; empty when the event has no subject and no text.
    QByteArray indexText;
    /// The payload's "text" and "subject" (for the customer list's preview).
    QString text;
    QString subject;

    [[nodiscard]] static PreparedEvent of(const core::Event& event, const QString& name);
};

} // namespace tl::store
