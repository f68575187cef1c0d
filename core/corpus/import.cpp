#include "core/corpus/import.h"

#include "core/corpus/byte_source.h"
#include "core/corpus/census.h"
#include "core/corpus/dump_reader.h"
#include "core/corpus/dump_row_filter.h"
#include "core/corpus/post_writer.h"
#include "core/corpus/tabular.h"
#include "core/corpus/tabular_group.h"
#include "core/corpus/tags.h"
#include "core/corpus/xml_rows.h"
#include "core/util/ids.h"
#include "core/util/safe_json.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

namespace taxo::corpus {
namespace {

namespace fs = std::filesystem;

enum class Kind { DumpFolder, Archive, PostsXml, Csv, JsonLines };

struct SourcePlan {
    std::string path;
    Kind kind = Kind::PostsXml;
    std::string source; // the posts' source name
    // For dump folders: the files found (empty when absent).
    std::string postsFile, commentsFile, usersFile;
    // For archives: whether these entries exist, and their paths inside the archive.
    bool archiveComments = false, archiveUsers = false;
    std::string postsEntry = "Posts.xml", commentsEntry = "Comments.xml", usersEntry = "Users.xml";
    std::string fingerprint;
    // Which census the rows count in (corpus/census.h): the site's name when the import
    // knows it, else the path.
    std::string censusKey;
};

std::string lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

bool endsWith(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "bicycles.meta.stackexchange.com" or "stackoverflow.com" as a folder or archive name
// tells the site; anything else gives the generic name.
std::string siteSourceName(std::string name) {
    name = lower(name);
    const bool hostLike =
        name.find('.') != std::string::npos && name.front() != '.' &&
        (endsWith(name, ".com") || endsWith(name, ".net")) &&
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") == std::string::npos;
    if (!hostLike)
        return "stackexchange";
    if (name == "stackoverflow.com")
        return "stackoverflow";
    return name;
}

// Size, modification time and a hash of the first MiB: cheap on a 100 GB file, and
// enough to notice that the same file is imported again.
std::string fileFingerprint(const std::string& path) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    const auto mtime = fs::last_write_time(path, error).time_since_epoch().count();
    std::uint64_t hash = 1469598103934665603ULL; // FNV-1a 64
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer(std::size_t{1} << 20);
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    for (std::streamsize i = 0; i < got; ++i) {
        hash ^= static_cast<unsigned char>(buffer[static_cast<std::size_t>(i)]);
        hash *= 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return "size=" + std::to_string(size) + ";mtime=" + std::to_string(mtime) + ";fnv1a64=" + hex;
}

// The file in `folder` whose name equals `name` ignoring case, or empty.
std::string findInFolder(const fs::path& folder, const std::string& name) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (entry.is_regular_file(error) && lower(entry.path().filename().string()) == lower(name))
            return entry.path().string();
    return {};
}

Result<Kind> sniff(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(path + ": cannot open");
    char head[8] = {};
    in.read(head, sizeof head);
    const auto got = in.gcount();
    static constexpr unsigned char k7z[] = {'7', 'z', 0xBC, 0xAF, 0x27, 0x1C};
    if (got >= 6 && std::memcmp(head, k7z, 6) == 0)
        return Kind::Archive;
    std::size_t at = 0;
    if (got >= 3 && static_cast<unsigned char>(head[0]) == 0xEF &&
        static_cast<unsigned char>(head[1]) == 0xBB && static_cast<unsigned char>(head[2]) == 0xBF)
        at = 3;
    if (static_cast<std::streamsize>(at) < got && head[at] == '<')
        return Kind::PostsXml;
    if (static_cast<std::streamsize>(at) < got && head[at] == '{')
        return Kind::JsonLines;
    return makeError(path + ": unknown format; expected a Stack Exchange dump (Posts.xml, a .7z "
                            "archive or a dump folder), a .csv or a .jsonl file");
}

std::string folderOf(const std::string& entry) {
    const auto slash = entry.find_last_of("/\\");
    return slash == std::string::npos ? std::string() : entry.substr(0, slash + 1);
}

std::string fileNameOf(const std::string& entry) {
    return entry.substr(folderOf(entry).size());
}

// Which Posts.xml of an archive is read: the only one, or the one named. An archive with
// several is refused unless one is named, so that no dump is picked in silence.
// Comments.xml and Users.xml come from the chosen Posts.xml's folder.
Status chooseArchiveEntries(SourcePlan& plan, const std::vector<std::string>& names,
                            const std::string& wanted) {
    std::vector<std::string> posts;
    for (const auto& name : names)
        if (lower(fileNameOf(name)) == "posts.xml")
            posts.push_back(name);
    if (posts.empty())
        return makeError(plan.path + ": the archive holds no Posts.xml");
    std::string listed;
    for (const auto& name : posts)
        listed += (listed.empty() ? "" : ", ") + name;
    std::string chosen;
    if (!wanted.empty()) {
        for (const auto& name : posts)
            if (lower(name) == lower(wanted))
                chosen = name;
        if (chosen.empty())
            return makeError(plan.path + ": the archive has no Posts.xml at " + wanted +
                             "; its Posts.xml entries are: " + listed);
    } else if (posts.size() > 1) {
        return makeError(plan.path + ": the archive holds " + std::to_string(posts.size()) +
                         " Posts.xml (" + listed +
                         "); name the one to import (taxo import --archive-entry PATH)");
    } else {
        chosen = posts.front();
    }
    plan.postsEntry = chosen;
    const std::string folder = lower(folderOf(chosen));
    for (const auto& name : names) {
        if (lower(folderOf(name)) != folder)
            continue;
        if (lower(fileNameOf(name)) == "comments.xml") {
            plan.archiveComments = true;
            plan.commentsEntry = name;
        } else if (lower(fileNameOf(name)) == "users.xml") {
            plan.archiveUsers = true;
            plan.usersEntry = name;
        }
    }
    return {};
}

Result<SourcePlan> plan(const std::string& path, const ImportOptions& options) {
    SourcePlan plan;
    plan.path = path;
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status))
        return makeError(path + ": no such file or folder");
    const fs::path fsPath(path);
    if (fs::is_directory(status)) {
        plan.kind = Kind::DumpFolder;
        plan.postsFile = findInFolder(fsPath, "Posts.xml");
        if (plan.postsFile.empty())
            return makeError(path + ": this folder has no Posts.xml; expected an extracted Stack "
                                    "Exchange dump");
        plan.commentsFile = findInFolder(fsPath, "Comments.xml");
        plan.usersFile = findInFolder(fsPath, "Users.xml");
        auto name = fsPath.filename().string();
        if (name.empty())
            name = fsPath.parent_path().filename().string();
        plan.source = siteSourceName(name);
        for (const auto* file : {&plan.postsFile, &plan.commentsFile, &plan.usersFile})
            if (!file->empty())
                plan.fingerprint +=
                    fs::path(*file).filename().string() + "{" + fileFingerprint(*file) + "}";
    } else {
        const auto extension = lower(fsPath.extension().string());
        if (extension == ".7z")
            plan.kind = Kind::Archive;
        else if (extension == ".xml")
            plan.kind = Kind::PostsXml;
        else if (extension == ".csv")
            plan.kind = Kind::Csv;
        else if (extension == ".jsonl" || extension == ".ndjson")
            plan.kind = Kind::JsonLines;
        else if (extension == ".json" && isShapedJsonLines(path))
            plan.kind = Kind::JsonLines;
        else if (extension == ".json")
            // A whole project, not a list of posts: exchange::importFile reads it, into an
            // empty project only (taxo import routes a lone .json there).
            return makeError(path + ": an exchange document (.json) is imported alone into an "
                                    "empty project; posts one per line go in JSON Lines (.jsonl)");
        else {
            auto kind = sniff(path);
            if (!kind)
                return kind.error();
            plan.kind = *kind;
        }
        plan.fingerprint = fileFingerprint(path);
        if (plan.kind == Kind::Archive) {
            auto names = listArchive(path);
            if (!names)
                return names.error();
            if (auto chosen = chooseArchiveEntries(plan, *names, options.archiveEntry); !chosen)
                return chosen.error();
            auto stem = fsPath.stem().string();
            if (endsWith(lower(stem), "-posts"))
                stem = stem.substr(0, stem.size() - 6);
            plan.source = siteSourceName(stem);
        } else if (plan.kind == Kind::PostsXml) {
            plan.source = siteSourceName(fsPath.parent_path().filename().string());
        } else {
            plan.source = plan.kind == Kind::Csv ? "csv" : "jsonl";
        }
    }
    if (!options.source.empty())
        plan.source = options.source;
    std::error_code absoluteError;
    auto absolute = fs::absolute(path, absoluteError).lexically_normal().string();
    if (absoluteError)
        absolute = path;
    const bool dump = plan.kind != Kind::Csv && plan.kind != Kind::JsonLines;
    if (dump && (!options.source.empty() || plan.source != "stackexchange"))
        plan.censusKey = plan.source;
    else if (!dump && !options.source.empty())
        // Named by the import: the name and the file's, not a path that may be temporary
        // (the demo's file lives in a temporary folder).
        plan.censusKey = options.source + ": " + fs::path(path).filename().string();
    else
        plan.censusKey = plan.kind == Kind::Archive ? absolute + "#" + plan.postsEntry : absolute;
    return plan;
}

