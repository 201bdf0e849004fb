#include "ui/EventPresenter.h"
#include "ui/BidiText.h"

#include "UiTestHelpers.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

using namespace tl;
using tl::ui::EventPresenter;
using tl::ui::EventSide;

namespace {

core::Event event(const QString& kind, core::Channel channel, QJsonObject payload = {}) {
    core::Event result;
    result.id = QStringLiteral("id");
    result.kind = kind;
    result.channel = channel;
    result.identity = QStringLiteral("phone:+48601234567");
    result.payload = std::move(payload);
    return result;
}

} // namespace

TEST(EventPresenter, CallsShowDirectionAndDuration) {
    const core::Event incoming =
        event(core::kinds::CallEnded, core::Channel::Voice,
              {{QStringLiteral("duration"), 252}, {QStringLiteral("direction"), QStringLiteral("inbound")}});
    EXPECT_EQ(EventPresenter::text(incoming), QStringLiteral("Incoming call, 4:12"));
    EXPECT_EQ(EventPresenter::side(incoming), EventSide::Inbound);

    core::Event outgoing =
        event(core::kinds::CallEnded, core::Channel::Voice,
              {{QStringLiteral("duration_ms"), 3723000}, {QStringLiteral("direction"), QStringLiteral("out")}});
    EXPECT_EQ(EventPresenter::text(outgoing), QStringLiteral("Outgoing call, 1:02:03"));
    EXPECT_EQ(EventPresenter::side(outgoing), EventSide::Outbound);

    EXPECT_EQ(EventPresenter::text(event(core::kinds::CallMissed, core::Channel::Voice)),
              QStringLiteral("Missed call"));
}

TEST(EventPresenter, SidesOfMessagesNotesAndSystemEvents) {
    EXPECT_EQ(EventPresenter::side(event(core::kinds::MessageIn, core::Channel::Sms)), EventSide::Inbound);
    EXPECT_EQ(EventPresenter::side(event(core::kinds::MessageOut, core::Channel::Sms)), EventSide::Outbound);
    EXPECT_EQ(EventPresenter::side(event(core::kinds::Note, core::Channel::Note)), EventSide::Internal);
    const core::Event status = event(core::kinds::StatusChanged, core::Channel::System,
                                     {{QStringLiteral("state"), QStringLiteral("resolved")}});
    EXPECT_EQ(EventPresenter::side(status), EventSide::System);
    EXPECT_EQ(EventPresenter::text(status), QStringLiteral("Case set to Resolved"));
}

TEST(EventPresenter, SubjectOnlyForEmail) {
    const QJsonObject payload{{QStringLiteral("subject"), QStringLiteral("Parcel")},
                              {QStringLiteral("text"), QStringLiteral("Hi")}};
    EXPECT_EQ(EventPresenter::subject(event(core::kinds::MessageIn, core::Channel::Email, payload)),
              QStringLiteral("Parcel"));
    EXPECT_TRUE(EventPresenter::subject(event(core::kinds::MessageIn, core::Channel::Sms, payload)).isEmpty());
}

TEST(EventPresenter, ListTimeIsRelative) {
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(uitest::baseTime + 3 * 3600'000, Qt::UTC);
    EXPECT_EQ(EventPresenter::listTime(uitest::baseTime, now), QLocale().toString(QTime(9, 0), QLocale::ShortFormat));
    EXPECT_EQ(EventPresenter::listTime(uitest::baseTime - 24 * 3600'000, now), QStringLiteral("Yesterday"));
    EXPECT_EQ(EventPresenter::listTime(uitest::baseTime - 30LL * 24 * 3600'000, now),
              QLocale().toString(QDate(2026, 10, 3), QLocale::ShortFormat));
    EXPECT_TRUE(EventPresenter::listTime(0, now).isEmpty());
}

TEST(BidiText, DirectionFollowsTheFirstStrongCharacter) {
    EXPECT_EQ(ui::BidiText::directionOf(QStringLiteral("Hello?")), Qt::LeftToRight);
    EXPECT_EQ(ui::BidiText::directionOf(QString::fromUtf8("سلام، وقت بخیر")), Qt::RightToLeft);
    EXPECT_EQ(ui::BidiText::directionOf(QString::fromUtf8("6038 سفارش")), Qt::RightToLeft);
    EXPECT_EQ(ui::BidiText::directionOf(QStringLiteral("1234")), Qt::LeftToRight);
}
