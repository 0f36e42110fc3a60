#include "signing/SigningService.h"

#include "core/TextFold.h"
#include "signing/pdf/PdfSigner.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimeZone>

#include <poppler-qt6.h>

#include <algorithm>
#include <cstring>

namespace govdesk::signing {

using core::Error;
using core::Result;

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

QRectF fitAspect(const QRectF &box, const QSizeF &image)
{
    if (image.isEmpty() || box.isEmpty())
        return box;
    const double aspect = image.width() / image.height();
    QSizeF s = box.size();
    if (s.width() / s.height() > aspect)
        s.setWidth(s.height() * aspect);
    else
        s.setHeight(s.width() / aspect);
    return QRectF(box.center().x() - s.width() / 2, box.center().y() - s.height() / 2, s.width(), s.height());
}

struct TextLine
{
    QString folded;
    QRectF box; ///< top-left origin, points
};

/// The page's text as lines (words whose vertical centres are close), top to bottom.
QList<TextLine> pageLines(Poppler::Page *page)
{
    QList<TextLine> lines;
    auto boxes = page->textList();
    std::vector<Poppler::TextBox *> words;
    for (auto &b : boxes)
        words.push_back(b.get());
    std::sort(words.begin(), words.end(),
              [](auto *a, auto *b) { return a->boundingBox().center().y() < b->boundingBox().center().y(); });
    for (Poppler::TextBox *w : words) {
        const QRectF r = w->boundingBox();
        if (!lines.isEmpty() && std::abs(lines.last().box.center().y() - r.center().y()) < r.height() * 0.5) {
            lines.last().box = lines.last().box.united(r);
            lines.last().folded += QLatin1Char(' ') + core::foldForSearch(w->text());
        } else {
            lines.append({core::foldForSearch(w->text()), r});
        }
    }
    return lines;
}

/// Template placement: the box between the title (chức vụ) line and the name line, searched from the
/// bottom of the page, centred on the name. Returns an empty rect when either line is missing.
QRectF templateBox(Poppler::Page *page, const QString &title, const QString &name)
{
    const QList<TextLine> lines = pageLines(page);
    const QString foldedName = core::foldForSearch(name);
    const QString foldedTitle = core::foldForSearch(title);
    for (int i = lines.size() - 1; i >= 0; --i) {
        if (foldedName.isEmpty() || !lines[i].folded.contains(foldedName))
            continue;
        for (int j = i - 1; j >= 0; --j) {
            if (foldedTitle.isEmpty() || !lines[j].folded.contains(foldedTitle))
                continue;
            const double top = lines[j].box.bottom();
            const double bottom = lines[i].box.top();
            const double gap = bottom - top;
            if (gap < 24)
                return {};
            const double height = gap * 0.86;
            const double width = std::max(lines[i].box.width() * 1.3, height * 2.0);
            const QRectF box(lines[i].box.center().x() - width / 2, top + (gap - height) / 2, width, height);
            const double pageHeight = page->pageSizeF().height();
            return QRectF(box.left(), pageHeight - box.bottom(), box.width(), box.height());
        }
    }
    return {};
}

QString roleFieldPrefix(SignatureRole role)
{
    switch (role) {
    case SignatureRole::Personal:
        return QStringLiteral("ChuKy_CaNhan");
    case SignatureRole::Organisation:
        return QStringLiteral("ChuKy_CoQuan");
    case SignatureRole::Attachment:
        return QStringLiteral("ChuKy_DinhKem");
    case SignatureRole::Copy:
        break;
    }
    return QStringLiteral("ChuKy_BanSao");
}

} // namespace

std::optional<SignatureRole> signatureRoleFromKey(const QString &key)
{
    if (key == QLatin1String("ca-nhan"))
        return SignatureRole::Personal;
    if (key == QLatin1String("co-quan"))
        return SignatureRole::Organisation;
    if (key == QLatin1String("dinh-kem"))
        return SignatureRole::Attachment;
    if (key == QLatin1String("ban-sao"))
        return SignatureRole::Copy;
    return std::nullopt;
}

QString signatureRoleKey(SignatureRole role)
{
    switch (role) {
    case SignatureRole::Personal:
        return QStringLiteral("ca-nhan");
    case SignatureRole::Organisation:
        return QStringLiteral("co-quan");
    case SignatureRole::Attachment:
        return QStringLiteral("dinh-kem");
    case SignatureRole::Copy:
        break;
    }
    return QStringLiteral("ban-sao");
}