class Importer {
public:
    Importer(sql::Database& db, const ImportOptions& options, DumpRowReader xmlReader,
             const ProgressCallback& progress, const CancelFlag* cancel)
        : db_(db), options_(options), filter_(options.tags), xmlReader_(xmlReader),
          progress_(progress), cancel_(cancel), start_(std::chrono::steady_clock::now()) {
        limits_.maxRowBytes = options.maxRowBytes;
        limits_.maxParserMemory = options.maxParserMemory;
    }

    Status run(const SourcePlan& plan, ImportReport& total);
    // Ends the run of CSV and JSON Lines files read so far (tabular_group.h): joins the
    // answers still waiting for their question across those files and links accepted
    // answers. Called before a dump is read and after the last file.
    Status closeTabular(ImportReport& total);
    // Set when the scanner met a file it does not read: the caller starts again with expat.
    bool unsupportedLayout() const { return unsupportedLayout_; }

private:
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }
    Status checkCancel() const {
        if (cancelled(cancel_))
            return makeError(kCancelledMessage);
        return {};
    }
    // `rowsBefore`: the rows of the import read before this file.
    ChunkHandler chunkHandler(const ByteSource& source, std::uint64_t rowsBefore) {
        return [this, &source, rowsBefore](std::uint64_t done, std::uint64_t rows) -> Status {
            if (auto status = checkCancel(); !status)
                return status;
            if (progress_) {
                Progress p;
                p.stage = "Reading " + source.name();
                p.done = done;
                p.total = source.totalBytes();
                p.unit = "bytes";
                p.items = rowsBefore + rows;
                p.seconds = seconds();
                progress_(p);
            }
            return {};
        };
    }
    static std::uint64_t rowsSoFar(const ImportReport& part, const ImportReport& total) {
        return static_cast<std::uint64_t>(total.rowsRead + part.rowsRead);
    }
    // The filter runs where the file is read, the handler where the rows are stored (a
    // second thread with the scanner); the rows the filter skips are counted into `part`
    // once the file is done.
    Status readXml(ByteSource& source, const std::string& root, DumpRowFilter& filter,
                   bool (DumpRowFilter::*skip)(const RowKeys&), const DumpRowHandler& onRow,
                   ImportReport& part, const ImportReport& total) {
        DumpRowSkip skipRow;
        if (options_.quickRowFilter)
            skipRow = [&filter, skip](const RowKeys& row) {
                return (filter.*skip)(row);
            };
        auto result =
            readDumpRows(source, root, limits_, xmlReader_, skipRow, onRow,
                         chunkHandler(source, rowsSoFar(part, total)), unsupportedLayout_);
        if (!result)
            return result.error();
        const ImportReport skipped = filter.takeCounts();
        part.rowsRead += skipped.rowsRead;
        for (const auto& [reason, count] : skipped.skipped)
            part.skipped[reason] += count;
        part.bytes += result->bytes;
        return {};
    }
    Status readDump(const SourcePlan& plan, PostWriter& writer, ImportReport& part,
                    const ImportReport& total, CensusCounter& census);
    Status readTabular(const SourcePlan& plan, std::int64_t importId, ImportReport& part,
                       const ImportReport& total, CensusCounter& census);
    Status storeReport(std::int64_t importId, const ImportReport& part);

    sql::Database& db_;
    const ImportOptions& options_;
    TagFilter filter_;
    DumpRowReader xmlReader_;
    bool unsupportedLayout_ = false;
    XmlLimits limits_;
    const ProgressCallback& progress_;
    const CancelFlag* cancel_;
    std::chrono::steady_clock::time_point start_;
    std::unique_ptr<TabularGroup> tabular_;
    // The last file of the open tabular run: the counts made when the run closes go into
    // its report.
    std::int64_t lastTabularImport_ = 0;
    ImportReport lastTabularPart_;
};

