#include "core/Channel.h"
#include "core/Customer.h"
#include "core/EventKind.h"

#include <gtest/gtest.h>

using namespace tl::core;

TEST(Channel, NamesRoundTrip) {
    for (Channel channel : allChannels)
        EXPECT_EQ(channelFromName(channelName(channel)), channel);
    EXPECT_FALSE(channelFromName(u"fax").has_value());
    EXPECT_FALSE(channelFromName(u"Email").has_value()) << "names are case-sensitive, as stored";
}

TEST(EventKind, KnownAndDirection) {
    EXPECT_TRUE(kinds::isKnown(u"message.in"));
    EXPECT_TRUE(kinds::isKnown(u"customer.merged"));
    EXPECT_FALSE(kinds::isKnown(u"message.sideways"));
    EXPECT_TRUE(kinds::isInbound(kinds::MessageIn));
    EXPECT_FALSE(kinds::isInbound(kinds::MessageOut));
    EXPECT_TRUE(kinds::isOutbound(kinds::MessageOut));
}

TEST(Customer, DisplayNameFallsBackToFirstIdentity) {
    Customer customer;
    customer.id = QStringLiteral("c1");
    EXPECT_EQ(customer.displayName(), QStringLiteral("c1"));
    customer.identities = {QStringLiteral("phone:+48601234567")};
    EXPECT_EQ(customer.displayName(), QStringLiteral("+48601234567"));
    customer.name = QStringLiteral("Jan Kowalski");
    EXPECT_EQ(customer.displayName(), QStringLiteral("Jan Kowalski"));
    EXPECT_EQ(caseStateFromName(u"resolved"), CaseState::Resolved);
    EXPECT_FALSE(caseStateFromName(u"closed").has_value());
}
