#include "ui/TimelineDelegate.h"
#include "ui/TimelineModel.h"
#include "ui/TimelineView.h"

#include "TempDatabase.h"
#include "UiTestHelpers.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QStandardItemModel>

using namespace tl;
using tl::ui::EventSide;
using tl::ui::TimelineDelegate;
using tl::ui::TimelineModel;
using tl::uitest::waitFor;

TEST(TimelineDelegate, BubblesSitOnOppositeSidesAndMirrorInRightToLeft) {
    const QRect item(0, 0, 600, 80);
    const QSize bubble(200, 60);

    const QRect inboundLtr = TimelineDelegate::bubbleRect(item, bubble, EventSide::Inbound, Qt::LeftToRight);
    const QRect outboundLtr = TimelineDelegate::bubbleRect(item, bubble, EventSide::Outbound, Qt::LeftToRight);
    EXPECT_EQ(inboundLtr.left(), TimelineDelegate::sideMargin);
    EXPECT_EQ(outboundLtr.right(), item.right() - TimelineDelegate::sideMargin);

    const QRect inboundRtl = TimelineDelegate::bubbleRect(item, bubble, EventSide::Inbound, Qt::RightToLeft);
    const QRect outboundRtl = TimelineDelegate::bubbleRect(item, bubble, EventSide::Outbound, Qt::RightToLeft);
    EXPECT_EQ(inboundRtl.right(), item.right() - TimelineDelegate::sideMargin);
    EXPECT_EQ(outboundRtl.left(), TimelineDelegate::sideMargin);
    EXPECT_EQ(inboundRtl, outboundLtr);
    EXPECT_EQ(outboundRtl, inboundLtr);

    const QRect notesRtl = TimelineDelegate::bubbleRect(item, bubble, EventSide::Internal, Qt::RightToLeft);
    EXPECT_EQ(notesRtl, outboundRtl);
    const QRect system = TimelineDelegate::bubbleRect(item, bubble, EventSide::System, Qt::RightToLeft);
    EXPECT_NEAR(system.center().x(), item.center().x(), 1);
}

namespace {

class Timeline : public ::testing::Test {
protected:
    void SetUp() override {
        m_direct = uitest::openStore(m_database.path());
        ASSERT_TRUE(m_direct);
    }

    void startClient() { m_client = std::make_unique<store::StoreClient>(m_database.path(), QStringLiteral("anna")); }

    testsupport::TempDatabase m_database;
    std::unique_ptr<store::EventStore> m_direct;
    std::unique_ptr<store::StoreClient> m_client;
};

} // namespace

TEST_F(Timeline, ModelShowsTheMergedTimelineOldestFirst) {
    uitest::fillStandardCustomers(*m_direct);
    const std::optional<QString> jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl"));
    ASSERT_TRUE(jan);
    startClient();

    TimelineModel model(*m_client, *jan);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));

    QStringList texts;
    QList<int> channels;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        if (index.data(TimelineModel::SideRole).toInt() == static_cast<int>(EventSide::System))
            continue;
        texts << index.data(TimelineModel::TextRole).toString();
        channels << index.data(TimelineModel::ChannelRole).toInt();
    }
    EXPECT_EQ(texts, (QStringList{QStringLiteral("Hello, my parcel has not arrived."),
                                  QStringLiteral("Let me check the tracking number."),
                                  QStringLiteral("The tracking number is 4711."), QStringLiteral("Incoming call, 4:12"),
                                  QStringLiteral("Thanks, it arrived!")}));
    EXPECT_EQ(channels, (QList<int>{static_cast<int>(core::Channel::Chat), static_cast<int>(core::Channel::Chat),
                                    static_cast<int>(core::Channel::Email), static_cast<int>(core::Channel::Voice),
                                    static_cast<int>(core::Channel::Sms)}));
    EXPECT_EQ(model.lastEmailSubject(), QStringLiteral("Parcel 4711"));
    EXPECT_FALSE(model.hasOlder());
}