Result<std::unique_ptr<ByteSource>> openPart(const SourcePlan& plan, const std::string& entry,
                                             const std::string& file) {
    if (plan.kind == Kind::Archive)
        return openArchiveEntry(plan.path, entry);
    return openFile(file);
}

Status Importer::readDump(const SourcePlan& plan, PostWriter& writer, ImportReport& part,
                          const ImportReport& total, CensusCounter& census) {
    // The filter counts the rows it skips where the file is read; the reader counts the
    // rows it is given, on the storing thread. Joined once the file is done.
    CensusCounter skippedCensus;
    DumpReader reader(writer, filter_, plan.source, part, &census);
    DumpRowFilter filter(filter_, reader, &skippedCensus);
    const bool archive = plan.kind == Kind::Archive;
    const std::string postsFile = plan.kind == Kind::PostsXml ? plan.path : plan.postsFile;
    auto posts = openPart(plan, plan.postsEntry, postsFile);
    if (!posts)
        return posts.error();
    if (!*posts)
        return makeError(plan.path + ": the archive holds no Posts.xml");
    if (auto status = readXml(
            **posts, "posts", filter, &DumpRowFilter::skipPost,
            [&](const DumpRow& row) { return reader.postRow(row); }, part, total);
        !status)
        return status;
    posts->reset();
    census.merge(std::move(skippedCensus));
    if (auto status = reader.afterPosts(); !status)
        return makeError(postsFile + ": " + status.message());
    // Comments and users are optional: a one-file Posts archive has neither.
    const bool hasComments = archive ? plan.archiveComments : !plan.commentsFile.empty();
    if (hasComments) {
        auto comments = openPart(plan, plan.commentsEntry, plan.commentsFile);
        if (!comments)
            return comments.error();
        if (*comments)
            if (auto status = readXml(
                    **comments, "comments", filter, &DumpRowFilter::skipComment,
                    [&](const DumpRow& row) { return reader.commentRow(row); }, part, total);
                !status)
                return status;
    }
    const bool hasUsers = archive ? plan.archiveUsers : !plan.usersFile.empty();
    if (hasUsers) {
        auto users = openPart(plan, plan.usersEntry, plan.usersFile);
        if (!users)
            return users.error();
        if (*users)
            if (auto status = readXml(
                    **users, "users", filter, &DumpRowFilter::skipUser,
                    [&](const DumpRow& row) { return reader.userRow(row); }, part, total);
                !status)
                return status;
    }
    return {};
}

