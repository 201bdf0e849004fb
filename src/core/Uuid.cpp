#include "Uuid.h"

#include <QByteArray>
#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

#include <array>

namespace tl::core {

QString createUuidV7() {
    const quint64 milliseconds = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    std::array<quint32, 3> random{};
    QRandomGenerator::system()->fillRange(random.data(), random.size());

    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 6; ++i)
        bytes[i] = static_cast<char>(milliseconds >> (8 * (5 - i)));
    for (int i = 6; i < 16; ++i)
        bytes[i] = static_cast<char>(random[static_cast<size_t>(i - 6) / 4] >> (8 * ((i - 6) % 4)));
    bytes[6] = static_cast<char>(0x70 | (bytes[6] & 0x0F)); // version 7
    bytes[8] = static_cast<char>(0x80 | (bytes[8] & 0x3F)); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

} // namespace tl::core
