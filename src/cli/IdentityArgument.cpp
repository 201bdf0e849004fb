#include "IdentityArgument.h"

#include "core/Identity.h"

#include <QRegularExpression>

namespace tl::cli {

QString identityWithKind(const QString& argument) {
    const QString trimmed = argument.trimmed();
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        const QString kind = trimmed.left(colon).trimmed().toLower();
        if (core::Identity::kindFromName(kind))
            return kind + trimmed.mid(colon);
    }
    static const QRegularExpression phoneLike(QStringLiteral("^\\+?[0-9 ()./-]+$"));
    if (trimmed.contains(QLatin1Char('@')))
        return QStringLiteral("email:") + trimmed;
    if (phoneLike.match(trimmed).hasMatch())
        return QStringLiteral("phone:") + trimmed;
    return trimmed;
}

} // namespace tl::cli
