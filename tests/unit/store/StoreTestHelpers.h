#pragma once

#include "core/Channel.h"
#include "core/EventKind.h"
#include "core/ImportRecord.h"
#include "store/EventStore.h"

#include <gtest/gtest.h>

#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace tl::store::test {

/// 2026-01-01T00:00:00Z plus \a minutes.
inline qint64 at(int minutes) {
    return 1767225600000LL + qint64(minutes) * 60'000;
}

/// A record as an import would hand it over.
inline core::ImportRecord record(const QString& id, const QString& identity, int minutes,
                                 const QString& kind = core::kinds::MessageIn, const QString& text = {},
                                 core::Channel channel = core::Channel::Email, const QStringList& identities = {},
                                 const QString& name = {}) {
    core::ImportRecord result;
    result.event.id = id;
    result.event.identity = identity;
    result.event.occurredAt = at(minutes);
    result.event.kind = kind;
    result.event.channel = channel;
    result.event.author = core::kinds::isInbound(kind) ? identity : QStringLiteral("agent.anna");
    if (!text.isEmpty())
        result.event.payload.insert(QStringLiteral("text"), text);
    result.identities = identities;
    result.name = name;
    return result;
}

inline std::unique_ptr<EventStore> openStore(const QString& path) {
    auto opened = EventStore::open(path);
    EXPECT_TRUE(opened.ok()) << opened.error().toStdString();
    return opened ? std::move(opened).value() : nullptr;
}

inline AppendOutcome ingestOk(EventStore& store, const core::ImportRecord& record) {
    const auto outcome = store.ingest(record);
    EXPECT_TRUE(outcome.ok()) << outcome.error().toStdString();
    return outcome.ok() ? outcome.value() : AppendOutcome::Duplicate;
}

inline QStringList idsOf(const QVector<core::Event>& events) {
    QStringList ids;
    for (const core::Event& event : events)
        ids.append(event.id);
    return ids;
}

inline QStringList kindsOf(const QVector<core::Event>& events) {
    QStringList kinds;
    for (const core::Event& event : events)
        kinds.append(event.kind);
    return kinds;
}

} // namespace tl::store::test

// Readable QString in gtest messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& text, std::ostream* out) {
    *out << '"' << text.toStdString() << '"';
}
QT_END_NAMESPACE
