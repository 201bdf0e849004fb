#include "ui/Composer.h"
#include "ui/ConversationPane.h"
#include "ui/TimelineModel.h"
#include "ui/TransferDialog.h"

#include "TempDatabase.h"
#include "UiTestHelpers.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>

using namespace tl;
using tl::ui::Composer;
using tl::uitest::waitFor;

TEST(ComposerDefaults, ChannelFollowsTheLastInboundChannel) {
    core::Customer customer;
    customer.identities = QStringList{QStringLiteral("phone:+48601234567"), QStringLiteral("email:jan@example.pl")};
    customer.lastInboundChannel = core::Channel::Chat;
    EXPECT_EQ(Composer::defaultChannel(customer), core::Channel::Chat);
    customer.lastInboundChannel = core::Channel::Voice;
    EXPECT_EQ(Composer::defaultChannel(customer), core::Channel::Sms);
    customer.lastInboundChannel.reset();
    EXPECT_EQ(Composer::defaultChannel(customer), core::Channel::Email);
    customer.identities = QStringList{QStringLiteral("chat:visitor"), QStringLiteral("phone:+48601234567")};
    EXPECT_EQ(Composer::defaultChannel(customer), core::Channel::Chat);
    customer.identities.clear();
    EXPECT_EQ(Composer::defaultChannel(customer), core::Channel::Email);
}

namespace {

class ComposerSend : public uitest::StandardCustomersTest {};

} // namespace

TEST_F(ComposerSend, SendWritesAnOutboundEventAndShowsIt) {
    ui::ConversationPane pane(*m_client, m_jan);
    pane.resize(900, 600);
    pane.show();
    ui::TimelineModel& model = *pane.timelineModel();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded() && !pane.customer().id.isEmpty(); }));
    Composer& composer = *pane.composer();
    // Jan wrote last by SMS.
    EXPECT_EQ(composer.channel(), core::Channel::Sms);

    composer.setChannel(core::Channel::Email);
    EXPECT_EQ(composer.subject(), QStringLiteral("Re: Parcel 4711"));
    auto* textEdit = composer.findChild<QPlainTextEdit*>(QStringLiteral("textPlainTextEdit"));
    ASSERT_TRUE(textEdit);
    textEdit->setFocus();
    QTest::keyClicks(textEdit, QStringLiteral("Glad it arrived. Anything else?"));
    QTest::keyClick(textEdit, Qt::Key_Return, Qt::ControlModifier);

    ASSERT_TRUE(waitFor([&] { return composer.text().isEmpty(); })) << composer.errorText().toStdString();
    EXPECT_TRUE(composer.errorText().isEmpty());

    // In the store, seen through a second connection.
    const auto timeline = m_direct->timeline(m_jan);
    ASSERT_TRUE(timeline.ok());
    const core::Event& last = timeline.value().constLast();
    EXPECT_EQ(last.kind, core::kinds::MessageOut);
    EXPECT_EQ(last.channel, core::Channel::Email);
    EXPECT_EQ(last.author, QStringLiteral("anna"));
    EXPECT_EQ(last.payload.value(QStringLiteral("text")).toString(), QStringLiteral("Glad it arrived. Anything else?"));
    EXPECT_EQ(last.payload.value(QStringLiteral("subject")).toString(), QStringLiteral("Re: Parcel 4711"));

    // And at the bottom of the timeline.
    ASSERT_TRUE(waitFor([&] {
        return model.rowCount() > 0 &&
               model.index(model.rowCount() - 1).data(ui::TimelineModel::EventIdRole).toString() == last.id;
    }));
    EXPECT_EQ(model.index(model.rowCount() - 1).data(ui::TimelineModel::TextRole).toString(),
              QStringLiteral("Glad it arrived. Anything else?"));

    // An internal note goes out as kind "note" on the note channel.
    composer.setChannel(core::Channel::Note);
    composer.setText(QStringLiteral("Customer happy, closing soon."));
    composer.send();
    ASSERT_TRUE(waitFor([&] {
        return model.index(model.rowCount() - 1).data(ui::TimelineModel::KindRole).toString() == core::kinds::Note;
    }));
    EXPECT_EQ(model.index(model.rowCount() - 1).data(ui::TimelineModel::ChannelRole).toInt(),
              static_cast<int>(core::Channel::Note));
}

TEST_F(ComposerSend, FailureShowsTheErrorAndKeepsTheText) {
    Composer composer(*m_client, QStringLiteral("no-such-customer"));
    composer.show();
    composer.setChannel(core::Channel::Chat);
    composer.setText(QStringLiteral("This must not be lost."));
    bool failed = false;
    QObject::connect(&composer, &Composer::sendFailed, [&failed] { failed = true; });
    composer.send();
    ASSERT_TRUE(waitFor([&] { return failed; }));
    EXPECT_EQ(composer.text(), QStringLiteral("This must not be lost."));
    EXPECT_FALSE(composer.errorText().isEmpty());
    EXPECT_FALSE(composer.isSending());
    auto* sendButton = composer.findChild<QPushButton*>(QStringLiteral("sendPushButton"));
    ASSERT_TRUE(sendButton);
    EXPECT_TRUE(sendButton->isEnabled());
}

