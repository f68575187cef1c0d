// Writes a project of N generated questions for the search benchmark: titles,
// HTML bodies with code and tags shaped like Stack Overflow's, written through the
// import's own writer (corpus::PostWriter) in one transaction, so the search index is
// the one an import builds. Deterministic for a given seed.
//
// Two words are planted at known rates so that searches have a fixed shape at any
// size: "wallet" in about 24 % of the questions (as on the 2.8-million-question
// project where searching was slow) and "keystore" in about 1 in 10,000. No question
// contains "zyzzyva". A coding round of --round posts (default 2,000) spread over the
// corpus lets the Coding page's search be measured too.
//
// generate_project --posts N --out FILE.taxo [--seed S] [--round N]

#include "core/corpus/post_writer.h"
#include "core/project/project.h"
#include "core/store/sqlite.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

const char* const kWords[] = {
    "the",      "a",       "to",       "is",       "how",     "I",           "with",      "error",
    "when",     "using",   "in",       "of",       "and",     "for",         "not",       "my",
    "this",     "it",      "on",       "from",     "can",     "but",         "get",       "value",
    "file",     "data",    "function", "list",     "string",  "array",       "object",    "class",
    "method",   "return",  "null",     "type",     "call",    "page",        "server",    "request",
    "response", "client",  "user",     "table",    "query",   "database",    "index",     "column",
    "row",      "image",   "button",   "click",    "event",   "form",        "input",     "output",
    "text",     "number",  "date",     "time",     "loop",    "variable",    "working",   "works",
    "change",   "update",  "build",    "run",      "install", "version",     "package",   "module",
    "import",   "export",  "load",     "save",     "read",    "write",       "parse",     "json",
    "xml",      "api",     "http",     "url",      "thread",  "memory",      "exception", "crash",
    "test",     "debug",   "log",      "print",    "config",  "path",        "folder",    "window",
    "view",     "layout",  "style",    "script",   "command", "shell",       "process",   "service",
    "token",    "login",   "password", "account",  "payment", "transaction", "balance",   "address",
    "key",      "network", "node",     "contract", "send",    "receive",     "sign"};

const char* const kTags[] = {
    "javascript",  "python",     "java",        "c#",        "php",
    "android",     "html",       "jquery",      "c++",       "css",
    "ios",         "mysql",      "sql",         "r",         "node.js",
    "arrays",      "c",          "asp.net",     "json",      "ruby-on-rails",
    "python-3.x",  "sql-server", "swift",       "django",    "angular",
    "objective-c", "excel",      "pandas",      "angularjs", "regex",
    "ruby",        "iphone",     "ajax",        "linux",     "xml",
    "vba",         "spring",     "asp.net-mvc", "database",  "wordpress",
    "string",      "flutter",    "postgresql",  "mongodb",   "wpf",
    "windows",     "ethereum",   "blockchain",  "solidity",  "web3js",
    "bitcoin",     "docker",     "bash",        "numpy"};

constexpr std::size_t kWordCount = sizeof kWords / sizeof *kWords;
constexpr std::size_t kTagCount = sizeof kTags / sizeof *kTags;

struct Options {
    std::int64_t posts = 100'000;
    std::string out;
    std::uint64_t seed = 20261208;
    int round = 2'000;
};

void require(bool ok, const std::string& what, const std::string& message = {}) {
    if (!ok) {
        std::fprintf(stderr, "generate_project: %s failed %s\n", what.c_str(), message.c_str());
        std::exit(1);
    }
}

class Generator {
public:
    explicit Generator(std::uint64_t seed) : rng_(seed) {}

    // Common words far more often than rare ones, as in real text; one word in
    // eight comes from a long tail of 50,000 made-up identifiers, so the index has
    // the many distinct terms a real corpus has.
    std::string word() {
        if (rng_() % 8 == 0)
            return "id" + std::to_string(tail_(rng_));
        const double u = unit_(rng_);
        return kWords[static_cast<std::size_t>(u * u * static_cast<double>(kWordCount))];
    }

    std::string sentence(int words) {
        std::string s;
        for (int i = 0; i < words; ++i) {
            if (i)
                s += ' ';
            s += word();
        }
        return s;
    }

    bool chance(double p) { return unit_(rng_) < p; }
    std::uint64_t next() { return rng_(); }

