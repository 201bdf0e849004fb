#include "PasswordService.h"

#include <QFuture>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace tl::server {

using namespace Qt::StringLiterals;

namespace {

/// A hash to verify unknown logins against (made once, on a pool thread).
const QString& throwawayHash() {
    static const QString hash = [] {
        const auto made = PasswordHasher().hash(PasswordHasher::generatePassword());
        return made ? made.value() : QString();
    }();
    return hash;
}

} // namespace

PasswordService::PasswordService(int threads, QObject* parent)
    : QObject(parent) {
    m_pool.setMaxThreadCount(threads);
    m_pool.setObjectName(u"threadline-passwords"_s);
}

PasswordService::~PasswordService() {
    m_pool.waitForDone();
}

void PasswordService::hash(QObject* context, const QString& password, std::function<void(core::Result<QString>)> done) {
    ++m_pending;
    QtConcurrent::run(&m_pool, [password] {
        return PasswordHasher().hash(password);
    }).then(this, [this, context = QPointer<QObject>(context), done = std::move(done)](core::Result<QString> hashed) {
        --m_pending;
        if (context)
            done(std::move(hashed));
    });
}

void PasswordService::verify(QObject* context, const QString& storedHash, const QString& password,
                             std::function<void(bool matches, bool needsRehash)> done) {
    ++m_pending;
    QtConcurrent::run(&m_pool, [storedHash, password] {
        const PasswordHasher hasher;
        if (storedHash.isEmpty()) {
            (void)hasher.verify(throwawayHash(), password);
            return std::pair{false, false};
        }
        const bool matches = hasher.verify(storedHash, password);
        return std::pair{matches, matches && hasher.needsRehash(storedHash)};
    }).then(this, [this, context = QPointer<QObject>(context), done = std::move(done)](std::pair<bool, bool> result) {
        --m_pending;
        if (context)
            done(result.first, result.second);
    });
}

} // namespace tl::server
