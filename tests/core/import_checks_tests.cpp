// What the import checks on the way in: duplicate Ids in one Posts.xml, numeric ids in
// one form, dates the statistics can read, JSON Lines keys and depth, archives with
// several dumps, and CSV files with CR line ends or in UTF-16. Each refusal names the
// file and the line and leaves the project as it was.

#include "cli/command.h"
#include "import_helpers.h"

#include <archive.h>
#include <archive_entry.h>
#include <memory>
#include <sstream>

using namespace taxo;
using namespace taxo::test;

namespace {

std::string postsXml(const std::string& rows) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n" + rows + "</posts>\n";
}

std::string question(const std::string& id, const std::string& extra = "") {
    return "  <row Id=\"" + id + "\" PostTypeId=\"1\" Title=\"t" + id +
           "\" Body=\"b\" Tags=\"|a|\" " + extra + "/>\n";
}

void checkRefused(Project& project, const std::vector<std::string>& sources,
                  const std::string& where, const std::string& says,
                  const corpus::ImportOptions& options = {}) {
    const auto before = snapshot(project);
    auto report = corpus::importSources(project, sources, options);
    REQUIRE_FALSE(report.ok());
    INFO(report.message());
    CHECK_THAT(report.message(), Catch::Contains(where) && Catch::Contains(says));
    CHECK(snapshot(project) == before);
}

// A .7z written with libarchive: entries in the order given.
void write7z(const std::string& path,
             const std::vector<std::pair<std::string, std::string>>& entries) {
    std::unique_ptr<archive, decltype(&archive_write_free)> out(archive_write_new(),
                                                                &archive_write_free);
    REQUIRE(archive_write_set_format_7zip(out.get()) == ARCHIVE_OK);
    REQUIRE(archive_write_open_filename(out.get(), path.c_str()) == ARCHIVE_OK);
    for (const auto& [name, content] : entries) {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                            &archive_entry_free);
        archive_entry_set_pathname(entry.get(), name.c_str());
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        REQUIRE(archive_write_header(out.get(), entry.get()) == ARCHIVE_OK);
        REQUIRE(archive_write_data(out.get(), content.data(), content.size()) ==
                static_cast<la_ssize_t>(content.size()));
    }
    REQUIRE(archive_write_close(out.get()) == ARCHIVE_OK);
}

} // namespace

TEST_CASE("a duplicate Id within one Posts.xml is refused with its line",
          "[import][hostile][checks]") {
    for (const bool quickFilter : {true, false}) {
        for (const auto reader : {corpus::DumpRowReader::Scanner, corpus::DumpRowReader::Expat}) {
            TempDir dir;
            auto project = newProject(dir);
            const auto xml = dir.file("Posts.xml");
            writeFile(xml, postsXml(question("5") + question("6") + question("5")));
            corpus::ImportOptions options;
            options.quickRowFilter = quickFilter;
            options.xmlReader = reader;
            checkRefused(project, {xml}, "Posts.xml line 5: ", "duplicate Id 5", options);
        }
    }
}

TEST_CASE("numeric ids are stored in one form: 05 and 5 are one post", "[import][checks]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto csv = dir.file("a.csv");
    writeFile(csv, "id,title,body,source\n05,first,b,so\n007,x,b,so\n0,zero,b,so\nA05,text,b,so\n");
    importOk(project, {csv});
    CHECK(queryText(project, "SELECT group_concat(source_id, ' ') FROM "
                             "(SELECT source_id FROM posts ORDER BY source_id)") == "0 5 7 A05");
    const auto jsonl = dir.file("b.jsonl");
    writeFile(jsonl, "{\"id\": 5, \"title\": \"again\", \"body\": \"b\", \"source\": \"so\"}\n");
    const auto report = importOk(project, {jsonl});
    CHECK(report.alreadyPresent == 1);
    CHECK(queryInt(project, "SELECT count(*) FROM posts") == 4);
    // Posts.xml writes the number back too.
    const auto xml = dir.file("Posts.xml");
    writeFile(xml, postsXml(question("0042") +
                            "  <row Id=\"043\" PostTypeId=\"2\" ParentId=\"42\" Body=\"a\" />\n"));
    corpus::ImportOptions options;
    options.source = "site";
    importOk(project, {xml}, options);
    CHECK(queryText(project, "SELECT source_id FROM posts WHERE source = 'site'") == "42");
    CHECK(queryText(project, "SELECT source_id FROM answers") == "43");
}

