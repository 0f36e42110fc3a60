#pragma once

#include "scanning/ocr/FieldProposals.h"

#include <QString>

namespace govdesk::gui {

class Session;

/// The register fields OCR proposes (the scanning service's matching, see scanning/ocr/FieldProposals.h).
using scanning::FieldProposal;
using scanning::ProposedField;

/// What OCR read, matched against the session's external organisations and document types.
QList<FieldProposal> proposalsFor(const Session &session, const scanning::RegisterFields &fields);

/// "92 %"; the colour of the badge: green from 85 %, amber from 60 %, red below.
QString confidenceText(double confidence);
QString confidenceColour(double confidence);

} // namespace govdesk::gui
