#pragma once

#include <QObject>
#include <QString>

class QSoundEffect;
class QSystemTrayIcon;
class QWidget;

namespace tl::ui {

/// Tells the agent that something arrived while they may be looking elsewhere: a chime (Qt Multimedia), a
/// desktop notification (the system tray's, where the desktop has one) and the window's attention flag
/// (taskbar). The main window repeats each one in its status bar. Thread: GUI.
class Notifier final : public QObject {
    Q_OBJECT
public:
    /// \a window gets the attention flag and is raised when the notification is clicked.
    explicit Notifier(QWidget* window);
    ~Notifier() override;

    /// Plays the chime (unless muted) and shows \a title with \a body.
    void notify(const QString& title, const QString& body);

    /// Silences the chime; notifications still show.
    void setMuted(bool muted) { m_muted = muted; }
    [[nodiscard]] bool isMuted() const { return m_muted; }

signals:
    /// Emitted for every notification, after it was shown (for the status bar and for tests).
    void notified(const QString& title, const QString& body);

private:
    QWidget* m_window;
    QSoundEffect* m_sound = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    bool m_muted = false;
};

} // namespace tl::ui
