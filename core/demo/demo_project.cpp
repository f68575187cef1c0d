#include "core/demo/demo_project.h"

#include "core/arbitration/arbitration.h"
#include "core/codebook/codebook.h"
#include "core/corpus/import.h"
#include "core/corpus/post_parts.h"
#include "core/demo/demo_posts.h"
#include "core/labels/codes.h"
#include "core/labels/labels.h"
#include "core/people/people.h"
#include "core/results/final_labels.h"
#include "core/rounds/rounds.h"
#include "core/sampling/sampling.h"
#include "core/select/rules.h"
#include "core/select/selection.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/util/files.h"
#include "core/util/ids.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

namespace taxo::demo {
namespace {

namespace fs = std::filesystem;
using labels::LabelContent;
using labels::Special;

constexpr int kPostCount = 330;

// The study's selection rules (docs/examples/study-rules.json), built in so that the
// demo needs no file besides the program.
constexpr const char* kStudyRules = R"({"sets": [
  {"name": "Server/Cloud", "root": "Server/Cloud", "clauses": [
    {"tags_any": ["tensorflow", "keras", "pytorch", "theano", "caffe"],
     "keywords_any": ["cloud", "server", "serving"], "words_all": ["deploy"]},
    {"tags_any": ["tensorflow-serving"]},
    {"tags_any": ["google-cloud-ml", "amazon-sagemaker"], "words_all": ["deploy"]}]},
  {"name": "Mobile", "root": "Mobile", "clauses": [
    {"tags_any": ["tensorflow", "keras", "pytorch", "theano", "caffe"],
     "keywords_any": ["mobile", "android", "ios"]},
    {"tags_any": ["tensorflow-lite", "coreml"]}]},
  {"name": "Browser", "root": "Browser", "clauses": [
    {"tags_any": ["tensorflow", "keras", "pytorch", "theano", "caffe"],
     "keywords_any": ["browser"]},
    {"tags_any": ["tensorflow.js"]}]}]})";

const char* const kLead = "Lee";
const char* const kAnn = "Ann";
const char* const kBo = "Bo";
const char* const kArbitrators[kRootCount] = {"Cy", "Dee", "Eli"};

Status check(const Status& status, const std::string& step) {
    if (!status)
        return makeError("demo: " + step + ": " + status.message());
    return {};
}

template <typename T> Status check(const Result<T>& result, const std::string& step) {
    if (!result)
        return makeError("demo: " + step + ": " + result.message());
    return {};
}

// What the demo knows about the project while building it.
struct Build {
    Project& project;
    std::mt19937_64& engine;
    std::vector<DemoPost> posts;
    std::map<std::string, const DemoPost*> bySourceId;
    std::vector<sampling::StoredSample> samples; // per root, in root order
    std::vector<codebook::CategoryId> leafIds;   // per demoLeaves() index
    std::int64_t decisions = 0;
    // The generated posts, read by the import as a user's file would be.
    std::string postsFile;
};

Status importPosts(Build& build) {
    build.posts = generatePosts(build.engine, kPostCount);
    for (const auto& post : build.posts)
        build.bySourceId[post.sourceId] = &post;
    // The import reads files, as a user's import does; the file goes once it is read.
    const std::string& jsonl = build.postsFile;
    {
        std::ofstream out(jsonl, std::ios::binary | std::ios::trunc);
        for (const auto& post : build.posts)
            out << post.jsonLine << '\n';
        if (!out)
            return makeError("demo: cannot write " + jsonl);
    }
    corpus::ImportOptions options;
    options.source = "demo";
    auto report = corpus::importSources(build.project, {jsonl}, options);
    std::error_code ignored;
    fs::remove(jsonl, ignored);
    return check(report, "import");
}

Status selectAndSample(Build& build) {
    auto rules = select::parseRules(kStudyRules, "demo rules");
    if (auto status = check(rules, "rules"); !status)
        return status;
    if (auto status = check(select::selectSets(build.project, *rules), "selection"); !status)
        return status;
    // As in the study: 95 % / 5 % samples of the two large sets, all of the small one.
    for (int root = 0; root < kRootCount; ++root) {
        sampling::SampleRequest request;
        request.setName = rootName(root);
        request.method = root == 2 ? sampling::SizeMethod::All : sampling::SizeMethod::Auto;
        request.seed = std::to_string(build.engine() % 1000000);
        request.pilotFraction = 0.3;
        // The demo keeps posts that another set's sample drew, so that its pages show a
        // post in two rounds and how its labels combine (docs/results.md).
        request.leaveOutPostsInOtherRounds = false;
        auto sample = sampling::drawAndStore(build.project, request);
        if (auto status = check(sample, std::string("sample of ") + rootName(root)); !status)
            return status;
        build.samples.push_back(std::move(*sample));
    }
    return {};
}