TEST_F(ComposerSend, SubjectOnlyForEmail) {
    Composer composer(*m_client, m_jan);
    composer.show();
    auto* subject = composer.findChild<QLineEdit*>(QStringLiteral("subjectLineEdit"));
    ASSERT_TRUE(subject);
    composer.setChannel(core::Channel::Email);
    EXPECT_TRUE(subject->isVisible());
    composer.setChannel(core::Channel::Sms);
    EXPECT_FALSE(subject->isVisible());
}

TEST_F(ComposerSend, ChatTypingGoesToTheNewestChatAndEndsWithTheSend) {
    ui::ConversationPane pane(*m_client, m_jan);
    pane.resize(900, 600);
    pane.show();
    ASSERT_TRUE(waitFor([&] { return pane.timelineModel()->isLoaded() && !pane.customer().id.isEmpty(); }));
    Composer& composer = *pane.composer();
    auto* edit = composer.findChild<QPlainTextEdit*>(QStringLiteral("textPlainTextEdit"));
    ASSERT_TRUE(edit);
    QSignalSpy typing(&pane, &ui::ConversationPane::agentTyping);

    // Typing an e-mail is nobody's business.
    composer.setChannel(core::Channel::Email);
    QTest::keyClicks(edit, QStringLiteral("Dear Jan"));
    EXPECT_EQ(typing.count(), 0);
    edit->clear();

    composer.setChannel(core::Channel::Chat);
    QTest::keyClicks(edit, QStringLiteral("One moment, I am checking"));
    // Many keystrokes, one announcement (repeated only every few seconds), to the customer's chat.
    ASSERT_EQ(typing.count(), 1);
    EXPECT_EQ(typing.at(0).at(0).toString(), QStringLiteral("chat:visitor-jan"));
    EXPECT_TRUE(typing.at(0).at(1).toBool());

    composer.send();
    ASSERT_EQ(typing.count(), 2);
    EXPECT_EQ(typing.at(1).at(0).toString(), QStringLiteral("chat:visitor-jan"));
    EXPECT_FALSE(typing.at(1).at(1).toBool());
    ASSERT_TRUE(waitFor([&] { return !composer.isSending(); }));

    // Switching away from chat ends it too.
    QTest::keyClicks(edit, QStringLiteral("Also"));
    ASSERT_EQ(typing.count(), 3);
    composer.setChannel(core::Channel::Note);
    ASSERT_EQ(typing.count(), 4);
    EXPECT_FALSE(typing.at(3).at(1).toBool());
}

TEST_F(ComposerSend, ChatCanBeEndedAndHandedToAColleagueFromTheComposer) {
    ui::ConversationPane pane(*m_client, m_jan);
    pane.resize(900, 600);
    pane.show();
    ASSERT_TRUE(waitFor([&] { return pane.timelineModel()->isLoaded() && !pane.customer().id.isEmpty(); }));
    Composer& composer = *pane.composer();
    auto* end = composer.findChild<QPushButton*>(QStringLiteral("endChatPushButton"));
    auto* transfer = composer.findChild<QPushButton*>(QStringLiteral("transferPushButton"));
    ASSERT_TRUE(end && transfer);
    composer.setChannel(core::Channel::Email);
    EXPECT_TRUE(end->isHidden());
    EXPECT_TRUE(transfer->isHidden());
    composer.setChannel(core::Channel::Chat);
    EXPECT_FALSE(end->isHidden());

    // Transfer through the dialog, as the agent would.
    QTest::mouseClick(transfer, Qt::LeftButton);
    // No server here: the dialog takes a typed login.
    ui::TransferDialog* dialog = nullptr;
    ASSERT_TRUE(waitFor([&] {
        dialog = composer.findChild<ui::TransferDialog*>(QStringLiteral("transferDialog"));
        return dialog && dialog->isVisible();
    }));
    ASSERT_TRUE(dialog->isTypingLogin());
    dialog->findChild<QLineEdit*>(QStringLiteral("loginLineEdit"))->setText(QStringLiteral("piotr"));
    dialog->accept();
    ASSERT_TRUE(waitFor([&] { return !composer.isSending(); }));
    QTest::mouseClick(end, Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return !composer.isSending(); }));

    // Both are actions on the customer's chat, in the cache's outbox, and shown in the timeline.
    ui::TimelineModel& model = *pane.timelineModel();
    const auto texts = [&] {
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown << model.index(row).data(ui::TimelineModel::TextRole).toString();
        return shown;
    };
    ASSERT_TRUE(waitFor([&] { return texts().contains(QStringLiteral("Chat ended")); }));
    EXPECT_TRUE(texts().contains(QStringLiteral("Chat transferred to piotr")));
    const auto outbox = m_direct->outboxEvents(100);
    ASSERT_TRUE(outbox.ok());
    QStringList kinds;
    for (const core::Event& event : outbox.value()) {
        kinds << event.kind;
        EXPECT_EQ(event.identity, QStringLiteral("chat:visitor-jan"));
        EXPECT_EQ(event.channel, core::Channel::Chat);
    }
    EXPECT_EQ(kinds, (QStringList{core::kinds::ChatTransferred, core::kinds::ChatEnded}));
    EXPECT_EQ(outbox.value().constFirst().payload.value(QStringLiteral("to")).toString(), QStringLiteral("piotr"));
    EXPECT_EQ(outbox.value().constFirst().payload.value(QStringLiteral("from")).toString(), QStringLiteral("anna"));
}