TEST_F(Timeline, HundredThousandEventsOpenWithOnePageAndPageInAtTheTop) {
    constexpr int total = 100'000;
    const QString identity = QStringLiteral("phone:+48601000001");
    std::vector<core::ImportRecord> records;
    records.reserve(5000);
    for (int number = 0; number < total; ++number) {
        const bool inbound = number % 3 != 2;
        QString text = QStringLiteral("Message %1").arg(number);
        if (number % 7 == 0)
            text += QStringLiteral(" — with a longer body that wraps over more than one line in the bubble, so the "
                                   "items are not all the same height.");
        records.push_back(uitest::record(QStringLiteral("sms:gw:big-%1").arg(number), core::Channel::Sms,
                                         inbound ? core::kinds::MessageIn : core::kinds::MessageOut,
                                         uitest::baseTime + number * 1000LL, identity, text, {},
                                         number == 0 ? QStringLiteral("Busy Customer") : QString(),
                                         inbound ? QString() : QStringLiteral("anna")));
        if (records.size() == 5000) {
            ASSERT_TRUE(m_direct->ingestBatch(records).ok());
            records.clear();
        }
    }
    const std::optional<QString> customer = m_direct->customerOf(identity);
    ASSERT_TRUE(customer);
    startClient();

    TimelineModel model(*m_client, *customer);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ui::TimelineView view;
    view.resize(700, 500);
    view.setTimelineModel(&model);
    view.show();

    QElapsedTimer opening;
    opening.start();
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));
    EXPECT_LT(opening.elapsed(), 5000);
    EXPECT_EQ(model.rowCount(), model.pageSize());
    EXPECT_TRUE(model.hasOlder());
    EXPECT_EQ(model.index(model.rowCount() - 1).data(TimelineModel::EventIdRole).toString(),
              QStringLiteral("sms:gw:big-%1").arg(total - 1));
    ASSERT_TRUE(waitFor([&] { return view.isAtBottom() && view.verticalScrollBar()->maximum() > 0; }));
    QTest::qWait(50);
    EXPECT_EQ(model.rowCount(), model.pageSize()) << "the view must not page in more while at the bottom";

    // Scroll to the top: the page before is prepended and what was at the top stays in place.
    const QString firstId = model.index(0).data(TimelineModel::EventIdRole).toString();
    view.verticalScrollBar()->setValue(0);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() >= 2 * model.pageSize(); }));
    ASSERT_TRUE(waitFor([&] { return !model.isFetchingOlder(); }));
    EXPECT_EQ(model.index(model.pageSize()).data(TimelineModel::EventIdRole).toString(), firstId);
    const QModelIndex previouslyFirst = model.index(model.rowCount() - model.pageSize());
    EXPECT_GT(view.visualRect(previouslyFirst).top(), -view.viewport()->height())
        << "the rows the agent was looking at must stay near the viewport";
    EXPECT_LT(model.rowCount(), 1000);

    // Rows stay ordered oldest first across the page boundary.
    for (int row = 1; row < model.rowCount(); ++row)
        ASSERT_LE(model.index(row - 1).data(TimelineModel::OccurredAtRole).toLongLong(),
                  model.index(row).data(TimelineModel::OccurredAtRole).toLongLong());
}

