#include "core/IdentityResolver.h"

#include <gtest/gtest.h>

#include <QHash>

using namespace tl::core;

namespace {

/// A directory of identity → customer held in memory, as the store's table would be.
struct Directory {
    QHash<QString, QString> owners;
    IdentityResolver resolver{[this](const QString& identity) -> std::optional<QString> {
        const auto found = owners.constFind(identity);
        return found == owners.constEnd() ? std::nullopt : std::optional<QString>(*found);
    }};
};

} // namespace

TEST(IdentityResolver, UnknownIdentityMakesANewCustomer) {
    Directory directory;
    const Resolution resolution = directory.resolver.resolve({QStringLiteral("email:jan@example.pl")});
    EXPECT_TRUE(resolution.newCustomer);
    EXPECT_EQ(resolution.customer, IdentityResolver::customerIdFor(QStringLiteral("email:jan@example.pl")));
    EXPECT_TRUE(resolution.linkedIdentities.isEmpty()) << "the event's own identity is implied";
    EXPECT_TRUE(resolution.mergedCustomers.isEmpty());
}

TEST(IdentityResolver, CustomerIdsAreStableAcrossReplicas) {
    EXPECT_EQ(IdentityResolver::customerIdFor(QStringLiteral("phone:+48601234567")),
              IdentityResolver::customerIdFor(QStringLiteral("phone:+48601234567")));
    EXPECT_NE(IdentityResolver::customerIdFor(QStringLiteral("phone:+48601234567")),
              IdentityResolver::customerIdFor(QStringLiteral("phone:+48601234568")));
}

TEST(IdentityResolver, IdentitiesGivenTogetherJoinOneNewCustomer) {
    Directory directory;
    const Resolution resolution = directory.resolver.resolve(
        {QStringLiteral("chat:v1"), QStringLiteral("email:jan@example.pl"), QStringLiteral("phone:+48601234567")});
    EXPECT_TRUE(resolution.newCustomer);
    EXPECT_EQ(resolution.linkedIdentities,
              QStringList({QStringLiteral("email:jan@example.pl"), QStringLiteral("phone:+48601234567")}));
}

TEST(IdentityResolver, KnownIdentityFindsItsCustomerAndLinksTheNewOnes) {
    Directory directory;
    directory.owners.insert(QStringLiteral("email:jan@example.pl"), QStringLiteral("c-jan"));
    const Resolution resolution =
        directory.resolver.resolve({QStringLiteral("phone:+48601234567"), QStringLiteral("email:jan@example.pl")});
    EXPECT_FALSE(resolution.newCustomer);
    EXPECT_EQ(resolution.customer, QStringLiteral("c-jan"));
    EXPECT_EQ(resolution.linkedIdentities, QStringList{QStringLiteral("phone:+48601234567")});
    EXPECT_TRUE(resolution.mergedCustomers.isEmpty());
}

TEST(IdentityResolver, IdentitiesOfTwoCustomersMergeThemIntoThePrimaryOwner) {
    Directory directory;
    directory.owners.insert(QStringLiteral("email:jan@example.pl"), QStringLiteral("c-mail"));
    directory.owners.insert(QStringLiteral("phone:+48601234567"), QStringLiteral("c-phone"));
    directory.owners.insert(QStringLiteral("chat:v9"), QStringLiteral("c-chat"));
    const Resolution resolution =
        directory.resolver.resolve({QStringLiteral("phone:+48601234567"), QStringLiteral("email:jan@example.pl"),
                                    QStringLiteral("chat:v9"), QStringLiteral("email:jan@example.pl")});
    EXPECT_EQ(resolution.customer, QStringLiteral("c-phone"));
    EXPECT_EQ(resolution.mergedCustomers, QStringList({QStringLiteral("c-mail"), QStringLiteral("c-chat")}));
    EXPECT_TRUE(resolution.linkedIdentities.isEmpty());
}

TEST(IdentityResolver, UnownedPrimaryJoinsTheFirstOwnerFound) {
    Directory directory;
    directory.owners.insert(QStringLiteral("email:jan@example.pl"), QStringLiteral("c-mail"));
    const Resolution resolution =
        directory.resolver.resolve({QStringLiteral("chat:v1"), QStringLiteral("email:jan@example.pl")});
    EXPECT_FALSE(resolution.newCustomer);
    EXPECT_EQ(resolution.customer, QStringLiteral("c-mail"));
    EXPECT_EQ(resolution.linkedIdentities, QStringList{QStringLiteral("chat:v1")});
}

TEST(IdentityResolver, NothingToResolve) {
    Directory directory;
    const Resolution resolution = directory.resolver.resolve({});
    EXPECT_TRUE(resolution.customer.isEmpty());
    EXPECT_FALSE(resolution.newCustomer);
}
