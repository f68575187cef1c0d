// The matrices for R (docs/results.md): the co-occurrence of categories in the final
// labels and the post-by-category matrix. Counts are checked against the fixture's
// labels by hand; the kappa of a round computed from the post matrix's columns, in this
// test and by scikit-learn's cohen_kappa_score and R when installed, equals the one
// `taxo agreement` reports.

#include "core/agreement/project_agreement.h"
#include "core/demo/demo_project.h"
#include "core/results/cooccurrence_svg.h"
#include "core/results/matrices.h"
#include "core/store/statements.h"
#include "tests/support/study_builder.h"
#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace taxo;
using namespace taxo::test;

namespace {

using Table = std::vector<std::vector<std::string>>;

// RFC 4180 as the export writes it: CR LF rows, quoted cells with doubled quotes.
Table parseCsv(const std::string& text) {
    Table rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                cell += text[++i];
            else if (c == '"')
                quoted = false;
            else
                cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(cell);
            cell.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(cell);
            cell.clear();
            rows.emplace_back();
            ++i;
        } else {
            cell += c;
        }
    }
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

std::string exported(const std::string& project, const std::string& format, TempDir& dir) {
    const auto out =
        dir.file(std::filesystem::path(project).stem().string() + "-" + format + ".out");
    const auto outcome = runCli({"export", project, "--format", format, "--out", out});
    INFO(outcome.err);
    REQUIRE(outcome.code == 0);
    return readFile(out);
}

// Cohen's kappa of two nominal ratings, written out from its definition
// (po - pe) / (1 - pe), as irr::kappa2 computes it unweighted.
double kappaOf(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::map<std::string, double> a, b;
    double agree = 0;
    for (const auto& [x, y] : pairs) {
        a[x] += 1;
        b[y] += 1;
        agree += x == y ? 1 : 0;
    }
    const auto n = static_cast<double>(pairs.size());
    double expected = 0;
    for (const auto& [value, count] : a)
        expected += count * (b.contains(value) ? b[value] : 0) / (n * n);
    return (agree / n - expected) / (1 - expected);
}

} // namespace

TEST_CASE("Matrices: co-occurrence per root from the final labels", "[matrices]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    makeResultsStudy(path);
    const auto table = parseCsv(exported(path, "cooccurrence-csv", dir));
    REQUIRE(table.at(0) == std::vector<std::string>{"root", "category_a", "level_a", "category_b",
                                                    "level_b", "posts"});
    std::map<std::pair<std::string, std::string>, std::string> cells;
    std::vector<std::string> order;
    for (std::size_t r = 1; r < table.size(); ++r) {
        REQUIRE(table[r].size() == 6);
        cells[{table[r][1], table[r][3]}] = table[r][5];
        if (order.empty() || order.back() != table[r][1])
            order.push_back(table[r][1]);
    }
    // Every pair of a root's categories, zeros included: 6 × 6 + 4 × 4.
    CHECK(table.size() == 1 + 36 + 16);
    CHECK(order == std::vector<std::string>{
                       "Server/Cloud", "Server/Cloud > Model Export",
                       "Server/Cloud > Model Export > Procedure",
                       "Server/Cloud > Model Export > Quantization", "Server/Cloud > Request",
                       "Server/Cloud > Request > Format", "Mobile", "Mobile > Conversion",
                       "Mobile > Conversion > TFLite", "Mobile > Conversion > Core ML"});
    // The fixture's final labels: so:1 Procedure, so:2 Procedure + Quantization,
    // so:3 Quantization, so:4 Format, so:7 Procedure + TFLite, so:8 Format,
    // so:9 TFLite, so:10 Core ML.
    const auto at = [&](const std::string& a, const std::string& b) {
        return cells.at({a, b});
    };
    CHECK(at("Server/Cloud", "Server/Cloud") == "6");
    CHECK(at("Server/Cloud > Model Export", "Server/Cloud > Model Export") == "4");
    CHECK(at("Server/Cloud > Model Export > Procedure",
             "Server/Cloud > Model Export > Quantization") == "1");
    CHECK(at("Server/Cloud > Model Export > Quantization",
             "Server/Cloud > Model Export > Procedure") == "1");
    CHECK(at("Server/Cloud", "Server/Cloud > Model Export > Procedure") == "3");
    CHECK(at("Server/Cloud > Model Export", "Server/Cloud > Request") == "0");
    CHECK(at("Server/Cloud > Request > Format", "Server/Cloud > Request > Format") == "2");
    CHECK(at("Mobile", "Mobile") == "3");
    CHECK(at("Mobile > Conversion > TFLite", "Mobile > Conversion > Core ML") == "0");
    CHECK(at("Mobile > Conversion", "Mobile > Conversion > Core ML") == "1");

    // The diagonal is each category's count in the taxonomy export.
    const auto taxonomy = parseCsv(exported(path, "csv", dir));
    for (std::size_t r = 1; r < taxonomy.size(); ++r) {
        INFO(taxonomy[r][0]);
        CHECK(at(taxonomy[r][0], taxonomy[r][0]) == taxonomy[r][2]);
    }

    // The heat map names each root and shows the same counts.
    auto project = Project::open(path, Project::Access::ReadOnly);
    REQUIRE(project.ok());
    auto matrix = results::computeCooccurrence(project->db());
    REQUIRE(matrix.ok());
    const auto svg = results::cooccurrenceSvg(*matrix);
    CHECK(svg.find(">Server/Cloud (6 posts)</text>") != std::string::npos);
    CHECK(svg.find(">Mobile (3 posts)</text>") != std::string::npos);
    CHECK(svg.find("<title>Server/Cloud &gt; Model Export &gt; Procedure \xC3\x97 Server/Cloud "
                   "&gt; Model Export &gt; Quantization: 1 posts</title>") != std::string::npos);
}

