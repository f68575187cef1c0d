#include "core/util/safe_json.h"

#include "core/util/files.h"
#include "core/util/text_rules.h"

#include <filesystem>
#include <set>
#include <vector>

namespace taxo::exchange {
namespace {

using json = nlohmann::json;

// Checks limits while nlohmann's iterative SAX parser walks the text; keeps the path
// to the current value so a refusal can name it.
class LimitChecker : public nlohmann::json_sax<json> {
public:
    explicit LimitChecker(const JsonLimits& limits) : limits_(limits) {}

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t& text) override {
        if (text.size() > limits_.maxString)
            return refuse("a string of " + std::to_string(text.size()) +
                          " bytes, more than the limit of " + std::to_string(limits_.maxString));
        if (!allowedText(text))
            return false;
        return value();
    }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(false); }
    bool key(string_t& text) override {
        if (text.size() > limits_.maxString)
            return refuse("a key of " + std::to_string(text.size()) + " bytes");
        frames_.back().key = text;
        if (!allowedText(text))
            return false;
        // nlohmann keeps the last of two equal keys; a document saying two things
        // about one field is refused instead of read one way in silence.
        if (!frames_.back().keys.insert(text).second)
            return refuse("the key \"" + text + "\" appears twice in one object");
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        if (error_.empty())
            error_ = "not valid JSON at byte " + std::to_string(position) + " (" +
                     std::string(ex.what()) + ")";
        return false;
    }

    const std::string& error() const { return error_; }

private:
    struct Frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::set<std::string> keys; // of an object, to refuse a duplicate
    };

    // The storing rule of util/text_rules.h, the same for every reader.
    bool allowedText(const std::string& text) {
        if (const auto at = findForbiddenControl(text))
            return refuse(describeControl(static_cast<unsigned char>(text[*at])) +
                          " (only tab and line breaks are allowed in text)");
        return true;
    }

    std::string pointer() const {
        std::string text;
        for (const auto& frame : frames_)
            text += "/" + (frame.array ? std::to_string(frame.index) : pointerToken(frame.key));
        return text.empty() ? "/" : text;
    }
    bool refuse(const std::string& what) {
        error_ = "at " + pointer() + ": " + what;
        return false;
    }
    // A finished value moves its array's index on.
    bool value() {
        if (!frames_.empty() && frames_.back().array)
            ++frames_.back().index;
        return true;
    }
    bool open(bool array) {
        if (frames_.size() >= limits_.maxDepth)
            return refuse("nested deeper than " + std::to_string(limits_.maxDepth) + " levels");
        Frame frame;
        frame.array = array;
        frames_.push_back(std::move(frame));
        return true;
    }
    bool close() {
        frames_.pop_back();
        return value();
    }

    JsonLimits limits_;
    std::vector<Frame> frames_;
    std::string error_;
};

} // namespace

std::string pointerToken(std::string_view key) {
    std::string token;
    for (const char c : key) {
        if (c == '~')
            token += "~0";
        else if (c == '/')
            token += "~1";
        else
            token += c;
    }
    return token;
}

Result<json> parseBounded(std::string_view text, const std::string& where,
                          const JsonLimits& limits) {
    if (text.size() > limits.maxDocument)
        return makeError(where + ": the document is larger than " +
                         std::to_string(limits.maxDocument) + " bytes");
    LimitChecker checker(limits);
    bool passed = false;
    try {
        passed = json::sax_parse(text, &checker);
    } catch (const std::exception& ex) {
        return makeError(where + ": " + ex.what());
    }
    if (!passed)
        return makeError(
            where + ": " +
            (checker.error().empty() ? std::string("not valid JSON") : checker.error()));
    try {
        return json::parse(text);
    } catch (const json::exception& ex) {
        return makeError(where + ": not valid JSON (" + ex.what() + ")");
    }
}

Result<json> readBoundedFile(const std::string& path, const JsonLimits& limits) {
    std::error_code code;
    const auto size = std::filesystem::file_size(path, code);
    if (code)
        return makeError(path + ": cannot read: " + code.message());
    if (size > limits.maxDocument)
        return makeError(path + ": the document is larger than " +
                         std::to_string(limits.maxDocument) + " bytes");
    auto text = files::readAll(path);
    if (!text)
        return text.error();
    return parseBounded(*text, path, limits);
}

} // namespace taxo::exchange
