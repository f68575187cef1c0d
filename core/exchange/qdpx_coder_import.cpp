// A coder's codings from another tool into a round of an existing project: the .qdpx is
// read, each coded source matched to a post of the round and each code to a leaf of the
// codebook, every mismatch collected, and only a file without any is written, as one
// transaction of saveLabel's own writes (docs/qdpx.md, "Codings of one coder").

#include "core/corpus/post_parts.h"
#include "core/corpus/post_store.h"
#include "core/exchange/qdpx.h"
#include "core/exchange/qdpx_model.h"
#include "core/exchange/qdpx_names.h"
#include "core/labels/label_batch.h"
#include "core/store/statements.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace taxo::exchange {
namespace {

constexpr std::size_t kProblemsShown = 20;

std::string place(long line) {
    return "project.qde line " + std::to_string(line) + ": ";
}

std::string joinPath(const std::vector<std::string>& path) {
    std::string text;
    for (std::size_t i = 0; i < path.size(); ++i)
        text += (i ? " > " : "") + path[i];
    return text;
}

struct CodeInfo {
    std::vector<std::string> path;
    std::string guid;
    long line = 0;
    std::optional<labels::Special> special; // a code of the "Special values" group
};

void collectCodes(const qde::Code& code, std::vector<std::string> path, bool specialGroup,
                  std::map<std::string, CodeInfo>& codes) {
    path.push_back(code.name);
    CodeInfo info{path, code.guid, code.line, std::nullopt};
    if (specialGroup && path.size() == 2)
        for (const auto& special : kQdpxSpecials)
            if (code.name == special.name)
                info.special = labels::parseSpecial(special.value);
    codes.emplace(code.guid, info);
    for (const auto& child : code.children)
        collectCodes(child, path, specialGroup, codes);
}

struct Taken {
    std::string code;
    long line = 0;
    std::vector<std::string> notes;
    const qde::Selection* selection = nullptr; // the passage coded; null: the whole source
};

struct RoundPost {
    std::int64_t id = 0;
    std::string source, sourceId, title;
};

class CoderImport {
public:
    CoderImport(sql::Database& db, const qde::Project& qde, const QdpxContent& content,
                const CoderImportOptions& options)
        : db_(db), qde_(qde), content_(content), options_(options) {}

    Result<CoderImportReport> run() {
        if (auto status = checkRoundAndCoder(); !status)
            return status.error();
        if (auto status = chooseCodings(); !status)
            return status.error();
        for (const auto& root : qde_.codes)
            collectCodes(root, {}, root.name == kQdpxSpecialGroup, codes_);
        if (auto status = loadRoundPosts(); !status)
            return status.error();
        std::map<std::int64_t, labels::LabelContent> contents; // post -> label
        std::map<std::int64_t, long> lineOf;                   // post -> its source's line
        for (const auto& source : qde_.sources) {
            const auto found = taken_.find(&source);
            if (found == taken_.end()) {
                ++report_.uncodedSources;
                continue;
            }
            auto text = qde::sourceText(source, content_.sources);
            if (!text) {
                problem(source.line, text.message());
                continue;
            }
            const auto length = corpus::codePointCount(*text);
            for (const auto& selection : source.selections)
                if (selection.start < 0 || selection.end < selection.start ||
                    selection.end > length)
                    problem(selection.line, "the selection " + std::to_string(selection.start) +
                                                "-" + std::to_string(selection.end) + " of '" +
                                                source.name + "' lies outside its text (" +
                                                std::to_string(length) + " characters)");
            const auto post = matchPost(source);
            if (!post)
                continue;
            if (const auto [other, fresh] = lineOf.emplace(*post, source.line); !fresh) {
                problem(source.line, "the source '" + source.name + "' is the same post as the " +
                                         "source on line " + std::to_string(other->second));
                continue;
            }
            auto& content = contents[*post];
            for (const auto& coding : found->second)
                if (const auto category = addCoding(content, coding, source);
                    category && coding.selection &&
                    !(coding.selection->start == 0 && coding.selection->end == length))
                    addQuote(content, *category, *coding.selection, source, *post, *text);
            std::set<std::string> notes;
            for (const auto& coding : found->second)
                for (const auto& note : coding.notes)
                    if (notes.insert(note).second)
                        if (const auto memo = qde_.notes.find(note); memo != qde_.notes.end())
                            content.note += (content.note.empty() ? "" : "\n\n") + memo->second;
        }
        if (problems_.empty())
            for (const auto& [post, content] : contents)
                if (auto status = labels::validateLabel(db_, {roundId_, post, coderId_}, content);
                    !status)
                    problem(lineOf.at(post), status.message());
        if (!problems_.empty())
            return refusal();
        auto written = sql::inTransaction(db_, [&]() -> Status {
            for (const auto& [post, content] : contents)
                if (auto saved = labels::saveLabelWithin(db_, {roundId_, post, coderId_}, content);
                    !saved)
                    return saved.error();
            return {};
        });
        if (!written)
            return written.error();
        report_.labels = static_cast<std::int64_t>(contents.size());
        return report_;
    }

private:
    void problem(long line, const std::string& message) {
        problems_.push_back(place(line) + message);
    }

