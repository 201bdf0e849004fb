#pragma once

#include <QObject>

class QSocketNotifier;

namespace tl::server {

/// Turns SIGTERM and SIGINT into a Qt signal on the event loop (a self-pipe: the handler only writes a byte).
/// One per process. Thread: the main thread.
class SignalWatcher final : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    /// SIGTERM or SIGINT arrived; \a signalNumber says which.
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace tl::server