TEST_CASE("dates that are no date and time are refused at import, naming file and line",
          "[import][hostile][checks]") {
    TempDir dir;
    auto project = newProject(dir);
    importOk(project, {fixture("import/posts.csv")});
    const auto csv = dir.file("dates.csv");
    writeFile(csv, "id,title,body,created\n90,t,b,2019-02-17T10:11:12.000\n91,t,b,yesterday\n");
    checkRefused(project, {csv}, "dates.csv line 3: ", "\"yesterday\" is not a date and time");
    for (const std::string bad : {"2019-02-30T10:00:00.000", "2019-02-17T25:61:00",
                                  "99999-01-01T00:00:00", "2019-13-01T00:00:00", "2019-02-17"}) {
        INFO(bad);
        const auto xml = dir.file("Posts.xml");
        writeFile(xml,
                  postsXml(question("1000") + question("1001", "CreationDate=\"" + bad + "\" ")));
        checkRefused(project, {xml},
                     "Posts.xml line 4: ", "CreationDate=\"" + bad + "\" is not a date and time");
    }
    const auto jsonl = dir.file("dates.jsonl");
    writeFile(jsonl,
              "{\"id\": \"92\", \"title\": \"t\", \"body\": \"b\", \"comments\": "
              "[{\"id\": \"1\", \"text\": \"c\", \"created\": \"2020-02-29T12:00:00Z\"}]}\n"
              "{\"id\": \"93\", \"title\": \"t\", \"body\": \"b\", \"answers\": "
              "[{\"id\": \"2\", \"body\": \"a\", \"created\": \"2019-02-29T12:00:00Z\"}]}\n");
    checkRefused(project, {jsonl}, "dates.jsonl line 2: ", "answer date \"2019-02-29T12:00:00Z\"");
}

TEST_CASE("JSON Lines refuses duplicate keys and nesting deeper than 64",
          "[import][hostile][checks]") {
    TempDir dir;
    auto project = newProject(dir);
    importOk(project, {fixture("import/posts.csv")});
    const auto twice = dir.file("twice.jsonl");
    writeFile(twice, "{\"id\": \"1\", \"title\": \"t\", \"body\": \"b\"}\n"
                     "{\"id\": \"2\", \"title\": \"one\", \"body\": \"b\", \"title\": \"two\"}\n");
    checkRefused(project, {twice}, "twice.jsonl line 2: ", "the key \"title\" appears twice");
    const auto deep = dir.file("deep.jsonl");
    writeFile(deep, "{\"id\": \"3\", \"title\": \"t\", \"body\": \"b\", \"x\": " +
                        std::string(500000, '[') + std::string(500000, ']') + "}\n");
    checkRefused(project, {deep}, "deep.jsonl line 1: ", "nested deeper than 64 levels");
}

TEST_CASE("an archive holding several Posts.xml is refused unless one is named",
          "[import][hostile][checks]") {
    TempDir dir;
    auto project = newProject(dir);
    const auto archivePath = dir.file("dumps.7z");
    write7z(archivePath,
            {{"a.stackexchange.com/Posts.xml", postsXml(question("1") + question("2"))},
             {"b.stackexchange.com/Posts.xml", postsXml(question("3"))},
             {"b.stackexchange.com/Comments.xml",
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<comments>\n"
              "  <row Id=\"9\" PostId=\"3\" Text=\"c\" />\n</comments>\n"}});
    checkRefused(project, {archivePath}, "dumps.7z: ",
                 "holds 2 Posts.xml (a.stackexchange.com/Posts.xml, "
                 "b.stackexchange.com/Posts.xml); name the one to import");
    corpus::ImportOptions wrong;
    wrong.archiveEntry = "c/Posts.xml";
    checkRefused(project, {archivePath}, "dumps.7z: ", "has no Posts.xml at c/Posts.xml", wrong);
    corpus::ImportOptions chosen;
    chosen.archiveEntry = "b.stackexchange.com/Posts.xml";
    const auto report = importOk(project, {archivePath}, chosen);
    CHECK(report.questions == 1);
    CHECK(report.comments == 1);
    CHECK(queryText(project, "SELECT title FROM posts") == "t3");
    // Through the command line.
    TempDir other;
    const auto path = other.file("p.taxo");
    { auto created = newProject(other); }
    std::ostringstream out, err;
    cli::Io io{out, err, false};
    CHECK(cli::run({"import", path, archivePath}, io) == 1);
    CHECK_THAT(err.str(), Catch::Contains("--archive-entry"));
    CHECK(
        cli::run({"import", path, archivePath, "--archive-entry", "a.stackexchange.com/Posts.xml"},
                 io) == 0);
}

TEST_CASE("CSV with CR line ends or in UTF-16 is named as such", "[import][hostile][checks]") {
    TempDir dir;
    auto project = newProject(dir);
    importOk(project, {fixture("import/posts.csv")});
    const auto mac = dir.file("mac.csv");
    writeFile(mac, "id,title,body\r1,t,b\r2,t,b\r");
    checkRefused(project, {mac}, "mac.csv line 1: ", "carriage return alone");
    const auto quoted = dir.file("quoted.csv");
    writeFile(quoted, "id,title,body\r\n1,\"a\rb\",b\r\n");
    importOk(project, {quoted}); // a CR inside quotes is text
    const std::string header = "id,title,body\n";
    std::string le = "\xff\xfe", be = "\xfe\xff", bare;
    for (const char c : header) {
        le += c;
        le += '\0';
        be += '\0';
        be += c;
        bare += c;
        bare += '\0';
    }
    const auto utf16le = dir.file("le.csv"), utf16be = dir.file("be.csv"),
               noBom = dir.file("nb.csv");
    writeFile(utf16le, le);
    writeFile(utf16be, be);
    writeFile(noBom, bare);
    checkRefused(project, {utf16le},
                 "le.csv: ", "UTF-16 (it starts with the byte order mark FF FE)");
    checkRefused(project, {utf16be},
                 "be.csv: ", "UTF-16 (it starts with the byte order mark FE FF)");
    checkRefused(project, {noBom}, "nb.csv: ", "looks like UTF-16");
}
