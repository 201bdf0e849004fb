// The Transfer dialog under the composer: colleagues loaded off the GUI thread (a fake loader here; the real
// tl::sync::ColleagueClient is tested against the server in test_server), filtered, picked with the keyboard, and
// the typed login when the list cannot be loaded.

#include "ui/TransferDialog.h"
#include "ui/Composer.h"
#include "ui/ConversationPane.h"

#include "TempDatabase.h"
#include "UiTestHelpers.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>

using namespace tl;
using tl::ui::TransferDialog;
using tl::uitest::waitFor;

namespace {

QList<sync::Colleague> colleagues() {
    return {{QStringLiteral("piotr"), QStringLiteral("Piotr Wiśniewski"), QStringLiteral("agent"), true},
            {QStringLiteral("ola"), QStringLiteral("Aleksandra Nowak"), QStringLiteral("agent"), false},
            {QStringLiteral("sam"), QStringLiteral("Sam Supervisor"), QStringLiteral("supervisor"), false}};
}

QStringList shown(const TransferDialog& dialog) {
    QStringList rows;
    const QAbstractItemModel* model = dialog.colleagueModel();
    for (int row = 0; row < model->rowCount(); ++row)
        rows << model->index(row, 0).data().toString().remove(QChar(0x2068)).remove(QChar(0x2069));
    return rows;
}

} // namespace

TEST(TransferDialog, ShowsLoadingThenTheColleaguesOnlineFirstAndFilters) {
    sync::ColleagueClient::Done answer;
    TransferDialog dialog([&answer](sync::ColleagueClient::Done done) { answer = std::move(done); });
    QAbstractItemModelTester tester(dialog.colleagueModel(), QAbstractItemModelTester::FailureReportingMode::Warning);
    dialog.show();
    auto* transfer = dialog.findChild<QPushButton*>(QStringLiteral("transferPushButton"));
    auto* filter = dialog.findChild<QLineEdit*>(QStringLiteral("filterLineEdit"));
    auto* list = dialog.findChild<QListView*>(QStringLiteral("colleagueListView"));
    ASSERT_TRUE(transfer && filter && list);

    // Until the loader answers: loading, nothing to pick.
    EXPECT_TRUE(dialog.isLoading());
    EXPECT_EQ(dialog.statusText(), QStringLiteral("Loading colleagues…"));
    EXPECT_FALSE(transfer->isEnabled());
    ASSERT_TRUE(answer);

    answer(colleagues());
    EXPECT_FALSE(dialog.isLoading());
    EXPECT_FALSE(dialog.isTypingLogin());
    EXPECT_TRUE(dialog.statusText().isEmpty());
    EXPECT_EQ(shown(dialog),
              (QStringList{QStringLiteral("Piotr Wiśniewski (piotr) — online"),
                           QStringLiteral("Aleksandra Nowak (ola)"), QStringLiteral("Sam Supervisor (sam)")}));
    EXPECT_TRUE(dialog.colleagueModel()->index(0, 0).data(TransferDialog::OnlineRole).toBool());
    // The first is picked, so Enter alone transfers to the first online colleague.
    EXPECT_EQ(dialog.login(), QStringLiteral("piotr"));
    EXPECT_TRUE(transfer->isEnabled());

    // Filtering by name or login, case-insensitively; the first match is picked.
    QTest::keyClicks(filter, QStringLiteral("NOWAK"));
    EXPECT_EQ(shown(dialog), (QStringList{QStringLiteral("Aleksandra Nowak (ola)")}));
    EXPECT_EQ(dialog.login(), QStringLiteral("ola"));
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("sup"));
    EXPECT_EQ(shown(dialog), (QStringList{QStringLiteral("Sam Supervisor (sam)")}));
    EXPECT_EQ(dialog.login(), QStringLiteral("sam"));
    QTest::keyClicks(filter, QStringLiteral("xyz"));
    EXPECT_TRUE(shown(dialog).isEmpty());
    EXPECT_EQ(dialog.statusText(), QStringLiteral("No colleague matches “supxyz”."));
    EXPECT_FALSE(transfer->isEnabled());
    filter->clear();
    EXPECT_EQ(shown(dialog).size(), 3);
    EXPECT_TRUE(dialog.statusText().isEmpty());
}

TEST(TransferDialog, TheKeyboardPicksFromTheFilterLine) {
    TransferDialog dialog([](sync::ColleagueClient::Done done) { done(colleagues()); });
    QSignalSpy requested(&dialog, &TransferDialog::transferRequested);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&dialog));
    auto* filter = dialog.findChild<QLineEdit*>(QStringLiteral("filterLineEdit"));
    ASSERT_TRUE(filter);
    ASSERT_TRUE(waitFor([&] { return filter->hasFocus(); }));

    // Down moves through the list without leaving the filter line; Enter picks.
    QTest::keyClick(filter, Qt::Key_Down);
    EXPECT_EQ(dialog.login(), QStringLiteral("ola"));
    EXPECT_TRUE(filter->hasFocus());
    QTest::keyClick(filter, Qt::Key_Down);
    QTest::keyClick(filter, Qt::Key_Up);
    EXPECT_EQ(dialog.login(), QStringLiteral("ola"));
    QTest::keyClick(filter, Qt::Key_Return);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toString(), QStringLiteral("ola"));
    EXPECT_FALSE(dialog.isVisible());
}

