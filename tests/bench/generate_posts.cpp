// Writes a synthetic Stack Exchange Posts.xml of a given size, for the import
// benchmark. The rows imitate the real dump: UTF-8 BOM, CRLF, two-space indent, the
// attribute order of the 2019-2024 dumps, HTML bodies with entity-escaped markup and
// code blocks, and either tag encoding. Deterministic for a given seed.
//
// generate_posts --bytes N [--tags old|new] [--seed S] [--dl-share 0.05] > Posts.xml

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

const char* const kDeepLearningTags[] = {
    "tensorflow",         "keras",           "pytorch",          "theano",          "caffe",
    "tensorflow-serving", "google-cloud-ml", "amazon-sagemaker", "tensorflow-lite", "coreml",
    "tensorflow.js"};
const char* const kOtherTags[] = {"python",
                                  "javascript",
                                  "java",
                                  "c#",
                                  "php",
                                  "android",
                                  "html",
                                  "jquery",
                                  "c++",
                                  "css",
                                  "ios",
                                  "mysql",
                                  "sql",
                                  "r",
                                  "node.js",
                                  "arrays",
                                  "c",
                                  "asp.net",
                                  "json",
                                  "ruby-on-rails",
                                  "python-3.x",
                                  "sql-server",
                                  "swift",
                                  "django",
                                  "angular",
                                  "objective-c",
                                  "excel",
                                  "pandas",
                                  "angularjs",
                                  "regex",
                                  "ruby",
                                  "iphone",
                                  "ajax",
                                  "linux",
                                  "xml",
                                  "vba",
                                  "spring",
                                  "asp.net-mvc",
                                  "database",
                                  "wordpress",
                                  "string",
                                  "flutter",
                                  "postgresql",
                                  "mongodb",
                                  "wpf",
                                  "windows",
                                  "amazon-web-services",
                                  "bash",
                                  "xcode",
                                  "numpy",
                                  "docker",
                                  "deployment",
                                  "server",
                                  "cloud"};
const char* const kWords[] = {
    "model",   "deploy",  "server",  "serving", "the",    "a",       "to",     "is",
    "how",     "I",       "with",    "error",   "when",   "using",   "cloud",  "mobile",
    "android", "browser", "request", "input",   "output", "tensor",  "layer",  "graph",
    "export",  "convert", "load",    "predict", "batch",  "shape",   "format", "version",
    "install", "build",   "run",     "file",    "data",   "network", "train",  "image"};

struct Options {
    std::uint64_t bytes = 1ull << 30;
    bool newTags = false;
    std::uint64_t seed = 20200101;
    double deepLearningShare = 0.05;
};

class Writer {
public:
    explicit Writer(const Options& options) : options_(options), rng_(options.seed) {}

    void run() {
        std::fputs("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<posts>\r\n", stdout);
        written_ = 60;
        std::int64_t id = 1;
        while (written_ < options_.bytes) {
            const std::int64_t questionId = id++;
            const int answers = static_cast<int>(rng_() % 4);
            const std::int64_t accepted =
                answers > 0 && rng_() % 2 == 0
                    ? questionId + 1 + static_cast<std::int64_t>(rng_() % answers)
                    : 0;
            writeQuestion(questionId, answers, accepted);
            for (int a = 0; a < answers; ++a)
                writeAnswer(id++, questionId);
        }
        std::fputs("</posts>", stdout);
    }

private:
    std::string sentence(int words) {
        std::string s;
        for (int i = 0; i < words; ++i) {
            if (i)
                s += ' ';
            s += kWords[rng_() % (sizeof kWords / sizeof *kWords)];
        }
        return s;
    }

    // A body as the dump stores it: HTML escaped into an attribute value.
    std::string body() {
        std::string b;
        const int paragraphs = 1 + static_cast<int>(rng_() % 4);
        for (int p = 0; p < paragraphs; ++p) {
            b += "&lt;p&gt;" + sentence(12 + static_cast<int>(rng_() % 30)) +
                 " &amp;amp; more.&lt;/p&gt;&#xA;&#xA;";
            if (rng_() % 3 == 0)
                b += "&lt;pre&gt;&lt;code&gt;import tensorflow as tf&#xA;model = "
                     "tf.keras.models.load_model(&quot;m.h5&quot;)&#xA;print(model.predict(x))&#xA;"
                     "&lt;/code&gt;&lt;/pre&gt;&#xA;&#xA;";
        }
        return b;
    }

