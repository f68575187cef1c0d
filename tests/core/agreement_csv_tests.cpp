// The agreement CSV that the Agreement page exports.

#include "core/agreement/agreement_csv.h"
#include "study_fixture.h"

#include <sstream>

namespace {

using namespace taxo;
using namespace taxo::test;

// RFC 4180 rows back into fields (quoted fields may hold commas and quotes).
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    REQUIRE(field.empty());
    REQUIRE(row.empty());
    return rows;
}

const std::vector<std::string>& rowOf(const std::vector<std::vector<std::string>>& rows,
                                      const std::string& measure, const std::string& scope,
                                      const std::string& name) {
    for (const auto& row : rows)
        if (row[0] == measure && row[1] == scope && row[2] == name)
            return row;
    FAIL("no row " << measure << "/" << scope << "/" << name);
    return rows.front();
}

double number(const std::string& text) {
    std::istringstream in(text);
    double value = 0;
    in >> value;
    REQUIRE(in.eof());
    return value;
}

} // namespace

TEST_CASE("Agreement CSV: every figure of the result, quoted where needed", "[agreement][csv]") {
    TAXO_STUDY(study);
    const auto quoted = addOrFail(study.db(), study.id("Data"), "Size, \"shape\"");
    // Reliability posts 4-6: Procedure/Procedure, Input/Input, the quoted leaf/Unclear.
    seedLabel(study.db(), 2, 4, 1, {study.id("Procedure")});
    seedLabel(study.db(), 2, 4, 2, {study.id("Procedure")});
    seedLabel(study.db(), 2, 5, 1, {study.id("Input")});
    seedLabel(study.db(), 2, 5, 2, {study.id("Input")});
    seedLabel(study.db(), 2, 6, 1, {quoted});
    seedLabel(study.db(), 2, 6, 2, {}, "unclear");
    auto agreement = agreement::projectAgreement(study.db());
    REQUIRE(agreement.ok());
    const auto text = agreement::agreementCsv(*agreement);
    const auto rows = parseCsv(text);
    REQUIRE(rows.size() == 1 + 1 + agreement->rounds.size() + agreement->perRoot.size() +
                               agreement->perCategory.size() + 2 + 1 + agreement->confusion.size() +
                               2 + agreement->drift.size());
    CHECK(rows[0] == std::vector<std::string>{"measure", "scope", "name", "coder_a", "coder_b",
                                              "value", "ci_low", "ci_high", "se", "band",
                                              "observed", "expected", "n", "percent_agreement",
                                              "undefined_reason", "z", "p_value"});
    for (const auto& row : rows)
        CHECK(row.size() == 17);

    // By hand (A: P, I, S; B: P, I, U): po = 2/3, pe = 1/9 + 1/9 = 2/9, so
    // kappa = (4/9) / (7/9) = 4/7, moderate.
    const auto& overall = rowOf(rows, "cohen_kappa", "overall", "reliability");
    CHECK(number(overall[5]) == Approx(4.0 / 7.0).epsilon(1e-15));
    CHECK(number(overall[5]) == *agreement->overall.kappa);
    CHECK(number(overall[6]) == *agreement->overall.ciLow);
    CHECK(number(overall[7]) == *agreement->overall.ciHigh);
    CHECK(number(overall[8]) == *agreement->overall.standardError);
    CHECK(overall[9] == "moderate");
    CHECK(number(overall[10]) == Approx(2.0 / 3.0).epsilon(1e-15));
    CHECK(number(overall[11]) == Approx(2.0 / 9.0).epsilon(1e-15));
    CHECK(overall[12] == "3");
    CHECK(number(overall[13]) == Approx(200.0 / 3.0).epsilon(1e-15));
    CHECK(overall[14].empty());

    // The leaf with a comma and quotes in its name survives the quoting.
    const auto& leaf = rowOf(rows, "cohen_kappa", "category", "Mobile/Data/Size, \"shape\"");
    CHECK(leaf[12] == "3");
    CHECK(text.find("\"Mobile/Data/Size, \"\"shape\"\"\"") != std::string::npos);
    // Per root: Mobile holds posts 4-6 (all of them), Server/Cloud post 4 alone, where
    // both said Procedure: one value throughout, so kappa is undefined with a reason.
    const auto& server = rowOf(rows, "cohen_kappa", "root", "Server/Cloud");
    CHECK(server[5].empty());
    CHECK(server[6].empty());
    CHECK(server[9].empty());
    CHECK(server[12] == "1");
    CHECK(server[14] == agreement->perRoot[1].kappa.undefinedReason);
    CHECK_FALSE(server[14].empty());

    const auto& nominal = rowOf(rows, "alpha_nominal", "overall", "reliability");
    CHECK(number(nominal[5]) == *agreement->alphaNominal.alpha);
    CHECK(nominal[12] == "6");
    const auto& masi = rowOf(rows, "alpha_masi", "overall", "reliability");
    CHECK(number(masi[5]) == *agreement->alphaMasi.alpha);

    std::size_t cells = 0;
    for (const auto& row : rows)
        if (row[0] == "confusion") {
            ++cells;
            if (row[3] == "Mobile/Data/Size, \"shape\"")
                CHECK((row[4] == "Unclear" && row[12] == "1"));
        }
    CHECK(cells == 3);
    const auto& ann = rowOf(rows, "coder_progress", "coder", "Ann");
    CHECK(ann[5] == "3");
    CHECK(ann[12] == "3");
}

TEST_CASE("Agreement CSV: an undefined kappa is empty with its reason, never 0 or 1",
          "[agreement][csv]") {
    TAXO_STUDY(study);
    for (const int post : {4, 5, 6})
        for (const int coder : {1, 2})
            seedLabel(study.db(), 2, post, coder, {study.id("Input")});
    auto agreement = agreement::projectAgreement(study.db());
    REQUIRE(agreement.ok());
    REQUIRE_FALSE(agreement->overall.kappa);
    const auto rows = parseCsv(agreement::agreementCsv(*agreement));
    const auto& overall = rowOf(rows, "cohen_kappa", "overall", "reliability");
    for (const int column : {5, 6, 7, 8, 9})
        CHECK(overall[column].empty());
    CHECK(overall[14] == agreement->overall.undefinedReason);
    CHECK(number(overall[13]) == 100.0);
}