    // A question's text with the planted words: "wallet" in the title or the body
    // of 24 %, "keystore" in the body of 0.01 %.
    void question(std::string& title, std::string& body) {
        const bool wallet = chance(0.24);
        const bool walletInTitle = wallet && chance(0.5);
        title = "How to " + sentence(5 + static_cast<int>(rng_() % 6)) +
                (walletInTitle ? " wallet" : "") + "?";
        body.clear();
        const int paragraphs = 1 + static_cast<int>(rng_() % 3);
        for (int p = 0; p < paragraphs; ++p) {
            body += "<p>" + sentence(10 + static_cast<int>(rng_() % 20));
            if (p == 0 && wallet && !walletInTitle)
                body += " wallet";
            if (p == 0 && chance(0.0001))
                body += " keystore";
            body += ".</p>\n";
            if (rng_() % 3 == 0)
                body += "<pre><code>const value = load(\"" + word() +
                        "\");\nprint(value)\n"
                        "</code></pre>\n";
        }
    }

    std::vector<std::string> tags() {
        std::vector<std::string> chosen;
        const int count = 1 + static_cast<int>(rng_() % 4);
        for (int i = 0; i < count; ++i) {
            std::string tag = kTags[rng_() % kTagCount];
            bool seen = false;
            for (const auto& t : chosen)
                seen = seen || t == tag;
            if (!seen)
                chosen.push_back(std::move(tag));
        }
        return chosen;
    }

    std::string date() {
        char text[40];
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.000",
                      2008 + static_cast<int>(rng_() % 16), 1 + static_cast<int>(rng_() % 12),
                      1 + static_cast<int>(rng_() % 28), static_cast<int>(rng_() % 24),
                      static_cast<int>(rng_() % 60), static_cast<int>(rng_() % 60));
        return text;
    }

private:
    std::mt19937_64 rng_;
    std::uniform_real_distribution<double> unit_{0.0, 1.0};
    std::uniform_int_distribution<int> tail_{1, 50'000};
};

void addRound(taxo::sql::Database& db, std::int64_t posts, int size) {
    if (size <= 0)
        return;
    require(db.exec("INSERT INTO people(id, name, created) VALUES (1, 'Ann', 't'), "
                    "(2, 'Bo', 't');"
                    "INSERT INTO rounds(id, name, kind, created) VALUES "
                    "(1, 'reliability', 'reliability', 't');"
                    "INSERT INTO round_coders VALUES (1, 1), (1, 2);")
                .ok(),
            "round");
    auto item = db.prepare("INSERT INTO round_items VALUES (1, ?, ?)");
    require(item.ok(), "prepare item");
    const std::int64_t step = std::max<std::int64_t>(1, posts / size);
    for (int i = 0; i < size && 1 + i * step <= posts; ++i)
        require(item->bind(1, std::int64_t{1} + i * step).bind(2, std::int64_t{i}).run().ok(),
                "item");
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "generate_project: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--posts")
            options.posts = std::strtoll(next(), nullptr, 10);
        else if (arg == "--out")
            options.out = next();
        else if (arg == "--seed")
            options.seed = std::strtoull(next(), nullptr, 10);
        else if (arg == "--round")
            options.round = std::atoi(next());
        else
            options.out.clear(), i = argc;
    }
    if (options.out.empty() || options.posts <= 0) {
        std::fprintf(stderr, "usage: generate_project --posts N --out FILE.taxo [--seed S] "
                             "[--round N]\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    auto project = taxo::Project::create(options.out, "Search benchmark");
    require(project.ok(), "create", project.ok() ? "" : project.message());
    auto& db = project->db();
    // A generated file: a crash while writing it only means generating it again.
    require(db.exec("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144").ok(), "pragmas");
    taxo::sql::Transaction transaction(db);
    require(transaction.begun().ok(), "begin");
    auto writer = taxo::corpus::PostWriter::create(db, std::nullopt);
    require(writer.ok(), "writer", writer.ok() ? "" : writer.message());

    Generator generate(options.seed);
    std::string title, body;
    for (std::int64_t id = 1; id <= options.posts; ++id) {
        generate.question(title, body);
        const std::string sourceId = std::to_string(id);
        const std::string created = generate.date();
        const std::string owner = std::to_string(1 + generate.next() % 5'000'000);
        taxo::corpus::QuestionRecord question;
        question.source = "stackoverflow";
        question.sourceId = sourceId;
        question.title = title;
        question.body = body;
        question.tags = generate.tags();
        question.created = created;
        question.ownerUserId = owner;
        question.score = static_cast<std::int64_t>(generate.next() % 50);
        question.viewCount = static_cast<std::int64_t>(generate.next() % 100'000);
        question.answerCount = static_cast<std::int64_t>(generate.next() % 4);
        auto added = writer->addQuestion(question);
        require(added.ok(), "question", added.ok() ? "" : added.message());
        if (id % 500'000 == 0)
            std::fprintf(stderr, "%lld questions\n", static_cast<long long>(id));
    }
    require(writer->finish().ok(), "finish");
    addRound(db, options.posts, options.round);
    require(transaction.commit().ok(), "commit");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%lld questions written to %s in %.1f s\n", static_cast<long long>(options.posts),
                options.out.c_str(), seconds);
    return 0;
}
