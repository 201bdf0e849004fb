#include "LoginDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace tl::ui {

namespace {
const QString serverKey = QStringLiteral("login/server");
const QString loginKey = QStringLiteral("login/login");
} // namespace

LoginDialog::LoginDialog(QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign In to Threadline"));

    m_serverEdit = new QLineEdit(this);
    m_serverEdit->setObjectName(QStringLiteral("serverLineEdit"));
    m_serverEdit->setPlaceholderText(tr("e.g. https://threadline.example.com:8443"));
    m_loginEdit = new QLineEdit(this);
    m_loginEdit->setObjectName(QStringLiteral("loginLineEdit"));
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordLineEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    // Addresses and logins are Latin text whatever the interface language.
    m_serverEdit->setLayoutDirection(Qt::LeftToRight);
    m_loginEdit->setLayoutDirection(Qt::LeftToRight);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("loginErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Server:"), m_serverEdit);
    form->addRow(tr("&Login:"), m_loginEdit);
    form->addRow(tr("&Password:"), m_passwordEdit);

    m_buttons = new QDialogButtonBox(this);
    m_signInButton = m_buttons->addButton(tr("Sign In"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setDefault(true);
    QPushButton* offline = m_buttons->addButton(tr("Work Offline"), QDialogButtonBox::RejectRole);
    offline->setObjectName(QStringLiteral("workOfflineButton"));
    connect(m_signInButton, &QPushButton::clicked, this, &LoginDialog::signIn);
    connect(offline, &QPushButton::clicked, this, [this] {
        m_offline = true;
        accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);

    const QSettings settings;
    m_serverEdit->setText(settings.value(serverKey).toString());
    m_loginEdit->setText(settings.value(loginKey).toString());
    (m_serverEdit->text().isEmpty()  ? m_serverEdit
     : m_loginEdit->text().isEmpty() ? m_loginEdit
                                     : m_passwordEdit)
        ->setFocus();
}

void LoginDialog::setServer(const QString& server) {
    m_serverEdit->setText(server);
}

void LoginDialog::setLogin(const QString& login) {
    m_loginEdit->setText(login);
}

void LoginDialog::setPassword(const QString& password) {
    m_passwordEdit->setText(password);
}

QString LoginDialog::errorText() const {
    return m_errorLabel->isVisible() ? m_errorLabel->text() : QString();
}

void LoginDialog::signIn() {
    const QUrl server = sync::LoginClient::normalizedServerUrl(m_serverEdit->text());
    if (server.isEmpty()) {
        showError(tr("Enter the server's address, such as https://threadline.example.com:8443."));
        m_serverEdit->setFocus();
        return;
    }
    if (m_loginEdit->text().trimmed().isEmpty()) {
        showError(tr("Enter your login."));
        m_loginEdit->setFocus();
        return;
    }
    setBusy(true);
    m_client.login(server, m_loginEdit->text().trimmed(), m_passwordEdit->text(),
                   [this, server](core::Result<sync::Session> result) {
                       setBusy(false);
                       if (!result) {
                           showError(result.error());
                           m_passwordEdit->selectAll();
                           m_passwordEdit->setFocus();
                           return;
                       }
                       m_session = result.value();
                       QSettings settings;
                       settings.setValue(serverKey, server.toString());
                       settings.setValue(loginKey, m_session.login);
                       accept();
                   });
}

void LoginDialog::setBusy(bool busy) {
    m_signInButton->setEnabled(!busy);
    m_signInButton->setText(busy ? tr("Signing In…") : tr("Sign In"));
    if (busy)
        m_errorLabel->hide();
}

void LoginDialog::showError(const QString& message) {
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

} // namespace tl::ui