Status addPeople(Build& build) {
    using people::Role;
    if (auto s = check(people::addRole(build.project, kLead, Role::Lead), "lead"); !s)
        return s;
    for (const char* coder : {kAnn, kBo})
        if (auto s = check(people::addRole(build.project, coder, Role::Coder), "coder"); !s)
            return s;
    for (int root = 0; root < kRootCount; ++root)
        if (auto s = check(people::addRole(build.project, kArbitrators[root], Role::Arbitrator,
                                           rootName(root)),
                           "arbitrator");
            !s)
            return s;
    for (const auto& sample : build.samples)
        for (const auto& round : {sample.pilotRound, sample.reliabilityRound})
            if (!round.empty())
                if (auto s = check(rounds::assignCoders(build.project, round, {kAnn, kBo}),
                                   "coders of " + round);
                    !s)
                    return s;
    return {};
}

Result<std::int64_t> roundId(Build& build, const std::string& name) {
    return sql::queryIntBound(build.project.db(), "SELECT id FROM rounds WHERE name = ?", name);
}

const DemoPost& truthOf(const Build& build, const sampling::PostRef& ref) {
    return *build.bySourceId.at(ref.sourceId);
}

// The careful answer for a post in a round of `root`: its leaves when it was written
// for that root, else False positive (or Unclear when the question is too vague).
LabelContent truthLabel(const Build& build, const DemoPost& post, int root) {
    LabelContent content;
    if (post.truth == Truth::Unclear && post.root == root)
        content.special = Special::Unclear;
    else if (post.truth != Truth::Leaf || post.root != root)
        content.special = Special::FalsePositive;
    else {
        content.categories.push_back(build.leafIds[static_cast<std::size_t>(post.leaf)]);
        if (post.secondLeaf >= 0)
            content.categories.push_back(build.leafIds[static_cast<std::size_t>(post.secondLeaf)]);
        std::sort(content.categories.begin(), content.categories.end());
    }
    return content;
}

// Open coding in the pilots: the pair writes an initial code for each post (or marks
// it False positive / Unclear); then the codebook is built bottom-up from the codes,
// each leaf created from its code group as the Codes panel does it.
Status pilotAndTaxonomy(Build& build) {
    auto& db = build.project.db();
    auto lead = people::findPerson(db, kLead);
    if (!lead)
        return lead.error();
    const auto& leaves = demoLeaves();
    std::vector<std::int64_t> pilotRounds;
    for (int root = 0; root < kRootCount; ++root) {
        const auto& sample = build.samples[static_cast<std::size_t>(root)];
        auto round = roundId(build, sample.pilotRound);
        if (!round)
            return round.error();
        pilotRounds.push_back(*round);
        for (const auto& ref : sample.pilot) {
            const DemoPost& post = truthOf(build, ref);
            LabelContent content;
            if (post.truth == Truth::Leaf && post.root == root) {
                std::string code = leaves[static_cast<std::size_t>(post.leaf)].code;
                if (chance(build.engine, 25)) // spelled differently, grouped all the same
                    code[0] = static_cast<char>(code[0] - 'a' + 'A');
                content.code = code;
            } else {
                content.special = post.truth == Truth::Unclear && post.root == root
                                      ? Special::Unclear
                                      : Special::FalsePositive;
            }
            if (auto s = check(labels::saveLabel(db, {*round, ref.postId, std::nullopt}, content),
                               "pilot label");
                !s)
                return s;
        }
    }
    std::map<std::string, codebook::CategoryId> inner; // "root/inner" -> id
    std::vector<codebook::CategoryId> roots;
    for (int root = 0; root < kRootCount; ++root) {
        codebook::NewCategory spec;
        spec.name = rootName(root);
        spec.createdBy = *lead;
        spec.createdIn = "pilot";
        auto added = codebook::addCategory(db, spec);
        if (auto s = check(added, "root category"); !s)
            return s;
        roots.push_back(added->category.id);
    }
    build.leafIds.assign(leaves.size(), 0);
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        const DemoLeaf& leaf = leaves[i];
        const std::string key = std::string(rootName(leaf.root)) + "/" + leaf.inner;
        if (!inner.contains(key)) {
            codebook::NewCategory spec;
            spec.parentId = roots[static_cast<std::size_t>(leaf.root)];
            spec.name = leaf.inner;
            spec.createdBy = *lead;
            spec.createdIn = "pilot";
            auto added = codebook::addCategory(db, spec);
            if (auto s = check(added, "inner category"); !s)
                return s;
            inner[key] = added->category.id;
        }
        codebook::NewCategory spec;
        spec.parentId = inner[key];
        spec.name = leaf.name;
        spec.description = leaf.description;
        spec.createdBy = *lead;
        spec.createdIn = "pilot";
        const std::int64_t pilot = pilotRounds[static_cast<std::size_t>(leaf.root)];
        auto groups = labels::listCodes(db, pilot);
        if (!groups)
            return groups.error();
        const std::string key2 = labels::normalizeCode(leaf.code);
        const bool coded = std::any_of(groups->begin(), groups->end(),
                                       [&](const auto& group) { return group.key == key2; });
        if (coded) {
            auto change = labels::createCategoryFromCodes(db, pilot, spec, {leaf.code});
            if (auto s = check(change, std::string("leaf ") + leaf.name); !s)
                return s;
            build.leafIds[i] = change->category;
        } else {
            // No pilot post needed it: the lead adds it from the reliability posts' reading.
            spec.createdIn = "codebook";
            auto added = codebook::addCategory(db, spec);
            if (auto s = check(added, std::string("leaf ") + leaf.name); !s)
                return s;
            build.leafIds[i] = added->category.id;
        }
    }
    return {};
}

