#pragma once

#include "PasswordHasher.h"
#include "core/Result.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace tl::server {

/// Runs PasswordHasher (Argon2id: tens of milliseconds and 64 MiB per hash) on a small thread pool of its own, so
/// the event loop keeps serving while it hashes, and the pool's size bounds the memory sign-ins can take.
/// Thread: the main thread; the callbacks run there too.
class PasswordService final : public QObject {
    Q_OBJECT
public:
    explicit PasswordService(int threads = 2, QObject* parent = nullptr);
    ~PasswordService() override;

    /// Hashes \a password; \a done gets the Argon2id string. Skipped when \a context is gone.
    void hash(QObject* context, const QString& password, std::function<void(core::Result<QString>)> done);
    /// Checks \a password against \a storedHash; an empty \a storedHash (no such login) is checked against a
    /// throwaway hash, so an unknown login takes as long as a wrong password. \a done gets (matches, needsRehash).
    void verify(QObject* context, const QString& storedHash, const QString& password,
                std::function<void(bool matches, bool needsRehash)> done);
    /// Hashes queued or running; callers refuse new sign-ins when too many wait.
    [[nodiscard]] int pending() const { return m_pending; }

private:
    QThreadPool m_pool;
    int m_pending = 0;
};

} // namespace tl::server
