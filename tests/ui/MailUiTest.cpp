// The workstation's side of e-mail: attachments listed and opened, the sanitized HTML shown without loading
// anything remote, the mailboxes' health.

#include "ui/AttachmentOpener.h"
#include "ui/ConversationPane.h"
#include "ui/EventPresenter.h"
#include "ui/MailAttachment.h"
#include "ui/MailHtmlBrowser.h"
#include "ui/MailHtmlDialog.h"
#include "ui/MailboxDialog.h"
#include "ui/MailboxStatus.h"
#include "ui/MainWindow.h"
#include "ui/TimelineModel.h"
#include "ui/TimelineView.h"

#include "TempDatabase.h"
#include "UiTestHelpers.h"

#include "core/EventKind.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextDocument>
#include <QTreeWidget>

using namespace tl;
using tl::uitest::waitFor;

namespace {

const QByteArray pdfBytes = "%PDF-1.4 a complaint about a yellow heater\n";
/// A 1×1 PNG.
const QByteArray pngBytes = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

QString sha256(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

/// What reaches the HTML view if the sanitizer ever let it through: remote images, a remote style sheet, a
/// remote background, a local file; and what is allowed: an inline image by Content-ID, a link.
const QString hostileHtml =
    QStringLiteral("<html><head><link rel=\"stylesheet\" type=\"text/css\" href=\"http://tracker.example/s.css\">"
                   "</head><body>"
                   "<p style=\"background-image: url(http://tracker.example/bg.png)\">Dzień dobry,</p>"
                   "<img src=\"http://tracker.example/pixel.gif\" alt=\"pixel\">"
                   "<img src=\"https://tracker.example/open?id=4471\">"
                   "<img src=\"file:///etc/passwd\">"
                   "<img src=\"cid:logo@sklep\" alt=\"logo\">"
                   "<p><a href=\"https://sklep.example/zamowienie/4471\">zamówienie 4471</a></p></body></html>");

class MailUi : public ::testing::Test {
protected:
    void SetUp() override {
        m_direct = uitest::openStore(m_database.path());
        ASSERT_TRUE(m_direct);
        m_attachments = ui::MailAttachment::directoryFor(m_database.path());

        core::ImportRecord mail = uitest::record(
            QStringLiteral("email:<4471@mail.example.pl>"), core::Channel::Email, core::kinds::MessageIn,
            uitest::baseTime, QStringLiteral("email:jan@example.pl"), QStringLiteral("Where is my parcel?"),
            QStringLiteral("Zamówienie 4471"), QStringLiteral("Jan Kowalski"));
        mail.event.payload.insert(QStringLiteral("html"), hostileHtml);
        mail.event.payload.insert(
            QStringLiteral("attachments"),
            QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Reklamacja żółta grzałka.pdf")},
                                   {QStringLiteral("type"), QStringLiteral("application/pdf")},
                                   {QStringLiteral("size"), pdfBytes.size()},
                                   {QStringLiteral("sha256"), sha256(pdfBytes)}},
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("part-4.png")},
                                   {QStringLiteral("type"), QStringLiteral("image/png")},
                                   {QStringLiteral("size"), pngBytes.size()},
                                   {QStringLiteral("sha256"), sha256(pngBytes)},
                                   {QStringLiteral("inline"), true},
                                   {QStringLiteral("content_id"), QStringLiteral("logo@sklep")}}});
        ASSERT_TRUE(m_direct->ingestBatch({mail}).ok());
        m_mail = mail.event;
        m_jan = m_direct->customerOf(QStringLiteral("email:jan@example.pl")).value();
        m_client = std::make_unique<store::StoreClient>(m_database.path(), QStringLiteral("anna"));
    }

    void TearDown() override {
        QApplication::setLayoutDirection(Qt::LeftToRight);
        m_client.reset();
    }

    /// Puts \a bytes into the cache's attachment store, as import-mail does.
    void store(const QByteArray& bytes) {
        const QString path = ui::MailAttachment{{}, {}, 0, sha256(bytes), false, {}}.storedPath(m_attachments);
        ASSERT_TRUE(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    testsupport::TempDatabase m_database;
    std::unique_ptr<store::EventStore> m_direct;
    std::unique_ptr<store::StoreClient> m_client;
    QString m_attachments;
    QString m_jan;
    core::Event m_mail;
};

} // namespace