TEST_F(Timeline, RightToLeftViewMirrorsTheDelegateLayout) {
    uitest::fillStandardCustomers(*m_direct);
    const std::optional<QString> jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl"));
    ASSERT_TRUE(jan);
    startClient();
    TimelineModel model(*m_client, *jan);
    ui::TimelineView view;
    view.resize(640, 480);
    view.setTimelineModel(&model);
    view.setLayoutDirection(Qt::RightToLeft);
    view.show();
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));

    int inboundRow = -1;
    int outboundRow = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto side = static_cast<EventSide>(model.index(row).data(TimelineModel::SideRole).toInt());
        if (side == EventSide::Inbound && inboundRow < 0)
            inboundRow = row;
        if (side == EventSide::Outbound && outboundRow < 0)
            outboundRow = row;
    }
    ASSERT_GE(inboundRow, 0);
    ASSERT_GE(outboundRow, 0);

    const auto layoutOf = [&](int row, Qt::LayoutDirection direction) {
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.rect = QRect(0, 0, view.viewport()->width(), 100);
        option.direction = direction;
        return view.timelineDelegate()->layout(option, model.index(row));
    };
    const int middle = view.viewport()->width() / 2;
    // Right to left: the customer's bubble on the right, the agent's on the left, the icon at the bubble's start.
    const TimelineDelegate::Layout inbound = layoutOf(inboundRow, Qt::RightToLeft);
    const TimelineDelegate::Layout outbound = layoutOf(outboundRow, Qt::RightToLeft);
    EXPECT_GT(inbound.bubble.center().x(), middle);
    EXPECT_LT(outbound.bubble.center().x(), middle);
    EXPECT_GT(inbound.icon.center().x(), inbound.text.center().x());
    // Left to right is the mirror image.
    EXPECT_LT(layoutOf(inboundRow, Qt::LeftToRight).bubble.center().x(), middle);
    EXPECT_GT(layoutOf(outboundRow, Qt::LeftToRight).bubble.center().x(), middle);

    // The view hands the delegate its direction.
    QStyleOptionViewItem viewOption;
    viewOption.initFrom(&view);
    EXPECT_EQ(viewOption.direction, Qt::RightToLeft);
}

TEST_F(Timeline, OwnActionsShowPendingUntilTheServerAcknowledgesAndRefusalsStay) {
    uitest::fillStandardCustomers(*m_direct);
    const std::optional<QString> jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl"));
    ASSERT_TRUE(jan);
    startClient();

    TimelineModel model(*m_client, *jan);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));
    // Imported history (local, seq 0, but never in the outbox) carries no mark.
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_TRUE(model.index(row).data(TimelineModel::DeliveryTextRole).toString().isEmpty()) << row;

    const auto write = [&](const QString& text) {
        std::optional<core::Event> written;
        m_client->appendOutbound(*jan, core::Channel::Email, core::kinds::MessageOut,
                                 QJsonObject{{QStringLiteral("text"), text}}, &model,
                                 [&](core::Result<core::Event> result) {
                                     ASSERT_TRUE(result.ok()) << result.error().toStdString();
                                     written = result.value();
                                 });
        EXPECT_TRUE(waitFor([&] { return written.has_value(); }));
        return written.value_or(core::Event{});
    };
    const core::Event delivered = write(QStringLiteral("Your parcel left today."));
    const core::Event refused = write(QStringLiteral("A reply the server will refuse."));
    const auto rowOf = [&](const QString& id) {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row).data(TimelineModel::EventIdRole).toString() == id)
                return row;
        }
        return -1;
    };
    const auto delivery = [&](const QString& id) {
        const int row = rowOf(id);
        return row < 0 ? -1 : model.index(row).data(TimelineModel::DeliveryRole).toInt();
    };
    const int pending = static_cast<int>(TimelineModel::Delivery::Pending);
    ASSERT_TRUE(waitFor([&] { return delivery(delivered.id) == pending && delivery(refused.id) == pending; }));
    EXPECT_EQ(model.index(rowOf(delivered.id)).data(TimelineModel::DeliveryTextRole).toString(),
              QStringLiteral("Not sent yet"));

    // The sync client records the server's answers in the cache, then tells the views.
    const auto touched = m_direct->acknowledge(
        {{delivered.id, 90001, QString()}, {refused.id, 0, QStringLiteral("the customer is not in your queues")}});
    ASSERT_TRUE(touched.ok()) << touched.error().toStdString();
    m_client->notifyChanged({*jan});

    ASSERT_TRUE(waitFor([&] {
        return delivery(delivered.id) == static_cast<int>(TimelineModel::Delivery::Delivered) &&
               delivery(refused.id) == static_cast<int>(TimelineModel::Delivery::Refused);
    }));
    const QModelIndex refusedIndex = model.index(rowOf(refused.id));
    EXPECT_EQ(refusedIndex.data(TimelineModel::DeliveryTextRole).toString(),
              QStringLiteral("Not delivered: the customer is not in your queues"));
    EXPECT_TRUE(refusedIndex.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not in your queues")));
    EXPECT_TRUE(model.index(rowOf(delivered.id)).data(TimelineModel::DeliveryTextRole).toString().isEmpty());

    // The mark takes a line in the bubble: the refused row is taller than the same row once delivered.
    TimelineDelegate delegate;
    QStyleOptionViewItem option;
    option.rect = QRect(0, 0, 600, 0);
    const TimelineDelegate::Layout marked = delegate.layout(option, refusedIndex);
    EXPECT_FALSE(marked.delivery.isEmpty());
    EXPECT_GE(marked.delivery.top(), marked.text.bottom());
    EXPECT_TRUE(delegate.layout(option, model.index(rowOf(delivered.id))).delivery.isEmpty());
}

