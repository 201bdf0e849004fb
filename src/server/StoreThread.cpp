#include "StoreThread.h"

#include "StoreWorker.h"

namespace tl::server {

StoreThread::StoreThread(ServerMetrics& metrics, QObject* parent)
    : QObject(parent)
    , m_worker(new StoreWorker(metrics)) {
    m_thread.setObjectName(QStringLiteral("threadline-db"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StoreWorker::appended, this, &StoreThread::appended, Qt::QueuedConnection);
    m_thread.start();
}

StoreThread::~StoreThread() {
    // The store closes on its own thread; the worker is deleted there when the thread finishes.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

core::Status StoreThread::open(const QString& url) {
    core::Status status;
    bool postgres = false;
    QMetaObject::invokeMethod(
        m_worker,
        [&] {
            status = m_worker->open(url);
            postgres = m_worker->isPostgres();
        },
        Qt::BlockingQueuedConnection);
    m_postgres = postgres;
    return status;
}

bool StoreThread::isPostgres() const {
    return m_postgres;
}

void StoreThread::post(std::function<void(store::ServerStore&)> job) {
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job = std::move(job)] { worker->run(job); }, Qt::QueuedConnection);
}

void StoreThread::postBlocking(const std::function<void(store::ServerStore&)>& job) {
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, &job] { worker->run(job); }, Qt::BlockingQueuedConnection);
}

} // namespace tl::server
