// The import reads dump XML with the fast scanner and falls back to expat: both readers
// must leave the same posts, answers, comments and counts in a project.

#include "import_helpers.h"

#include <fstream>

using taxo::corpus::DumpRowReader;
using taxo::corpus::ImportOptions;
using taxo::corpus::ImportReport;
using namespace taxo::test;

namespace {

// Everything the import wrote except the imports table, whose rows carry times.
std::string contents(taxo::Project& project) {
    std::string all;
    for (const char* table : {"posts", "post_tags", "answers", "comments"}) {
        auto stmt = project.db().prepare(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
        REQUIRE(stmt.ok());
        all += std::string("[") + table + "]\n";
        while (true) {
            auto row = stmt->step();
            REQUIRE(row.ok());
            if (!*row)
                break;
            for (int i = 0; i < stmt->columnCount(); ++i)
                all += (stmt->columnIsNull(i) ? std::string("NULL") : stmt->columnText(i)) + "|";
            all += '\n';
        }
    }
    return all + "fts=" + std::to_string(queryInt(project, "SELECT count(*) FROM posts_fts"));
}

void requireSameCounts(const ImportReport& a, const ImportReport& b) {
    CHECK(a.questions == b.questions);
    CHECK(a.answers == b.answers);
    CHECK(a.comments == b.comments);
    CHECK(a.alreadyPresent == b.alreadyPresent);
    CHECK(a.rowsRead == b.rowsRead);
    CHECK(a.bytes == b.bytes);
    CHECK(a.skipped == b.skipped);
}

struct Imported {
    ImportReport report;
    std::string contents;
    int postsProgress = 0; // progress calls while reading Posts.xml
};

Imported importWith(const std::vector<std::string>& sources, DumpRowReader reader,
                    std::vector<std::string> tags = {}) {
    TempDir dir;
    auto project = newProject(dir);
    ImportOptions options;
    options.xmlReader = reader;
    options.tags = std::move(tags);
    Imported result;
    auto report =
        taxo::corpus::importSources(project, sources, options, [&](const taxo::Progress& progress) {
            if (progress.stage.find("Posts.xml") != std::string::npos)
                ++result.postsProgress;
        });
    INFO((report.ok() ? std::string("ok") : report.message()));
    REQUIRE(report.ok());
    result.report = *report;
    result.contents = contents(project);
    return result;
}

} // namespace

TEST_CASE("the scanner and expat import the genuine dumps identically", "[import][scanner]") {
    for (const char* site : {"bicycles.meta.stackexchange.com", "cardano.stackexchange.com",
                             "datascience.meta.stackexchange.com"}) {
        const auto folder = taxo::test::stackExchangeSample(site);
        if (!folder) {
            WARN(std::string("skipped: ../shared/data/stackexchange/") + site + " is absent");
            continue;
        }
        INFO(site);
        for (const std::vector<std::string>& tags :
             {std::vector<std::string>{}, std::vector<std::string>{"discussion", "plutus"}}) {
            const Imported fast = importWith({folder->string()}, DumpRowReader::Scanner, tags);
            const Imported slow = importWith({folder->string()}, DumpRowReader::Expat, tags);
            CHECK(fast.report.questions > 0);
            requireSameCounts(fast.report, slow.report);
            CHECK(fast.contents == slow.contents);
        }
    }
}

TEST_CASE("a dump the scanner does not read is imported again with expat", "[import][scanner]") {
    TempDir dir;
    const auto folder = dir.path() / "site";
    std::filesystem::create_directories(folder);
    // Well-formed, but with a comment between the rows after the first MiB: the scanner
    // stops there, when it has written the rows before it and reported progress once.
    std::string posts = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<posts>\r\n"
                        "  <row Id=\"1\" PostTypeId=\"1\" Title=\"T &amp; U\" Body=\"&lt;p&gt;b\" "
                        "Tags=\"|a|\" CreationDate=\"2020-01-01T00:00:00.000\" />\r\n";
    for (int id = 3; posts.size() < (std::size_t{3} << 19); ++id)
        posts += "  <row Id=\"" + std::to_string(id) + "\" PostTypeId=\"1\" Title=\"t\" Body=\"" +
                 std::string(1000, 'b') + "\" Tags=\"|b|\" />\r\n";
    posts += "  <!-- a comment -->\r\n"
             "  <row Id=\"2\" PostTypeId=\"2\" ParentId=\"1\" Body=\"answer\" />\r\n"
             "</posts>";
    writeFile((folder / "Posts.xml").string(), posts);
    writeFile((folder / "Comments.xml").string(),
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<comments>\n"
              "  <row Id=\"5\" PostId=\"2\" Text=\"a &quot;comment&quot;\" />\n</comments>");
    const Imported fast = importWith({folder.string()}, DumpRowReader::Scanner, {"a"});
    const Imported slow = importWith({folder.string()}, DumpRowReader::Expat, {"a"});
    CHECK(fast.report.questions == 1);
    CHECK(fast.report.answers == 1);
    CHECK(fast.report.comments == 1);
    requireSameCounts(fast.report, slow.report);
    CHECK(fast.contents == slow.contents);
    // Posts.xml (1.5 MiB) was read twice: by the scanner, which reports after each of the
    // twelve 128 KiB chunks before the comment, then by expat (1 MiB chunks, two reports).
    CHECK(slow.postsProgress == 2);
    CHECK(fast.postsProgress == 12 + 2);
}

TEST_CASE("refusals name the same file and line with either reader", "[import][scanner]") {
    for (const char* file : {"truncated_row.xml", "truncated_root.xml", "bad_entity.xml",
                             "missing_id.xml", "missing_type.xml", "bad_id.xml", "wrong_root.xml",
                             "invalid_utf8.xml", "doctype_entities.xml", "nested_element.xml"}) {
        INFO(file);
        std::string messages[2];
        for (const DumpRowReader reader : {DumpRowReader::Scanner, DumpRowReader::Expat}) {
            TempDir dir;
            auto project = newProject(dir);
            ImportOptions options;
            options.xmlReader = reader;
            auto report = taxo::corpus::importSources(
                project, {fixture(std::string("import/hostile/") + file)}, options);
            REQUIRE_FALSE(report.ok());
            messages[reader == DumpRowReader::Expat] = report.message();
        }
        INFO(messages[0]);
        INFO(messages[1]);
        // "<path> line <n>" is the same; the wording after it may differ.
        const auto where = [](const std::string& message) {
            const auto line = message.find(" line ");
            REQUIRE(line != std::string::npos);
            return message.substr(0, message.find_first_not_of("0123456789", line + 6));
        };
        CHECK(where(messages[0]) == where(messages[1]));
    }
}

TEST_CASE("the row filter skips only what DumpReader would skip the same way",
          "[import][scanner]") {
    // Each document is imported four ways (scanner or expat, filter on or off); the
    // outcome, a refusal or the rows kept, must be the same.
    struct Case {
        const char* name;
        const char* rows;
        const char* expected; // the start of every outcome
    };
    const Case cases[] = {
        // DumpReader reads ParentId and Score before skipping an answer to a question it
        // did not keep, and refuses a Score that is not a whole number.
        {"a bad Score on an answer to a question not kept",
         "  <row Id=\"5\" PostTypeId=\"1\" Title=\"t\" Body=\"b\" Tags=\"&lt;other&gt;\" />\n"
         "  <row Id=\"6\" PostTypeId=\"2\" ParentId=\"5\" Score=\"1.5\" Body=\"a\" />\n"
         "  <row Id=\"7\" PostTypeId=\"1\" Title=\"t\" Body=\"b\" Tags=\"&lt;a&gt;\" />\n",
         "refused: "},
        // Legal XML no dump has: a PostTypeId written as a character reference, on a second
        // copy of question 5 that has the wanted tag. DumpReader keeps it, so the answer
        // after it is kept too.
        {"a question whose PostTypeId the filter cannot read",
         "  <row Id=\"5\" PostTypeId=\"1\" Title=\"t\" Body=\"b\" Tags=\"&lt;other&gt;\" />\n"
         "  <row Id=\"5\" PostTypeId=\"&#49;\" Title=\"t\" Body=\"b\" Tags=\"&lt;a&gt;\" />\n"
         "  <row Id=\"8\" PostTypeId=\"2\" ParentId=\"5\" Score=\"-2\" Body=\"kept\" />\n",
         "1 questions, 1 answers, no matching tag=1;"},
    };
    for (const Case& item : cases) {
        INFO(item.name);
        TempDir files;
        const auto folder = files.path() / "site";
        std::filesystem::create_directories(folder);
        writeFile((folder / "Posts.xml").string(),
                  std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n") + item.rows +
                      "</posts>\n");
        std::vector<std::string> outcomes;
        for (const DumpRowReader reader : {DumpRowReader::Scanner, DumpRowReader::Expat})
            for (const bool filter : {true, false}) {
                TempDir dir;
                auto project = newProject(dir);
                ImportOptions options;
                options.xmlReader = reader;
                options.quickRowFilter = filter;
                options.tags = {"a"};
                auto report = taxo::corpus::importSources(project, {folder.string()}, options);
                if (!report.ok()) {
                    outcomes.push_back("refused: " + report.message());
                    continue;
                }
                std::string skipped;
                for (const auto& [reason, count] : report->skipped)
                    skipped += reason + "=" + std::to_string(count) + ";";
                outcomes.push_back(std::to_string(report->questions) + " questions, " +
                                   std::to_string(report->answers) + " answers, " + skipped + "\n" +
                                   contents(project));
            }
        INFO(outcomes[0]);
        CHECK(outcomes[0].starts_with(item.expected));
        if (outcomes[0].starts_with("refused: "))
            CHECK_THAT(outcomes[0], Catch::Contains("Posts.xml line 4: attribute Score=\"1.5\""));
        for (std::size_t i = 1; i < outcomes.size(); ++i)
            CHECK(outcomes[i] == outcomes[0]);
    }
}
