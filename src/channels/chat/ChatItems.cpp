#include "ChatItems.h"

#include "core/EventKind.h"

namespace tl::chat {

using namespace Qt::StringLiterals;
namespace kinds = core::kinds;

std::optional<ChatItem> chatItemFor(const core::Event& event, const QHash<QString, QString>& agentNames) {
    if (event.channel != core::Channel::Chat)
        return std::nullopt;
    ChatItem item;
    item.id = event.id;
    item.at = event.occurredAt;
    item.clientId = event.payload.value(u"client_id"_s).toString();
    if (event.kind == kinds::MessageIn) {
        item.kind = u"message"_s;
        item.from = u"visitor"_s;
        item.text = event.payload.value(u"text"_s).toString();
        item.offline = event.payload.value(u"offline"_s).toBool();
    } else if (event.kind == kinds::MessageOut) {
        item.kind = u"message"_s;
        item.from = u"agent"_s;
        item.clientId.clear();
        item.text = event.payload.value(u"text"_s).toString();
        item.agent = agentNames.value(event.author);
    } else if (event.kind == kinds::ChatStarted) {
        item.kind = u"started"_s;
    } else if (event.kind == kinds::ChatEnded) {
        item.kind = u"ended"_s;
        const QString by = event.payload.value(u"by"_s).toString();
        item.by = (by == u"visitor" || by == u"idle") ? by : u"agent"_s;
    } else if (event.kind == kinds::ChatTransferred) {
        item.kind = u"transferred"_s;
        item.clientId.clear();
        item.agent = agentNames.value(event.payload.value(u"to"_s).toString());
    } else {
        return std::nullopt;
    }
    return item;
}

QSet<QString> agentLoginsOf(const core::Event& event) {
    QSet<QString> logins;
    if (event.channel != core::Channel::Chat)
        return logins;
    if (event.kind == kinds::MessageOut && !event.author.isEmpty())
        logins.insert(event.author);
    if (event.kind == kinds::ChatTransferred) {
        const QString to = event.payload.value(u"to"_s).toString();
        if (!to.isEmpty())
            logins.insert(to);
    }
    return logins;
}

QString openChatIn(const QList<core::Event>& events) {
    QString open;
    for (const core::Event& event : events) {
        if (event.channel != core::Channel::Chat)
            continue;
        if (event.kind == kinds::ChatStarted)
            open = event.id;
        else if (event.kind == kinds::ChatEnded)
            open.clear();
    }
    return open;
}

} // namespace tl::chat
