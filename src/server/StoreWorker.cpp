#include "StoreWorker.h"

#include "ServerMetrics.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

namespace tl::server {

Q_LOGGING_CATEGORY(lcDatabase, "threadline.server.db")

using namespace Qt::StringLiterals;

namespace {
/// How often a PostgreSQL connection is checked (and reopened when lost).
constexpr int connectionCheckMs = 5000;
} // namespace

StoreWorker::StoreWorker(ServerMetrics& metrics)
    : m_metrics(metrics) {}

StoreWorker::~StoreWorker() = default;

core::Status StoreWorker::open(const QString& url) {
    auto opened = store::ServerStore::open(url);
    if (!opened)
        return core::Status::failure(opened.error());
    m_url = url;
    m_store = std::move(opened).value();
    m_postgres = m_store->isPostgres();
    if (m_postgres) {
        subscribe();
        m_healthTimer = new QTimer(this);
        connect(m_healthTimer, &QTimer::timeout, this, &StoreWorker::checkConnection);
        m_healthTimer->start(connectionCheckMs);
    }
    return {};
}

void StoreWorker::subscribe() {
    // The callback runs on this thread, from the driver's notification signal.
    if (!m_store->subscribeToAppends([this](qint64 head) {
            qCDebug(lcDatabase) << "another instance appended up to seq" << head;
            emit appended();
        }))
        qCWarning(lcDatabase) << "could not LISTEN for other instances' appends; events they accept reach this "
                                 "instance's workstations only with the next local append";
}

void StoreWorker::checkConnection() {
    if (!m_store || m_store->head())
        return;
    qCWarning(lcDatabase) << "the database connection is lost; reconnecting";
    auto reopened = store::ServerStore::open(m_url);
    if (!reopened) {
        qCWarning(lcDatabase) << "reconnecting failed:" << reopened.error();
        return;
    }
    m_store = std::move(reopened).value();
    subscribe();
    qCInfo(lcDatabase) << "reconnected to the database";
    emit appended();
}

void StoreWorker::run(const std::function<void(store::ServerStore&)>& job) {
    if (!m_store) {
        qCCritical(lcDatabase) << "a store job ran before the store was opened";
        return;
    }
    QElapsedTimer timer;
    timer.start();
    job(*m_store);
    m_metrics.observeDbSeconds(static_cast<double>(timer.nsecsElapsed()) / 1e9);
}

void StoreWorker::close() {
    delete m_healthTimer;
    m_healthTimer = nullptr;
    m_store.reset();
}

} // namespace tl::server
