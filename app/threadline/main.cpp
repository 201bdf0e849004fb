// threadline: the agent workstation. Composition only — the windows live in tl_ui.
#include "ui/ConnectionIndicator.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"

#include "store/StoreClient.h"
#include "sync/SyncClient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>

namespace {

QString systemUserName() {
    for (const char* variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("agent");
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Threadline"));
    QApplication::setOrganizationName(QStringLiteral("Threadline"));
    QApplication::setApplicationVersion(QStringLiteral(THREADLINE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Threadline agent workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("db"),
        QApplication::translate("main", "The local cache (default: %1).")
            .arg(QDir::toNativeSeparators(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                          QStringLiteral("/cache.sqlite"))),
        QStringLiteral("file"));
    const QCommandLineOption languageOption(
        QStringLiteral("lang"),
        QApplication::translate("main", "The language: en, pl, ru, fa or zh_CN (default: the system's)."),
        QStringLiteral("code"));
    const QCommandLineOption agentOption(
        QStringLiteral("agent"),
        QApplication::translate("main", "The agent login written on replies (default: the user name)."),
        QStringLiteral("login"));
    const QCommandLineOption regionOption(
        QStringLiteral("region"),
        QApplication::translate("main", "The region of phone numbers written without a country code, such as PL."),
        QStringLiteral("code"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QApplication::translate("main", "The Threadline server to sign in to, such as http://127.0.0.1:8080."),
        QStringLiteral("url"));
    const QCommandLineOption loginOption(QStringLiteral("login"),
                                         QApplication::translate("main", "The login to sign in with."),
                                         QStringLiteral("login"));
    const QCommandLineOption offlineOption(
        QStringLiteral("offline"), QApplication::translate("main", "Work on the local cache without a server."));
    // Hidden helpers for screenshots (docs, visual checks under Xvfb).
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a PNG of the window and quit."), QStringLiteral("file"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption openFirstOption(QStringLiteral("open-first"), QStringLiteral("Open the first customer."));
    openFirstOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption openOption(QStringLiteral("open"), QStringLiteral("Search for TEXT and open the first match."),
                                  QStringLiteral("text"));
    openOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({databaseOption, languageOption, agentOption, regionOption, serverOption, loginOption,
                       offlineOption, screenshotOption, openFirstOption, openOption});
    parser.process(app);

    // Language: --lang, else the system locale. Qt's own strings come from its translations directory.
    const QLocale locale = parser.isSet(languageOption) ? QLocale(parser.value(languageOption)) : QLocale::system();
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(locale, QStringLiteral("threadline"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);
    // The translation's QT_LAYOUT_DIRECTION sets the direction; the locale's script decides when there is none.
    //: Translate as "RTL" in right-to-left languages (Farsi) and "LTR" in all others: it mirrors the window.
    [[maybe_unused]] static const char* const layoutDirection =
        QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION");
    QApplication::setLayoutDirection(locale.textDirection());

    QString databasePath = parser.value(databaseOption);
    if (databasePath.isEmpty()) {
        const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(directory);
        databasePath = directory + QStringLiteral("/cache.sqlite");
    }
    const QString agent = parser.isSet(agentOption) ? parser.value(agentOption) : systemUserName();

    tl::store::StoreClient store(databasePath, agent, parser.value(regionOption));
    // Signed in, the cache fills from the server; on its own, an empty cache offers the bundled sample history (a
    // Polish contact center's: its national phone numbers are Polish).
    const bool knowsServer = parser.isSet(serverOption) || QSettings().contains(QStringLiteral("login/server"));
    const bool willSignIn = !parser.isSet(offlineOption) &&
                            (parser.isSet(serverOption) || (knowsServer && !parser.isSet(screenshotOption)));
    tl::ui::MainWindow window(
        store, {databasePath, willSignIn ? QString() : QStringLiteral(":/sample/history.jsonl"), QStringLiteral("PL")});
    window.show();

    // The link to the server: a login dialog (or THREADLINE_PASSWORD for unattended starts), then the sync
    // client in its worker thread. Without a server the workstation works on its cache alone.
    tl::sync::SyncClient sync(databasePath);
    auto* indicator = new tl::ui::ConnectionIndicator;
    window.statusBar()->insertPermanentWidget(0, indicator);
    QObject::connect(&sync, &tl::sync::SyncClient::stateChanged, indicator, &tl::ui::ConnectionIndicator::setState);
    QObject::connect(&sync, &tl::sync::SyncClient::pendingChanged, indicator, &tl::ui::ConnectionIndicator::setPending);
    QObject::connect(&sync, &tl::sync::SyncClient::customersChanged, &store, &tl::store::StoreClient::notifyChanged);
    QObject::connect(&store, &tl::store::StoreClient::customersChanged, &sync, &tl::sync::SyncClient::flushOutbox);
    // Live chat: notifications for new chats and messages, typing both ways.
    QObject::connect(&sync, &tl::sync::SyncClient::liveArrived, &window, &tl::ui::MainWindow::announceArrivals);
    QObject::connect(&sync, &tl::sync::SyncClient::customerTyping, &window,
                     [&window](const QString& customerId, const QString&, bool active) {
                         window.showCustomerTyping(customerId, active);
                     });
    QObject::connect(&window, &tl::ui::MainWindow::agentTyping, &sync, &tl::sync::SyncClient::sendTyping);

    QPointer<tl::ui::LoginDialog> loginDialog;
    const auto signIn = [&](bool automatic) {
        if (loginDialog)
            return;
        loginDialog = new tl::ui::LoginDialog(&window);
        loginDialog->setAttribute(Qt::WA_DeleteOnClose);
        if (parser.isSet(serverOption))
            loginDialog->setServer(parser.value(serverOption));
        if (parser.isSet(loginOption))
            loginDialog->setLogin(parser.value(loginOption));
        QObject::connect(loginDialog, &QDialog::accepted, &window, [&sync, &window, dialog = loginDialog.data()] {
            if (!dialog->workOffline()) {
                sync.start(dialog->session().server, dialog->session().token);
                window.setSession(dialog->session().server, dialog->session().token, dialog->session().role);
            }
        });
        loginDialog->open();
        const QString password = qEnvironmentVariable("THREADLINE_PASSWORD");
        if (automatic && !password.isEmpty()) {
            loginDialog->setPassword(password);
            loginDialog->signIn();
        }
    };
    QObject::connect(&sync, &tl::sync::SyncClient::signedOut, &window, [&](const QString&) {
        window.setSession({}, {}, {});
        signIn(false);
    });
    QObject::connect(indicator, &tl::ui::ConnectionIndicator::activated, &window, [&] {
        if (sync.state() == tl::sync::ConnectionState::Offline)
            signIn(false);
    });
    if (willSignIn)
        signIn(true);

    if (parser.isSet(openOption))
        window.openFirstMatching(parser.value(openOption));
    else if (parser.isSet(openFirstOption))
        window.openFirstCustomer();
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(willSignIn ? 4000 : 1500, &window, [&window, file] {
            const bool saved = window.grab().save(file, "PNG");
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