// One coder's reading of a post: mostly the careful answer, sometimes a slip that a
// second coder is unlikely to make the same way (a neighbouring leaf, Pending, Unclear).
LabelContent coderLabel(Build& build, const DemoPost& post, int root) {
    LabelContent content = truthLabel(build, post, root);
    if (chance(build.engine, 93))
        return content;
    const auto& leaves = demoLeaves();
    const int slip = pick(build.engine, 4);
    LabelContent other;
    if (slip <= 1) {
        int leaf = pick(build.engine, static_cast<int>(leaves.size()));
        while (leaves[static_cast<std::size_t>(leaf)].root != root)
            leaf = (leaf + 1) % static_cast<int>(leaves.size());
        other.categories = {build.leafIds[static_cast<std::size_t>(leaf)]};
        if (other.categories == content.categories) { // not a slip after all: unsure instead
            other.categories.clear();
            other.special = Special::Unclear;
        }
    } else if (slip == 2) {
        other.special = Special::Pending;
        other.suggestion = post.root == root ? "Deployment procedure" : "";
    } else {
        other.special =
            content.special == Special::Unclear ? Special::FalsePositive : Special::Unclear;
    }
    other.note = "not sure";
    return other;
}

// The sentence of a post's body that begins with `lead` ("" for the first), ending at
// its full stop or question mark: what a coder selects as the problem's statement.
std::string sentenceOf(const std::string& body, const std::string& lead) {
    const auto start = lead.empty() ? 0 : body.find(lead);
    if (start == std::string::npos)
        return {};
    const auto stop = body.find_first_of(".?\n", start + lead.size());
    if (stop == std::string::npos)
        return body.substr(start);
    return body.substr(start, stop - start + (body[stop] == '\n' ? 0 : 1));
}

