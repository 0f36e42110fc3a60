#pragma once

#include "signing/PdfVerifier.h"

#include <QDialog>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QThreadPool;
class QTreeWidget;

namespace govdesk::gui {

/// The signatures of the PDF on screen, like a reader's signature panel: a banner with the overall verdict,
/// one row per signature (verdict, signer, time) and the details of the selected one, with its certificates.
/// Verification runs on a worker; a newer document cancels the answer of an older one.
class SignaturePanel : public QWidget
{
    Q_OBJECT
public:
    explicit SignaturePanel(QThreadPool *pool, QWidget *parent = nullptr);

    void setPdf(const QByteArray &pdf, const QString &name);
    void clear(const QString &message = QString());

    const QList<signing::SignatureReport> &reports() const { return m_reports; }
    /// A one-line summary with its colour, for a banner over the document.
    QString summary() const { return m_summary; }
    signing::Verdict overall() const { return m_overall; }

    static QColor verdictColour(signing::Verdict verdict);

Q_SIGNALS:
    /// Verification finished: the number of signatures (0 = none) and the summary line.
    void verified(int count, const QString &summary);

private:
    void showReports(const QList<signing::SignatureReport> &reports, const QString &error);
    void showDetails();
    void showCertificates();

    QThreadPool *m_pool;
    QLabel *m_banner;
    QTreeWidget *m_list;
    QTextBrowser *m_details;
    QPushButton *m_certificatesButton;
    QList<signing::SignatureReport> m_reports;
    QString m_summary;
    signing::Verdict m_overall = signing::Verdict::Indeterminate;
    int m_generation = 0;
};

/// The certificate chain of a signature: each certificate's holder, organisation, issuer, serial, validity,
/// usage and fingerprint, as a clerk or an IT officer needs to read them.
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    CertificateDialog(const QList<signing::CertificateInfo> &chain, QWidget *parent = nullptr);

private:
    void showCertificate(int index);

    QList<signing::CertificateInfo> m_chain;
    QTreeWidget *m_tree;
    QTextBrowser *m_details;
};

} // namespace govdesk::gui
