#include "SyncClient.h"

#include "SyncWorker.h"

namespace tl::sync {

SyncClient::SyncClient(QString databasePath, QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<tl::sync::ConnectionState>();
    m_thread.setObjectName(QStringLiteral("threadline-sync"));
    m_worker = new SyncWorker(std::move(databasePath));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::stateChanged, this, [this](ConnectionState state, const QString& detail) {
        m_state = state;
        m_detail = detail;
        emit stateChanged(state, detail);
    });
    connect(m_worker, &SyncWorker::pendingChanged, this, [this](int pending) {
        if (pending == m_pending)
            return;
        m_pending = pending;
        emit pendingChanged(pending);
    });
    connect(m_worker, &SyncWorker::customersChanged, this, &SyncClient::customersChanged);
    connect(m_worker, &SyncWorker::signedOut, this, &SyncClient::signedOut);
    connect(m_worker, &SyncWorker::liveArrived, this, &SyncClient::liveArrived);
    connect(m_worker, &SyncWorker::customerTyping, this, &SyncClient::customerTyping);
    m_thread.start();
}

SyncClient::~SyncClient() {
    QMetaObject::invokeMethod(m_worker, &SyncWorker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SyncClient::start(const QUrl& server, const QString& token) {
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, server, token] { worker->start(server, token); });
}

void SyncClient::stop() {
    QMetaObject::invokeMethod(m_worker, &SyncWorker::stop);
}

void SyncClient::flushOutbox() {
    QMetaObject::invokeMethod(m_worker, &SyncWorker::flushOutbox);
}

void SyncClient::sendTyping(const QString& identity, bool active) {
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, identity, active] { worker->sendTyping(identity, active); });
}

} // namespace tl::sync
