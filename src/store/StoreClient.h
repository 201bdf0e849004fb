#pragma once

#include "EventStore.h"
#include "JsonLinesImporter.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace tl::store {

/// The workstation's way to the local cache without ever blocking its GUI thread: an EventStore lives in a
/// worker thread, and every call here returns at once. Each result is handed to \a done on \a context's
/// thread; when \a context is destroyed first, the result is dropped.
/// Thread: GUI (construct, call and destroy it there).
class StoreClient final : public QObject {
    Q_OBJECT
public:
    /// Starts the worker thread and opens \a databasePath there; opened() or openFailed() follows.
    explicit StoreClient(QString databasePath, QString agentLogin, QString defaultRegion = {},
                         QObject* parent = nullptr);
    ~StoreClient() override;

    /// The login written as author of this workstation's actions.
    [[nodiscard]] const QString& agentLogin() const { return m_agentLogin; }

    template <typename T> using Done = std::function<void(core::Result<T>)>;

    void eventCount(QObject* context, Done<qint64> done);
    void customers(const CustomerFilter& filter, QObject* context, Done<QVector<core::Customer>> done);
    void customer(const QString& id, QObject* context, Done<core::Customer> done);
    void timelineNewest(const QString& customer, int limit, QObject* context, Done<TimelinePage> done);
    void timelineBefore(const QString& customer, const TimelineKey& key, int limit, QObject* context,
                        Done<TimelinePage> done);
    void timelineAfter(const QString& customer, const TimelineKey& key, int limit, QObject* context,
                       Done<TimelinePage> done);
    void search(const QString& text, int limit, QObject* context, Done<QVector<SearchHit>> done);
    /// The outbox entries (pending or refused) among \a eventIds, for the timeline's delivery marks.
    void outboxEntries(const QStringList& eventIds, QObject* context, Done<QVector<OutboxEntry>> done);

    /// Writes: each emits customersChanged() for the customers it touched once committed.
    void appendOutbound(const QString& customer, core::Channel channel, const QString& kind, const QJsonObject& payload,
                        QObject* context, Done<core::Event> done);
    void setState(const QString& customer, core::CaseState state, QObject* context, Done<core::Event> done);
    void mergeCustomers(const QString& into, const QString& from, QObject* context, Done<core::Event> done);
    void markRead(const QString& customer);
    /// Tells every view that these customers changed behind the store's back (the sync client wrote them).
    void notifyChanged(const QStringList& customerIds) { emit customersChanged(customerIds); }

    /// Imports a JSON Lines file (the bundled sample history, say). \a progress gets 0..100. Phone numbers
    /// without a country code take \a defaultRegion, or this client's region when it is empty.
    void importJsonLines(const QString& path, QObject* context, std::function<void(int percent)> progress,
                         Done<ImportReport> done, const QString& defaultRegion = {});

signals:
    void opened();
    void openFailed(const QString& error);
    /// Some customers' timelines or list entries changed; an empty list means "possibly all".
    void customersChanged(const QStringList& customerIds);

private:
    /// Runs \a job on the worker thread with the store, then \a done with its result on \a context's thread.
    template <typename T> void run(QObject* context, std::function<core::Result<T>(EventStore&)> job, Done<T> done);

    QString m_agentLogin;
    QString m_region;
    QThread m_thread;
    QObject* m_worker = nullptr; ///< lives in m_thread; owns the EventStore
};

} // namespace tl::store
