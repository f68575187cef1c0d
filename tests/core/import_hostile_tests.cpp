// Every refusal of the import: hand-made hostile files (tests/data/import/hostile) and
// generated huge ones. Each must name the file and the line, and leave the project
// exactly as it was (compared row by row with a snapshot).

#include "import_helpers.h"

#include <fstream>

using taxo::corpus::ImportOptions;
using namespace taxo::test;

namespace {

struct Refusal {
    const char* file;
    int line;
    const char* says;
};

// The project already holds posts, so "unchanged" is not trivially "empty".
void checkRefused(const std::vector<std::string>& sources, const std::string& fileName, int line,
                  const std::string& says, const ImportOptions& options = {}) {
    TempDir dir;
    auto project = newProject(dir);
    importOk(project, {fixture("import/posts.csv")});
    const auto before = snapshot(project);
    auto report = taxo::corpus::importSources(project, sources, options);
    INFO(fileName);
    REQUIRE_FALSE(report.ok());
    INFO(report.message());
    CHECK_THAT(report.message(), Catch::Contains(fileName));
    if (line > 0)
        CHECK_THAT(report.message(), Catch::Contains(" line " + std::to_string(line) + ":") ||
                                         Catch::Contains(" line " + std::to_string(line) + ","));
    CHECK_THAT(report.message(), Catch::Contains(says, Catch::CaseSensitive::No));
    CHECK(snapshot(project) == before);
}

} // namespace

TEST_CASE("hostile or broken files are refused with file and line, changing nothing",
          "[import][hostile]") {
    const Refusal refusals[] = {
        {"truncated_row.xml", 4, "truncated"},
        {"truncated_root.xml", 5, "truncated"},
        {"bad_entity.xml", 4, "undefined entity"},
        {"missing_id.xml", 4, "required attribute Id is missing"},
        {"missing_type.xml", 5, "required attribute PostTypeId is missing"},
        {"bad_id.xml", 4, "Id=\"x7\" is not a whole number"},
        {"wrong_root.xml", 2, "root element is <comments>, expected <posts>"},
        {"invalid_utf8.xml", 4, "not valid UTF-8"},
        {"doctype_entities.xml", 2, "document type declaration"},
        {"nested_element.xml", 4, "unexpected element <extra>"},
        {"unterminated.csv", 3, "quoted field opened here is never closed"},
        {"missing_column.csv", 1, "required column 'body' is missing"},
        {"field_count.csv", 3, "5 fields, but the header has 4"},
        {"invalid_utf8.csv", 3, "not valid UTF-8"},
        {"not_object.jsonl", 3, "expected one JSON object per line, found an array"},
        {"broken.jsonl", 2, "not valid JSON"},
        {"missing_field.jsonl", 2, "required field 'title' is missing"},
    };
    for (const auto& refusal : refusals) {
        const auto path = fixture(std::string("import/hostile/") + refusal.file);
        checkRefused({path}, refusal.file, refusal.line, refusal.says);
    }
}

TEST_CASE("a bad source after a good one keeps nothing of either", "[import][hostile]") {
    checkRefused({fixture("import/unsorted"), fixture("import/hostile/missing_type.xml")},
                 "missing_type.xml", 5, "PostTypeId");
}

TEST_CASE("a bad second file of a dump folder keeps nothing of the first", "[import][hostile]") {
    TempDir dir;
    const auto folder = dir.path() / "site";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(fixture("import/unsorted/Posts.xml"), folder / "Posts.xml");
    writeFile((folder / "Comments.xml").string(),
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<comments>\n"
              "  <row Id=\"1\" PostId=\"10\" Text=\"ok\" />\n"
              "  <row PostId=\"10\" Text=\"no id\" />\n</comments>");
    checkRefused({folder.string()}, "Comments.xml", 4, "required attribute Id is missing");
}

TEST_CASE("a 50 MB attribute is refused before it is buffered", "[import][hostile]") {
    TempDir dir;
    const auto path = dir.file("Posts.xml");
    {
        std::ofstream out(path, std::ios::binary);
        out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
               "  <row Id=\"1\" PostTypeId=\"1\" Title=\"ok\" Body=\"b\" Tags=\"|a|\" />\n"
               "  <row Id=\"2\" PostTypeId=\"1\" Title=\"huge\" Body=\"";
        const std::string block(1 << 20, 'a');
        for (int i = 0; i < 50; ++i)
            out << block;
        out << "\" Tags=\"|a|\" />\n</posts>";
    }
    checkRefused({path}, "Posts.xml", 4, "a row longer than 16 MiB starts here");
}

TEST_CASE("the parser's memory cap refuses what the row limit lets through", "[import][hostile]") {
    TempDir dir;
    const auto path = dir.file("Posts.xml");
    writeFile(path, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
                    "  <row Id=\"2\" PostTypeId=\"1\" Title=\"big\" Body=\"" +
                        std::string(3 << 20, 'b') + "\" Tags=\"|a|\" />\n</posts>");
    ImportOptions options;
    options.maxParserMemory = 2 << 20;
    checkRefused({path}, "Posts.xml", 0, "needs more than 2 MiB", options);
}

TEST_CASE("over-long CSV records and JSON lines are refused", "[import][hostile]") {
    TempDir dir;
    ImportOptions options;
    options.maxRowBytes = 1 << 20;
    const auto csv = dir.file("long.csv");
    writeFile(csv, "id,title,body\n1,ok,b\n2,long,\"" + std::string(2 << 20, 'x') + "\"\n");
    checkRefused({csv}, "long.csv", 3, "a record longer than 1 MiB", options);
    const auto jsonl = dir.file("long.jsonl");
    writeFile(jsonl,
              "{\"id\":1,\"title\":\"t\",\"body\":\"b\"}\n{\"id\":2,\"title\":\"t\",\"body\":\"" +
                  std::string(2 << 20, 'x') + "\"}\n");
    checkRefused({jsonl}, "long.jsonl", 2, "a line longer than 1 MiB", options);
}

TEST_CASE("unknown formats and folders without Posts.xml are refused", "[import][hostile]") {
    TempDir dir;
    const auto noise = dir.file("noise.bin");
    writeFile(noise, "\x01\x02\x03 not a dump");
    checkRefused({noise}, "noise.bin", 0, "unknown format");
    std::filesystem::create_directories(dir.path() / "empty");
    checkRefused({(dir.path() / "empty").string()}, "empty", 0, "has no Posts.xml");
    const auto fake7z = dir.file("fake.7z");
    writeFile(fake7z, "7z but not really an archive");
    checkRefused({fake7z}, "fake.7z", 0, "archive");
}