TEST_CASE("Matrices: rows and columns follow the codebook, not creation", "[matrices]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    makeResultsStudy(path);
    {
        auto project = Project::open(path);
        REQUIRE(project.ok());
        auto parent = codebook::findByPath(project->db(), {"Server/Cloud", "Model Export"});
        REQUIRE(parent.ok());
        codebook::NewCategory first;
        first.parentId = parent->id;
        first.name = "=Aardvark"; // created last, placed first; a formula for spreadsheets
        first.index = 0;
        REQUIRE(codebook::addCategory(project->db(), first).ok());
    }
    const auto header = parseCsv(exported(path, "post-matrix-csv", dir)).at(0);
    CHECK(header == std::vector<std::string>{
                        "post_source", "post_id", "row", "round", "coder",
                        "Server/Cloud > Model Export > =Aardvark",
                        "Server/Cloud > Model Export > Procedure",
                        "Server/Cloud > Model Export > Quantization",
                        "Server/Cloud > Request > Format", "Mobile > Conversion > TFLite",
                        "Mobile > Conversion > Core ML", "false_positive", "unclear", "pending"});
    const auto cooccurrence = parseCsv(exported(path, "cooccurrence-csv", dir));
    CHECK(cooccurrence.at(3)[3] == "Server/Cloud > Model Export > =Aardvark");
}

TEST_CASE("Matrices: one 0/1 row per label and per final label", "[matrices]") {
    TempDir dir;
    const auto path = dir.file("study.taxo");
    makeResultsStudy(path);
    const auto table = parseCsv(exported(path, "post-matrix-csv", dir));
    // Ten consensus labels of the pilot and ten final labels, by post id as a number.
    REQUIRE(table.size() == 1 + 20);
    CHECK(table[1] == std::vector<std::string>{"so", "1", "consensus", "pilot", "", "1", "0", "0",
                                               "0", "0", "0", "0", "0"});
    CHECK(table[2] == std::vector<std::string>{"so", "1", "final", "", "", "1", "0", "0", "0", "0",
                                               "0", "0", "0"});
    CHECK(table[10][1] == "5");
    CHECK(table[10][10] == "1"); // False positive
    CHECK(table[17][1] == "9");
    CHECK(table[19][1] == "10"); // after so:9, not after so:1
    // Each leaf column sums to twice its final count (consensus and final rows).
    for (std::size_t column = 5; column < table[0].size(); ++column) {
        int sum = 0;
        for (std::size_t r = 1; r < table.size(); ++r)
            sum += table[r][column] == "1" ? 1 : 0;
        INFO(table[0][column]);
        const std::map<std::string, int> expected = {
            {"Server/Cloud > Model Export > Procedure", 6},
            {"Server/Cloud > Model Export > Quantization", 4},
            {"Server/Cloud > Request > Format", 4},
            {"Mobile > Conversion > TFLite", 4},
            {"Mobile > Conversion > Core ML", 2},
            {"false_positive", 2},
            {"unclear", 2},
            {"pending", 0}};
        CHECK(sum == expected.at(table[0][column]));
    }

    // An unresolved post has no final row; its missing label no row at all.
    const auto unresolved = dir.file("unresolved.taxo");
    makeResultsStudy(unresolved, 1);
    const auto partial = parseCsv(exported(unresolved, "post-matrix-csv", dir));
    REQUIRE(partial.size() == 1 + 18);
    CHECK(partial.back()[1] == "9");
    // The co-occurrence counts final labels: it refuses, as the taxonomy export does.
    const auto refused =
        runCli({"export", unresolved, "--format", "cooccurrence-csv", "--out", dir.file("c.csv")});
    CHECK(refused.code != 0);
    CHECK(refused.err.find("--allow-unresolved") != std::string::npos);
}