QString signatureRoleText(SignatureRole role)
{
    switch (role) {
    case SignatureRole::Personal:
        return QCoreApplication::translate("Signing", "Personal signature of the competent person");
    case SignatureRole::Organisation:
        return QCoreApplication::translate("Signing", "Organisation signature (seal) on the main document");
    case SignatureRole::Attachment:
        return QCoreApplication::translate("Signing",
                                           "Organisation signature on an attachment in a separate file");
    case SignatureRole::Copy:
        break;
    }
    return QCoreApplication::translate("Signing", "Organisation signature on an electronic copy");
}

QStringList signatureTextLines(const SignOptions &options, const QDateTime &signingTime)
{
    QStringList lines;
    if (options.role == SignatureRole::Attachment) {
        lines << options.reference.trimmed();
    } else if (options.role == SignatureRole::Copy) {
        lines << options.copyType.trimmed() << options.copyOrgan.trimmed();
    }
    lines.removeAll(QString());
    lines << isoVietnamTime(signingTime);
    return lines;
}

Result<Placement> placeSignature(const QByteArray &pdf, const SignOptions &options,
                                 const QStringList &textLines)
{
    auto inspection = inspectPdf(pdf);
    if (!inspection)
        return inspection.error();
    const PdfInspection &info = inspection.value();
    if (info.pageCount <= 0)
        return GOVDESK_ERROR("signing.pdf-no-pages", QT_TRANSLATE_NOOP("Signing", "The PDF has no pages"));
    if (options.page > info.pageCount || options.page == 0 || options.page < -1)
        return GOVDESK_ERROR(
            "signing.page-range",
            QT_TRANSLATE_NOOP("Signing", "Page %1 does not exist: the document has %2 pages"),
            QString::number(options.page), QString::number(info.pageCount));
    const bool textRole = options.role == SignatureRole::Attachment || options.role == SignatureRole::Copy;
    Placement p;
    p.signatureCount = info.signatureCount;
    p.pageIndex = options.page > 0 ? options.page - 1 : (textRole ? 0 : info.pageCount - 1);
    const QRectF media = info.pages.value(p.pageIndex).cropBox.isEmpty()
                             ? info.pages.value(p.pageIndex).mediaBox
                             : info.pages.value(p.pageIndex).cropBox;

    if (textRole) {
        if (!options.rect.isEmpty()) {
            p.rect = options.rect;
            return p;
        }
        auto size = measureTextAppearance(textLines, 10);
        if (!size)
            return size.error();
        // Top-right of the first page (Phụ lục I, II.8.b): inside the 15 mm right margin, and high in the
        // 20–25 mm top margin so that the block stays clear of the national motto and the organ's name.
        p.rect =
            topRightRect(info.pages.value(p.pageIndex), size.value(), 15 * kPointsPerMm, 4 * kPointsPerMm);
        return p;
    }

    if (options.role == SignatureRole::Organisation) {
        const QImage &seal = options.sealImage;
        if (seal.isNull())
            return GOVDESK_ERROR(
                "signing.no-seal-image",
                QT_TRANSLATE_NOOP("Signing", "The organisation signature needs the seal image"));
        const double w = options.sealSizeMm * kPointsPerMm;
        const double h = w * seal.height() / std::max(1, seal.width());
        if (!options.rect.isEmpty()) {
            p.rect =
                QRectF(options.rect.left(), options.rect.top(), options.rect.width(), options.rect.height());
            return p;
        }
        auto entries = readPdfSignatures(pdf);
        if (!entries)
            return entries.error();
        const PdfSignatureEntry *personal = nullptr;
        for (const PdfSignatureEntry &e : entries.value()) {
            if (e.rect.isEmpty() || e.pageIndex < 0)
                continue;
            if (options.page > 0 && e.pageIndex != options.page - 1)
                continue;
            if (e.fieldName.startsWith(roleFieldPrefix(SignatureRole::Organisation)))
                continue;
            if (!personal || e.fieldName.startsWith(roleFieldPrefix(SignatureRole::Personal)) ||
                !personal->fieldName.startsWith(roleFieldPrefix(SignatureRole::Personal)))
                personal = &e;
        }
        if (!personal)
            return GOVDESK_ERROR(
                "signing.no-personal-signature",
                QT_TRANSLATE_NOOP("Signing", "There is no visible personal signature to place the seal on; "
                                             "give the page and the rectangle of the seal"));
        // The seal covers about the left third of the personal signature image (Phụ lục I, II.8.a).
        const QRectF sig = personal->rect;
        p.pageIndex = personal->pageIndex;
        p.rect = QRectF(sig.left() + sig.width() / 3 - w, sig.center().y() - h / 2, w, h);
        return p;
    }

    // Personal signature: the user's box, else the template box between title and name, else bottom right.
    QRectF box = options.rect;
    if (box.isEmpty() && (!options.title.isEmpty() || !options.name.isEmpty())) {
        std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
        if (doc && !doc->isLocked()) {
            std::unique_ptr<Poppler::Page> page = doc->page(p.pageIndex);
            if (page)
                box = templateBox(page.get(), options.title, options.name);
        }
        if (box.isEmpty())
            p.warning = QCoreApplication::translate(
                            "Signing", "The title \"%1\" and the name \"%2\" were not found one above "
                                       "the other on page %3: the signature was put at the bottom right")
                            .arg(options.title, options.name, QString::number(p.pageIndex + 1));
    }
    if (box.isEmpty())
        box = QRectF(media.right() - 20 * kPointsPerMm - 60 * kPointsPerMm, media.top() + 45 * kPointsPerMm,
                     60 * kPointsPerMm, 25 * kPointsPerMm);
    p.rect = options.signatureImage.isNull() ? box : fitAspect(box, options.signatureImage.size());
    return p;
}

