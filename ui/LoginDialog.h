#pragma once

#include "sync/LoginClient.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tl::ui {

/// Signs the agent in to threadline-server: server address, login and password. Remembers the server and
/// the login (never the password). Signing in runs in the background; the dialog stays responsive and shows
/// the server's answer. "Work Offline" opens the local cache without a server. Thread: GUI.
class LoginDialog final : public QDialog {
    Q_OBJECT
public:
    explicit LoginDialog(QWidget* parent = nullptr);

    void setServer(const QString& server);
    void setLogin(const QString& login);
    void setPassword(const QString& password);
    /// Starts signing in with what the fields hold (as the Sign In button does).
    void signIn();

    /// The session after accepted(); empty when the agent chose to work offline.
    [[nodiscard]] const sync::Session& session() const { return m_session; }
    [[nodiscard]] bool workOffline() const { return m_offline; }
    [[nodiscard]] QString errorText() const;

private:
    void setBusy(bool busy);
    void showError(const QString& message);

    sync::LoginClient m_client;
    sync::Session m_session;
    bool m_offline = false;
    QLineEdit* m_serverEdit = nullptr;
    QLineEdit* m_loginEdit = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_signInButton = nullptr;
};

} // namespace tl::ui
