// Fuzz target: one JSON Lines import record. Whatever the bytes, parseRecord must return a record or a
// reason, never crash; a record it accepts must carry a normalized identity that normalizes to itself.
#include "core/ImportRecord.h"

#include <QByteArrayView>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static tl::core::IdentityNormalizer normalizer(QStringLiteral("PL"));
    const auto record = tl::core::eventjson::parseRecord(
        QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), normalizer);
    if (record.ok()) {
        const auto again = normalizer.normalize(record.value().event.identity);
        if (!again.ok() || again.value().toString() != record.value().event.identity)
            std::abort(); // normalization must be idempotent
        if (record.value().event.id.isEmpty())
            std::abort();
    } else if (record.error().isEmpty()) {
        std::abort(); // a rejection must say why
    }
    return 0;
}