Status Importer::readTabular(const SourcePlan& plan, std::int64_t importId, ImportReport& part,
                             const ImportReport& total, CensusCounter& census) {
    if (!tabular_) {
        auto group = TabularGroup::open(db_, filter_, options_.source);
        if (!group)
            return makeError(plan.path + ": " + group.message());
        tabular_ = std::move(*group);
    }
    tabular_->startFile(importId, &census);
    auto source = openFile(plan.path);
    if (!source)
        return source.error();
    TabularContext context{tabular_->writer(),   filter_,
                           plan.source,          tabular_->rows(),
                           options_.maxRowBytes, chunkHandler(**source, rowsSoFar(part, total)),
                           tabular_.get(),       &census};
    auto status =
        plan.kind == Kind::Csv ? readCsv(**source, context) : readJsonLines(**source, context);
    if (!status)
        return status;
    tabular_->endFile(part);
    part.bytes += (*source)->totalBytes();
    return {};
}

Status Importer::storeReport(std::int64_t importId, const ImportReport& part) {
    auto update = db_.prepare("UPDATE imports SET report = ?1 WHERE id = ?2");
    if (!update)
        return update.error();
    return update->bind(1, toJson(part).dump()).bind(2, importId).run();
}

Status Importer::closeTabular(ImportReport& total) {
    if (!tabular_)
        return {};
    auto added = tabular_->close();
    tabular_.reset();
    if (!added)
        return makeError(lastTabularPart_.sources.front() + ": " + added.message());
    addCounts(lastTabularPart_, *added);
    addCounts(total, *added);
    return storeReport(lastTabularImport_, lastTabularPart_);
}