// A coder's quotes for a label: on most labels with categories, the sentence stating the
// problem (Ann and, on every third post, Bo too) or the title (Bo), and the "Also:"
// sentence for a post's second leaf. Chosen by the post's place in the round, never drawn
// from the engine, so the labels, their agreement and every count are those the demo has
// without quotes. The passages are located in the post's own text (locatePassage), so
// their offsets are those the Coding page would store.
Result<std::vector<labels::Quote>> coderQuotes(Build& build, const DemoPost& post,
                                               std::int64_t postId, const LabelContent& label,
                                               bool bo, std::size_t place) {
    std::vector<labels::Quote> quotes;
    if (label.categories.empty() || place % 4 == 3 || (bo && place % 3 == 2))
        return quotes;
    auto loaded = corpus::loadPost(build.project.db(), postId);
    if (!loaded)
        return loaded.error();
    const auto parts = corpus::postParts(*loaded);
    const auto quote = [&](std::string_view text, codebook::CategoryId category) -> Status {
        if (text.empty())
            return {};
        auto passage = corpus::locatePassage(parts, text, 0.0);
        if (!passage)
            return passage.error();
        quotes.push_back(labels::quoteOfPassage(*passage, category));
        return {};
    };
    const std::string& body = parts.at(1).text; // title, then body (post_parts.h)
    const std::string& title = parts.at(0).text;
    auto first = label.categories.front();
    std::optional<codebook::CategoryId> second;
    if (post.secondLeaf >= 0) {
        const auto id = build.leafIds[static_cast<std::size_t>(post.secondLeaf)];
        if (std::find(label.categories.begin(), label.categories.end(), id) !=
            label.categories.end()) {
            second = id;
            if (first == id)
                first = label.categories.back();
        }
    }
    if (auto s = quote(bo && place % 3 == 1 ? title : sentenceOf(body, ""), first); !s)
        return s.error();
    if (second)
        if (auto s = quote(sentenceOf(body, "Also: "), *second); !s)
            return s.error();
    return quotes;
}

// The arbitrator's decision on a conflict: arbitration checks and writes it as it does
// for the Arbitration page, in one transaction, and the log records it as the demo's
// ("demo.decision").
// A decision with categories keeps the coders' quotes, each for its own category when the
// decision has it, else for the decision's first (the passage still states the problem).
Status recordDemoDecision(sql::Database& db, std::int64_t postId, std::int64_t arbitratorId,
                          const LabelContent& label, const std::string& rationale,
                          const std::vector<labels::KeptQuote>& offered) {
    return sql::inTransaction(db, [&]() -> Status {
        arbitration::DecisionContent content;
        content.categories = label.categories;
        content.special = label.special;
        content.rationale = rationale;
        for (auto kept : label.categories.empty() ? std::vector<labels::KeptQuote>() : offered) {
            if (!std::binary_search(label.categories.begin(), label.categories.end(),
                                    kept.quote.category))
                kept.quote.category = label.categories.front();
            if (std::find(content.quotes.begin(), content.quotes.end(), kept) ==
                content.quotes.end())
                content.quotes.push_back(std::move(kept));
        }
        if (auto decided = arbitration::writeDecision(db, postId, arbitratorId, content); !decided)
            return decided.error();
        return changelog::append(db, "demo.decision",
                                 {{"post", postId}, {"arbitrator", arbitratorId}});
    });
}

// The reliability rounds: Ann has labeled every post, Bo most of them; about half of
// the conflicts have been settled by the root's arbitrator, the rest are still open.
Status reliability(Build& build) {
    auto& db = build.project.db();
    auto ann = people::findPerson(db, kAnn);
    auto bo = people::findPerson(db, kBo);
    if (!ann || !bo)
        return makeError("demo: the coders are missing");
    std::set<std::int64_t> decided;
    for (int root = 0; root < kRootCount; ++root) {
        const auto& sample = build.samples[static_cast<std::size_t>(root)];
        if (sample.reliabilityRound.empty())
            continue;
        auto round = roundId(build, sample.reliabilityRound);
        if (!round)
            return round.error();
        auto arbitrator = people::findPerson(db, kArbitrators[root]);
        if (!arbitrator)
            return arbitrator.error();
        const std::size_t boStops = sample.reliability.size() * 9 / 10;
        for (std::size_t i = 0; i < sample.reliability.size(); ++i) {
            const auto& ref = sample.reliability[i];
            const DemoPost& post = truthOf(build, ref);
            LabelContent a = coderLabel(build, post, root);
            auto aQuotes = coderQuotes(build, post, ref.postId, a, false, i);
            if (!aQuotes)
                return makeError("demo: Ann's quotes: " + aQuotes.message());
            a.quotes = *aQuotes;
            if (auto s = check(labels::saveLabel(db, {*round, ref.postId, *ann}, a), "Ann's label");
                !s)
                return s;
            if (i >= boStops)
                continue;
            LabelContent b = coderLabel(build, post, root);
            auto bQuotes = coderQuotes(build, post, ref.postId, b, true, i);
            if (!bQuotes)
                return makeError("demo: Bo's quotes: " + bQuotes.message());
            b.quotes = *bQuotes;
            if (auto s = check(labels::saveLabel(db, {*round, ref.postId, *bo}, b), "Bo's label");
                !s)
                return s;
            const bool conflict = labels::agreementValue(a) != labels::agreementValue(b) ||
                                  a.special == Special::Pending;
            if (!conflict || decided.contains(ref.postId) || !chance(build.engine, 55))
                continue;
            const LabelContent decision = truthLabel(build, post, root);
            const std::string rationale =
                decision.special ? "The question is not answerable as asked; kept out of the "
                                   "taxonomy after reading the comments."
                                 : "The accepted answer and the comments show where the problem "
                                   "lies; the category fits its description.";
            std::vector<labels::KeptQuote> offered;
            for (const auto& [coder, label] : {std::pair(*ann, &a), std::pair(*bo, &b)})
                for (const auto& quote : label->quotes)
                    offered.push_back({quote, coder});
            if (auto s =
                    recordDemoDecision(db, ref.postId, *arbitrator, decision, rationale, offered);
                !s)
                return s;
            decided.insert(ref.postId);
            ++build.decisions;
        }
    }
    return {};
}

