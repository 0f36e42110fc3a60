#include "IssueDialog.h"

#include "documents/OutgoingService.h"
#include "gui/Session.h"
#include "gui/signing/SignaturePlacementView.h"
#include "gui/signing/TokenChooser.h"
#include "storage/SignerImages.h"

#include <QBuffer>
#include <QCheckBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace govdesk::gui {

using namespace govdesk::signing;

namespace {

QString shortDate(const QDate &d)
{
    return d.toString(QStringLiteral("dd/MM/yyyy"));
}

} // namespace

IssueDialog::IssueDialog(Session &session, const documents::OutgoingDocument &doc, QWidget *parent)
    : OutgoingTokenDialog(session, doc, tr("&Number and issue"), parent), m_number(new QLabel(this)),
      m_numberNote(new QLabel(this)), m_date(new QDateEdit(this)),
      m_stamp(new QCheckBox(tr("Fill in the number and the date in the document"), this)),
      m_sealBox(new QGroupBox(tr("Organisation's digital signature (seal)"), this)),
      m_sealSize(new QDoubleSpinBox(this))
{
    setObjectName(QStringLiteral("issueDialog"));
    setWindowTitle(tr("Issue the outgoing document"));
    messageLabel()->setObjectName(QStringLiteral("issueMessage"));
    actionButton()->setObjectName(QStringLiteral("issueButton"));
    connect(this, &OutgoingTokenDialog::callFailed, this, &IssueDialog::issueFailed);
    if (!doc.signerName.isEmpty())
        addSummaryLine(
            tr("Signed by: %1 %2").arg(doc.signerPosition.toHtmlEscaped(), doc.signerName.toHtmlEscaped()));

    // The number, large: what the clerk writes in the book and the recipients will quote.
    m_number->setObjectName(QStringLiteral("issueNumber"));
    QFont big = m_number->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_number->setFont(big);
    m_number->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_numberNote->setObjectName(QStringLiteral("issueNumberNote"));
    m_numberNote->setWordWrap(true);
    m_date->setObjectName(QStringLiteral("issueDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_date->setMaximumDate(QDate::currentDate());
    m_date->setDate(doc.issuedDate.isValid() ? doc.issuedDate : QDate::currentDate());
    m_date->setEnabled(!doc.isNumbered());
    m_stamp->setObjectName(QStringLiteral("issueStamp"));
    m_stamp->setChecked(true);
    m_stamp->setToolTip(
        tr("Writes \"Số: …\" and \"ngày … tháng … năm …\" into the blanks the template leaves on "
           "the first page, keeping the leader's signature valid"));
    auto *numberBox = new QGroupBox(tr("Number and date"), this);
    auto *numberForm = new QFormLayout(numberBox);
    numberForm->addRow(m_number);
    numberForm->addRow(m_numberNote);
    numberForm->addRow(tr("Issue &date:"), m_date);
    numberForm->addRow(m_stamp);

    // The organisation signature: the seal image at its real size, from the organisation's token.
    m_sealBox->setObjectName(QStringLiteral("issueSeal"));
    m_sealBox->setCheckable(true);
    m_sealBox->setChecked(true);
    imagePreview()->setObjectName(QStringLiteral("sealPreview"));
    imagePreview()->setFixedSize(84, 84);
    m_sealSize->setObjectName(QStringLiteral("sealSize"));
    m_sealSize->setRange(10, 80);
    m_sealSize->setDecimals(1);
    m_sealSize->setSuffix(tr(" mm"));
    m_sealSize->setValue(36);
    m_sealSize->setAccessibleName(tr("Real size of the seal"));
    chooseImageButton()->setObjectName(QStringLiteral("chooseSeal"));
    rememberImageBox()->setObjectName(QStringLiteral("rememberSeal"));
    rememberImageBox()->setText(tr("Keep as the organisation's seal"));
    const bool mayKeepSeal =
        session.user().role == core::Role::Clerk || session.user().role == core::Role::Admin;
    rememberImageBox()->setVisible(mayKeepSeal);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(new QLabel(tr("Real size:"), this));
    sizeRow->addWidget(m_sealSize);
    sizeRow->addStretch(1);
    auto *sealControls = new QVBoxLayout;
    sealControls->addLayout(sizeRow);
    sealControls->addWidget(chooseImageButton(), 0, Qt::AlignLeft);
    sealControls->addWidget(rememberImageBox());
    sealControls->addStretch(1);
    auto *sealRow = new QHBoxLayout;
    sealRow->addWidget(imagePreview());
    sealRow->addLayout(sealControls, 1);
    tokenChooser()->setPreference(TokenChooser::Preference::Organisation);
    tokenChooser()->setPinPlaceholder(tr("PIN of the organisation's token; never stored"));
    auto *sealLayout = new QVBoxLayout(m_sealBox);
    sealLayout->addLayout(sealRow);
    addTokenTo(sealLayout);
    placementView()->setTemplateText(tr("Over the left third of the signature"));

    addSection(numberBox);
    addSection(m_sealBox);
    setTabOrder(
        {m_sealSize, chooseImageButton(), rememberImageBox(), timestampBox(), actionButton(), closeButton()});

    connect(m_date, &QDateEdit::dateChanged, this, &IssueDialog::refreshNumber);
    connect(m_sealBox, &QGroupBox::toggled, this, [this](bool on) {
        placementView()->setBoxVisible(on);
        updateButtons();
    });
    connect(m_sealSize, &QDoubleSpinBox::valueChanged, this, [this] {
        rememberImageBox()->setEnabled(!image().isNull());
        updateOptions();
    });

    refreshNumber();
    // The organisation's seal comes with the file signed by the leader.
    load([](storage::SignerImages &images, const core::User &) {
        SavedImage saved;
        if (auto seal = images.seal()) {
            saved.png = seal->png;
            saved.sizeMm = seal->sizeMm;
        }
        return saved;
    });
    resize(1100, 780);
}

IssueDialog::~IssueDialog() = default;

QString IssueDialog::numberText() const
{
    return m_number->text();
}

QString IssueDialog::noImageText() const
{
    return tr("No seal image");
}

void IssueDialog::useSavedImage(const SavedImage &saved)
{
    const QSignalBlocker block(m_sealSize);
    if (saved.sizeMm > 0)
        m_sealSize->setValue(saved.sizeMm);
    OutgoingTokenDialog::useSavedImage(saved);
}

void IssueDialog::refreshNumber()
{
    const documents::OutgoingDocument &doc = document();
    const int generation = ++m_numberGeneration;
    const QDate date = m_date->date();
    if (doc.isNumbered()) {
        m_number->setText(tr("No. %1").arg(doc.reference()));
        m_numberNote->setText(tr("Numbered on %1: the document keeps its number and gets only what it lacks.")
                                  .arg(shortDate(doc.issuedDate)));
        Q_EMIT numberShown(m_number->text());
        return;
    }
    if (doc.reservedNumber > 0) {
        m_number->setText(
            tr("No. %1").arg(documents::formatReference(QString::number(doc.reservedNumber), doc.notation)));
        if (doc.reservedYear != date.year()) {
            m_numberNote->setText(
                tr("The number reserved for this document belongs to %1, not to the issue year "
                   "%2; cancel the reservation first")
                    .arg(doc.reservedYear)
                    .arg(date.year()));
            m_numberNote->setStyleSheet(QStringLiteral("color:#b3261e"));
        } else {
            m_numberNote->setText(tr("The number reserved for this document."));
            m_numberNote->setStyleSheet(QString());
        }
        Q_EMIT numberShown(m_number->text());
        return;
    }
    m_numberNote->setStyleSheet(QString());
    m_numberNote->setText(tr("Looking up the next number…"));
    session().run(
        this,
        [&service = session().outgoing(), book = doc.bookId, year = date.year()]() {
            return service.nextNumber(book, year);
        },
        [this, generation, year = date.year()](const core::Result<int> &next) {
            if (generation != m_numberGeneration)
                return; // the date changed meanwhile
            if (!next) {
                m_number->setText(QString());
                m_numberNote->setText(next.error().text());
                m_numberNote->setStyleSheet(QStringLiteral("color:#b3261e"));
                return;
            }
            const documents::OutgoingDocument &doc = document();
            m_number->setText(
                tr("No. %1").arg(documents::formatReference(QString::number(next.value()), doc.notation)));
            const QString book = doc.bookName.isEmpty() ? doc.bookId : doc.bookName;
            m_numberNote->setText(tr("The next number in %1 for %2.").arg(book).arg(year));
            Q_EMIT numberShown(m_number->text());
        });
}

SignOptions IssueDialog::signOptions() const
{
    SignOptions options;
    options.role = SignatureRole::Organisation;
    options.sealImage = image();
    options.sealSizeMm = m_sealSize->value();
    return options;
}

bool IssueDialog::readyToAct() const
{
    return !m_sealBox->isChecked() || (tokenChooser()->isReady() && !image().isNull());
}

void IssueDialog::setInputsEnabled(bool enabled)
{
    m_sealBox->setEnabled(enabled);
    m_date->setEnabled(enabled && !document().isNumbered());
    m_stamp->setEnabled(enabled);
}

void IssueDialog::act()
{
    const bool withSeal = m_sealBox->isChecked();
    if (withSeal && (!tokenChooser()->choice() || image().isNull())) {
        showError(tr("Choose the seal image (PNG) of the organisation."));
        return;
    }
    ServiceCall call;
    call.withToken = withSeal;
    call.readFile = true;
    documents::IssueOptions options;
    options.issuedDate = m_date->date();
    options.stamp = m_stamp->isChecked();
    call.call = [options](documents::OutgoingService &service, const core::User &user, const QString &id,
                          TokenSigner *signer, const SignOptions &seal) mutable {
        options.seal = seal;
        options.sealSigner = signer;
        return service.issue(user, id, options);
    };
    // The seal (a new image, or the saved one at a new size) is kept for the organisation once it served.
    if (withSeal && rememberImageBox()->isChecked() && rememberImageBox()->isVisible())
        call.keep = [png = chosenPng(), sealImage = image(), sizeMm = m_sealSize->value()](
                        storage::SignerImages &images, const core::User &user) mutable {
            if (png.isEmpty()) {
                QBuffer buffer(&png);
                buffer.open(QIODevice::WriteOnly);
                sealImage.save(&buffer, "PNG");
            }
            return images.setSeal(user, png, sizeMm);
        };
    run(std::move(call), withSeal ? tr("Issuing… keep the token plugged in.") : tr("Issuing…"));
}

void IssueDialog::succeeded(const Outcome &outcome)
{
    const documents::OutgoingDocument &doc = document();
    m_number->setText(tr("No. %1").arg(doc.reference()));
    m_numberNote->setText(tr("Issued on %1.").arg(shortDate(doc.issuedDate)));
    m_numberNote->setStyleSheet(QString());
    QString html =
        QStringLiteral("<b>%1</b>")
            .arg(tr("Issued: %1, dated %2.").arg(doc.reference(), shortDate(doc.issuedDate)).toHtmlEscaped());
    if (!outcome.keepError.isEmpty())
        html += QStringLiteral("<br/><span style='color:#b3261e'>%1</span>")
                    .arg(outcome.keepError.toHtmlEscaped());
    showNote(html, QStringLiteral("#1b7f3b"));
    closeButton()->setDefault(true);
    closeButton()->setFocus();
    // The issued file, with its number, date and seal, in place of the one signed by the leader.
    if (!outcome.pdf.isEmpty()) {
        placementView()->setBoxVisible(false);
        placementView()->setPdf(outcome.pdf);
    }
    Q_EMIT documentIssued(doc);
}

} // namespace govdesk::gui