Status Importer::run(const SourcePlan& plan, ImportReport& total) {
    if (auto status = checkCancel(); !status)
        return status;
    const bool tabular = plan.kind == Kind::Csv || plan.kind == Kind::JsonLines;
    // A dump's writer starts its own temporary tables: the tabular run before it ends here.
    if (!tabular)
        if (auto status = closeTabular(total); !status)
            return status;
    auto insert = db_.prepare(
        "INSERT INTO imports(source, fingerprint, started, report) VALUES (?1, ?2, ?3, '{}')");
    if (!insert)
        return insert.error();
    // The absolute path, so the record still says where the posts came from when the
    // project is opened from another folder.
    std::error_code error;
    auto absolute = fs::absolute(plan.path, error).lexically_normal().string();
    if (error)
        absolute = plan.path;
    if (auto status =
            insert->bind(1, absolute).bind(2, plan.fingerprint).bind(3, utcNowIso()).run();
        !status)
        return makeError(plan.path + ": cannot record the import: " + status.message());
    const std::int64_t importId = db_.lastInsertRowId();
    auto before = db_.prepare("SELECT count(*) FROM imports WHERE fingerprint = ?1 AND id <> ?2");
    if (!before)
        return before.error();
    before->bind(1, plan.fingerprint).bind(2, importId);
    if (auto row = before->step(); !row)
        return row.error();
    ImportReport part;
    part.sources.push_back(plan.path);
    part.importedBefore = before->columnInt(0) > 0;
    before->reset(); // an unfinished read would keep the temporary tables from being dropped

    const auto started = seconds();
    CensusCounter census;
    if (tabular) {
        if (auto status = readTabular(plan, importId, part, total, census); !status)
            return status;
        if (auto check = checkCancel(); !check)
            return check;
    } else {
        auto writer = PostWriter::create(db_, importId);
        if (!writer)
            return makeError(plan.path + ": " + writer.message());
        if (auto status = readDump(plan, *writer, part, total, census); !status)
            return status;
        if (auto check = checkCancel(); !check)
            return check;
        if (auto finished = writer->finish(); !finished)
            return makeError(plan.path + ": " + finished.message());
    }
    auto replaced = storeCensus(db_, plan.censusKey, importId, census);
    if (!replaced)
        return makeError(plan.path + ": cannot record the census: " + replaced.message());
    part.censusQuestions = census.questions();
    part.censusAnswers = census.answers();
    part.censusTagsLeftOut = census.tagsLeftOut();
    if (*replaced)
        part.censusReplaced.push_back(plan.censusKey + " (counted by the import of " + **replaced +
                                      ")");
    part.seconds = seconds() - started;
    if (auto stored = storeReport(importId, part); !stored)
        return stored;
    if (tabular) {
        lastTabularImport_ = importId;
        lastTabularPart_ = part;
    }

    total.sources.push_back(plan.path);
    addCounts(total, part);
    total.bytes += part.bytes;
    total.importedBefore = total.importedBefore || part.importedBefore;
    total.censusQuestions += part.censusQuestions;
    total.censusAnswers += part.censusAnswers;
    total.censusTagsLeftOut += part.censusTagsLeftOut;
    total.censusReplaced.insert(total.censusReplaced.end(), part.censusReplaced.begin(),
                                part.censusReplaced.end());
    return {};
}

// A bigger page cache while importing (SQLite's default is 2 MiB), put back afterwards.
class CacheSize {
public:
    explicit CacheSize(sql::Database& db) : db_(db) {
        auto current = db_.queryInt("PRAGMA cache_size");
        if (current) {
            previous_ = *current;
            (void)db_.exec("PRAGMA cache_size = -65536");
        }
    }
    ~CacheSize() {
        if (previous_)
            (void)db_.exec("PRAGMA cache_size = " + std::to_string(*previous_));
    }
    CacheSize(const CacheSize&) = delete;
    CacheSize& operator=(const CacheSize&) = delete;

private:
    sql::Database& db_;
    std::optional<std::int64_t> previous_;
};

// WAL suits the small transactions of labeling; an import is one transaction of up to
// gigabytes, which WAL writes twice (into the log, then into the file at the checkpoint)
// and syncs twice. SQLite's own advice is a rollback journal for transactions past about
// 100 MB: the import switches to one when it is the project's only connection (the
// switch fails harmlessly otherwise), and back to WAL afterwards. The journal keeps the
// import atomic across a crash as WAL does. A project left in this mode (a crash, or a
// reader holding the file when the import ends) is rolled back if need be and put back in
// WAL when it is next opened (Project::open and configure).
class RollbackJournal {
public:
    explicit RollbackJournal(sql::Database& db) : db_(db) {
        auto mode = db_.queryText("PRAGMA journal_mode = DELETE");
        switched_ = mode && *mode == "delete";
    }
    // With a rollback journal the import takes every lock at the start: a reader arriving
    // later waits (and is told the project is busy) instead of making the commit wait.
    sql::Transaction::Lock lock() const {
        return switched_ ? sql::Transaction::Lock::Exclusive : sql::Transaction::Lock::Immediate;
    }
    ~RollbackJournal() {
        if (switched_)
            (void)db_.queryText("PRAGMA journal_mode = WAL");
    }
    RollbackJournal(const RollbackJournal&) = delete;
    RollbackJournal& operator=(const RollbackJournal&) = delete;

private:
    sql::Database& db_;
    bool switched_ = false;
};

} // namespace

