#include "JsonLinesImporter.h"

#include <QCoreApplication>

#include "core/ImportRecord.h"

#include <QLoggingCategory>

#include <vector>

namespace tl::store {

Q_LOGGING_CATEGORY(lcImport, "threadline.store.import")

JsonLinesImporter::JsonLinesImporter(EventStore& store, core::IdentityNormalizer& normalizer)
    : m_store(store)
    , m_normalizer(normalizer) {}

core::Result<ImportReport> JsonLinesImporter::run(QIODevice& device) {
    ImportReport report;
    std::vector<core::ImportRecord> batch;
    const int batchSize = std::max(m_batchSize, 1);
    batch.reserve(static_cast<size_t>(batchSize));
    const qint64 total = device.isSequential() ? 0 : device.size();
    qint64 bytesRead = 0;

    const auto flush = [&]() -> core::Status {
        if (!batch.empty()) {
            const core::Result<IngestStats> stats = m_store.ingestBatch(batch);
            if (!stats)
                return core::Status::failure(stats.error());
            report.imported += stats.value().imported;
            report.duplicates += stats.value().duplicates;
            batch.clear();
        }
        if (m_onProgress)
            m_onProgress(bytesRead, total, report);
        return {};
    };

    while (!device.atEnd()) {
        QByteArray line = device.readLine();
        bytesRead += line.size();
        ++report.lines;
        if (report.lines == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3); // a UTF-8 byte order mark
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        core::Result<core::ImportRecord> record = core::eventjson::parseRecord(trimmed, m_normalizer);
        if (!record) {
            ++report.rejected;
            if (report.rejections.size() < ImportReport::maxKeptRejections)
                report.rejections.append(QCoreApplication::translate("tl::store::JsonLinesImporter", "line %1: %2")
                                             .arg(report.lines)
                                             .arg(record.error()));
            qCDebug(lcImport) << "line" << report.lines << "rejected:" << record.error();
            if (m_onReject)
                m_onReject(report.lines, record.error());
            continue;
        }
        batch.push_back(std::move(record).value());
        if (batch.size() >= static_cast<size_t>(batchSize)) {
            if (const core::Status status = flush(); !status)
                return core::Result<ImportReport>::failure(status.error());
        }
    }
    if (const core::Status status = flush(); !status)
        return core::Result<ImportReport>::failure(status.error());
    return report;
}

} // namespace tl::store