// ---------------------------------------------------------------- TokenSigner

Result<std::unique_ptr<TokenSigner>> TokenSigner::open(const Choice &choice)
{
    auto module = Pkcs11Module::load(choice.modulePath);
    if (!module)
        return module.error();
    auto tokens = module.value()->tokens();
    if (!tokens)
        return tokens.error();
    QList<TokenInfo> matching;
    for (const TokenInfo &t : tokens.value())
        if (choice.tokenLabel.isEmpty() || t.label == choice.tokenLabel)
            matching << t;
    if (matching.isEmpty())
        return choice.tokenLabel.isEmpty()
                   ? GOVDESK_ERROR("signing.no-token",
                                   QT_TRANSLATE_NOOP("Signing", "No token is plugged in (module %1)"),
                                   choice.modulePath)
                   : GOVDESK_ERROR("signing.token-not-found",
                                   QT_TRANSLATE_NOOP("Signing", "No token labelled \"%1\" is plugged in"),
                                   choice.tokenLabel);
    if (matching.size() > 1)
        return GOVDESK_ERROR(
            "signing.token-ambiguous",
            QT_TRANSLATE_NOOP("Signing", "%1 tokens are plugged in: choose one by its label"),
            QString::number(matching.size()));

    std::unique_ptr<TokenSigner> signer(new TokenSigner);
    signer->m_module = module.value();
    signer->m_token = matching.first();
    QList<TokenObjectCertificate> candidates;
    for (const TokenObjectCertificate &c : signer->m_token.certificates) {
        if (!choice.certId.isEmpty() && c.id != choice.certId)
            continue;
        if (!choice.certLabel.isEmpty() && c.label != choice.certLabel)
            continue;
        if (choice.certId.isEmpty() && choice.certLabel.isEmpty() && !c.hasPrivateKey)
            continue;
        candidates << c;
    }
    if (candidates.isEmpty())
        return GOVDESK_ERROR(
            "signing.cert-not-found",
            QT_TRANSLATE_NOOP("Signing", "The token \"%1\" holds no matching signing certificate"),
            signer->m_token.label);
    if (candidates.size() > 1)
        return GOVDESK_ERROR(
            "signing.cert-ambiguous",
            QT_TRANSLATE_NOOP("Signing", "The token holds %1 signing certificates: choose one by its label "
                                         "or id"),
            QString::number(candidates.size()));
    signer->m_object = candidates.first();
    if (!signer->m_object.hasPrivateKey)
        return GOVDESK_ERROR(
            "signing.no-private-key",
            QT_TRANSLATE_NOOP("Signing", "The certificate \"%1\" has no private key on the token"),
            signer->m_object.label);
    auto cert = CertificateInfo::fromDer(signer->m_object.der);
    if (!cert)
        return cert.error();
    signer->m_certificate = cert.value();
    auto session = signer->m_module->openSession(signer->m_token.slotId);
    if (!session)
        return session.error();
    signer->m_session = std::move(session.value());
    return signer;
}

TokenSigner::~TokenSigner() = default;

Result<void> TokenSigner::login(QByteArray pin)
{
    auto r = m_session->login(pin);
    std::fill(pin.begin(), pin.end(), '\0');
    m_token = m_session->tokenInfo().label.isEmpty() ? m_token : m_session->tokenInfo();
    return r;
}

