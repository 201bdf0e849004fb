#include "StoreClient.h"

#include <QFile>
#include <QLoggingCategory>
#include <QMetaObject>

#include <optional>

namespace tl::store {

Q_LOGGING_CATEGORY(lcStoreClient, "threadline.store.client")

using namespace Qt::StringLiterals;
using core::Result;

namespace {

/// Lives in the store thread and owns what belongs to it: the EventStore (with its connection) and an
/// IdentityNormalizer for imports (not thread-safe, so one per thread).
/// Thread: store worker (created on the GUI thread, then moved; destroyed in the worker thread).
class StoreWorker final : public QObject {
public:
    explicit StoreWorker(const QString& region)
        : normalizer(region) {}

    std::unique_ptr<EventStore> store;
    QString openError;
    core::IdentityNormalizer normalizer;
};

StoreWorker* workerOf(QObject* worker) {
    return static_cast<StoreWorker*>(worker);
}

/// Calls \a function on \a guard's thread if \a guard still exists. Thread: GUI (the client's).
void deliver(const QPointer<QObject>& guard, std::function<void()> function) {
    if (!guard)
        return;
    if (guard->thread() == QThread::currentThread())
        function();
    else
        QMetaObject::invokeMethod(guard.data(), std::move(function), Qt::QueuedConnection);
}

/// Runs \a job on the worker thread, then (on the client's thread) emits customersChanged() with what \a changed
/// names and hands the result to \a done if \a context is still alive. The result goes through the client, which
/// outlives every job (its destructor waits for the thread), so a context destroyed meanwhile is checked on its
/// own thread rather than raced with from the worker.
template <typename T>
void dispatch(StoreClient* client, QObject* worker, QObject* context, std::function<Result<T>(EventStore&)> job,
              StoreClient::Done<T> done, std::function<QStringList(const T&)> changed) {
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        worker,
        [client, worker, guard, job = std::move(job), done = std::move(done), changed = std::move(changed)] {
            StoreWorker* self = workerOf(worker);
            Result<T> result = self->store ? job(*self->store) : Result<T>::failure(self->openError);
            std::optional<QStringList> touched;
            if (changed && result.ok())
                touched = changed(result.value());
            QMetaObject::invokeMethod(
                client,
                [client, guard, done, result, touched] {
                    if (touched)
                        emit client->customersChanged(*touched);
                    if (done)
                        deliver(guard, [done, result] { done(result); });
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace

StoreClient::StoreClient(QString databasePath, QString agentLogin, QString defaultRegion, QObject* parent)
    : QObject(parent)
    , m_agentLogin(std::move(agentLogin))
    , m_region(std::move(defaultRegion)) {
    auto* worker = new StoreWorker(m_region);
    m_worker = worker;
    worker->moveToThread(&m_thread);
    // Deferred deletes are run by the thread as it finishes, so the store closes in the thread that opened it.
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.setObjectName(u"threadline.store"_s);
    m_thread.start();

    QMetaObject::invokeMethod(
        worker,
        [this, worker, path = std::move(databasePath)] {
            Result<std::unique_ptr<EventStore>> store = EventStore::open(path);
            if (store) {
                worker->store = std::move(store).value();
                QMetaObject::invokeMethod(
                    this, [this] { emit opened(); }, Qt::QueuedConnection);
            } else {
                worker->openError = store.error();
                qCWarning(lcStoreClient) << "could not open" << path << store.error();
                QMetaObject::invokeMethod(
                    this, [this, error = store.error()] { emit openFailed(error); }, Qt::QueuedConnection);
            }
        },
        Qt::QueuedConnection);
}

StoreClient::~StoreClient() {
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr; // deleted in the worker thread as it finished
}

template <typename T> void StoreClient::run(QObject* context, std::function<Result<T>(EventStore&)> job, Done<T> done) {
    dispatch<T>(this, m_worker, context, std::move(job), std::move(done), {});
}

void StoreClient::eventCount(QObject* context, Done<qint64> done) {
    run<qint64>(
        context, [](EventStore& store) { return Result<qint64>(store.eventCount()); }, std::move(done));
}

void StoreClient::customers(const CustomerFilter& filter, QObject* context, Done<QVector<core::Customer>> done) {
    run<QVector<core::Customer>>(
        context, [filter](EventStore& store) { return store.customers(filter); }, std::move(done));
}

void StoreClient::customer(const QString& id, QObject* context, Done<core::Customer> done) {
    run<core::Customer>(
        context, [id](EventStore& store) { return store.customer(id); }, std::move(done));
}

void StoreClient::outboxEntries(const QStringList& eventIds, QObject* context, Done<QVector<OutboxEntry>> done) {
    run<QVector<OutboxEntry>>(
        context, [eventIds](EventStore& store) { return store.outboxEntries(eventIds); }, std::move(done));
}

void StoreClient::timelineNewest(const QString& customer, int limit, QObject* context, Done<TimelinePage> done) {
    run<TimelinePage>(
        context, [customer, limit](EventStore& store) { return store.timelineNewest(customer, limit); },
        std::move(done));
}

void StoreClient::timelineBefore(const QString& customer, const TimelineKey& key, int limit, QObject* context,
                                 Done<TimelinePage> done) {
    run<TimelinePage>(
        context, [customer, key, limit](EventStore& store) { return store.timelineBefore(customer, key, limit); },
        std::move(done));
}

void StoreClient::timelineAfter(const QString& customer, const TimelineKey& key, int limit, QObject* context,
                                Done<TimelinePage> done) {
    run<TimelinePage>(
        context, [customer, key, limit](EventStore& store) { return store.timelineAfter(customer, key, limit); },
        std::move(done));
}

void StoreClient::search(const QString& text, int limit, QObject* context, Done<QVector<SearchHit>> done) {
    run<QVector<SearchHit>>(
        context, [text, limit](EventStore& store) { return store.search(text, limit); }, std::move(done));
}

void StoreClient::appendOutbound(const QString& customer, core::Channel channel, const QString& kind,
                                 const QJsonObject& payload, QObject* context, Done<core::Event> done) {
    dispatch<core::Event>(
        this, m_worker, context,
        [customer, channel, kind, payload, author = m_agentLogin](EventStore& store) {
            return store.appendOutbound(customer, channel, kind, payload, author);
        },
        std::move(done), [](const core::Event& event) { return QStringList{event.customer}; });
}

void StoreClient::setState(const QString& customer, core::CaseState state, QObject* context, Done<core::Event> done) {
    dispatch<core::Event>(
        this, m_worker, context,
        [customer, state, author = m_agentLogin](EventStore& store) { return store.setState(customer, state, author); },
        std::move(done), [](const core::Event& event) { return QStringList{event.customer}; });
}

void StoreClient::mergeCustomers(const QString& into, const QString& from, QObject* context, Done<core::Event> done) {
    dispatch<core::Event>(
        this, m_worker, context,
        [into, from, author = m_agentLogin](EventStore& store) { return store.mergeCustomers(into, from, author); },
        std::move(done),
        [](const core::Event& event) {
            return QStringList{event.payload.value("into"_L1).toString(), event.payload.value("from"_L1).toString()};
        });
}

void StoreClient::markRead(const QString& customer) {
    dispatch<QString>(
        this, m_worker, this,
        [customer](EventStore& store) -> Result<QString> {
            const QString id = store.canonicalCustomer(customer);
            if (const core::Status status = store.markRead(id); !status)
                return Result<QString>::failure(status.error());
            return id;
        },
        {}, [](const QString& id) { return QStringList{id}; });
}

void StoreClient::importJsonLines(const QString& path, QObject* context, std::function<void(int percent)> progress,
                                  Done<ImportReport> done, const QString& defaultRegion) {
    QPointer<QObject> guard(context);
    StoreWorker* worker = workerOf(m_worker);
    dispatch<ImportReport>(
        this, m_worker, context,
        [this, worker, guard, path, progress, defaultRegion](EventStore& store) -> Result<ImportReport> {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                return Result<ImportReport>::failure(
                    tr("Could not open %1 for reading: %2").arg(path, file.errorString()));
            }
            std::optional<core::IdentityNormalizer> ownRegion;
            if (!defaultRegion.isEmpty())
                ownRegion.emplace(defaultRegion);
            JsonLinesImporter importer(store, ownRegion ? *ownRegion : worker->normalizer);
            int lastPercent = -1;
            importer.setProgressHandler([&](qint64 bytesRead, qint64 bytesTotal, const ImportReport&) {
                const int percent = bytesTotal > 0 ? static_cast<int>(bytesRead * 100 / bytesTotal) : 0;
                if (!progress || percent == lastPercent)
                    return;
                lastPercent = percent;
                QMetaObject::invokeMethod(
                    this, [guard, progress, percent] { deliver(guard, [progress, percent] { progress(percent); }); },
                    Qt::QueuedConnection);
            });
            return importer.run(file);
        },
        std::move(done), [](const ImportReport&) { return QStringList(); });
}

} // namespace tl::store
