#include "core/Uuid.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QSet>
#include <QUuid>

using namespace tl::core;

TEST(Uuid, Version7CarriesTheTimeAndIsUnique) {
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString id = createUuidV7();
        ASSERT_EQ(id.size(), 36);
        const QUuid uuid(id);
        ASSERT_FALSE(uuid.isNull());
        EXPECT_EQ(id.at(14), QLatin1Char('7')) << "version nibble"; // Qt 6.4's QUuid::version() predates v7
        EXPECT_TRUE(QStringLiteral("89ab").contains(id.at(19))) << "RFC 4122 variant";
        EXPECT_EQ(uuid.variant(), QUuid::DCE);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000);
    const QString id = createUuidV7();
    const qint64 stamped = QString(id).remove(QLatin1Char('-')).left(12).toLongLong(nullptr, 16);
    EXPECT_GE(stamped, before);
    EXPECT_LE(stamped, QDateTime::currentMSecsSinceEpoch());
}
