#include "channels/chat/ChatIds.h"
#include "channels/chat/ChatItems.h"

#include "core/EventKind.h"
#include "core/IdentityNormalizer.h"

#include <gtest/gtest.h>

using namespace tl;
using namespace tl::chat;
using namespace Qt::StringLiterals;

TEST(ChatIds, VisitorIdIsAStableHashThatNormalizesAsAChatIdentity) {
    const QString token(64, u'a');
    const QString visitor = ids::visitorIdForToken(token);
    EXPECT_EQ(visitor.size(), 32);
    EXPECT_EQ(visitor, ids::visitorIdForToken(token));
    EXPECT_NE(visitor, ids::visitorIdForToken(QString(64, u'b')));
    EXPECT_FALSE(token.contains(visitor));
    // SHA-256("aaa…a" × 64), first 16 bytes.
    EXPECT_EQ(visitor, u"ffe054fe7ae0cb6dc65c3af9b61d5209"_s);
    const auto normalized = core::IdentityNormalizer::normalizeChat(visitor);
    ASSERT_TRUE(normalized) << normalized.error().toStdString();
    EXPECT_EQ(ids::identityFor(visitor), u"chat:"_s + visitor);
}

TEST(ChatIds, EventIdsDeriveFromVisitorKindAndClientId) {
    const QString id = ids::eventIdFor(u"v1"_s, u"message", u"m1"_s);
    EXPECT_TRUE(id.startsWith(u"chat:"_s));
    EXPECT_EQ(id.size(), 5 + 36);
    EXPECT_EQ(id, ids::eventIdFor(u"v1"_s, u"message", u"m1"_s)); // a resend is the same event
    EXPECT_NE(id, ids::eventIdFor(u"v2"_s, u"message", u"m1"_s)); // another visitor's m1 is not
    EXPECT_NE(id, ids::eventIdFor(u"v1"_s, u"end", u"m1"_s));
    EXPECT_NE(ids::idleEndIdFor(u"chat:a"_s), ids::idleEndIdFor(u"chat:b"_s));
}

TEST(ChatItems, MapsChatEventsToItemsAndHidesEverythingElse) {
    core::Event in;
    in.id = u"chat:1"_s;
    in.channel = core::Channel::Chat;
    in.kind = core::kinds::MessageIn;
    in.occurredAt = 10;
    in.payload = {{u"text"_s, u"hi"_s}, {u"client_id"_s, u"m1"_s}};
    auto item = chatItemFor(in, {});
    ASSERT_TRUE(item);
    EXPECT_EQ(item->kind, u"message"_s);
    EXPECT_EQ(item->from, u"visitor"_s);
    EXPECT_EQ(item->clientId, u"m1"_s);

    core::Event out = in;
    out.id = u"x"_s;
    out.kind = core::kinds::MessageOut;
    out.author = u"anna"_s;
    item = chatItemFor(out, {{u"anna"_s, u"Anna Nowak"_s}});
    ASSERT_TRUE(item);
    EXPECT_EQ(item->from, u"agent"_s);
    EXPECT_EQ(item->agent, u"Anna Nowak"_s);
    EXPECT_TRUE(item->clientId.isEmpty());
    // Without a display name the login is not shown.
    EXPECT_TRUE(chatItemFor(out, {})->agent.isEmpty());
    EXPECT_EQ(agentLoginsOf(out), QSet<QString>{u"anna"_s});

    core::Event ended = in;
    ended.kind = core::kinds::ChatEnded;
    ended.payload = {{u"by"_s, u"idle"_s}};
    EXPECT_EQ(chatItemFor(ended, {})->by, u"idle"_s);
    ended.payload = {{u"by"_s, u"<weird>"_s}};
    EXPECT_EQ(chatItemFor(ended, {})->by, u"agent"_s);

    core::Event note = in;
    note.channel = core::Channel::Note;
    note.kind = core::kinds::Note;
    EXPECT_FALSE(chatItemFor(note, {}));
    core::Event email = in;
    email.channel = core::Channel::Email;
    EXPECT_FALSE(chatItemFor(email, {}));
    core::Event delivery = in;
    delivery.kind = core::kinds::DeliveryUpdated;
    EXPECT_FALSE(chatItemFor(delivery, {}));
}

TEST(ChatItems, OpenChatIsTheLastStartWithoutAnEnd) {
    auto event = [](const QString& id, const QString& kind) {
        core::Event e;
        e.id = id;
        e.channel = core::Channel::Chat;
        e.kind = kind;
        return e;
    };
    EXPECT_TRUE(openChatIn({}).isEmpty());
    EXPECT_EQ(openChatIn({event(u"s1"_s, core::kinds::ChatStarted), event(u"m"_s, core::kinds::MessageIn)}), u"s1"_s);
    EXPECT_TRUE(
        openChatIn({event(u"s1"_s, core::kinds::ChatStarted), event(u"e"_s, core::kinds::ChatEnded)}).isEmpty());
    EXPECT_EQ(openChatIn({event(u"s1"_s, core::kinds::ChatStarted), event(u"e"_s, core::kinds::ChatEnded),
                          event(u"s2"_s, core::kinds::ChatStarted)}),
              u"s2"_s);
}