TEST_F(Timeline, AMailServersRefusalOrBounceShowsOnTheReplyItself) {
    uitest::fillStandardCustomers(*m_direct);
    const std::optional<QString> li = m_direct->customerOf(QStringLiteral("email:li@example.cn"));
    ASSERT_TRUE(li);
    // Two replies the server sent, then what the mail channel reported about them (as the server writes it).
    std::vector<core::ImportRecord> records;
    records.push_back(uitest::record(QStringLiteral("reply-1"), core::Channel::Email, core::kinds::MessageOut,
                                     uitest::baseTime + 3600000, QStringLiteral("email:li@example.cn"),
                                     QStringLiteral("First answer"), QStringLiteral("Re: Order"), {},
                                     QStringLiteral("anna")));
    records.push_back(uitest::record(QStringLiteral("reply-2"), core::Channel::Email, core::kinds::MessageOut,
                                     uitest::baseTime + 3700000, QStringLiteral("email:li@example.cn"),
                                     QStringLiteral("Second answer"), QStringLiteral("Re: Order"), {},
                                     QStringLiteral("anna")));
    const auto report = [&](const QString& id, qint64 at, const QString& target, const QString& status,
                            const QString& detail) {
        core::ImportRecord record = uitest::record(id, core::Channel::System, core::kinds::DeliveryUpdated, at,
                                                   QStringLiteral("email:li@example.cn"), {});
        record.event.payload = QJsonObject{
            {QStringLiteral("status"), status}, {QStringLiteral("detail"), detail}, {QStringLiteral("event"), target}};
        return record;
    };
    records.push_back(report(QStringLiteral("d-1"), uitest::baseTime + 3601000, QStringLiteral("reply-1"),
                             QStringLiteral("sent"), QStringLiteral("250 OK")));
    records.push_back(report(QStringLiteral("d-2"), uitest::baseTime + 3602000, QStringLiteral("reply-1"),
                             QStringLiteral("bounced"), QStringLiteral("5.1.1 mailbox unknown")));
    records.push_back(report(QStringLiteral("d-3"), uitest::baseTime + 3701000, QStringLiteral("reply-2"),
                             QStringLiteral("sent"), QStringLiteral("250 OK")));
    const auto stored = m_direct->ingestBatch(records);
    ASSERT_TRUE(stored.ok()) << stored.error().toStdString();
    startClient();

    TimelineModel model(*m_client, *li);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));
    const auto row = [&](const QString& id) {
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.index(r).data(TimelineModel::EventIdRole).toString() == id)
                return model.index(r);
        }
        return QModelIndex();
    };
    const QModelIndex bounced = row(QStringLiteral("reply-1"));
    const QModelIndex sent = row(QStringLiteral("reply-2"));
    ASSERT_TRUE(bounced.isValid() && sent.isValid());
    EXPECT_EQ(bounced.data(TimelineModel::DeliveryRole).toInt(),
              static_cast<int>(TimelineModel::Delivery::Undeliverable));
    EXPECT_EQ(bounced.data(TimelineModel::DeliveryTextRole).toString(),
              QStringLiteral("Bounced: 5.1.1 mailbox unknown"));
    EXPECT_TRUE(bounced.data(Qt::ToolTipRole).toString().contains(QStringLiteral("mailbox unknown")));
    EXPECT_EQ(sent.data(TimelineModel::DeliveryRole).toInt(), static_cast<int>(TimelineModel::Delivery::Delivered));
    EXPECT_TRUE(sent.data(TimelineModel::DeliveryTextRole).toString().isEmpty());
}
