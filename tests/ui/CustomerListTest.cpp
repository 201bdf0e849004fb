#include "ui/CustomerListModel.h"
#include "ui/CustomerListPanel.h"

#include "TempDatabase.h"
#include "UiTestHelpers.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>

using namespace tl;
using tl::uitest::waitFor;

namespace {

class CustomerList : public ::testing::Test {
protected:
    void SetUp() override {
        m_direct = uitest::openStore(m_database.path());
        ASSERT_TRUE(m_direct);
        uitest::fillStandardCustomers(*m_direct);
        m_client = std::make_unique<store::StoreClient>(m_database.path(), QStringLiteral("anna"));
    }

    [[nodiscard]] static QStringList names(const QAbstractItemModel& model) {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result << model.index(row, 0).data().toString();
        return result;
    }

    testsupport::TempDatabase m_database;
    std::unique_ptr<store::EventStore> m_direct;
    std::unique_ptr<store::StoreClient> m_client;
};

} // namespace

TEST_F(CustomerList, ModelListsCustomersNewestFirst) {
    ui::CustomerListModel model(*m_client);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    EXPECT_EQ(names(model),
              (QStringList{QStringLiteral("Jan Kowalski"), QStringLiteral("Maria Nowak"), QStringLiteral("Li Wei")}));
    const QModelIndex jan = model.index(0, 0);
    EXPECT_EQ(jan.data(ui::CustomerListModel::LastInboundChannelRole).toInt(), static_cast<int>(core::Channel::Sms));
    EXPECT_GT(jan.data(ui::CustomerListModel::UnreadRole).toInt(), 0);
    EXPECT_EQ(jan.data(ui::CustomerListModel::PreviewRole).toString(), QStringLiteral("Thanks, it arrived!"));
}

TEST_F(CustomerList, PanelFiltersByChannelStateAndText) {
    ui::CustomerListPanel panel(*m_client);
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ui::CustomerListModel& model = *panel.model();
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));

    panel.channelCombo()->setCurrentIndex(panel.channelCombo()->findData(static_cast<int>(core::Channel::Email)));
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 2; })) << names(model).join(u',').toStdString();
    EXPECT_EQ(names(model), (QStringList{QStringLiteral("Jan Kowalski"), QStringLiteral("Li Wei")}));

    panel.channelCombo()->setCurrentIndex(0);
    panel.stateCombo()->setCurrentIndex(panel.stateCombo()->findData(static_cast<int>(core::CaseState::Pending)));
    ASSERT_TRUE(waitFor([&] { return names(model) == QStringList{QStringLiteral("Maria Nowak")}; }))
        << names(model).join(u',').toStdString();

    panel.stateCombo()->setCurrentIndex(0);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));

    // Full text over messages, after the debounce.
    QTest::keyClicks(panel.searchEdit(), QStringLiteral("refund"));
    ASSERT_TRUE(waitFor([&] { return names(model) == QStringList{QStringLiteral("Li Wei")}; }))
        << names(model).join(u',').toStdString();

    // Names.
    panel.searchEdit()->setText(QStringLiteral("Maria"));
    ASSERT_TRUE(waitFor([&] { return names(model) == QStringList{QStringLiteral("Maria Nowak")}; }))
        << names(model).join(u',').toStdString();

    panel.searchEdit()->clear();
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
}

TEST_F(CustomerList, ReloadsWhenTheStoreChanges) {
    ui::CustomerListModel model(*m_client);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    const std::optional<QString> li = m_direct->customerOf(QStringLiteral("email:li@example.cn"));
    ASSERT_TRUE(li);
    // A reply through the client moves Li to the top.
    bool done = false;
    m_client->appendOutbound(*li, core::Channel::Email, QStringLiteral("message.out"),
                             QJsonObject{{QStringLiteral("text"), QStringLiteral("Refund confirmed.")}}, &model,
                             [&done](core::Result<core::Event> result) { done = result.ok(); });
    ASSERT_TRUE(waitFor([&] { return done; }));
    ASSERT_TRUE(waitFor([&] { return names(model).value(0) == QStringLiteral("Li Wei"); }))
        << names(model).join(u',').toStdString();
}
