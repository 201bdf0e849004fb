#pragma once

#include "core/Event.h"
#include "core/Result.h"
#include "store/ServerStore.h"

#include <QObject>
#include <QVector>

#include <functional>
#include <memory>

namespace tl::server {

class StoreThread;

/// Group commit for /sync submits (docs/server.md, "Performance"): a submit waits here while the database thread
/// is busy, and every submit waiting when it gets to them is applied in one transaction
/// (ServerStore::applySubmittedGroup), in the order they arrived. At most one group job is queued on the database
/// thread at a time; it takes what is waiting when it starts, so a submit never waits behind more than the job
/// running when it arrived and the group it joins. Thread: the main thread (the queue is shared with the
/// database thread under a mutex).
class SubmitBatcher final : public QObject {
    Q_OBJECT
public:
    /// A submit and what became of it.
    struct Outcome final {
        /// The caller's name for the submitter (SyncHub: the connection's id).
        quint64 submitter = 0;
        QVector<core::Event> events;
        /// Per event, in order; a failure when the database failed.
        core::Result<QVector<store::Applied>> applied;
    };
    using GroupDone = std::function<void(QVector<Outcome>)>;

    /// \a onGroup runs on this thread with the outcomes of each group, in arrival order.
    SubmitBatcher(StoreThread& store, GroupDone onGroup, QObject* parent = nullptr);
    ~SubmitBatcher() override;

    /// Queues \a submission from \a submitter for the next group.
    void submit(quint64 submitter, store::Submission submission);

private:
    struct Shared;
    void postGroup();

    StoreThread& m_store;
    GroupDone m_onGroup;
    std::shared_ptr<Shared> m_shared;
};

} // namespace tl::server
