#include "SignaturePanel.h"

#include "documents/IncomingSignatures.h"
#include "gui/Async.h"
#include "signing/SigningService.h"
#include "storage/SystemConfig.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govdesk::gui {

using signing::CheckState;
using signing::SignatureReport;
using signing::Verdict;

namespace {

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Ho_Chi_Minh")))
                             .toString(QStringLiteral("dd/MM/yyyy HH:mm:ss"))
                       : QString();
}

QString stateText(CheckState s)
{
    switch (s) {
    case CheckState::Passed:
        return SignaturePanel::tr("passed");
    case CheckState::Failed:
        return SignaturePanel::tr("failed");
    case CheckState::Unknown:
        return SignaturePanel::tr("could not be determined");
    case CheckState::NotChecked:
        break;
    }
    return SignaturePanel::tr("not checked");
}

QString revocationSourceText(const QString &source)
{
    if (source == QLatin1String("embedded-ocsp"))
        return SignaturePanel::tr("OCSP response kept in the file");
    if (source == QLatin1String("embedded-crl"))
        return SignaturePanel::tr("revocation list kept in the file");
    if (source == QLatin1String("online-ocsp"))
        return SignaturePanel::tr("OCSP, checked online");
    if (source == QLatin1String("online-crl"))
        return SignaturePanel::tr("revocation list, checked online");
    return source;
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='color:#555;padding-right:12px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

QColor SignaturePanel::verdictColour(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Valid:
        return QColor(0x1b, 0x7f, 0x3b);
    case Verdict::Invalid:
        return QColor(0xb3, 0x26, 0x1e);
    case Verdict::Indeterminate:
        break;
    }
    return QColor(0x9a, 0x67, 0x00);
}