TEST_F(MailUi, TheTimelineListsAttachmentsButNotTheInlineImagesOfTheHtml) {
    const QList<ui::MailAttachment> listed = ui::MailAttachment::listed(m_mail);
    ASSERT_EQ(listed.size(), 1);
    EXPECT_EQ(listed.at(0).name, QStringLiteral("Reklamacja żółta grzałka.pdf"));
    EXPECT_EQ(ui::MailAttachment::fromEvent(m_mail).size(), 2);

    ui::TimelineModel model(*m_client, m_jan);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));
    ASSERT_EQ(model.rowCount(), 1);
    const QStringList labels = model.index(0).data(ui::TimelineModel::AttachmentsRole).toStringList();
    ASSERT_EQ(labels.size(), 1);
    EXPECT_TRUE(labels.at(0).startsWith(QStringLiteral("Reklamacja żółta grzałka.pdf (")));
    EXPECT_TRUE(labels.at(0).contains(QString::number(pdfBytes.size()))) << labels.at(0).toStdString();
}

TEST_F(MailUi, ClickingAnAttachmentOpensACopyUnderItsNameWithTheDesktop) {
    store(pdfBytes);
    ui::MainWindow window(*m_client, ui::MainWindow::Options{m_database.path(), {}, {}});
    QList<QUrl> opened;
    window.setUrlOpener([&](const QUrl& url) {
        opened.append(url);
        return true;
    });
    window.resize(1100, 700);
    window.show();
    window.openCustomer(m_jan);
    ui::ConversationPane* pane = window.pane(m_jan);
    ASSERT_TRUE(pane);
    ASSERT_TRUE(waitFor([&] { return pane->timelineModel()->rowCount() == 1; }));
    ui::TimelineView* view = pane->timelineView();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    const QModelIndex index = pane->timelineModel()->index(0);
    const QRect line = view->attachmentRect(index, 0);
    ASSERT_FALSE(line.isEmpty());
    EXPECT_FALSE(view->attachmentRect(index, 1).isValid());
    EXPECT_EQ(view->attachmentAt(line.center()).second, 0);

    // A click beside the attachment opens nothing.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).topLeft() + QPoint(2, 2));
    EXPECT_TRUE(opened.isEmpty());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, line.center());
    ASSERT_EQ(opened.size(), 1);
    ASSERT_TRUE(opened.at(0).isLocalFile());
    const QFileInfo copy(opened.at(0).toLocalFile());
    EXPECT_EQ(copy.fileName(), QStringLiteral("Reklamacja żółta grzałka.pdf"));
    QFile file(copy.filePath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), pdfBytes);
    // The store itself is never handed out.
    EXPECT_FALSE(copy.filePath().startsWith(m_attachments));
}

TEST_F(MailUi, AnAttachmentMissingWithoutAServerIsReportedNotOpened) {
    ui::AttachmentOpener opener(m_attachments);
    int calls = 0;
    opener.setUrlOpener([&](const QUrl&) { return ++calls > 0; });
    QSignalSpy failed(&opener, &ui::AttachmentOpener::failed);
    opener.open(ui::MailAttachment::listed(m_mail).at(0));
    ASSERT_EQ(failed.size(), 1);
    EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("Reklamacja")))
        << failed.at(0).at(0).toString().toStdString();
    EXPECT_EQ(calls, 0);
}

TEST_F(MailUi, TheHtmlViewRefusesEveryRemoteResourceAndShowsInlineImages) {
    store(pngBytes);
    QList<QUrl> opened;
    ui::MailHtmlDialog dialog(m_mail, m_attachments, [&](const QUrl& url) {
        opened.append(url);
        return true;
    });
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    ui::MailHtmlBrowser* browser = dialog.browser();
    // Lay the document out and paint it: that is when images and style sheets are asked for.
    (void)browser->document()->size();
    browser->viewport()->repaint();
    QCoreApplication::processEvents();

    // The style sheet, the background, the HTTP and the HTTPS image were asked for — and refused.
    EXPECT_GE(browser->remoteRequestCount(), 4);
    EXPECT_GE(browser->refusedCount(), browser->remoteRequestCount() + 1); // and the file: one
    const QVariant pixel = browser->document()->resource(QTextDocument::ImageResource,
                                                         QUrl(QStringLiteral("http://tracker.example/pixel.gif")));
    EXPECT_TRUE(pixel.toByteArray().isEmpty());
    EXPECT_FALSE(pixel.canConvert<QImage>() && !pixel.value<QImage>().isNull());
    // Not even a local file is read (QTextDocument would read it itself after an empty QVariant).
    const QVariant local =
        browser->document()->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/passwd")));
    EXPECT_TRUE(local.toByteArray().isEmpty());
    // The inline part, from the store.
    const QVariant logo =
        browser->document()->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("cid:logo@sklep")));
    ASSERT_FALSE(logo.isNull());
    EXPECT_EQ(logo.value<QImage>().size(), QSize(1, 1));
    EXPECT_TRUE(browser->toPlainText().contains(QStringLiteral("Dzień dobry")));

    // A link is followed only when clicked, and never inside the view.
    EXPECT_TRUE(opened.isEmpty());
    emit browser->anchorClicked(QUrl(QStringLiteral("https://sklep.example/zamowienie/4471")));
    emit browser->anchorClicked(QUrl(QStringLiteral("file:///etc/passwd")));
    ASSERT_EQ(opened.size(), 1);
    EXPECT_EQ(opened.at(0), QUrl(QStringLiteral("https://sklep.example/zamowienie/4471")));
    EXPECT_TRUE(browser->source().isEmpty());
}

