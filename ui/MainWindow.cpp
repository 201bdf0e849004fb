#include "MainWindow.h"

#include "AttachmentOpener.h"
#include "ChannelIcons.h"
#include "Composer.h"
#include "ConversationPane.h"
#include "CustomerListModel.h"
#include "CustomerListPanel.h"
#include "EventPresenter.h"
#include "MailAttachment.h"
#include "MailHtmlDialog.h"
#include "MailboxStatus.h"
#include "Notifier.h"
#include "TimelineModel.h"
#include "TimelineView.h"

#include "core/EventKind.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>

Q_LOGGING_CATEGORY(lcMainWindow, "threadline.ui.mainwindow")

namespace tl::ui {

MainWindow::MainWindow(store::StoreClient& store, Options options, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_options(std::move(options)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(ChannelIcons::icon(core::Channel::Chat));

    m_listPanel = new CustomerListPanel(store, this);
    m_listPanel->setMinimumWidth(240);
    m_notifier = new Notifier(this);
    // The status bar repeats each notification, for desktops without a tray and for whoever missed the popup.
    connect(m_notifier, &Notifier::notified, this,
            [this](const QString& title) { statusBar()->showMessage(title, 10000); });

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("customerTabWidget"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setElideMode(Qt::ElideRight);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setEnabled(false);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_tabs);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_listPanel);
    m_splitter->addWidget(m_stack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({320, 1000});
    setCentralWidget(m_splitter);

    m_databaseLabel = new QLabel(this);
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_mailboxStatus = new MailboxStatus(this);
    statusBar()->addPermanentWidget(m_mailboxStatus);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_databaseLabel);

    m_urlOpener = [](const QUrl& url) {
        return QDesktopServices::openUrl(url);
    };
    m_attachmentOpener = new AttachmentOpener(MailAttachment::directoryFor(m_options.databasePath), this);
    m_colleagueClient = new sync::ColleagueClient(this);
    connect(m_attachmentOpener, &AttachmentOpener::progress, this,
            [this](const QString& message) { statusBar()->showMessage(message); });
    connect(m_attachmentOpener, &AttachmentOpener::opened, this, [this] { statusBar()->clearMessage(); });
    connect(m_attachmentOpener, &AttachmentOpener::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });

    createActions();
    retranslate();
    updateEmptyState();
    resize(1280, 800);