Result<void> TokenSigner::checkCertificate(const QDateTime &at, const TrustStore *trust, bool online,
                                           QStringList *warnings)
{
    if (auto r = checkCertificateForSigning(m_certificate, at); !r)
        return r;
    // The chain: issuing CAs and the anchor from the trust store, by name.
    m_chain.clear();
    QList<CertificateInfo> chain{m_certificate};
    {
        // Issuing CAs: those stored on the token next to the signer's certificate (most tokens carry them),
        // then the trust store's.
        QList<CertificateInfo> pool;
        for (const TokenObjectCertificate &c : m_token.certificates)
            if (c.der != m_certificate.der)
                if (auto info = CertificateInfo::fromDer(c.der); info && info->isCa)
                    pool << info.value();
        if (trust)
            pool += trust->intermediates() + trust->anchors();
        CertificateInfo current = m_certificate;
        for (int depth = 0; depth < 8 && !current.selfSigned; ++depth) {
            auto it = std::find_if(pool.begin(), pool.end(),
                                   [&](const CertificateInfo &c) { return c.subjectDn == current.issuerDn; });
            if (it == pool.end())
                break;
            current = *it;
            chain << current;
            m_chain << current.der;
        }
    }
    m_revocation = {};
    if (!online)
        return {};
    QStringList problems;
    m_revocation = collectRevocationData(chain, &problems);
    if (chain.size() >= 2) {
        const CheckState state =
            checkRevocation(chain[0], chain[1], m_revocation, trust ? *trust : TrustStore::builtIn(), at);
        if (state == CheckState::Failed)
            return GOVDESK_ERROR(
                "signing.cert-revoked",
                QT_TRANSLATE_NOOP("Signing", "The certificate of %1 has been revoked: it cannot sign"),
                m_certificate.subjectCommonName);
    }
    if (warnings)
        *warnings << problems;
    return {};
}

Result<QByteArray> TokenSigner::signBytes(const QByteArray &pdf, const SignOptions &options,
                                          SignOutcome *outcome)
{
    if (!m_session || !m_session->loggedIn())
        return GOVDESK_ERROR("signing.not-logged-in",
                             QT_TRANSLATE_NOOP("Signing", "Enter the token PIN before signing"));
    const QDateTime now = options.now.isValid() ? options.now : QDateTime::currentDateTime();
    if (auto r = checkCertificateForSigning(m_certificate, now); !r)
        return r.error();

    // Phụ lục I: an attachment's signature names the main document, a copy's names the kind of copy and the
    // copying organisation.
    if (options.role == SignatureRole::Attachment && options.reference.trimmed().isEmpty())
        return GOVDESK_ERROR("signing.no-reference",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The signature of an attachment needs the number and "
                                               "symbol of the main document"));
    if (options.role == SignatureRole::Copy &&
        (options.copyType.trimmed().isEmpty() || options.copyOrgan.trimmed().isEmpty()))
        return GOVDESK_ERROR("signing.no-copy-details",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The signature of a copy needs the kind of copy and the "
                                               "copying organisation"));
    const QStringList lines = signatureTextLines(options, now);
    auto placement = placeSignature(pdf, options, lines);
    if (!placement)
        return placement.error();

    PdfSignRequest request;
    request.pageIndex = placement->pageIndex;
    request.rect = placement->rect;
    request.fieldName =
        QStringLiteral("%1_%2").arg(roleFieldPrefix(options.role)).arg(placement->signatureCount + 1);
    request.signerName = m_certificate.subjectCommonName;
    request.reason = options.reason.isEmpty() ? signatureRoleText(options.role) : options.reason;
    request.location = options.location;
    request.signingTime = now;
    switch (options.role) {
    case SignatureRole::Personal:
        if (options.signatureImage.isNull()) {
            request.appearance.kind = SignatureAppearance::Kind::Text;
            request.appearance.textLines = {m_certificate.subjectCommonName, lines.last()};
        } else {
            request.appearance.kind = SignatureAppearance::Kind::Image;
            request.appearance.image = options.signatureImage;
        }
        break;
    case SignatureRole::Organisation:
        request.appearance.kind = SignatureAppearance::Kind::Image;
        request.appearance.image = options.sealImage;
        break;
    case SignatureRole::Attachment:
    case SignatureRole::Copy:
        request.appearance.kind = SignatureAppearance::Kind::Text;
        request.appearance.textLines = lines;
        request.appearance.fontSizePt = 10;
        break;
    }

    auto produce = [&](const QByteArray &digest) -> Result<QByteArray> {
        CadesSignRequest r;
        r.contentSha256 = digest;
        r.signerCertDer = m_certificate.der;
        r.chainDer = m_chain;
        return buildCadesSignature(
            r, [&](const QByteArray &d) { return m_session->signDigest(m_object.id, d); }, options.tsa);
    };
    // Room for the CMS: the certificates it carries, the signature and attributes, and a timestamp token
    // (which carries the TSA's certificates). A tight reserve keeps each signature small; if the CMS turns
    // out larger, sign once more with room to spare rather than fail.
    int reserve = int(m_certificate.der.size()) + 2048 + (options.tsa.isEmpty() ? 0 : 8192);
    for (const QByteArray &c : m_chain)
        reserve += int(c.size());
    request.contentsReserve = reserve;
    auto signedPdf = signPdf(pdf, request, produce);
    if (!signedPdf && signedPdf.error().code() == QLatin1String("signing.pdf-reserve")) {
        request.contentsReserve = std::max(reserve * 4, kDefaultContentsReserve);
        signedPdf = signPdf(pdf, request, produce);
    }
    if (!signedPdf)
        return signedPdf.error();
    QByteArray out = signedPdf->pdf;
    QString level = options.tsa.isEmpty() ? QStringLiteral("PAdES-B-B") : QStringLiteral("PAdES-B-T");

    // PAdES B-LT: the certificates and their status at signing time kept in the document.
    if (options.collectRevocation &&
        (!m_revocation.ocspResponses.isEmpty() || !m_revocation.crls.isEmpty())) {
        QList<QByteArray> certs{m_certificate.der};
        certs += m_chain;
        auto withDss = appendDss(out, certs, m_revocation.ocspResponses, m_revocation.crls);
        if (!withDss)
            return withDss.error();
        out = withDss.value();
        if (!options.tsa.isEmpty())
            level = QStringLiteral("PAdES-B-LT");
    }

    // The new signature, read back from the bytes about to be written, must verify.
    auto check = verifyPdf(out, PdfVerifyOptions{options.trust, false, 10000});
    if (!check)
        return check.error();
    const SignatureReport *mine = nullptr;
    for (const SignatureReport &s : check->signatures)
        if (s.entry.fieldName == signedPdf->fieldName)
            mine = &s;
    if (!mine || mine->cms.integrity != CheckState::Passed)
        return GOVDESK_ERROR(
            "signing.self-check-failed",
            QT_TRANSLATE_NOOP("Signing", "The signature just made does not verify; nothing was written"));
    if (outcome) {
        if (!placement->warning.isEmpty())
            outcome->warnings << placement->warning;
        outcome->fieldName = signedPdf->fieldName;
        outcome->page = placement->pageIndex + 1;
        outcome->rect = signedPdf->rect;
        outcome->bytesAdded = int(out.size() - pdf.size());
        outcome->level = level;
        outcome->check = *mine;
    }
    return out;
}

