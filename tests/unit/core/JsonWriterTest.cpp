#include "core/JsonWriter.h"

#include "core/ImportRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace tl;
using namespace Qt::StringLiterals;

namespace {

/// What Qt's own writer makes of \a value: the reference the hand-written JSON must equal byte for byte.
QByteArray qtJson(const QJsonValue& value) {
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray written(const QJsonValue& value) {
    QByteArray out;
    core::json::appendValue(out, value);
    return out;
}

/// A string of random UTF-16 units, biased towards what needs care: ASCII that must be escaped, every UTF-8
/// length, surrogate pairs and unpaired surrogates.
QString randomText(QRandomGenerator& random) {
    static const QList<char16_t> special{u'"',   u'\\',  u'/',   u'\b',  u'\f',  u'\n',  u'\r', u'\t',
                                         0x00,   0x01,   0x1f,   0x7f,   0x80,   0x7ff,  0x800, 0x2028,
                                         0xfeff, 0xfffd, 0xffff, 0xd800, 0xdbff, 0xdc00, 0xdfff};
    QString text;
    const int length = static_cast<int>(random.bounded(24));
    for (int index = 0; index < length; ++index) {
        switch (random.bounded(5)) {
        case 0:
            text += QChar(special.at(static_cast<int>(random.bounded(special.size()))));
            break;
        case 1:
            text += QChar(static_cast<char16_t>(random.bounded(0x10000)));
            break;
        case 2: {
            const char32_t point = 0x10000 + random.bounded(0x100000);
            text += QString::fromUcs4(&point, 1);
            break;
        }
        default:
            text += QChar(static_cast<char16_t>(0x20 + random.bounded(0x5f)));
        }
    }
    return text;
}

QJsonValue randomValue(QRandomGenerator& random, int depth) {
    switch (random.bounded(depth > 2 ? 6 : 8)) {
    case 0:
        return QJsonValue();
    case 1:
        return random.bounded(2) == 1;
    case 2:
        return static_cast<qint64>(random.generate64() >> random.bounded(64)) * (random.bounded(2) ? 1 : -1);
    case 3: {
        static const QList<double> doubles{0.0,
                                           -0.0,
                                           0.1,
                                           1.0 / 3,
                                           1e21,
                                           1e-7,
                                           123456789.125,
                                           9007199254740993.0,
                                           std::numeric_limits<double>::max(),
                                           std::numeric_limits<double>::min(),
                                           std::numeric_limits<double>::infinity()};
        return random.bounded(2) ? doubles.at(static_cast<int>(random.bounded(doubles.size())))
                                 : (random.generateDouble() - 0.5) * std::pow(10.0, random.bounded(40) - 20);
    }
    case 4:
    case 5:
        return randomText(random);
    case 6: {
        QJsonArray array;
        for (quint32 index = random.bounded(4); index > 0; --index)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (quint32 index = random.bounded(5); index > 0; --index)
            object.insert(randomText(random), randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

TEST(JsonWriter, WritesWhatQJsonDocumentWrites) {
    for (const QJsonValue& value :
         {QJsonValue(), QJsonValue(true), QJsonValue(false), QJsonValue(0), QJsonValue(-1), QJsonValue(qint64(1) << 53),
          QJsonValue(std::numeric_limits<qint64>::min()), QJsonValue(std::numeric_limits<qint64>::max()),
          QJsonValue(0.5), QJsonValue(1e300), QJsonValue(-2.5e-300), QJsonValue(u""_s),
          QJsonValue(
              u"Zażółć gęślą jaźń — 您好 — سلام 👩🏽‍💻 \"\\/\b\f\n\r\t\u0001\u007f"_s),
          QJsonValue(QJsonObject{{u"b"_s, 1}, {u"a"_s, QJsonArray{1, u"x"_s, QJsonValue()}}, {u"é"_s, QJsonObject{}}}),
          QJsonValue(QJsonArray{})}) {
        EXPECT_EQ(written(value), qtJson(value)) << qtJson(value).toStdString();
    }
    // Unpaired surrogates: Qt escapes them (\udXXX) instead of writing invalid UTF-8.
    const QString lone = QString(QChar(char16_t(0xd83d))) + u'x' + QChar(char16_t(0xdc69));
    EXPECT_EQ(written(lone), qtJson(lone));
    EXPECT_TRUE(written(lone).contains("\\ud83d"));

    QRandomGenerator random(20261201);
    for (int round = 0; round < 5000; ++round) {
        const QJsonValue value = randomValue(random, 0);
        ASSERT_EQ(written(value), qtJson(value)) << "round " << round << ": " << qtJson(value).toStdString();
    }
}

TEST(JsonWriter, AnEventIsWhatQJsonDocumentWritesOfItsJsonObject) {
    QRandomGenerator random(42);
    for (int round = 0; round < 2000; ++round) {
        core::Event event;
        event.id =
            round % 7 == 0 ? randomText(random) : u"0196f2c4-7b1a-7c3e-9a51-%1"_s.arg(round, 12, 10, QChar(u'0'));
        event.seq = round % 5 == 0 ? (qint64(1) << 53) - round : round;
        event.customer = round % 3 == 0 ? QString() : randomText(random);
        event.channel = core::allChannels.at(random.bounded(static_cast<quint32>(core::allChannels.size())));
        event.kind = round % 2 ? u"note"_s : randomText(random);
        event.occurredAt = round % 11 == 0 ? *core::eventjson::parseTimestamp(u"0001-01-01T00:00:00Z")
                                           : static_cast<qint64>(random.bounded(4102444800.0) * 1000);
        event.identity = round % 4 == 0 ? QString() : randomText(random);
        event.author = round % 2 ? QString() : randomText(random);
        const QJsonValue payload = randomValue(random, 1);
        if (payload.isObject())
            event.payload = payload.toObject();
        event.payload.insert(u"text"_s, randomText(random));

        // What the sync protocol's encoder writes for an event inside an events frame.
        const QByteArray expected = QJsonDocument(core::eventjson::toJson(event)).toJson(QJsonDocument::Compact);
        QByteArray actual;
        core::json::appendEvent(actual, event);
        ASSERT_EQ(actual, expected) << "round " << round;
    }
}