    Error refusal() const {
        std::string text = "nothing was imported; " + std::to_string(problems_.size()) +
                           (problems_.size() == 1 ? " problem:" : " problems:");
        for (std::size_t i = 0; i < problems_.size() && i < kProblemsShown; ++i)
            text += "\n  " + problems_[i];
        if (problems_.size() > kProblemsShown)
            text += "\n  ... and " + std::to_string(problems_.size() - kProblemsShown) + " more";
        return makeError(text);
    }

    Status checkRoundAndCoder() {
        auto round = sql::queryOptionalRow<std::tuple<std::int64_t, std::string, std::string>>(
            db_, "SELECT id, kind, state FROM rounds WHERE name = ?",
            [](sql::Statement& row) {
                return std::make_tuple(row.columnInt(0), row.columnText(1), row.columnText(2));
            },
            options_.round);
        if (!round)
            return round.error();
        if (!*round)
            return makeError("the project has no round '" + options_.round + "'");
        const auto& [id, kind, state] = **round;
        roundId_ = id;
        if (kind == "screening")
            return makeError("round '" + options_.round +
                             "' is a screening round: it takes marks, not labels");
        if (state == "closed")
            return makeError("round '" + options_.round + "' is closed; its labels are final");
        auto coder =
            sql::queryOptionalIntBound(db_, "SELECT id FROM people WHERE name = ?", options_.coder);
        if (!coder)
            return coder.error();
        auto coders = sql::queryRows<std::string>(
            db_,
            "SELECT p.name FROM round_coders c JOIN people p ON p.id = c.person_id "
            "WHERE c.round_id = ? ORDER BY p.name",
            [](sql::Statement& row) { return row.columnText(0); }, roundId_);
        if (!coders)
            return coders.error();
        if (!*coder || std::find(coders->begin(), coders->end(), options_.coder) == coders->end()) {
            std::string names;
            for (const auto& name : *coders)
                names += (names.empty() ? "" : ", ") + name;
            return makeError("'" + options_.coder + "' is not a coder of round '" + options_.round +
                             "' (its coders: " + (names.empty() ? "none" : names) + ")");
        }
        coderId_ = **coder;
        auto existing = sql::queryIntBound(
            db_, "SELECT count(*) FROM labels WHERE round_id = ? AND coder_id = ?", roundId_,
            *coderId_);
        if (!existing)
            return existing.error();
        if (*existing > 0)
            return makeError("'" + options_.coder + "' already has " + std::to_string(*existing) +
                             " labels in round '" + options_.round +
                             "'; a .qdpx never replaces labels, so nothing was imported. Import "
                             "it for a coder who has not labeled this round yet");
        return {};
    }

    std::string userName(const std::string& guid, long line) {
        if (guid.empty())
            return {};
        const auto found = qde_.users.find(guid);
        if (found == qde_.users.end()) {
            problem(line, "the coding's creatingUser " + guid + " is not one of the Users");
            return {};
        }
        return found->second;
    }

    // Which codings are the coder's: those of options.user, or every coding when the
    // file's codings name at most one user.
    Status chooseCodings() {
        struct Candidate {
            const qde::Source* source;
            std::string user;
            Taken taken;
        };
        std::vector<Candidate> all;
        for (const auto& source : qde_.sources) {
            for (const auto& selection : source.selections)
                for (const auto& coding : selection.codings)
                    all.push_back(
                        {&source,
                         userName(coding.user.empty() ? selection.user : coding.user, coding.line),
                         {coding.code, coding.line, selection.notes, &selection}});
            for (const auto& coding : source.codings)
                all.push_back(
                    {&source, userName(coding.user, coding.line), {coding.code, coding.line, {}}});
        }
        if (!problems_.empty())
            return refusal();
        std::map<std::string, std::int64_t> perUser;
        for (const auto& candidate : all)
            ++perUser[candidate.user];
        const auto describe = [&](bool except, const std::string& chosen) {
            std::string text;
            for (const auto& [user, count] : perUser) {
                if (except && user == chosen)
                    continue;
                text += (text.empty() ? "" : ", ") +
                        (user.empty() ? std::string("no user") : user) + " (" +
                        std::to_string(count) + (count == 1 ? " coding)" : " codings)");
            }
            return text;
        };
        std::string chosen;
        bool takeAll = false;
        if (!options_.user.empty()) {
            const bool known =
                std::any_of(qde_.users.begin(), qde_.users.end(),
                            [&](const auto& user) { return user.second == options_.user; });
            if (!known)
                return makeError("the file has no User named '" + options_.user +
                                 "'; its codings are by " +
                                 (perUser.empty() ? std::string("nobody") : describe(false, {})));
            chosen = options_.user;
        } else {
            std::set<std::string> named;
            for (const auto& [user, count] : perUser)
                if (!user.empty())
                    named.insert(user);
            if (named.size() > 1)
                return makeError(
                    "the file holds the codings of several users: " + describe(false, {}) +
                    "; choose whose codings are the coder's with --user NAME");
            chosen = named.empty() ? std::string() : *named.begin();
            takeAll = true;
        }
        report_.user = chosen;
        for (const auto& [user, count] : perUser)
            if (!takeAll && user != chosen)
                report_.otherUsers.push_back((user.empty() ? std::string("no user") : user) + " (" +
                                             std::to_string(count) +
                                             (count == 1 ? " coding)" : " codings)"));
        for (auto& candidate : all) {
            if (!takeAll && candidate.user != chosen)
                continue;
            taken_[candidate.source].push_back(std::move(candidate.taken));
            ++report_.codings;
        }
        if (report_.codings == 0)
            return makeError("the file holds no coding" +
                             (chosen.empty() ? std::string() : " by '" + chosen + "'") +
                             "; nothing was imported");
        return {};
    }

