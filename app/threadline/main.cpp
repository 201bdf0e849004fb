// threadline: the agent workstation. Composition only — the windows live in tl_ui.
#include "ui/MainWindow.h"

#include "store/StoreClient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
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
    // Hidden helpers for screenshots (docs, visual checks under Xvfb).
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a PNG of the window and quit."), QStringLiteral("file"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption openFirstOption(QStringLiteral("open-first"), QStringLiteral("Open the first customer."));
    openFirstOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption openOption(QStringLiteral("open"), QStringLiteral("Search for TEXT and open the first match."),
                                  QStringLiteral("text"));
    openOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions(
        {databaseOption, languageOption, agentOption, regionOption, screenshotOption, openFirstOption, openOption});
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
    // The sample history is a Polish contact center's: its national phone numbers are Polish.
    tl::ui::MainWindow window(store, {databasePath, QStringLiteral(":/sample/history.jsonl"), QStringLiteral("PL")});
    window.show();

    if (parser.isSet(openOption))
        window.openFirstMatching(parser.value(openOption));
    else if (parser.isSet(openFirstOption))
        window.openFirstCustomer();
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(1500, &window, [&window, file] {
            const bool saved = window.grab().save(file, "PNG");
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
