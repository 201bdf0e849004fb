#include "JsonLinesImporter.h"

#include "core/ImportRecord.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QThread>

#include <memory>
#include <utility>
#include <vector>

namespace tl::store {

Q_LOGGING_CATEGORY(lcImport, "threadline.store.import")

namespace {

/// Lines as read from the device, not yet parsed.
struct LineBatch final {
    /// The 1-based number of lines.first().
    qint64 firstLine = 1;
    QList<QByteArray> lines;
    /// Bytes read from the device up to the end of this batch.
    qint64 bytesRead = 0;
};

/// A batch of lines after parsing: the good records and why the others were rejected.
struct ParsedBatch final {
    std::vector<core::ImportRecord> records;
    std::vector<std::pair<qint64, QString>> rejections;
    qint64 lines = 0;
    qint64 bytesRead = 0;
};

ParsedBatch parse(const LineBatch& batch, core::IdentityNormalizer& normalizer) {
    ParsedBatch parsed;
    parsed.records.reserve(static_cast<size_t>(batch.lines.size()));
    parsed.lines = batch.lines.size();
    parsed.bytesRead = batch.bytesRead;
    qint64 number = batch.firstLine;
    for (const QByteArray& line : batch.lines) {
        QByteArrayView text = QByteArrayView(line).trimmed();
        if (number == 1 && text.startsWith("\xEF\xBB\xBF"))
            text = text.sliced(3).trimmed(); // a UTF-8 byte order mark
        if (!text.isEmpty()) {
            core::Result<core::ImportRecord> record = core::eventjson::parseRecord(text, normalizer);
            if (record)
                parsed.records.push_back(std::move(record).value());
            else
                parsed.rejections.emplace_back(number, record.error());
        }
        ++number;
    }
    return parsed;
}

/// Parses one batch on a thread of its own; the destructor waits for it.
class ParseJob final {
public:
    ParseJob(LineBatch batch, core::IdentityNormalizer& normalizer)
        : m_batch(std::move(batch))
        , m_thread(QThread::create([this, &normalizer] { m_parsed = parse(m_batch, normalizer); })) {
        m_thread->start();
    }
    ~ParseJob() { m_thread->wait(); }
    ParseJob(const ParseJob&) = delete;
    ParseJob& operator=(const ParseJob&) = delete;

    /// Waits for the parse and hands over its result.
    [[nodiscard]] ParsedBatch result() {
        m_thread->wait();
        return std::move(m_parsed);
    }

private:
    LineBatch m_batch;
    ParsedBatch m_parsed;
    std::unique_ptr<QThread> m_thread;
};

} // namespace

JsonLinesImporter::JsonLinesImporter(EventStore& store, core::IdentityNormalizer& normalizer)
    : m_store(store)
    , m_normalizer(normalizer) {}

core::Result<ImportReport> JsonLinesImporter::run(QIODevice& device) {
    ImportReport report;
    const qsizetype batchSize = std::max(m_batchSize, 1);
    const qint64 total = device.isSequential() ? 0 : device.size();
    qint64 bytesRead = 0;
    qint64 linesRead = 0;

    const auto readBatch = [&] {
        LineBatch batch;
        batch.firstLine = linesRead + 1;
        while (batch.lines.size() < batchSize && !device.atEnd()) {
            batch.lines.append(device.readLine());
            bytesRead += batch.lines.constLast().size();
        }
        linesRead += batch.lines.size();
        batch.bytesRead = bytesRead;
        return batch;
    };

    // While the store writes one batch, the next one is parsed on another thread (the normalizer is used by that
    // thread only). Rejections and progress are reported here, in line order.
    LineBatch lines = readBatch();
    std::unique_ptr<ParseJob> job;
    if (!lines.lines.isEmpty())
        job = std::make_unique<ParseJob>(std::move(lines), m_normalizer);
    while (job) {
        ParsedBatch parsed = job->result();
        job.reset();
        if (LineBatch next = readBatch(); !next.lines.isEmpty())
            job = std::make_unique<ParseJob>(std::move(next), m_normalizer);

        report.lines += parsed.lines;
        for (const auto& [line, reason] : parsed.rejections) {
            ++report.rejected;
            if (report.rejections.size() < ImportReport::maxKeptRejections)
                report.rejections.append(
                    QCoreApplication::translate("tl::store::JsonLinesImporter", "line %1: %2").arg(line).arg(reason));
            qCDebug(lcImport) << "line" << line << "rejected:" << reason;
            if (m_onReject)
                m_onReject(line, reason);
        }
        if (!parsed.records.empty()) {
            const core::Result<IngestStats> stats = m_store.ingestBatch(parsed.records);
            if (!stats)
                return core::Result<ImportReport>::failure(stats.error());
            report.imported += stats.value().imported;
            report.duplicates += stats.value().duplicates;
        }
        if (m_onProgress)
            m_onProgress(parsed.bytesRead, total, report);
    }
    if (m_onProgress && report.lines == 0)
        m_onProgress(bytesRead, total, report);
    return report;
}

} // namespace tl::store