TEST_F(MailUi, ShowOriginalActsOnTheEmailWithHtml) {
    ui::TimelineModel model(*m_client, m_jan);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));
    ui::TimelineView view;
    view.resize(700, 400);
    view.setTimelineModel(&model);
    view.show();
    QSignalSpy requested(&view, &ui::TimelineView::originalRequested);
    EXPECT_EQ(view.originalTarget().row(), 0);
    view.setFocus();
    view.showOriginalAction()->trigger();
    ASSERT_EQ(requested.size(), 1);
    EXPECT_EQ(requested.at(0).at(0).value<core::Event>().id, m_mail.id);
    EXPECT_EQ(view.showOriginalAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_U));
}

TEST_F(MailUi, TheRightToLeftBubbleMirrorsItsAttachmentLine) {
    QApplication::setLayoutDirection(Qt::RightToLeft);
    ui::TimelineModel model(*m_client, m_jan);
    model.reload();
    ASSERT_TRUE(waitFor([&] { return model.isLoaded(); }));
    ui::TimelineView view;
    view.setLayoutDirection(Qt::RightToLeft);
    view.resize(700, 400);
    view.setTimelineModel(&model);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    const QModelIndex index = model.index(0);
    const QRect line = view.attachmentRect(index, 0);
    ASSERT_FALSE(line.isEmpty());
    // An inbound bubble sits on the leading side: the right in a right-to-left layout.
    EXPECT_GT(line.center().x(), view.viewport()->width() / 2);
    EXPECT_EQ(view.attachmentAt(line.center()).second, 0);
}

TEST(MailboxStatus, OnlySupervisorsAndAdminsWatchTheMailboxes) {
    ui::MailboxStatus status;
    status.setSession(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("token"), QStringLiteral("agent"));
    EXPECT_FALSE(status.isWatching());
    EXPECT_TRUE(status.isHidden());
    status.setSession(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("token"),
                      QStringLiteral("supervisor"));
    EXPECT_TRUE(status.isWatching());
    EXPECT_FALSE(status.isHidden());
    // Nothing listens on port 1: the indicator says it does not know.
    EXPECT_TRUE(waitFor([&] { return status.text() == QStringLiteral("Mailboxes: unknown"); }));
    status.setSession({}, {}, {});
    EXPECT_FALSE(status.isWatching());
}

TEST(MailboxStatus, ShowsHowManyAreDownAndTheDialogListsThem) {
    ui::MailboxStatus status;
    sync::MailboxHealth support{QStringLiteral("support"),
                                QStringLiteral("pomoc@sklep.example"),
                                QStringLiteral("email"),
                                true,
                                uitest::baseTime,
                                {},
                                0};
    sync::MailboxHealth billing{QStringLiteral("billing"),
                                QStringLiteral("faktury@sklep.example"),
                                QStringLiteral("billing"),
                                false,
                                0,
                                QStringLiteral("Wrong login or password"),
                                uitest::baseTime};
    status.setMailboxes({support});
    EXPECT_EQ(status.text(), QStringLiteral("Mailboxes: 1 connected"));
    status.setMailboxes({support, billing});
    EXPECT_EQ(status.text(), QStringLiteral("Mailboxes: 1 not connected"));
    EXPECT_TRUE(status.toolTip().contains(QStringLiteral("Wrong login or password")));

    ui::MailboxDialog dialog;
    dialog.setMailboxes({support, billing});
    QTreeWidget* tree = dialog.tree();
    ASSERT_EQ(tree->topLevelItemCount(), 2);
    EXPECT_EQ(tree->topLevelItem(0)->text(2), QStringLiteral("Connected"));
    EXPECT_EQ(tree->topLevelItem(1)->text(2), QStringLiteral("Not connected"));
    EXPECT_EQ(tree->topLevelItem(1)->text(3), QStringLiteral("Never"));
    EXPECT_TRUE(tree->topLevelItem(1)->text(4).contains(QStringLiteral("Wrong login or password")));
}
