#include "Notifier.h"

#include "ChannelIcons.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QSoundEffect>
#include <QSystemTrayIcon>
#include <QUrl>
#include <QWidget>

Q_LOGGING_CATEGORY(lcNotifier, "threadline.ui.notifier")

namespace tl::ui {

namespace {

/// How long a desktop notification stays, in ms.
constexpr int notificationMs = 8000;

} // namespace

Notifier::Notifier(QWidget* window)
    : QObject(window)
    , m_window(window) {
    m_sound = new QSoundEffect(this);
    m_sound->setSource(QUrl(QStringLiteral("qrc:/sounds/chat.wav")));
    m_sound->setVolume(0.6f);
    connect(m_sound, &QSoundEffect::statusChanged, this, [this] {
        if (m_sound->status() == QSoundEffect::Error)
            qCInfo(lcNotifier) << "the chime cannot be played (no audio output?)";
    });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(ChannelIcons::icon(core::Channel::Chat), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            m_window->showNormal();
            m_window->raise();
            m_window->activateWindow();
        });
        m_tray->show();
    }
}

Notifier::~Notifier() = default;

void Notifier::notify(const QString& title, const QString& body) {
    if (!m_muted && m_sound->status() != QSoundEffect::Error)
        m_sound->play();
    if (m_tray)
        m_tray->showMessage(title, body, ChannelIcons::icon(core::Channel::Chat), notificationMs);
    QApplication::alert(m_window);
    emit notified(title, body);
}

} // namespace tl::ui
