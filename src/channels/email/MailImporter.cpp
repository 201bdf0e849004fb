#include "MailImporter.h"

#include "MailParser.h"

#include "store/EventStore.h"

#include <QLoggingCategory>

#include <vector>

namespace tl::email {

Q_LOGGING_CATEGORY(lcMailImport, "threadline.email.import")

namespace {

constexpr qint64 maxBatchBytes = 64 * 1024 * 1024;

} // namespace

MailImporter::MailImporter(store::EventStore& store, core::IdentityNormalizer& normalizer, MailEvent::Options options)
    : m_store(store)
    , m_normalizer(normalizer)
    , m_options(std::move(options)) {}

core::Result<MailImportReport> MailImporter::run(MailSource& source) {
    MailImportReport report;
    std::vector<core::ImportRecord> batch;
    qint64 batchBytes = 0;

    const auto reject = [&](const QString& label, const QString& reason) {
        ++report.rejected;
        if (report.rejections.size() < MailImportReport::maxKeptRejections)
            report.rejections.append(QStringLiteral("%1: %2").arg(label, reason));
        qCDebug(lcMailImport) << label << "rejected:" << reason;
        if (m_onReject)
            m_onReject(label, reason);
    };
    const auto write = [&]() -> core::Status {
        if (batch.empty())
            return {};
        const core::Result<store::IngestStats> stats = m_store.ingestBatch(batch);
        if (!stats)
            return core::Status::failure(stats.error());
        report.imported += stats.value().imported;
        report.duplicates += stats.value().duplicates;
        batch.clear();
        batchBytes = 0;
        if (m_onProgress)
            m_onProgress(source.position(), source.size(), report);
        return {};
    };

    RawMail raw;
    while (source.next(raw)) {
        ++report.messages;
        if (!raw.error.isEmpty()) {
            reject(raw.label, raw.error);
            continue;
        }
        if (raw.bytes.trimmed().isEmpty()) {
            reject(raw.label, QStringLiteral("empty message"));
            continue;
        }
        MailParser::Options parseOptions;
        parseOptions.fallbackDate = raw.fallbackDate;
        const ParsedMail mail = MailParser::parse(raw.bytes, parseOptions);
        core::Result<core::ImportRecord> record = MailEvent::toRecord(mail, raw.bytes, m_normalizer, m_options);
        if (!record) {
            reject(raw.label, record.error());
            continue;
        }
        if (!mail.warnings.isEmpty()) {
            ++report.warned;
            if (m_onWarning)
                m_onWarning(raw.label, mail.warnings);
        }
        batchBytes += raw.bytes.size();
        batch.push_back(std::move(record).value());
        if (batch.size() >= static_cast<size_t>(std::max(m_batchSize, 1)) || batchBytes >= maxBatchBytes) {
            if (const core::Status status = write(); !status)
                return core::Result<MailImportReport>::failure(status.error());
        }
    }
    if (const core::Status status = write(); !status)
        return core::Result<MailImportReport>::failure(status.error());
    if (m_onProgress)
        m_onProgress(source.position(), source.size(), report);
    return report;
}

} // namespace tl::email
