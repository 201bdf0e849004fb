#include "ui/MainWindow.h"
#include "ui/ConversationPane.h"
#include "ui/CustomerCard.h"
#include "ui/CustomerListModel.h"
#include "ui/CustomerListPanel.h"
#include "ui/Notifier.h"
#include "ui/TimelineDelegate.h"
#include "ui/TimelineModel.h"
#include "ui/TimelineView.h"

#include "TempDatabase.h"
#include "UiTestHelpers.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>

using namespace tl;
using tl::uitest::waitFor;

namespace {

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_direct = uitest::openStore(m_database.path());
        ASSERT_TRUE(m_direct);
        uitest::fillStandardCustomers(*m_direct);
        m_client = std::make_unique<store::StoreClient>(m_database.path(), QStringLiteral("anna"));
        m_window = std::make_unique<ui::MainWindow>(*m_client, ui::MainWindow::Options{m_database.path(), {}, {}});
        m_window->resize(1200, 760);
        m_window->show();
        ASSERT_TRUE(waitFor([&] { return list().rowCount() == 3; }));
    }

    void TearDown() override {
        QApplication::setLayoutDirection(Qt::LeftToRight);
        m_window.reset();
        m_client.reset();
    }

    ui::CustomerListModel& list() { return *m_window->customerListPanel()->model(); }

    /// Clicks the customer's row in the list, as the agent would.
    void clickCustomer(const QString& name) {
        QListView* view = m_window->customerListPanel()->listView();
        for (int row = 0; row < list().rowCount(); ++row) {
            const QModelIndex index = list().index(row);
            if (index.data().toString() == name) {
                view->scrollTo(index);
                QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
                return;
            }
        }
        ADD_FAILURE() << "no customer " << name.toStdString();
    }

    testsupport::TempDatabase m_database;
    std::unique_ptr<store::EventStore> m_direct;
    std::unique_ptr<store::StoreClient> m_client;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace

TEST_F(MainWindowTest, ActivatingACustomerOpensOneTabAndMarksRead) {
    const QString jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl")).value();
    ASSERT_GT(m_direct->customer(jan).value().unread, 0);

    clickCustomer(QStringLiteral("Jan Kowalski"));
    QTabWidget* tabs = m_window->tabWidget();
    ASSERT_TRUE(waitFor([&] { return tabs->count() == 1; }));
    ui::ConversationPane* pane = m_window->pane(jan);
    ASSERT_TRUE(pane);
    QAbstractItemModelTester tester(pane->timelineModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(waitFor([&] { return pane->timelineModel()->isLoaded(); }));
    ASSERT_TRUE(waitFor([&] { return tabs->tabText(0) == QStringLiteral("Jan Kowalski"); }))
        << tabs->tabText(0).toStdString();
    const ui::TimelineModel& model = *pane->timelineModel();
    EXPECT_EQ(model.index(model.rowCount() - 1).data().toString(), QStringLiteral("Thanks, it arrived!"));
    // Opening the pane marked the customer read.
    ASSERT_TRUE(waitFor([&] { return m_direct->customer(jan).value().unread == 0; }));

    // A second customer gets a second tab; going back to the first switches tabs.
    clickCustomer(QStringLiteral("Maria Nowak"));
    ASSERT_TRUE(waitFor([&] { return tabs->count() == 2; }));
    EXPECT_EQ(tabs->currentIndex(), 1);
    clickCustomer(QStringLiteral("Jan Kowalski"));
    ASSERT_TRUE(waitFor([&] { return tabs->currentIndex() == 0; }));
    EXPECT_EQ(tabs->count(), 2);

    // Closing a tab.
    emit tabs->tabCloseRequested(1);
    ASSERT_TRUE(waitFor([&] { return tabs->count() == 1; }));
}

TEST_F(MainWindowTest, StateComboSetsTheCaseState) {
    const QString maria = m_direct->customerOf(QStringLiteral("phone:+48700100200")).value();
    m_window->openCustomer(maria);
    ui::ConversationPane* pane = m_window->pane(maria);
    ASSERT_TRUE(pane);
    ASSERT_TRUE(waitFor([&] { return !pane->customer().id.isEmpty(); }));
    auto* state = pane->customerCard()->findChild<QComboBox*>(QStringLiteral("stateComboBox"));
    ASSERT_TRUE(state);
    EXPECT_EQ(state->currentData().toInt(), static_cast<int>(core::CaseState::Pending));
    const int resolved = state->findData(static_cast<int>(core::CaseState::Resolved));
    state->setCurrentIndex(resolved);
    emit state->activated(resolved);
    ASSERT_TRUE(waitFor([&] { return m_direct->customer(maria).value().state == core::CaseState::Resolved; }));
    // The change shows in the timeline as a system line.
    ASSERT_TRUE(waitFor([&] {
        const ui::TimelineModel& model = *pane->timelineModel();
        return model.rowCount() > 0 &&
               model.index(model.rowCount() - 1).data().toString() == QStringLiteral("anna set the case to Resolved");
    }));
}

TEST_F(MainWindowTest, MergeAfterConfirmationClosesTheOtherTab) {
    const QString jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl")).value();
    const QString li = m_direct->customerOf(QStringLiteral("email:li@example.cn")).value();
    m_window->openCustomer(li);
    m_window->openCustomer(jan);
    ASSERT_EQ(m_window->tabWidget()->count(), 2);
    ui::ConversationPane* janPane = m_window->pane(jan);
    ASSERT_TRUE(waitFor([&] { return !janPane->customer().id.isEmpty(); }));

    janPane->customerCard()->confirmMerge(li, QStringLiteral("Li Wei"));
    QMessageBox* question = nullptr;
    ASSERT_TRUE(waitFor([&] {
        question = janPane->customerCard()->findChild<QMessageBox*>(QStringLiteral("mergeConfirmMessageBox"));
        return question && question->isVisible();
    }));
    QAbstractButton* merge = nullptr;
    for (QAbstractButton* button : question->buttons()) {
        if (question->buttonRole(button) == QMessageBox::AcceptRole)
            merge = button;
    }
    ASSERT_TRUE(merge);
    merge->click();

    ASSERT_TRUE(waitFor([&] { return m_window->tabWidget()->count() == 1; }));
    EXPECT_FALSE(m_window->pane(li));
    ASSERT_TRUE(waitFor([&] { return list().rowCount() == 2; }));
    ASSERT_TRUE(
        waitFor([&] { return janPane->customer().identities.contains(QStringLiteral("email:li@example.cn")); }));
    // Li's e-mail is in Jan's timeline now.
    ASSERT_TRUE(waitFor([&] {
        const ui::TimelineModel& model = *janPane->timelineModel();
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row).data().toString() == QStringLiteral("Invoice attached, please confirm the refund."))
                return true;
        }
        return false;
    }));
}