Result<SignOutcome> TokenSigner::signFile(const QString &inputPath, const QString &outputPath,
                                          const SignOptions &options)
{
    SignOutcome outcome;
    outcome.inputPath = inputPath;
    outcome.outputPath = outputPath;
    if (QFileInfo(inputPath).canonicalFilePath() == QFileInfo(outputPath).canonicalFilePath() &&
        QFileInfo::exists(outputPath) && !options.overwriteInput)
        return GOVDESK_ERROR(
            "signing.would-overwrite",
            QT_TRANSLATE_NOOP("Signing", "The signed file would replace the original %1; choose another "
                                         "output file"),
            inputPath);
    auto input = readPdfFile(inputPath);
    if (!input)
        return input.error();
    const QByteArray &pdf = input.value();
    auto signedPdf = signBytes(pdf, options, &outcome);
    if (!signedPdf)
        return signedPdf.error();
    QSaveFile out(outputPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(signedPdf.value()) != signedPdf->size() || !out.commit())
        return GOVDESK_ERROR("signing.file-unwritable",
                             QT_TRANSLATE_NOOP("Signing", "Cannot write the signed file %1: %2"), outputPath,
                             out.errorString());
    return outcome;
}

QList<TokenSigner::BatchResult>
TokenSigner::signBatch(const QList<BatchItem> &items, const SignOptions &options,
                       const std::function<void(int, int, const BatchResult &)> &progress,
                       const std::atomic_bool *cancel)
{
    QList<BatchResult> results;
    for (int i = 0; i < items.size(); ++i) {
        if (cancel && cancel->load())
            break;
        BatchResult r{items[i], signFile(items[i].inputPath, items[i].outputPath, options)};
        results << r;
        if (progress)
            progress(i + 1, int(items.size()), r);
    }
    return results;
}

} // namespace govdesk::signing