    std::string date() {
        char text[40];
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d",
                      2008 + static_cast<int>(rng_() % 16), 1 + static_cast<int>(rng_() % 12),
                      1 + static_cast<int>(rng_() % 28), static_cast<int>(rng_() % 24),
                      static_cast<int>(rng_() % 60), static_cast<int>(rng_() % 60),
                      static_cast<int>(rng_() % 1000));
        return text;
    }

    std::string tags() {
        std::vector<std::string> chosen;
        const bool deepLearning =
            static_cast<double>(rng_() % 1000000) / 1e6 < options_.deepLearningShare;
        if (deepLearning)
            chosen.push_back(
                kDeepLearningTags[rng_() % (sizeof kDeepLearningTags / sizeof *kDeepLearningTags)]);
        const int count = 1 + static_cast<int>(rng_() % 4);
        for (int i = 0; i < count; ++i)
            chosen.push_back(kOtherTags[rng_() % (sizeof kOtherTags / sizeof *kOtherTags)]);
        std::string out = options_.newTags ? "|" : "";
        for (const auto& t : chosen)
            out += options_.newTags ? t + "|" : "&lt;" + t + "&gt;";
        return out;
    }

    void emit(const std::string& row) {
        std::fwrite(row.data(), 1, row.size(), stdout);
        written_ += row.size();
    }

    void writeQuestion(std::int64_t id, int answers, std::int64_t accepted) {
        std::string row = "  <row Id=\"" + std::to_string(id) + "\" PostTypeId=\"1\"";
        if (accepted)
            row += " AcceptedAnswerId=\"" + std::to_string(accepted) + "\"";
        row += " CreationDate=\"" + date() + "\" Score=\"" + std::to_string(rng_() % 50) +
               "\" ViewCount=\"" + std::to_string(rng_() % 100000) + "\" Body=\"" + body() + "\"";
        if (rng_() % 50)
            row += " OwnerUserId=\"" + std::to_string(1 + rng_() % 5000000) + "\"";
        else
            row += " OwnerDisplayName=\"user" + std::to_string(rng_() % 100000) + "\"";
        row += " LastActivityDate=\"" + date() + "\" Title=\"How to " + sentence(8) +
               "?\" Tags=\"" + tags() + "\" AnswerCount=\"" + std::to_string(answers) +
               "\" CommentCount=\"" + std::to_string(rng_() % 6) +
               "\" ContentLicense=\"CC BY-SA 4.0\" />\r\n";
        emit(row);
    }

    void writeAnswer(std::int64_t id, std::int64_t parent) {
        emit("  <row Id=\"" + std::to_string(id) + "\" PostTypeId=\"2\" ParentId=\"" +
             std::to_string(parent) + "\" CreationDate=\"" + date() + "\" Score=\"" +
             std::to_string(rng_() % 30) + "\" Body=\"" + body() + "\" OwnerUserId=\"" +
             std::to_string(1 + rng_() % 5000000) + "\" LastActivityDate=\"" + date() +
             "\" CommentCount=\"" + std::to_string(rng_() % 4) +
             "\" ContentLicense=\"CC BY-SA 4.0\" />\r\n");
    }

    Options options_;
    std::mt19937_64 rng_;
    std::uint64_t written_ = 0;
};

} // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "generate_posts: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--bytes")
            options.bytes = std::strtoull(next(), nullptr, 10);
        else if (arg == "--tags")
            options.newTags = std::strcmp(next(), "new") == 0;
        else if (arg == "--seed")
            options.seed = std::strtoull(next(), nullptr, 10);
        else if (arg == "--dl-share")
            options.deepLearningShare = std::strtod(next(), nullptr);
        else {
            std::fprintf(stderr, "usage: generate_posts --bytes N [--tags old|new] [--seed S] "
                                 "[--dl-share F] > Posts.xml\n");
            return 2;
        }
    }
    Writer(options).run();
    return 0;
}