TEST_F(MainWindowTest, RightToLeftWindowMirrorsBubbles) {
    QApplication::setLayoutDirection(Qt::RightToLeft);
    const QString jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl")).value();
    m_window->openCustomer(jan);
    ui::ConversationPane* pane = m_window->pane(jan);
    ASSERT_TRUE(waitFor([&] { return pane->timelineModel()->isLoaded(); }));
    ASSERT_EQ(m_window->layoutDirection(), Qt::RightToLeft);
    ui::TimelineView* view = pane->timelineView();
    ASSERT_EQ(view->layoutDirection(), Qt::RightToLeft);
    ASSERT_TRUE(waitFor([&] { return view->viewport()->width() > 300; }));

    // The list sits on the right of the window in right-to-left.
    const QWidget* listPanel = m_window->customerListPanel();
    EXPECT_GT(listPanel->mapTo(m_window.get(), QPoint(0, 0)).x(), m_window->width() / 3);

    const ui::TimelineModel& model = *pane->timelineModel();
    const int middle = view->viewport()->width() / 2;
    int checked = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        const auto side = static_cast<ui::EventSide>(index.data(ui::TimelineModel::SideRole).toInt());
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.rect = view->visualRect(index);
        const ui::TimelineDelegate::Layout layout = view->timelineDelegate()->layout(option, index);
        if (side == ui::EventSide::Inbound) {
            EXPECT_GT(layout.bubble.center().x(), middle) << row;
            ++checked;
        } else if (side == ui::EventSide::Outbound) {
            EXPECT_LT(layout.bubble.center().x(), middle) << row;
            ++checked;
        }
    }
    EXPECT_GE(checked, 4);
}

