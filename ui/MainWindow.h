#pragma once

#include "store/StoreClient.h"
#include "sync/ColleagueClient.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QUrl>

#include <functional>

class QAction;
class QLabel;
class QMenu;
class QProgressDialog;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace tl::ui {

class AttachmentOpener;
class ConversationPane;
class MailboxStatus;
class MailHtmlDialog;
class CustomerListPanel;
class Notifier;

/// The agent's workstation window: the customer list on the leading side, one closable tab per open
/// customer on the other, menus and a status bar. Talks to data only through the StoreClient. Thread: GUI.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    struct Options final {
        /// Shown in the status bar.
        QString databasePath;
        /// A JSON Lines history offered for import when the cache is empty; empty offers nothing.
        QString samplePath;
        /// The region the sample's national phone numbers are written in.
        QString sampleRegion;
    };

    MainWindow(store::StoreClient& store, Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens \a customerId in a tab, or switches to its tab when it is open already.
    void openCustomer(const QString& customerId);
    /// Closes the customer's tab if it is open.
    void closeCustomer(const QString& customerId);
    /// Opens the first customer of the list as soon as the list has loaded.
    void openFirstCustomer();
    /// Opens the first customer matching \a text, then shows the whole list again.
    void openFirstMatching(const QString& text);
    /// Imports a JSON Lines file with a progress dialog.
    /// Imports \a path; national phone numbers take \a defaultRegion (empty: the workstation's region).
    void importFile(const QString& path, const QString& defaultRegion = {});

    [[nodiscard]] ConversationPane* pane(const QString& customerId) const { return m_panes.value(customerId); }
    [[nodiscard]] ConversationPane* currentPane() const;
    [[nodiscard]] QTabWidget* tabWidget() const { return m_tabs; }
    [[nodiscard]] CustomerListPanel* customerListPanel() const { return m_listPanel; }
    [[nodiscard]] Notifier* notifier() const { return m_notifier; }

    /// Tells the agent about events that arrived live from customers: a new chat, or a chat message for a
    /// customer whose tab is not in front, gets a chime and a desktop notification (one per customer).
    void announceArrivals(const QList<core::Event>& events);
    /// A customer started or stopped typing in a live chat: shown in the customer's pane when it is open.
    void showCustomerTyping(const QString& customerId, bool active);

    /// The signed-in session (empty \a server when signed out): attachments missing from the cache are fetched
    /// from it, chats are transferred to colleagues it lists, and supervisors and admins see the shared
    /// mailboxes' health.
    void setSession(const QUrl& server, const QString& token, const QString& role);
    /// Replaces QDesktopServices::openUrl for attachments and e-mail links (tests).
    void setUrlOpener(std::function<bool(const QUrl&)> opener);
    /// Opens the \a attachment-th listed attachment of the e-mail \a event (MailAttachment::listed).
    void openAttachment(const core::Event& event, int attachment);
    /// Shows the sanitized HTML of the e-mail \a event in a dialog; returns it.
    MailHtmlDialog* showOriginal(const core::Event& event);

    [[nodiscard]] AttachmentOpener* attachmentOpener() const { return m_attachmentOpener; }
    [[nodiscard]] MailboxStatus* mailboxStatus() const { return m_mailboxStatus; }
    /// Where the panes' Transfer dialogs get the colleagues (the session of setSession()).
    [[nodiscard]] sync::ColleagueClient* colleagueClient() const { return m_colleagueClient; }

signals:
    /// An import started with importFile() ended; \a ok is false when the store failed.
    void importFinished(bool ok);
    /// The agent started or stopped typing a chat reply to \a identity in one of the panes.
    void agentTyping(const QString& identity, bool active);

protected:
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    void retranslate();
    void checkFirstRun();
    void offerSampleImport();
    void chooseImportFile();
    void showAbout();
    void closeTab(int index);
    void updateTab(const QString& customerId);
    void updateEmptyState();
    void refreshCounts();

    store::StoreClient& m_store;
    Options m_options;
    CustomerListPanel* m_listPanel = nullptr;
    QSplitter* m_splitter = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_databaseLabel = nullptr;
    QLabel* m_countLabel = nullptr;
    QHash<QString, ConversationPane*> m_panes;
    Notifier* m_notifier = nullptr;
    AttachmentOpener* m_attachmentOpener = nullptr;
    MailboxStatus* m_mailboxStatus = nullptr;
    sync::ColleagueClient* m_colleagueClient = nullptr;
    std::function<bool(const QUrl&)> m_urlOpener;
    QPointer<QProgressDialog> m_importProgress;
    qint64 m_eventCount = -1;
    bool m_openFirstPending = false;
    bool m_clearSearchAfterOpen = false;
    bool m_countsPending = false;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_focusSearchAction = nullptr;
    QAction* m_closeTabAction = nullptr;
    QAction* m_nextTabAction = nullptr;
    QAction* m_previousTabAction = nullptr;
    QAction* m_mailboxesAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
};

} // namespace tl::ui
