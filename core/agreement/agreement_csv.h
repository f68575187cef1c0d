#pragma once
// The agreement of the study or of a round as one CSV table (RFC 4180, CRLF), what the Agreement
// page exports. One rectangular table so that a spreadsheet can filter it by `measure`:
//
//   measure,scope,name,coder_a,coder_b,value,ci_low,ci_high,se,band,observed,expected,n,
//   percent_agreement,undefined_reason,z,p_value
//
// - cohen_kappa rows (scope overall, round, root, category or batch): value is kappa,
//   band its Landis & Koch band, n the items both coders labeled (rounds of two coders;
//   a round of more has its reason here and its fleiss_kappa row), z and p_value the
//   test of kappa = 0; an undefined kappa leaves value, interval, se, band, z and p
//   empty and gives the reason. Round rows (the study's rounds one by one) appear for
//   the study only; batch rows are the drift series, name "posts 1-50".
// - fleiss_kappa rows (scope overall, round or root), present when a round has more
//   than two coders, each before the cohen_kappa row of the same scope: value is
//   Fleiss' kappa, se its standard error under H0, z and p_value its test, observed and
//   expected P-bar and Pe-bar, n the posts every coder labeled.
// - pairwise_kappa (scope pair), with fleiss_kappa rows: Cohen's kappa of coder_a and
//   coder_b over the posts both labeled, with the columns of a cohen_kappa row.
// - alpha_nominal and alpha_masi (scope overall): value is Krippendorff's alpha,
//   observed and expected are the disagreements Do and De, n the pairable values.
// - gwet_ac1 (scope overall): value is Gwet's AC1 and se its standard error, observed
//   and expected pa and pe, n the posts rated.
// - confusion (scope cell): coder_a's value against coder_b's, n the posts.
// - coder_progress (scope coder): name the coder, value the posts labeled, n the
//   round's posts (every coder of a round is assigned all of them).
// Numbers are written with 17 significant digits, so the file reproduces them exactly.

#include "core/agreement/calibration.h"
#include "core/agreement/project_agreement.h"

#include <string>

namespace taxo::agreement {

std::string agreementCsv(const ProjectAgreement& agreement);

// One coder's calibration score (calibration.h) as one CSV table:
//
//   measure,name,item,value,ci_low,ci_high,se,n,percent_agreement,both,coder_only,
//   consensus_only,consensus,consensus_note,coder_label,coder_note,undefined_reason
//
// - cohen_kappa: name the coder, value kappa against the pilot's consensus, n the posts
//   scored.
// - category (one per leaf either side used): value the specific positive agreement
//   2a/(2a+b+c), n = a + b + c, with a, b, c in both, coder_only, consensus_only.
// - difference (a post where the two differ): name the post's title, item SOURCE:ID,
//   the consensus label and note, the coder's label and note.
// - not_yet_labeled and without_consensus: the posts left out of every figure, by item.
std::string calibrationCsv(const CalibrationScore& score);

} // namespace taxo::agreement