SignaturePanel::SignaturePanel(QThreadPool *pool, QWidget *parent)
    : QWidget(parent), m_pool(pool), m_banner(new QLabel(this)), m_list(new QTreeWidget(this)),
      m_details(new QTextBrowser(this)), m_certificatesButton(new QPushButton(tr("&Certificates…"), this))
{
    setObjectName(QStringLiteral("signaturePanel"));
    m_banner->setObjectName(QStringLiteral("signatureBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(6);
    m_list->setObjectName(QStringLiteral("signatureList"));
    m_list->setHeaderLabels({tr("Signature"), tr("Signer"), tr("Signed at"), tr("Verdict")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_details->setObjectName(QStringLiteral("signatureDetails"));
    m_details->setOpenLinks(false);
    m_certificatesButton->setObjectName(QStringLiteral("certificatesButton"));
    m_certificatesButton->setEnabled(false);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_details);
    split->setStretchFactor(1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_certificatesButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &SignaturePanel::showDetails);
    connect(m_certificatesButton, &QPushButton::clicked, this, &SignaturePanel::showCertificates);
    clear();
}

void SignaturePanel::clear(const QString &message)
{
    ++m_generation;
    m_reports.clear();
    m_list->clear();
    m_details->clear();
    m_summary.clear();
    m_certificatesButton->setEnabled(false);
    m_banner->setStyleSheet(QString());
    m_banner->setText(message.isEmpty() ? tr("No PDF is shown.") : message);
}

void SignaturePanel::setPdf(const QByteArray &pdf, const QString &name)
{
    clear(tr("Checking the digital signatures of %1…").arg(name));
    const int generation = m_generation;
    runInWorker(
        m_pool, this,
        [pdf]() -> std::pair<QList<SignatureReport>, QString> {
            auto trust = documents::systemTrustStore();
            signing::TrustStore fallback = signing::TrustStore::builtIn();
            signing::PdfVerifyOptions options;
            options.trust = trust ? &trust.value() : &fallback;
            options.online = storage::SystemConfig::signing().onlineRevocation;
            options.timeoutMs = 5000;
            auto result = signing::verifyPdf(pdf, options);
            if (!result)
                return {{}, result.error().text()};
            return {result->signatures, QString()};
        },
        [this, generation](const std::pair<QList<SignatureReport>, QString> &r) {
            if (generation == m_generation)
                showReports(r.first, r.second);
        });
}

void SignaturePanel::showReports(const QList<SignatureReport> &reports, const QString &error)
{
    m_reports = reports;
    m_list->clear();
    if (!error.isEmpty()) {
        m_overall = Verdict::Indeterminate;
        m_summary = tr("The signatures could not be read: %1").arg(error);
    } else if (reports.isEmpty()) {
        m_overall = Verdict::Indeterminate;
        m_summary = tr("This document has no digital signature.");
    } else {
        signing::PdfVerification all;
        all.signatures = reports;
        m_overall = all.overall();
        switch (m_overall) {
        case Verdict::Valid:
            m_summary = tr("%n digital signature(s), all valid.", nullptr, int(reports.size()));
            break;
        case Verdict::Invalid:
            m_summary = tr("%n digital signature(s): at least one is INVALID — do not rely on this document.",
                           nullptr, int(reports.size()));
            break;
        case Verdict::Indeterminate:
            m_summary = tr("%n digital signature(s): validity could not be fully established.", nullptr,
                           int(reports.size()));
            break;
        }
    }
    const QColor colour = reports.isEmpty() && error.isEmpty() ? palette().color(QPalette::WindowText)
                                                               : verdictColour(m_overall);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel{color:%1;font-weight:bold;border:1px solid %1;border-radius:3px}")
            .arg(colour.name()));
    m_banner->setText(m_summary);
    for (const SignatureReport &r : reports) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, QString::number(r.entry.revision));
        item->setText(1, r.cms.signer.subjectCommonName.isEmpty() ? r.entry.name
                                                                  : r.cms.signer.subjectCommonName);
        item->setText(2, time(r.cms.signingTime.isValid() ? r.cms.signingTime : r.entry.claimedTime));
        item->setText(3, signing::verdictText(r.verdict));
        item->setForeground(3, verdictColour(r.verdict));
        item->setToolTip(1, r.cms.signer.holderSummary());
    }
    if (!reports.isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    Q_EMIT verified(int(reports.size()), m_summary);
}

void SignaturePanel::showDetails()
{
    const int index = m_list->indexOfTopLevelItem(m_list->currentItem());
    m_certificatesButton->setEnabled(index >= 0 && !m_reports.value(index).cms.chain.isEmpty());
    if (index < 0 || index >= m_reports.size()) {
        m_details->clear();
        return;
    }
    const SignatureReport &r = m_reports[index];
    const signing::CertificateInfo &c = r.cms.signer;
    QString html = QStringLiteral("<p style='color:%1;font-weight:bold'>%2</p><table>")
                       .arg(verdictColour(r.verdict).name(), signing::verdictText(r.verdict).toHtmlEscaped());
    html += row(tr("Signer"), c.subjectCommonName.isEmpty() ? r.entry.name : c.subjectCommonName);
    if (!c.subjectTitle.isEmpty())
        html += row(tr("Title"), c.subjectTitle);
    if (!c.subjectOrganization.isEmpty())
        html += row(tr("Organisation"), c.subjectOrganization);
    html += row(tr("Issued by"), c.issuerCommonName);
    QString when = time(r.cms.signingTime);
    if (r.cms.signingTimeSource == QLatin1String("timestamp"))
        when += QLatin1Char(' ') + tr("(from a trusted timestamp)");
    else if (!when.isEmpty())
        when += QLatin1Char(' ') + tr("(as claimed by the signer's computer)");
    html += row(tr("Signed at"), when);
    html += row(tr("Field / page"), r.entry.pageIndex >= 0
                                        ? tr("%1, page %2").arg(r.entry.fieldName).arg(r.entry.pageIndex + 1)
                                        : r.entry.fieldName);
    html += row(tr("Integrity"), stateText(r.cms.integrity));
    html += row(tr("Coverage"), r.entry.coversWholeDocument
                                    ? tr("the whole document")
                                    : tr("the document up to this signature; added later: %1")
                                          .arg(r.entry.appendedChanges.join(QStringLiteral("; "))));
    html += row(tr("Certificate chain"), stateText(r.cms.chainState));
    html += row(tr("Revocation"), r.cms.revocationSource.isEmpty()
                                      ? stateText(r.cms.revocation)
                                      : tr("%1 (%2)").arg(stateText(r.cms.revocation),
                                                          revocationSourceText(r.cms.revocationSource)));
    html += row(tr("Format"), QStringLiteral("%1 (%2)").arg(QString::fromLatin1(r.entry.subFilter),
                                                            r.cms.subFilterProfile));
    html += QStringLiteral("</table>");
    if (!r.reasons.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Reasons").toHtmlEscaped());
        for (const signing::Reason &reason : r.reasons)
            html += QStringLiteral("<li>%1</li>").arg(reason.vi.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_details->setHtml(html);
}

void SignaturePanel::showCertificates()
{
    const int index = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (index < 0 || index >= m_reports.size())
        return;
    auto *dialog = new CertificateDialog(m_reports[index].cms.chain, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

CertificateDialog::CertificateDialog(const QList<signing::CertificateInfo> &chain, QWidget *parent)
    : QDialog(parent), m_chain(chain), m_tree(new QTreeWidget(this)), m_details(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("certificateDialog"));
    setWindowTitle(tr("Certificates"));
    m_tree->setHeaderHidden(true);
    QTreeWidgetItem *parentItem = nullptr;
    // Anchor at the top, the signer at the bottom, as certificate viewers show a path.
    for (int i = int(chain.size()) - 1; i >= 0; --i) {
        auto *item = parentItem ? new QTreeWidgetItem(parentItem) : new QTreeWidgetItem(m_tree);
        item->setText(0,
                      chain[i].subjectCommonName.isEmpty() ? chain[i].subjectDn : chain[i].subjectCommonName);
        item->setData(0, Qt::UserRole, i);
        parentItem = item;
    }
    m_tree->expandAll();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addWidget(m_details, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        showCertificate(item ? item->data(0, Qt::UserRole).toInt() : -1);
    });
    resize(620, 520);
    if (parentItem)
        m_tree->setCurrentItem(parentItem);
}

void CertificateDialog::showCertificate(int index)
{
    if (index < 0 || index >= m_chain.size()) {
        m_details->clear();
        return;
    }
    const signing::CertificateInfo &c = m_chain[index];
    QStringList usage;
    if (c.digitalSignature)
        usage << tr("digital signature");
    if (c.nonRepudiation)
        usage << tr("non-repudiation");
    if (c.isCa)
        usage << tr("certificate authority");
    QString html = QStringLiteral("<table>");
    html += row(tr("Holder"), c.subjectCommonName);
    html += row(tr("Title"), c.subjectTitle);
    html += row(tr("Organisation"), c.subjectOrganization);
    html += row(tr("Unit"), c.subjectOrganizationalUnit);
    html += row(tr("Subject"), c.subjectDn);
    html += row(tr("Issuer"), c.issuerDn);
    html += row(tr("Serial number"), c.serialHex);
    html += row(tr("Valid from"), time(c.notBefore));
    html += row(tr("Valid until"), time(c.notAfter));
    html += row(tr("Key"), QStringLiteral("%1 %2").arg(c.keyAlgorithm).arg(c.keyBits));
    html += row(tr("Usage"), usage.join(QStringLiteral(", ")));
    html += row(tr("SHA-256 fingerprint"), c.sha256Hex);
    html += QStringLiteral("</table>");
    m_details->setHtml(html);
}

} // namespace govdesk::gui