    connect(m_listPanel, &CustomerListPanel::customerActivated, this, &MainWindow::openCustomer);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (ConversationPane* current = currentPane())
            m_listPanel->selectCustomer(current->customerId());
    });
    connect(m_listPanel->model(), &CustomerListModel::loaded, this, [this] {
        refreshCounts();
        if (m_openFirstPending && m_listPanel->model()->rowCount() > 0) {
            m_openFirstPending = false;
            openCustomer(m_listPanel->model()->customerAt(0).id);
            if (m_clearSearchAfterOpen) {
                m_clearSearchAfterOpen = false;
                m_listPanel->searchEdit()->clear();
                m_listPanel->applyFilter();
            }
        }
    });
    connect(m_listPanel->model(), &CustomerListModel::loadFailed, this, [this](const QString& error) {
        statusBar()->showMessage(tr("The customer list could not be loaded: %1").arg(error));
    });
    connect(&m_store, &store::StoreClient::openFailed, this, [this](const QString& error) {
        qCWarning(lcMainWindow) << "the cache could not be opened:" << error;
        auto* box = new QMessageBox(QMessageBox::Critical, tr("Threadline"),
                                    tr("The local cache %1 could not be opened:\n%2")
                                        .arg(QDir::toNativeSeparators(m_options.databasePath), error),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(&m_store, &store::StoreClient::customersChanged, this, [this] {
        if (!m_countsPending) {
            m_countsPending = true;
            QTimer::singleShot(500, this, [this] {
                m_countsPending = false;
                refreshCounts();
            });
        }
    });

    // Calls queue behind the store's opening, so asking now is safe whether or not it is open yet.
    checkFirstRun();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    m_importAction = new QAction(this);
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->setShortcut(Qt::CTRL | Qt::Key_I);
    connect(m_importAction, &QAction::triggered, this, &MainWindow::chooseImportFile);

    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_focusSearchAction = new QAction(this);
    m_focusSearchAction->setShortcut(QKeySequence::Find);
    connect(m_focusSearchAction, &QAction::triggered, this, [this] {
        m_listPanel->searchEdit()->setFocus(Qt::ShortcutFocusReason);
        m_listPanel->searchEdit()->selectAll();
    });

    m_closeTabAction = new QAction(this);
    m_closeTabAction->setShortcut(QKeySequence::Close);
    connect(m_closeTabAction, &QAction::triggered, this, [this] {
        if (m_tabs->count() > 0)
            closeTab(m_tabs->currentIndex());
    });

    m_nextTabAction = new QAction(this);
    m_nextTabAction->setShortcut(QKeySequence::NextChild);
    connect(m_nextTabAction, &QAction::triggered, this, [this] {
        if (m_tabs->count() > 1)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    });
    m_previousTabAction = new QAction(this);
    m_previousTabAction->setShortcut(QKeySequence::PreviousChild);
    connect(m_previousTabAction, &QAction::triggered, this, [this] {
        if (m_tabs->count() > 1)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });

    m_mailboxesAction = new QAction(this);
    m_mailboxesAction->setObjectName(QStringLiteral("mailboxesAction"));
    m_mailboxesAction->setVisible(false); // supervisors and admins, signed in
    connect(m_mailboxesAction, &QAction::triggered, m_mailboxStatus, &MailboxStatus::showDialog);

    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_importAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_focusSearchAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_nextTabAction);
    m_viewMenu->addAction(m_previousTabAction);
    m_viewMenu->addAction(m_closeTabAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_mailboxesAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::retranslate() {
    setWindowTitle(tr("Threadline"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_importAction->setText(tr("&Import JSON Lines History…"));
    m_quitAction->setText(tr("&Quit"));
    m_focusSearchAction->setText(tr("&Search Customers"));
    m_closeTabAction->setText(tr("&Close Conversation"));
    m_nextTabAction->setText(tr("&Next Conversation"));
    m_previousTabAction->setText(tr("&Previous Conversation"));
    m_mailboxesAction->setText(tr("&Mailboxes…"));
    m_aboutAction->setText(tr("&About Threadline"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_emptyLabel->setText(tr("Choose a customer on the list to see their whole conversation: e-mail, chat, SMS "
                             "and calls in one timeline."));
    //: The status bar's note of where the local cache lives; %1 is a file path
    m_databaseLabel->setText(tr("Cache: %1").arg(QDir::toNativeSeparators(m_options.databasePath)));
    refreshCounts();
    for (auto it = m_panes.cbegin(); it != m_panes.cend(); ++it)
        updateTab(it.key());
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

ConversationPane* MainWindow::currentPane() const {
    return qobject_cast<ConversationPane*>(m_tabs->currentWidget());
}

void MainWindow::openCustomer(const QString& customerId) {
    if (customerId.isEmpty())
        return;
    if (ConversationPane* open = m_panes.value(customerId)) {
        m_tabs->setCurrentWidget(open);
        return;
    }
    auto* pane = new ConversationPane(m_store, customerId, m_tabs);
    m_panes.insert(customerId, pane);
    connect(pane, &ConversationPane::customerUpdated, this, &MainWindow::updateTab);
    connect(pane, &ConversationPane::merged, this,
            [this](const QString&, const QString& from) { closeCustomer(from); });
    connect(pane, &ConversationPane::agentTyping, this, &MainWindow::agentTyping);
    connect(pane->timelineView(), &TimelineView::attachmentActivated, this, &MainWindow::openAttachment);
    connect(pane->timelineView(), &TimelineView::originalRequested, this, &MainWindow::showOriginal);
    pane->composer()->setColleagueClient(m_colleagueClient);
    const int index = m_tabs->addTab(pane, pane->title());
    updateTab(customerId);
    updateEmptyState();
    m_tabs->setCurrentIndex(index);
    m_listPanel->selectCustomer(customerId);
}

void MainWindow::announceArrivals(const QList<core::Event>& events) {
    // One notification per customer: a new chat wins over its first message.
    QHash<QString, core::Event> worth;
    for (const core::Event& event : events) {
        if (event.channel != core::Channel::Chat)
            continue;
        const bool started = event.kind == core::kinds::ChatStarted;
        if (!started && event.kind != core::kinds::MessageIn)
            continue;
        ConversationPane* open = m_panes.value(event.customer);
        // A message in the chat the agent is looking at needs no chime: it is on the screen.
        if (!started && open && open == currentPane() && isActiveWindow())
            continue;
        const auto known = worth.constFind(event.customer);
        if (known == worth.constEnd() || (started && known->kind != core::kinds::ChatStarted))
            worth.insert(event.customer, event);
    }
    for (const core::Event& event : std::as_const(worth)) {
        m_store.customer(event.customer, this, [this, event](core::Result<core::Customer> customer) {
            const QString name = customer.ok() ? customer.value().displayName() : QString();
            if (event.kind == core::kinds::ChatStarted) {
                //: Desktop notification title when a visitor opens a chat; %1 is the customer's name
                m_notifier->notify(tr("New chat from %1").arg(name), EventPresenter::body(event));
            } else {
                //: Desktop notification title for a chat message; %1 is the customer's name
                m_notifier->notify(tr("Chat message from %1").arg(name), EventPresenter::body(event));
            }
        });
    }
}

void MainWindow::showCustomerTyping(const QString& customerId, bool active) {
    if (ConversationPane* open = m_panes.value(customerId))
        open->setCustomerTyping(active);
}

void MainWindow::setSession(const QUrl& server, const QString& token, const QString& role) {
    m_attachmentOpener->setServer(server, token);
    m_colleagueClient->setSession(server, token);
    m_mailboxStatus->setSession(server, token, role);
    m_mailboxesAction->setVisible(m_mailboxStatus->isWatching());
}

void MainWindow::setUrlOpener(std::function<bool(const QUrl&)> opener) {
    m_urlOpener = opener;
    m_attachmentOpener->setUrlOpener(std::move(opener));
}

void MainWindow::openAttachment(const core::Event& event, int attachment) {
    const QList<MailAttachment> listed = MailAttachment::listed(event);
    if (attachment >= 0 && attachment < listed.size())
        m_attachmentOpener->open(listed.at(attachment));
}

MailHtmlDialog* MainWindow::showOriginal(const core::Event& event) {
    auto* dialog = new MailHtmlDialog(event, m_attachmentOpener->attachmentsDirectory(), m_urlOpener, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::closeCustomer(const QString& customerId) {
    if (ConversationPane* open = m_panes.value(customerId))
        closeTab(m_tabs->indexOf(open));
}

void MainWindow::closeTab(int index) {
    auto* pane = qobject_cast<ConversationPane*>(m_tabs->widget(index));
    if (!pane)
        return;
    m_panes.remove(pane->customerId());
    m_tabs->removeTab(index);
    pane->deleteLater();
    updateEmptyState();
}

void MainWindow::updateTab(const QString& customerId) {
    ConversationPane* pane = m_panes.value(customerId);
    const int index = pane ? m_tabs->indexOf(pane) : -1;
    if (index < 0)
        return;
    m_tabs->setTabText(index, pane->title());
    const core::Customer& customer = pane->customer();
    m_tabs->setTabToolTip(index, customer.identities.join(QLatin1Char('\n')));
    m_tabs->setTabIcon(index, ChannelIcons::icon(customer.lastInboundChannel.value_or(core::Channel::System)));
}

void MainWindow::updateEmptyState() {
    m_stack->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget*>(m_tabs) : m_emptyLabel);
}

void MainWindow::openFirstCustomer() {
    CustomerListModel* model = m_listPanel->model();
    if (model->isLoaded() && model->rowCount() > 0) {
        openCustomer(model->customerAt(0).id);
        return;
    }
    m_openFirstPending = true;
}

void MainWindow::openFirstMatching(const QString& text) {
    m_listPanel->searchEdit()->setText(text);
    m_listPanel->applyFilter();
    m_openFirstPending = true; // the answer to this filter is the next load
    m_clearSearchAfterOpen = true;
}

void MainWindow::refreshCounts() {
    const int shown = m_listPanel->model()->rowCount();
    m_store.eventCount(this, [this, shown](core::Result<qint64> result) {
        if (!result.ok())
            return;
        m_eventCount = result.value();
        //: The status bar; %1 is the number of events in the cache, %2 the number of customers listed
        m_countLabel->setText(
            tr("%1 · %2").arg(tr("%Ln event(s)", "", static_cast<int>(qMin<qint64>(m_eventCount, INT_MAX))),
                              tr("%Ln customer(s) listed", "", shown)));
    });
}

void MainWindow::checkFirstRun() {
    m_store.eventCount(this, [this](core::Result<qint64> result) {
        if (!result.ok())
            return;
        m_eventCount = result.value();
        if (m_eventCount == 0 && !m_options.samplePath.isEmpty())
            offerSampleImport();
    });
}

void MainWindow::offerSampleImport() {
    auto* question = new QMessageBox(
        QMessageBox::Question, tr("Welcome to Threadline"),
        tr("The local cache is empty. Import the bundled sample history so there is something to look at?"),
        QMessageBox::Yes | QMessageBox::No, this);
    question->setObjectName(QStringLiteral("sampleImportMessageBox"));
    question->setInformativeText(
        tr("The sample holds a few customers who wrote by e-mail, chat and SMS and called. You can import your "
           "own history later with File › Import JSON Lines History…"));
    question->setDefaultButton(QMessageBox::Yes);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            importFile(m_options.samplePath, m_options.sampleRegion);
    });
    question->open();
}

void MainWindow::chooseImportFile() {
    auto* dialog = new QFileDialog(this, tr("Import JSON Lines History"), QDir::homePath(),
                                   tr("JSON Lines (*.jsonl *.ndjson *.json);;All files (*)"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) { importFile(path); });
    dialog->open();
}

void MainWindow::importFile(const QString& path, const QString& defaultRegion) {
    if (m_importProgress) {
        statusBar()->showMessage(tr("An import is already running."), 5000);
        return;
    }
    auto* progress = new QProgressDialog(this);
    progress->setObjectName(QStringLiteral("importProgressDialog"));
    progress->setWindowTitle(tr("Import"));
    //: %1 is a file name
    progress->setLabelText(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    progress->setCancelButton(nullptr); // committed batches stay; there is nothing safe to cancel midway
    progress->setRange(0, 100);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setWindowModality(Qt::WindowModal);
    progress->setValue(0);
    m_importProgress = progress;
    m_importAction->setEnabled(false);

    QPointer<QProgressDialog> guard(progress);
    m_store.importJsonLines(
        path, this,
        [guard](int percent) {
            if (guard && percent > guard->value())
                guard->setValue(qBound(0, percent, 100));
        },
        [this, guard, path](core::Result<store::ImportReport> result) {
            if (guard) {
                guard->hide();
                guard->deleteLater();
            }
            m_importAction->setEnabled(true);
            if (!result.ok()) {
                auto* box =
                    new QMessageBox(QMessageBox::Warning, tr("Import"),
                                    tr("Importing %1 failed:\n%2").arg(QDir::toNativeSeparators(path), result.error()),
                                    QMessageBox::Ok, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
                emit importFinished(false);
                return;
            }
            const store::ImportReport& report = result.value();
            QString message = tr("Imported %Ln event(s).", "", static_cast<int>(report.imported));
            if (report.duplicates > 0)
                message += QLatin1Char(' ') + tr("%Ln already known.", "", static_cast<int>(report.duplicates));
            if (report.rejected > 0)
                message += QLatin1Char(' ') +
                           tr("%Ln line(s) could not be read and were skipped.", "", static_cast<int>(report.rejected));
            statusBar()->showMessage(message, 15000);
            if (report.rejected > 0) {
                auto* box = new QMessageBox(QMessageBox::Warning, tr("Import"), message, QMessageBox::Ok, this);
                box->setObjectName(QStringLiteral("importRejectionsMessageBox"));
                box->setInformativeText(tr("Every other line was imported. The lines that were skipped, and why:"));
                box->setDetailedText(report.rejections.join(QLatin1Char('\n')));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            }
            m_listPanel->model()->reload();
            refreshCounts();
            emit importFinished(true);
        },
        defaultRegion);
}

void MainWindow::showAbout() {
    auto* box = new QMessageBox(this);
    box->setWindowTitle(tr("About Threadline"));
    box->setIconPixmap(ChannelIcons::icon(core::Channel::Chat).pixmap(48, 48));
    box->setText(tr("<h3>Threadline %1</h3>").arg(QApplication::applicationVersion()));
    box->setInformativeText(tr("One thread through every channel: e-mail, web chat, SMS and voice of a customer in "
                               "a single timeline.<br><br>Signed in as %1.")
                                .arg(m_store.agentLogin().toHtmlEscaped()));
    box->setStandardButtons(QMessageBox::Ok);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace tl::ui