bool isShapedJsonLines(const std::string& path) {
    // An exchange document starts with "{" alone on its line, or is one object of other
    // keys; a BigQuery row is one object of its columns per line. The first line is read
    // up to the import's row limit, never the whole of a one-line file.
    constexpr std::size_t kLimit = std::size_t{16} << 20;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::vector<char> buffer(std::size_t{64} << 10);
    while (in && line.size() <= kLimit) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        const auto end =
            std::find(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got), '\n');
        line.append(buffer.begin(), end);
        if (end != buffer.begin() + static_cast<std::ptrdiff_t>(got))
            break;
        if (got == 0)
            break;
    }
    if (line.size() > kLimit)
        return false;
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
        line.erase(0, 3);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    auto parsed = exchange::parseBounded(line, path);
    if (!parsed || !parsed->is_object())
        return false;
    std::vector<std::string> keys;
    for (const auto& item : parsed->items())
        keys.push_back(item.key());
    const auto shape = classifyHeader(keys, false);
    return shape.ok() && *shape != PostShape::Plain;
}

nlohmann::json toJson(const ImportReport& report) {
    nlohmann::json skipped = nlohmann::json::object();
    for (const auto& [reason, count] : report.skipped)
        skipped[reason] = count;
    return {{"sources", report.sources},
            {"questions", report.questions},
            {"answers", report.answers},
            {"comments", report.comments},
            {"already_present", report.alreadyPresent},
            {"rows_read", report.rowsRead},
            {"bytes", report.bytes},
            {"seconds", report.seconds},
            {"skipped", skipped},
            {"imported_before", report.importedBefore},
            {"census_questions", report.censusQuestions},
            {"census_answers", report.censusAnswers},
            {"census_tags_left_out", report.censusTagsLeftOut},
            {"census_replaced", report.censusReplaced}};
}

Result<ImportReport> importSources(Project& project, const std::vector<std::string>& sources,
                                   const ImportOptions& options, const ProgressCallback& progress,
                                   const CancelFlag* cancel) {
    const auto start = std::chrono::steady_clock::now();
    if (project.readOnly())
        return makeError(project.path() + ": opened read-only; cannot import");
    if (sources.empty())
        return makeError("nothing to import: no source given");
    // Every source is checked before anything is written, so a typo in the third
    // path does not cost the time of reading the first two.
    std::vector<SourcePlan> plans;
    for (const auto& path : sources) {
        auto planned = plan(path, options);
        if (!planned)
            return planned.error();
        plans.push_back(std::move(*planned));
    }
    auto& db = project.db();
    RollbackJournal journal(db);
    CacheSize cacheSize(db);
    ImportReport report;
    // The fast scanner reads the dumps; a file in a layout it does not read (comments,
    // other encodings, ...) sends the whole import back to the start with expat. Only the
    // whole import can restart: the rows read before that point are already counted and
    // written. The transaction, rolled back when it goes out of scope, undoes them.
    for (const DumpRowReader reader : {options.xmlReader, DumpRowReader::Expat}) {
        report = ImportReport();
        // Not sql::inTransaction: a layout the scanner cannot read rolls back and retries.
        sql::Transaction transaction(db, journal.lock());
        if (!transaction.begun())
            return makeError(project.path() +
                             ": cannot start the import: " + transaction.begun().message());
        Importer importer(db, options, reader, progress, cancel);
        Status status;
        for (const auto& planned : plans)
            if (status = importer.run(planned, report); !status)
                break;
        if (status)
            status = importer.closeTabular(report);
        if (!status && importer.unsupportedLayout() && reader == DumpRowReader::Scanner)
            continue;
        if (!status)
            return status.error();
        if (cancelled(cancel))
            return makeError(kCancelledMessage);
        if (auto committed = transaction.commit(); !committed)
            return makeError(project.path() + ": cannot save the import: " + committed.message());
        break;
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace taxo::corpus