TEST(TransferDialog, TakesATypedLoginWhenTheListCannotBeLoaded) {
    TransferDialog dialog([](sync::ColleagueClient::Done done) {
        done(core::Result<QList<sync::Colleague>>::failure(
            QStringLiteral("Cannot reach the server: Connection refused")));
    });
    QSignalSpy requested(&dialog, &TransferDialog::transferRequested);
    dialog.show();
    auto* login = dialog.findChild<QLineEdit*>(QStringLiteral("loginLineEdit"));
    auto* list = dialog.findChild<QListView*>(QStringLiteral("colleagueListView"));
    auto* transfer = dialog.findChild<QPushButton*>(QStringLiteral("transferPushButton"));
    ASSERT_TRUE(login && list && transfer);
    EXPECT_TRUE(dialog.isTypingLogin());
    EXPECT_TRUE(list->isHidden());
    EXPECT_TRUE(login->isVisible());
    // The agent learns why, and what to do instead.
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("Connection refused")));
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("Type the login")));
    EXPECT_FALSE(transfer->isEnabled());
    QTest::keyClicks(login, QStringLiteral(" piotr "));
    EXPECT_TRUE(transfer->isEnabled());
    QTest::keyClick(login, Qt::Key_Return);
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.at(0).at(0).toString(), QStringLiteral("piotr"));
}

TEST(TransferDialog, AnAnswerAfterTheDialogIsGoneIsIgnored) {
    sync::ColleagueClient::Done answer;
    {
        TransferDialog dialog([&answer](sync::ColleagueClient::Done done) { answer = std::move(done); });
    }
    ASSERT_TRUE(answer);
    answer(colleagues()); // must not touch the destroyed dialog (ASan would tell)
}

TEST(TransferDialog, IsMirroredRightToLeft) {
    // The buttons' order and the typed login's label swap sides in a right-to-left window; the login stays LTR.
    const auto buttonOrder = [](Qt::LayoutDirection direction, bool* loginLeftToRight, bool* labelAfterEdit) {
        TransferDialog dialog([](sync::ColleagueClient::Done done) {
            done(core::Result<QList<sync::Colleague>>::failure(QStringLiteral("offline")));
        });
        dialog.setLayoutDirection(direction);
        dialog.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&dialog));
        auto* transfer = dialog.findChild<QPushButton*>(QStringLiteral("transferPushButton"));
        auto* login = dialog.findChild<QLineEdit*>(QStringLiteral("loginLineEdit"));
        QPushButton* cancel = nullptr;
        for (auto* button : dialog.findChildren<QPushButton*>()) {
            if (button != transfer)
                cancel = button;
        }
        EXPECT_TRUE(transfer && cancel && login);
        if (!transfer || !cancel || !login)
            return 0;
        *loginLeftToRight = login->layoutDirection() == Qt::LeftToRight;
        const QWidget* label = nullptr;
        for (auto* candidate : dialog.findChildren<QLabel*>()) {
            if (candidate->buddy() == login)
                label = candidate;
        }
        *labelAfterEdit = label && label->geometry().center().x() > login->geometry().center().x();
        return transfer->geometry().center().x() < cancel->geometry().center().x() ? -1 : 1;
    };
    bool ltrLogin = false;
    bool rtlLogin = false;
    bool ltrLabelAfter = true;
    bool rtlLabelAfter = false;
    const int leftToRight = buttonOrder(Qt::LeftToRight, &ltrLogin, &ltrLabelAfter);
    const int rightToLeft = buttonOrder(Qt::RightToLeft, &rtlLogin, &rtlLabelAfter);
    EXPECT_NE(leftToRight, 0);
    EXPECT_EQ(rightToLeft, -leftToRight);
    EXPECT_FALSE(ltrLabelAfter);
    EXPECT_TRUE(rtlLabelAfter);
    EXPECT_TRUE(ltrLogin);
    EXPECT_TRUE(rtlLogin);
}

namespace {

class TransferFromComposer : public uitest::StandardCustomersTest {};

} // namespace

TEST_F(TransferFromComposer, PickingAColleagueWritesChatTransferredToThatLogin) {
    ui::ConversationPane pane(*m_client, m_jan);
    pane.resize(900, 600);
    pane.show();
    ASSERT_TRUE(waitFor([&] { return pane.timelineModel() && !pane.customer().id.isEmpty(); }));
    ui::Composer& composer = *pane.composer();
    composer.setColleagueLoader([](sync::ColleagueClient::Done done) { done(colleagues()); });
    composer.setChannel(core::Channel::Chat);
    auto* button = composer.findChild<QPushButton*>(QStringLiteral("transferPushButton"));
    ASSERT_TRUE(button);
    QTest::mouseClick(button, Qt::LeftButton);
    TransferDialog* dialog = nullptr;
    ASSERT_TRUE(waitFor([&] {
        dialog = composer.findChild<TransferDialog*>(QStringLiteral("transferDialog"));
        return dialog && dialog->isVisible() && !dialog->isLoading();
    }));
    auto* filter = dialog->findChild<QLineEdit*>(QStringLiteral("filterLineEdit"));
    ASSERT_TRUE(filter);
    QTest::keyClicks(filter, QStringLiteral("sam"));
    QTest::keyClick(filter, Qt::Key_Return);
    ASSERT_TRUE(waitFor([&] { return !composer.isSending(); }));

    const auto sent = [&] {
        const auto outbox = m_direct->outboxEvents(100);
        return outbox.ok() ? outbox.value() : QVector<core::Event>();
    };
    ASSERT_TRUE(waitFor([&] { return sent().size() == 1; }));
    const core::Event event = sent().constFirst();
    EXPECT_EQ(event.kind, core::kinds::ChatTransferred);
    EXPECT_EQ(event.channel, core::Channel::Chat);
    EXPECT_EQ(event.identity, QStringLiteral("chat:visitor-jan"));
    EXPECT_EQ(event.payload.value(QStringLiteral("to")).toString(), QStringLiteral("sam"));
    EXPECT_EQ(event.payload.value(QStringLiteral("from")).toString(), QStringLiteral("anna"));
}
