#pragma once

#include "TempDatabase.h"
#include "core/ImportRecord.h"
#include "store/EventStore.h"
#include "store/StoreClient.h"

#include <QTest>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <vector>

/// Lets GoogleTest print QStrings readably in failure messages.
inline void PrintTo(const QString& text, std::ostream* stream) {
    *stream << '"' << text.toStdString() << '"';
}

namespace tl::uitest {

/// 2026-11-02T09:00:00Z, the start of every test timeline.
inline constexpr qint64 baseTime = 1793610000000;

/// A record as an import would hand it to the store. \a identity must be normalized ("email:jan@example.pl").
[[nodiscard]] core::ImportRecord record(const QString& id, core::Channel channel, const QString& kind,
                                        qint64 occurredAt, const QString& identity, const QString& text,
                                        const QString& subject = {}, const QString& name = {},
                                        const QString& author = {});

/// Opens (creating) the cache at \a path directly, for filling it and checking what the UI wrote.
[[nodiscard]] std::unique_ptr<store::EventStore> openStore(const QString& path);

/// Waits up to \a timeoutMs for \a predicate, processing events (no fixed sleeps).
[[nodiscard]] inline bool waitFor(const std::function<bool()>& predicate, int timeoutMs = 15000) {
    return QTest::qWaitFor(predicate, timeoutMs);
}

/// The standard three customers: Jan (chat, e-mail, SMS, a call; open), Maria (SMS; pending), Li (e-mail;
/// resolved). Returns nothing; look customers up with EventStore::customerOf().
void fillStandardCustomers(store::EventStore& store);

/// A fresh cache with the standard customers, open directly (m_direct, to fill and check it) and through a
/// StoreClient signed in as anna (m_client, for the widgets); m_jan is Jan's customer id.
class StandardCustomersTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_direct = openStore(m_database.path());
        ASSERT_TRUE(m_direct);
        fillStandardCustomers(*m_direct);
        m_jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl")).value_or(QString());
        m_client = std::make_unique<store::StoreClient>(m_database.path(), QStringLiteral("anna"));
    }

    testsupport::TempDatabase m_database;
    std::unique_ptr<store::EventStore> m_direct;
    std::unique_ptr<store::StoreClient> m_client;
    QString m_jan;
};

} // namespace tl::uitest