    Status loadRoundPosts() {
        auto posts = sql::queryRows<RoundPost>(
            db_,
            "SELECT p.id, p.source, p.source_id, p.title FROM round_items i "
            "JOIN posts p ON p.id = i.post_id WHERE i.round_id = ?",
            [](sql::Statement& row) {
                return RoundPost{row.columnInt(0), row.columnText(1), row.columnText(2),
                                 row.columnText(3)};
            },
            roundId_);
        if (!posts)
            return posts.error();
        roundPosts_ = std::move(*posts);
        report_.roundItems = static_cast<std::int64_t>(roundPosts_.size());
        return {};
    }

    // The post a source stands for: by the variables the export writes, else by a Stack
    // Exchange link in its name, else by a title only one post of the round has.
    std::optional<std::int64_t> matchPost(const qde::Source& source) {
        std::map<std::string, std::string> values;
        for (const auto& [variable, value] : source.variables)
            if (const auto found = qde_.variables.find(variable); found != qde_.variables.end())
                values[found->second] = value;
        const auto origin = values[kQdpxSourceVariable], id = values[kQdpxSourceIdVariable];
        if (!origin.empty() && !id.empty()) {
            auto post = sql::queryOptionalIntBound(
                db_, "SELECT id FROM posts WHERE source = ? AND source_id = ?", origin, id);
            if (!post || !*post) {
                problem(source.line, "the source '" + source.name + "' is the post " + origin +
                                         ":" + id + ", which the project does not hold");
                return std::nullopt;
            }
            return inRound(source, **post);
        }
        static const std::regex link(R"(https?://[^\s/]+/(?:q|questions)/([0-9]+))");
        std::vector<std::int64_t> found;
        std::smatch match;
        if (std::regex_search(source.name, match, link)) {
            for (const auto& post : roundPosts_)
                if (post.sourceId == match[1].str())
                    found.push_back(post.id);
        } else {
            const auto title = qdpxText(source.name);
            for (const auto& post : roundPosts_)
                if (qdpxText(post.title) == title)
                    found.push_back(post.id);
        }
        if (found.size() == 1)
            return found.front();
        problem(source.line,
                "the source '" + source.name + "' " +
                    (found.empty() ? std::string("matches no post of round '")
                                   : std::to_string(found.size()) + " posts of round '") +
                    options_.round + "' (it has no " + kQdpxSourceVariable + " and " +
                    kQdpxSourceIdVariable + " variables; its name is matched by a post's link " +
                    "or title)");
        return std::nullopt;
    }

    std::optional<std::int64_t> inRound(const qde::Source& source, std::int64_t post) {
        if (std::any_of(roundPosts_.begin(), roundPosts_.end(),
                        [&](const RoundPost& p) { return p.id == post; }))
            return post;
        problem(source.line, labels::describePost(db_, post) + " is not an item of round '" +
                                 options_.round + "'");
        return std::nullopt;
    }

    // The category the coding adds to the label; nullopt for a special value or a problem.
    std::optional<codebook::CategoryId> addCoding(labels::LabelContent& content,
                                                  const Taken& coding, const qde::Source& source) {
        const auto code = codes_.find(coding.code);
        if (code == codes_.end()) {
            problem(coding.line, "a coding of the unknown code '" + coding.code + "'");
            return std::nullopt;
        }
        const auto& info = code->second;
        if (info.special) {
            if (content.special && *content.special != *info.special)
                problem(coding.line, "the source '" + source.name +
                                         "' gets two special values; a label holds one");
            content.special = info.special;
            return std::nullopt;
        }
        auto category = category_.find(coding.code);
        if (category == category_.end())
            category = category_.emplace(coding.code, findCategory(info)).first;
        if (category->second)
            content.categories.push_back(*category->second);
        return category->second;
    }