Result<DemoSummary> buildDemo(Project& project, std::uint64_t seed, const std::string& postsFile) {
    // The demo is made in one go and can be made again, so it need not wait for every
    // one of its hundreds of commits to reach the disk; user projects keep FULL.
    if (auto s = project.db().exec("PRAGMA synchronous = OFF"); !s)
        return s.error();
    std::mt19937_64 engine(seed);
    Build build{project, engine, {}, {}, {}, {}, 0, postsFile};
    for (auto* step : {&importPosts, &selectAndSample, &addPeople, &pilotAndTaxonomy, &reliability})
        if (auto s = step(build); !s)
            return s.error();
    if (auto s = project.db().exec("PRAGMA synchronous = FULL"); !s)
        return s.error();
    auto info = project.info();
    if (!info)
        return info.error();
    DemoSummary summary;
    summary.posts = info->counts.posts;
    summary.sets = info->counts.sets;
    for (const auto& sample : build.samples)
        summary.sampled +=
            static_cast<std::int64_t>(sample.pilot.size() + sample.reliability.size());
    auto sampledPosts = results::sampledPosts(project.db());
    if (!sampledPosts)
        return sampledPosts.error();
    summary.sampledPosts = static_cast<std::int64_t>(sampledPosts->size());
    summary.categories = info->counts.categories;
    summary.labels = info->counts.labels;
    summary.decisions = info->counts.decisions;
    return summary;
}

void removeProjectFiles(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ignored);
}

} // namespace

Result<DemoSummary> createDemoProject(const std::string& path, std::uint64_t seed) {
    std::error_code error;
    if (fs::exists(path, error))
        return makeError(path + " already exists; the demo is only written to a new file");
    // Built under a name of its own and put in place only when finished, so a demo killed
    // half-way never leaves a file at the asked-for name that opens as a valid project;
    // the generated posts go to a private temporary folder, not beside the project.
    const std::string building = path + ".building-" + newUuid();
    std::string scratch = (fs::temp_directory_path(error) / "taxo-demo-XXXXXX").string();
    if (error || ::mkdtemp(scratch.data()) == nullptr)
        return makeError("demo: cannot make a temporary folder for the generated posts");
    Result<DemoSummary> summary = makeError("demo: not built");
    {
        auto project = Project::create(building, "Deploying deep learning software (demo)");
        if (!project) {
            fs::remove_all(scratch, error);
            return project.error();
        }
        summary = buildDemo(*project, seed, scratch + "/demo-posts.jsonl");
    } // closed: its WAL is checkpointed into the file and removed
    fs::remove_all(scratch, error);
    if (!summary) {
        removeProjectFiles(building);
        return summary;
    }
    // Never over a file made at the name meanwhile, also where hard links do not exist.
    if (auto moved = files::moveWithoutReplacing(
            building, path, path + " already exists; the demo is only written to a new file");
        !moved) {
        removeProjectFiles(building);
        return makeError(path + ": cannot put the demo in place: " + moved.message());
    }
    return summary;
}

} // namespace taxo::demo