TEST_CASE("Matrices: a round's kappa from the post matrix equals taxo agreement's", "[matrices]") {
    TempDir dir;
    const auto path = dir.file("demo.taxo");
    REQUIRE(demo::createDemoProject(path).ok());
    const auto csvPath = dir.file("matrix.csv");
    REQUIRE(runCli({"export", path, "--format", "post-matrix-csv", "--out", csvPath}).code == 0);
    const auto table = parseCsv(readFile(csvPath));
    auto project = Project::open(path, Project::Access::ReadOnly);
    REQUIRE(project.ok());
    auto rounds = sql::queryRows<std::string>(
        project->db(), "SELECT name FROM rounds WHERE kind = 'reliability' ORDER BY name",
        [](sql::Statement& row) { return row.columnText(0); });
    REQUIRE(rounds.ok());
    REQUIRE_FALSE(rounds->empty());
    std::map<std::string, double> expected;
    for (const auto& round : *rounds) {
        INFO(round);
        auto agreement = agreement::projectAgreement(project->db(), round);
        REQUIRE(agreement.ok());
        REQUIRE(agreement->overall.kappa);
        expected[round] = *agreement->overall.kappa;
        // Each label's value: its cells after the coder column, joined.
        std::map<std::string, std::map<std::string, std::string>> byPost; // post -> coder
        for (std::size_t r = 1; r < table.size(); ++r) {
            if (table[r][2] != "coder" || table[r][3] != round)
                continue;
            std::string value;
            for (std::size_t c = 5; c < table[r].size(); ++c)
                value += table[r][c];
            byPost[table[r][0] + ":" + table[r][1]][table[r][4]] = value;
        }
        REQUIRE(agreement->coders.size() == 2); // the demo's rounds have two coders
        const auto first = agreement->coders[0].name, second = agreement->coders[1].name;
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto& [post, values] : byPost)
            if (values.contains(first) && values.contains(second))
                pairs.emplace_back(values.at(first), values.at(second));
        CHECK(pairs.size() == agreement->overall.n);
        CHECK(kappaOf(pairs) == Approx(expected[round]).margin(1e-12));
    }

    // The same from outside: scikit-learn's cohen_kappa_score, where it is installed.
    const std::string script = dir.file("kappa.py");
    writeFile(script,
              "import csv, sys\n"
              "from sklearn.metrics import cohen_kappa_score\n"
              "rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n"
              "labels = {}\n"
              "for r in rows[1:]:\n"
              "    if r[2] == 'coder':\n"
              "        labels.setdefault(r[3], {}).setdefault(r[0] + ':' + r[1], {})[r[4]] = "
              "''.join(r[5:])\n"
              "for name in sorted(labels):\n"
              "    posts = labels[name]\n"
              "    coders = sorted({c for v in posts.values() for c in v})\n"
              "    if len(coders) != 2:\n"
              "        continue\n"
              "    both = [v for v in posts.values() if len(v) == 2]\n"
              "    a = [v[coders[0]] for v in both]\n"
              "    b = [v[coders[1]] for v in both]\n"
              "    print(name + '\\t' + repr(cohen_kappa_score(a, b)))\n");
    bool checked = false;
    for (const std::string python : {"python3", "/usr/bin/python3"}) {
        const auto command = python + " -c 'import sklearn' 2>/dev/null && " + python + " '" +
                             script + "' '" + csvPath + "' >'" + dir.file("kappa.txt") + "'";
        if (std::system(command.c_str()) != 0)
            continue;
        std::istringstream lines(readFile(dir.file("kappa.txt")));
        std::string line;
        std::size_t seen = 0;
        while (std::getline(lines, line)) {
            const auto tab = line.find('\t');
            const auto round = line.substr(0, tab);
            if (!expected.contains(round))
                continue; // a pilot's coders label apart only before their consensus
            INFO(round);
            CHECK(std::stod(line.substr(tab + 1)) == Approx(expected[round]).margin(1e-12));
            ++seen;
        }
        CHECK(seen == expected.size());
        checked = true;
        break;
    }
    if (!checked)
        WARN("skipped the scikit-learn check: no python3 with sklearn");
}