    // A coded passage within one part of the post becomes a quote of the category; one
    // across parts (or text the post does not have) codes the post without a quote, and
    // the report says so.
    void addQuote(labels::LabelContent& content, codebook::CategoryId category,
                  const qde::Selection& selection, const qde::Source& source, std::int64_t post,
                  const std::string& text) {
        auto stored = corpus::loadPost(db_, post);
        if (!stored) {
            problem(selection.line, stored.message());
            return;
        }
        const auto length = static_cast<double>(corpus::codePointCount(text));
        const auto passage = corpus::codePointSlice(text, selection.start, selection.end);
        auto located = passage ? corpus::locatePassage(
                                     corpus::postParts(*stored), *passage,
                                     length > 0 ? static_cast<double>(selection.start) / length : 0)
                               : Result<corpus::PassageLocation>(makeError("outside the text"));
        if (!located) {
            report_.notes.push_back(place(selection.line) + "the selection " +
                                    std::to_string(selection.start) + "-" +
                                    std::to_string(selection.end) + " of '" + source.name +
                                    "' codes the post without a quote (" + located.message() + ")");
            return;
        }
        content.quotes.push_back(labels::quoteOfPassage(*located, category));
        ++report_.quotes;
    }

    // By the path of names, else by the code's guid as a category's uid; only a leaf.
    std::optional<codebook::CategoryId> findCategory(const CodeInfo& info) {
        std::optional<codebook::CategoryId> id;
        if (auto byPath = codebook::findByPath(db_, info.path))
            id = byPath->id;
        else if (auto byUid = sql::queryOptionalIntBound(
                     db_, "SELECT id FROM categories WHERE uid = ?", info.guid);
                 byUid && *byUid)
            id = **byUid;
        if (!id) {
            problem(info.line, "the code '" + joinPath(info.path) +
                                   "' is no category of the codebook (matched by its path of "
                                   "names, or its guid as a category's uid)");
            return std::nullopt;
        }
        auto children =
            sql::queryIntBound(db_, "SELECT count(*) FROM categories WHERE parent_id = ?", *id);
        if (!children || *children > 0) {
            problem(info.line, "the code '" + joinPath(info.path) +
                                   "' is a category with subcategories (a root or an inner "
                                   "category); a label holds leaves only");
            return std::nullopt;
        }
        return id;
    }

    sql::Database& db_;
    const qde::Project& qde_;
    const QdpxContent& content_;
    const CoderImportOptions& options_;
    std::int64_t roundId_ = 0;
    labels::CoderId coderId_;
    std::vector<RoundPost> roundPosts_;
    std::map<std::string, CodeInfo> codes_;
    std::map<std::string, std::optional<codebook::CategoryId>> category_; // code GUID ->
    std::map<const qde::Source*, std::vector<Taken>> taken_;
    std::vector<std::string> problems_;
    CoderImportReport report_;
};

} // namespace

Result<std::map<std::string, std::int64_t>> qdpxCodingUsers(const std::string& qdpxPath,
                                                            const QdpxLimits& limits) {
    auto content = unzipQdpx(qdpxPath, limits);
    if (!content)
        return content.error();
    auto qde = qde::parse(content->projectXml, qdpxPath + ": project.qde", limits.depth);
    if (!qde)
        return qde.error();
    const auto name = [&](const std::string& guid) {
        if (guid.empty())
            return std::string();
        const auto found = qde->users.find(guid);
        return found == qde->users.end() ? guid : found->second;
    };
    std::map<std::string, std::int64_t> users;
    for (const auto& source : qde->sources) {
        for (const auto& selection : source.selections)
            for (const auto& coding : selection.codings)
                ++users[name(coding.user.empty() ? selection.user : coding.user)];
        for (const auto& coding : source.codings)
            ++users[name(coding.user)];
    }
    return users;
}

Result<CoderImportReport> importQdpxCoder(Project& project, const std::string& qdpxPath,
                                          const CoderImportOptions& options,
                                          const QdpxLimits& limits) {
    auto content = unzipQdpx(qdpxPath, limits);
    if (!content)
        return content.error();
    auto qde = qde::parse(content->projectXml, qdpxPath + ": project.qde", limits.depth);
    if (!qde)
        return qde.error();
    auto report = CoderImport(project.db(), *qde, *content, options).run();
    if (!report)
        return makeError(qdpxPath + ": " + report.message());
    return report;
}

} // namespace taxo::exchange
