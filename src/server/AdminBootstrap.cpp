#include "AdminBootstrap.h"

#include "PasswordHasher.h"
#include "StoreThread.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

namespace tl::server {

using namespace Qt::StringLiterals;

core::Result<QString> AdminBootstrap::ensureAdmin(StoreThread& store) {
    using R = core::Result<QString>;
    const auto hasAccounts =
        store.callBlocking([](store::ServerStore& serverStore) { return serverStore.hasAccounts(); });
    if (!hasAccounts)
        return R::failure(hasAccounts.error());
    if (hasAccounts.value())
        return QString();
    const QString password = PasswordHasher::generatePassword();
    const auto hash = QtConcurrent::run([password] { return PasswordHasher().hash(password); }).result();
    if (!hash)
        return R::failure(hash.error());
    store::Account admin;
    admin.login = QString::fromUtf16(adminLogin);
    admin.name = u"Administrator"_s;
    admin.role = store::Role::Admin;
    const core::Status added = store.callBlocking(
        [&admin, hash = hash.value()](store::ServerStore& serverStore) { return serverStore.addAccount(admin, hash); });
    if (!added) {
        // Another instance on the same database may have made it at the same moment.
        const auto again =
            store.callBlocking([](store::ServerStore& serverStore) { return serverStore.hasAccounts(); });
        if (again && again.value())
            return QString();
        return R::failure(added.error());
    }
    return password;
}

} // namespace tl::server
