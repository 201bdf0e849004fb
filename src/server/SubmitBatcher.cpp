#include "SubmitBatcher.h"

#include "StoreThread.h"

#include <QMutex>
#include <QMutexLocker>

namespace tl::server {

using namespace Qt::StringLiterals;

/// The queue between the main thread (which appends) and the database thread (which takes everything).
struct SubmitBatcher::Shared final {
    struct Waiting final {
        quint64 submitter = 0;
        store::Submission submission;
    };
    QMutex mutex;
    QVector<Waiting> waiting;
    /// A group job is queued on the database thread and has not yet taken the waiting submits.
    bool jobQueued = false;
};

SubmitBatcher::SubmitBatcher(StoreThread& store, GroupDone onGroup, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_onGroup(std::move(onGroup))
    , m_shared(std::make_shared<Shared>()) {}

SubmitBatcher::~SubmitBatcher() = default;

void SubmitBatcher::submit(quint64 submitter, store::Submission submission) {
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->waiting.append({submitter, std::move(submission)});
        if (m_shared->jobQueued)
            return; // the queued job will take it along
        m_shared->jobQueued = true;
    }
    postGroup();
}

void SubmitBatcher::postGroup() {
    m_store.call(
        this,
        [shared = m_shared](store::ServerStore& store) {
            // Database thread: take whatever waits now; a submit arriving from here on queues the next job.
            QVector<Shared::Waiting> group;
            {
                QMutexLocker lock(&shared->mutex);
                group.swap(shared->waiting);
                shared->jobQueued = false;
            }
            QVector<store::Submission> submissions;
            submissions.reserve(group.size());
            for (const Shared::Waiting& waiting : std::as_const(group))
                submissions.append(waiting.submission);
            QVector<core::Result<QVector<store::Applied>>> applied = store.applySubmittedGroup(submissions);
            QVector<Outcome> outcomes;
            outcomes.reserve(group.size());
            for (qsizetype index = 0; index < group.size(); ++index) {
                outcomes.append(Outcome{group.at(index).submitter, group.at(index).submission.events,
                                        index < applied.size() ? std::move(applied[index])
                                                               : core::Result<QVector<store::Applied>>::failure(
                                                                     u"The server did not store the events."_s)});
            }
            return outcomes;
        },
        [this](QVector<Outcome> outcomes) {
            if (!outcomes.isEmpty())
                m_onGroup(std::move(outcomes));
        });
}

} // namespace tl::server