TEST(MainWindowFirstRun, EmptyCacheOffersTheSampleAndImportsIt) {
    testsupport::TempDatabase database;
    QString samplePath = database.path(QStringLiteral("sample.jsonl"));
    {
        QFile sample(samplePath);
        ASSERT_TRUE(sample.open(QIODevice::WriteOnly));
        sample.write(
            R"({"id":"chat:s1","channel":"chat","kind":"message.in","occurred_at":"2026-11-02T09:15:00Z","identity":"chat:visitor-1","name":"Sample Person","payload":{"text":"Hello"}}
{"id":"chat:s2","channel":"chat","kind":"message.out","occurred_at":"2026-11-02T09:16:00Z","identity":"chat:visitor-1","author":"anna","payload":{"text":"Hi there"}}
this line is not JSON
)");
    }
    store::StoreClient client(database.path(), QStringLiteral("anna"));
    ui::MainWindow window(client, ui::MainWindow::Options{database.path(), samplePath, QStringLiteral("PL")});
    window.show();
    bool finished = false;
    QObject::connect(&window, &ui::MainWindow::importFinished, [&finished](bool ok) { finished = ok; });

    QMessageBox* question = nullptr;
    ASSERT_TRUE(waitFor([&] {
        question = window.findChild<QMessageBox*>(QStringLiteral("sampleImportMessageBox"));
        return question && question->isVisible();
    }));
    question->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(waitFor([&] { return finished; }));
    ASSERT_TRUE(waitFor([&] { return window.customerListPanel()->model()->rowCount() == 1; }));
    EXPECT_EQ(window.customerListPanel()->model()->index(0).data().toString(), QStringLiteral("Sample Person"));
}

TEST_F(MainWindowTest, NewChatsNotifyOncePerCustomerAndTypingShowsInTheOpenPane) {
    const QString jan = m_direct->customerOf(QStringLiteral("chat:visitor-jan")).value_or(QString());
    const QString maria = m_direct->customerOf(QStringLiteral("phone:+48700100200")).value_or(QString());
    ASSERT_FALSE(jan.isEmpty());
    QSignalSpy notified(m_window->notifier(), &ui::Notifier::notified);

    const auto chatEvent = [](const QString& id, const QString& customer, const QString& kind, const QString& text) {
        core::Event event;
        event.id = id;
        event.seq = 1;
        event.customer = customer;
        event.channel = core::Channel::Chat;
        event.kind = kind;
        event.identity = QStringLiteral("chat:visitor-jan");
        event.payload = QJsonObject{{QStringLiteral("text"), text}};
        return event;
    };
    // A new chat and its first message arrive together: one notification, about the new chat.
    m_window->announceArrivals(
        {chatEvent(QStringLiteral("chat:s-1"), jan, core::kinds::ChatStarted, {}),
         chatEvent(QStringLiteral("chat:m-1"), jan, core::kinds::MessageIn, QStringLiteral("Is anyone there?"))});
    ASSERT_TRUE(waitFor([&] { return notified.count() == 1; }));
    EXPECT_EQ(notified.at(0).at(0).toString(), QStringLiteral("New chat from Jan Kowalski"));
    EXPECT_EQ(m_window->statusBar()->currentMessage(), QStringLiteral("New chat from Jan Kowalski"));

    // Other channels' messages make no sound.
    core::Event sms = chatEvent(QStringLiteral("sms:1"), maria, core::kinds::MessageIn, QStringLiteral("Hi"));
    sms.channel = core::Channel::Sms;
    m_window->announceArrivals({sms});
    QTest::qWait(200);
    EXPECT_EQ(notified.count(), 1);

    // A chat message for a customer whose tab is not in front.
    m_window->announceArrivals(
        {chatEvent(QStringLiteral("chat:m-2"), jan, core::kinds::MessageIn, QStringLiteral("Hello again"))});
    ASSERT_TRUE(waitFor([&] { return notified.count() == 2; }));
    EXPECT_EQ(notified.at(1).at(0).toString(), QStringLiteral("Chat message from Jan Kowalski"));
    EXPECT_EQ(notified.at(1).at(1).toString(), QStringLiteral("Hello again"));

    m_window->openCustomer(jan);
    ui::ConversationPane* pane = m_window->pane(jan);
    ASSERT_TRUE(pane);
    ASSERT_TRUE(waitFor([&] { return !pane->customer().id.isEmpty(); }));
    m_window->showCustomerTyping(jan, true);
    EXPECT_TRUE(pane->isCustomerTyping());
    auto* label = pane->findChild<QLabel*>(QStringLiteral("typingLabel"));
    ASSERT_TRUE(label);
    EXPECT_EQ(label->text(), QStringLiteral("Jan Kowalski is typing…"));
    m_window->showCustomerTyping(jan, false);
    EXPECT_FALSE(pane->isCustomerTyping());
}
