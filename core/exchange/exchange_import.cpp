// Import of the exchange document into an empty project. Validation and inserts run
// together inside one transaction: the first fault throws a Fault naming its JSON
// pointer, the transaction rolls back on the way out, and the project is as before.

#include "core/arbitration/decision_quotes.h"
#include "core/exchange/exchange.h"
#include "core/labels/quotes.h"
#include "core/rounds/rounds.h"
#include "core/store/change_log.h"
#include "core/store/statements.h"
#include "core/text/html_text.h"
#include "core/util/ids.h"
#include "core/util/safe_json.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace taxo::exchange {
namespace {

using json = nlohmann::json;
namespace lb = taxo::labels;

struct Fault {
    std::string pointer;
    std::string message;
};

[[noreturn]] void fault(const std::string& pointer, const std::string& message) {
    throw Fault{pointer, message};
}

std::string at(const std::string& pointer, const std::string& key) {
    return pointer + "/" + pointerToken(key);
}

std::string at(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

void requireObject(const json& value, const std::string& pointer) {
    if (!value.is_object())
        fault(pointer, "expected an object");
}

const json& member(const json& object, const std::string& pointer, const char* key) {
    const auto found = object.find(key);
    if (found == object.end())
        fault(at(pointer, key), "missing");
    return *found;
}

std::string text(const json& object, const std::string& pointer, const char* key) {
    const auto& value = member(object, pointer, key);
    if (!value.is_string())
        fault(at(pointer, key), "expected a string");
    return value.get<std::string>();
}

// Missing and null both mean "no value".
std::optional<std::string> optionalText(const json& object, const std::string& pointer,
                                        const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return std::nullopt;
    if (!found->is_string())
        fault(at(pointer, key), "expected a string or null");
    return found->get<std::string>();
}

std::string textOr(const json& object, const std::string& pointer, const char* key,
                   const std::string& fallback) {
    return optionalText(object, pointer, key).value_or(fallback);
}

std::optional<std::int64_t> optionalInt(const json& object, const std::string& pointer,
                                        const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return std::nullopt;
    if (!found->is_number_integer())
        fault(at(pointer, key), "expected a whole number or null");
    return found->get<std::int64_t>();
}

std::optional<double> optionalReal(const json& object, const std::string& pointer,
                                   const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return std::nullopt;
    if (!found->is_number())
        fault(at(pointer, key), "expected a number or null");
    return found->get<double>();
}

const json& array(const json& object, const std::string& pointer, const char* key) {
    static const json empty = json::array();
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return empty;
    if (!found->is_array())
        fault(at(pointer, key), "expected an array");
    return *found;
}

std::string stringAt(const json& list, const std::string& pointer, std::size_t index) {
    if (!list[index].is_string())
        fault(at(pointer, index), "expected a string");
    return list[index].get<std::string>();
}

// A set's or an arbitrator's root: ["Server/Cloud"] or "Server/Cloud".
std::string rootName(const json& value, const std::string& pointer) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_array() && value.size() == 1 && value[0].is_string())
        return value[0].get<std::string>();
    fault(pointer, "expected a root as a one-name path such as [\"Server/Cloud\"]");
}

class Importer {
public:
    Importer(sql::Database& db, std::string now) : db_(db), now_(std::move(now)) {}

    ImportCounts run(const json& document) {
        requireObject(document, "");
        const auto& format = member(document, "", "format");
        if (format != kFormat)
            fault("/format", "expected \"taxonomist\"");
        const auto& version = member(document, "", "version");
        if (!version.is_number_integer() || version.get<std::int64_t>() < 1 ||
            version.get<std::int64_t>() > kVersion)
            fault("/version", "this build reads versions 1 and 2 only");
        version_ = version.get<std::int64_t>();
        const auto& project = member(document, "", "project");
        requireObject(project, "/project");
        const auto id = text(project, "/project", "id");
        if (id.empty())
            fault("/project/id", "empty");
        exec("UPDATE meta SET value = ? WHERE key = 'project_id'", "/project/id", id);
        exec("UPDATE meta SET value = ? WHERE key = 'title'", "/project/title",
             text(project, "/project", "title"));
        exec("INSERT INTO imports(source, fingerprint, started) VALUES ('exchange', ?, ?)", "",
             "exchange:" + id, now_);
        importId_ = db_.lastInsertRowId();

        items(array(document, "", "items"));
        people(array(document, "", "people"));
        const auto& taxonomy = array(document, "", "taxonomy");
        for (std::size_t i = 0; i < taxonomy.size(); ++i)
            category(taxonomy[i], at("/taxonomy", i), std::nullopt, {}, i);
        roles(array(document, "", "people"));
        sets(array(document, "", "sets"));
        samples(array(document, "", "samples"));
        rounds(array(document, "", "rounds"));
        labels(array(document, "", "labels"));
        decisions(array(document, "", "decisions"));
        return counts_;
    }

private:
    template <typename... Args>
    void exec(std::string_view query, const std::string& pointer, const Args&... args) {
        if (auto status = sql::runBound(db_, query, args...); !status)
            fault(pointer, status.message());
    }

    std::int64_t itemRef(const json& value, const std::string& pointer) {
        if (!value.is_string())
            fault(pointer, "expected an item id string");
        const auto found = items_.find(value.get<std::string>());
        if (found == items_.end())
            fault(pointer, "unknown item \"" + value.get<std::string>() + "\"");
        return found->second;
    }

    std::int64_t personRef(const json& value, const std::string& pointer) {
        if (!value.is_string())
            fault(pointer, "expected a person's name");
        const auto found = people_.find(value.get<std::string>());
        if (found == people_.end())
            fault(pointer, "unknown person \"" + value.get<std::string>() + "\"");
        return found->second;
    }

    // A path array of names, or a category's id string.
    std::int64_t categoryRef(const json& value, const std::string& pointer) {
        if (value.is_string()) {
            const auto found = uids_.find(value.get<std::string>());
            if (found == uids_.end())
                fault(pointer, "unknown category id \"" + value.get<std::string>() + "\"");
            return found->second;
        }
        if (!value.is_array() || value.empty())
            fault(pointer, "expected a category path (an array of names) or a category id");
        std::vector<std::string> path;
        std::string shown;
        for (std::size_t i = 0; i < value.size(); ++i) {
            path.push_back(stringAt(value, pointer, i));
            shown += (i ? " > " : "") + path.back();
        }
        const auto found = paths_.find(path);
        if (found == paths_.end())
            fault(pointer, "unknown category path " + shown);
        return found->second;
    }

    void items(const json& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/items", i);
            const auto& item = list[i];
            requireObject(item, p);
            const auto id = text(item, p, "id");
            if (items_.count(id))
                fault(at(p, "id"), "duplicate item \"" + id + "\"");
            const auto body = textOr(item, p, "body", "");
            const auto title = textOr(item, p, "title", "");
            exec("INSERT INTO posts(source, source_id, title, body, created, owner_user_id, "
                 "owner_display_name, score, view_count, answer_count, comment_count, "
                 "closed_date, accepted_answer_source_id, accepted_answer_created, import_id) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 p, text(item, p, "source"), text(item, p, "source_id"), title, body,
                 optionalText(item, p, "created"), optionalText(item, p, "author"),
                 optionalText(item, p, "author_name"), optionalInt(item, p, "score"),
                 optionalInt(item, p, "view_count"), optionalInt(item, p, "answer_count"),
                 optionalInt(item, p, "comment_count"), optionalText(item, p, "closed"),
                 optionalText(item, p, "accepted_answer_id"),
                 optionalText(item, p, "accepted_answer_created"), importId_);
            const auto post = db_.lastInsertRowId();
            items_[id] = post;
            const auto& tags = array(item, p, "tags");
            std::string joined;
            for (std::size_t t = 0; t < tags.size(); ++t) {
                const auto tag = stringAt(tags, at(p, "tags"), t);
                exec("INSERT INTO post_tags(post_id, tag, position) VALUES (?, ?, ?)",
                     at(at(p, "tags"), t), post, tag, static_cast<std::int64_t>(t));
                joined += (t ? " " : "") + tag;
            }
            exec("INSERT INTO posts_fts(rowid, title, body_text, tags) VALUES (?, ?, ?, ?)", p,
                 post, title, text::htmlToText(body), joined);
            std::map<std::string, std::int64_t> answers;
            const auto& answerList = array(item, p, "answers");
            for (std::size_t a = 0; a < answerList.size(); ++a) {
                const auto ap = at(at(p, "answers"), a);
                const auto& answer = answerList[a];
                requireObject(answer, ap);
                const auto answerId = text(answer, ap, "id");
                const auto accepted = answer.find("accepted");
                if (accepted != answer.end() && !accepted->is_boolean() && !accepted->is_null())
                    fault(at(ap, "accepted"), "expected true or false");
                exec("INSERT INTO answers(post_id, source_id, body, created, score, "
                     "owner_user_id, owner_display_name, accepted) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     ap, post, answerId, textOr(answer, ap, "body", ""),
                     optionalText(answer, ap, "created"), optionalInt(answer, ap, "score"),
                     optionalText(answer, ap, "author"), optionalText(answer, ap, "author_name"),
                     std::int64_t{accepted != answer.end() && *accepted == true});
                answers[answerId] = db_.lastInsertRowId();
            }
            const auto& comments = array(item, p, "comments");
            for (std::size_t c = 0; c < comments.size(); ++c) {
                const auto cp = at(at(p, "comments"), c);
                const auto& comment = comments[c];
                requireObject(comment, cp);
                std::optional<std::int64_t> answer;
                if (const auto onAnswer = optionalText(comment, cp, "answer")) {
                    const auto found = answers.find(*onAnswer);
                    if (found == answers.end())
                        fault(at(cp, "answer"), "no answer \"" + *onAnswer + "\" in this item");
                    answer = found->second;
                }
                // A comment without an id gets its place in the list, so it stays unique.
                const auto commentId = textOr(comment, cp, "id", "#" + std::to_string(c));
                exec("INSERT INTO comments(post_id, answer_id, source_id, text, created, score, "
                     "author, author_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     cp, post, answer, commentId, textOr(comment, cp, "text", ""),
                     optionalText(comment, cp, "created"), optionalInt(comment, cp, "score"),
                     optionalText(comment, cp, "author_name"), optionalText(comment, cp, "author"));
            }
            ++counts_.items;
        }
    }

    void people(const json& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/people", i);
            requireObject(list[i], p);
            const auto name = text(list[i], p, "name");
            if (name.empty() || people_.count(name))
                fault(at(p, "name"), name.empty() ? "empty name" : "duplicate person " + name);
            exec("INSERT INTO people(name, created) VALUES (?, ?)", p, name,
                 textOr(list[i], p, "created", now_));
            people_[name] = db_.lastInsertRowId();
            ++counts_.people;
        }
    }

    void category(const json& node, const std::string& p, std::optional<std::int64_t> parent,
                  std::vector<std::string> path, std::size_t position) {
        requireObject(node, p);
        const auto name = text(node, p, "name");
        if (name.empty())
            fault(at(p, "name"), "empty name");
        path.push_back(name);
        if (paths_.count(path))
            fault(at(p, "name"), "two categories of the same name under one parent");
        const auto uid = textOr(node, p, "id", newUuid());
        if (uids_.count(uid))
            fault(at(p, "id"), "duplicate category id \"" + uid + "\"");
        std::optional<std::int64_t> createdBy;
        if (const auto person = optionalText(node, p, "created_by"))
            createdBy = personRef(json(*person), at(p, "created_by"));
        exec("INSERT INTO categories(uid, parent_id, name, description, position, created, "
             "created_by, created_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             p, uid, parent, name, textOr(node, p, "description", ""),
             static_cast<std::int64_t>(position), textOr(node, p, "created", now_), createdBy,
             textOr(node, p, "created_in", "import"));
        const auto id = db_.lastInsertRowId();
        paths_[path] = id;
        uids_[uid] = id;
        ++counts_.categories;
        const auto& examples = array(node, p, "examples");
        for (std::size_t e = 0; e < examples.size(); ++e)
            exec("INSERT INTO category_examples(category_id, post_id) VALUES (?, ?)",
                 at(at(p, "examples"), e), id, itemRef(examples[e], at(at(p, "examples"), e)));
        const auto& children = array(node, p, "children");
        for (std::size_t c = 0; c < children.size(); ++c)
            category(children[c], at(at(p, "children"), c), id, path, c);
    }

    void roles(const json& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/people", i);
            const auto person = people_.at(text(list[i], p, "name"));
            const auto& roleList = array(list[i], p, "roles");
            const auto& roots = array(list[i], p, "roots");
            bool arbitrator = false;
            for (std::size_t r = 0; r < roleList.size(); ++r) {
                const auto role = stringAt(roleList, at(p, "roles"), r);
                if (role != "lead" && role != "coder" && role != "arbitrator")
                    fault(at(at(p, "roles"), r), "expected lead, coder or arbitrator");
                if (role == "arbitrator") {
                    arbitrator = true;
                    if (!roots.empty())
                        continue; // one row per root below
                }
                exec("INSERT INTO person_roles(person_id, role) VALUES (?, ?)",
                     at(at(p, "roles"), r), person, role);
            }
            if (!roots.empty() && !arbitrator)
                fault(at(p, "roots"), "roots are for an arbitrator; add \"arbitrator\" to roles");
            for (std::size_t r = 0; r < roots.size(); ++r) {
                const auto rp = at(at(p, "roots"), r);
                const auto root = rootName(roots[r], rp);
                std::optional<std::int64_t> rootId;
                if (const auto found = paths_.find({root}); found != paths_.end())
                    rootId = found->second;
                exec("INSERT INTO person_roles(person_id, role, root_category_id, root_name) "
                     "VALUES (?, 'arbitrator', ?, ?)",
                     rp, person, rootId, root);
            }
        }
    }

    void sets(const json& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/sets", i);
            requireObject(list[i], p);
            const auto name = text(list[i], p, "name");
            const auto rules = list[i].contains("rules") ? list[i]["rules"] : json::object();
            exec("INSERT INTO sets(name, root_name, rules, created) VALUES (?, ?, ?, ?)", p, name,
                 rootName(member(list[i], p, "root"), at(p, "root")), rules.dump(),
                 textOr(list[i], p, "created", now_));
            const auto set = db_.lastInsertRowId();
            sets_[name] = set;
            const auto& members = array(list[i], p, "items");
            for (std::size_t m = 0; m < members.size(); ++m) {
                const auto mp = at(at(p, "items"), m);
                exec("INSERT INTO set_members(set_id, post_id) VALUES (?, ?)", mp, set,
                     itemRef(members[m], mp));
            }
            const auto& counts = array(list[i], p, "clause_counts");
            for (std::size_t k = 0; k < counts.size(); ++k) {
                const auto cp = at(at(p, "clause_counts"), k);
                requireObject(counts[k], cp);
                const auto matched = optionalInt(counts[k], cp, "matched");
                const auto cumulative = optionalInt(counts[k], cp, "cumulative");
                if (!matched || !cumulative || *matched < 0 || *cumulative < 0)
                    fault(cp, "expected {\"matched\": N, \"cumulative\": N} with whole numbers");
                exec("INSERT INTO set_clause_counts(set_id, position, matched, cumulative) VALUES "
                     "(?, ?, ?, ?)",
                     cp, set, static_cast<std::int64_t>(k), *matched, *cumulative);
            }
            ++counts_.sets;
        }
    }

    void samples(const json& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/samples", i);
            requireObject(list[i], p);
            const auto setName = text(list[i], p, "set");
            const auto set = sets_.find(setName);
            if (set == sets_.end())
                fault(at(p, "set"), "unknown set \"" + setName + "\"");
            const auto& members = array(list[i], p, "items");
            const auto leftOut = optionalInt(list[i], p, "left_out").value_or(0);
            if (leftOut < 0)
                fault(at(p, "left_out"), "a number of posts cannot be negative");
            exec(
                "INSERT INTO samples(set_id, seed, size, method, pilot_fraction, created, "
                "population, confidence, margin, proportion, rounding, left_out) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p, set->second, text(list[i], p, "seed"),
                optionalInt(list[i], p, "size").value_or(static_cast<std::int64_t>(members.size())),
                textOr(list[i], p, "method", "size"),
                optionalReal(list[i], p, "pilot_fraction").value_or(0.3),
                textOr(list[i], p, "created", now_), optionalInt(list[i], p, "population"),
                optionalReal(list[i], p, "confidence"), optionalReal(list[i], p, "margin"),
                optionalReal(list[i], p, "proportion"), optionalText(list[i], p, "rounding"),
                leftOut);
            const auto sample = db_.lastInsertRowId();
            samples_.push_back(sample);
            for (std::size_t m = 0; m < members.size(); ++m) {
                const auto mp = at(at(p, "items"), m);
                exec("INSERT INTO sample_members(sample_id, position, post_id) VALUES (?, ?, ?)",
                     mp, sample, static_cast<std::int64_t>(m), itemRef(members[m], mp));
            }
        }
    }

    void rounds(const json& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/rounds", i);
            requireObject(list[i], p);
            const auto name = text(list[i], p, "name");
            std::optional<std::int64_t> sample;
            if (const auto index = optionalInt(list[i], p, "sample")) {
                if (*index < 0 || static_cast<std::size_t>(*index) >= samples_.size())
                    fault(at(p, "sample"), "no sample at this place in /samples");
                sample = samples_[static_cast<std::size_t>(*index)];
            }
            // A calibration round names the pilot round it was drawn from, which comes
            // before it in /rounds; no other round names one.
            const auto kind = text(list[i], p, "kind");
            const auto parsed = rounds::parseKind(kind); // any other text the table refuses
            const bool calibration = parsed && *parsed == rounds::RoundKind::Calibration;
            std::optional<std::int64_t> pilot;
            if (const auto pilotName = optionalText(list[i], p, "pilot")) {
                if (!calibration)
                    fault(at(p, "pilot"), "only a calibration round names a pilot round");
                const auto found = rounds_.find(*pilotName);
                if (found == rounds_.end() || found->second.kind != rounds::RoundKind::Pilot)
                    fault(at(p, "pilot"),
                          "no pilot round named '" + *pilotName + "' before this round");
                pilot = found->second.id;
            } else if (calibration) {
                fault(p, "a calibration round names its pilot round (\"pilot\")");
            }
            exec("INSERT INTO rounds(name, kind, sample_id, state, created, pilot_round_id) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 p, name, kind, sample, textOr(list[i], p, "state", "open"),
                 textOr(list[i], p, "created", now_), pilot);
            auto& round = rounds_[name];
            round.id = db_.lastInsertRowId();
            if (parsed)
                round.kind = *parsed;
            const auto& coders = array(list[i], p, "coders");
            // The rules of rounds::assignCoders: a reliability round is measured among
            // two or more coders, a screening round between exactly two, so no other
            // number (nobody yet is fine) can be taken in without its labels being
            // counted one way by the results and another by arbitration.
            if (parsed && *parsed == rounds::RoundKind::Reliability && coders.size() == 1)
                fault(at(p, "coders"), "a reliability round has two or more coders, not one");
            if (parsed && *parsed == rounds::RoundKind::Screening && !coders.empty() &&
                coders.size() != 2)
                fault(at(p, "coders"),
                      "a screening round has two coders, not " + std::to_string(coders.size()));
            for (std::size_t c = 0; c < coders.size(); ++c) {
                const auto cp = at(at(p, "coders"), c);
                const auto person = personRef(coders[c], cp);
                exec("INSERT INTO round_coders(round_id, person_id) VALUES (?, ?)", cp, round.id,
                     person);
                round.coders.insert(person);
            }
            const auto& members = array(list[i], p, "items");
            for (std::size_t m = 0; m < members.size(); ++m) {
                const auto mp = at(at(p, "items"), m);
                const auto post = itemRef(members[m], mp);
                exec("INSERT INTO round_items(round_id, post_id, position) VALUES (?, ?, ?)", mp,
                     round.id, post, static_cast<std::int64_t>(m));
                round.items.insert(post);
            }
            ++counts_.rounds;
        }
    }

    // special and categories of a label or a decision; returns the category ids.
    std::vector<std::int64_t> verdict(const json& record, const std::string& p,
                                      std::optional<std::string>& special) {
        special = optionalText(record, p, "special");
        if (special && *special != "false_positive" && *special != "unclear" &&
            *special != "pending")
            fault(at(p, "special"), "expected null, false_positive, unclear or pending");
        const auto& list = array(record, p, "categories");
        if (special && !list.empty())
            fault(at(p, "categories"), "a label is either special or categorized, not both");
        std::vector<std::int64_t> ids;
        for (std::size_t c = 0; c < list.size(); ++c) {
            const auto id = categoryRef(list[c], at(at(p, "categories"), c));
            if (std::find(ids.begin(), ids.end(), id) != ids.end())
                fault(at(at(p, "categories"), c), "the same category twice");
            ids.push_back(id);
        }
        return ids;
    }

    // A label's or a decision's "quotes" (version 2): each names one of the record's
    // categories, a part the post has, and its text of exactly end - start code points.
    // Version 1 has none; a version 1 document that carries them is refused rather than
    // read without them.
    std::vector<lb::KeptQuote> quotes(const json& record, const std::string& p, std::int64_t post,
                                      const std::vector<std::int64_t>& categories, bool kept) {
        std::vector<lb::KeptQuote> result;
        const auto found = record.find("quotes");
        if (found == record.end() || (version_ < 2 && found->is_array() && found->empty()))
            return result;
        if (version_ < 2)
            fault(at(p, "quotes"), "quotes need version 2 of the document");
        const auto& list = array(record, p, "quotes");
        for (std::size_t q = 0; q < list.size(); ++q) {
            const auto qp = at(at(p, "quotes"), q);
            const auto& entry = list[q];
            requireObject(entry, qp);
            lb::KeptQuote quote;
            quote.quote.category = categoryRef(member(entry, qp, "category"), at(qp, "category"));
            if (std::find(categories.begin(), categories.end(), quote.quote.category) ==
                categories.end())
                fault(at(qp, "category"), "not one of the categories of this record");
            const auto part = corpus::parsePart(text(entry, qp, "part"));
            if (!part)
                fault(at(qp, "part"), "expected title, body, answer or comment");
            quote.quote.part = *part;
            quote.quote.partSourceId = textOr(entry, qp, "part_id", "");
            for (const char* key : {"start", "end"})
                if (!member(entry, qp, key).is_number_integer())
                    fault(at(qp, key), "expected a whole number");
            quote.quote.start = entry["start"].get<std::int64_t>();
            quote.quote.end = entry["end"].get<std::int64_t>();
            quote.quote.text = text(entry, qp, "text");
            if (auto form = lb::checkQuoteForm(quote.quote); !form)
                fault(qp, form.message());
            auto state = lb::quoteState(db_, post, quote.quote);
            if (!state)
                fault(qp, state.message());
            if (*state == lb::QuoteState::PartMissing)
                fault(at(qp, "part"), "the item has no such part");
            if (kept)
                if (const auto& who = member(entry, qp, "quoted_by"); !who.is_null())
                    quote.quotedBy = personRef(who, at(qp, "quoted_by"));
            result.push_back(std::move(quote));
        }
        counts_.quotes += static_cast<std::int64_t>(result.size());
        return result;
    }

    void labels(const json& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/labels", i);
            const auto& label = list[i];
            requireObject(label, p);
            const auto roundName = text(label, p, "round");
            const auto round = rounds_.find(roundName);
            if (round == rounds_.end())
                fault(at(p, "round"), "unknown round \"" + roundName + "\"");
            const auto post = itemRef(member(label, p, "item"), at(p, "item"));
            if (!round->second.items.count(post))
                fault(at(p, "item"), "the item is not in round \"" + roundName + "\"");
            std::optional<std::int64_t> coder;
            if (const auto& who = member(label, p, "coder"); !who.is_null()) {
                coder = personRef(who, at(p, "coder"));
                if (!round->second.coders.count(*coder))
                    fault(at(p, "coder"), "not a coder of round \"" + roundName + "\"");
            }
            std::optional<std::string> special;
            const auto categories = verdict(label, p, special);
            if (!labelKeys_.insert({round->second.id, post, coder.value_or(0)}).second)
                fault(p, "a second label of the same coder for the same item and round");
            exec("INSERT INTO labels(round_id, post_id, coder_id, special, suggestion, note, "
                 "code, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 p, round->second.id, post, coder, special, textOr(label, p, "suggestion", ""),
                 textOr(label, p, "note", ""), textOr(label, p, "code", ""),
                 textOr(label, p, "updated", now_));
            const auto id = db_.lastInsertRowId();
            for (const auto category : categories)
                exec("INSERT INTO label_categories(label_id, category_id) VALUES (?, ?)", p, id,
                     category);
            if (auto status = lb::writeQuotes(db_, lb::kLabelQuotes, id,
                                              quotes(label, p, post, categories, false));
                !status)
                fault(at(p, "quotes"), status.message());
            ++counts_.labels;
        }
    }

    void decisions(const json& list) {
        std::set<std::int64_t> decided;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto p = at("/decisions", i);
            const auto& decision = list[i];
            requireObject(decision, p);
            const auto post = itemRef(member(decision, p, "item"), at(p, "item"));
            if (!decided.insert(post).second)
                fault(at(p, "item"), "a second decision for the same item");
            const auto arbitrator =
                personRef(member(decision, p, "arbitrator"), at(p, "arbitrator"));
            std::optional<std::string> special;
            const auto categories = verdict(decision, p, special);
            exec("INSERT INTO decisions(post_id, arbitrator_id, special, rationale, decided) "
                 "VALUES (?, ?, ?, ?, ?)",
                 p, post, arbitrator, special, textOr(decision, p, "rationale", ""),
                 textOr(decision, p, "decided", now_));
            const auto id = db_.lastInsertRowId();
            for (const auto category : categories)
                exec("INSERT INTO decision_categories(decision_id, category_id) VALUES (?, ?)", p,
                     id, category);
            // A kept quote is a passage one of the post's coders quoted (the labels are in).
            const auto kept = quotes(decision, p, post, categories, true);
            if (auto status = arbitration::checkKeptQuotes(db_, post, categories, kept); !status)
                fault(at(p, "quotes"), status.message());
            if (auto status = lb::writeQuotes(db_, arbitration::kDecisionQuotes, id, kept); !status)
                fault(at(p, "quotes"), status.message());
            ++counts_.decisions;
        }
    }

    struct Round {
        std::int64_t id = 0;
        rounds::RoundKind kind = rounds::RoundKind::Pilot;
        std::set<std::int64_t> coders, items;
    };

    sql::Database& db_;
    std::string now_;
    std::int64_t importId_ = 0;
    std::int64_t version_ = kVersion;
    ImportCounts counts_;
    std::map<std::string, std::int64_t> items_, people_, uids_, sets_;
    std::map<std::vector<std::string>, std::int64_t> paths_;
    std::vector<std::int64_t> samples_;
    std::map<std::string, Round> rounds_;
    std::set<std::tuple<std::int64_t, std::int64_t, std::int64_t>> labelKeys_;
};

Status requireEmpty(Project& project) {
    for (const char* table :
         {"posts", "categories", "people", "sets", "samples", "rounds", "labels", "decisions"}) {
        auto count = project.db().queryInt(std::string("SELECT count(*) FROM ") + table);
        if (!count)
            return count.error();
        if (*count > 0)
            return makeError(project.path() + " is not empty (it has " + table +
                             "); an exchange document is imported into a new, empty project "
                             "(taxo init)");
    }
    return {};
}

} // namespace

Result<ImportCounts> importDocument(Project& project, const nlohmann::json& document,
                                    const std::string& where) {
    if (project.readOnly())
        return makeError(project.path() + " is open read-only");
    if (auto status = requireEmpty(project); !status)
        return status.error();
    const sql::TransactionWording wording{"", project.path() + ": cannot save: "};
    return sql::inTransaction(project.db(), wording, [&]() -> Result<ImportCounts> {
        ImportCounts counts;
        try {
            Importer importer(project.db(), utcNowIso());
            counts = importer.run(document);
        } catch (const Fault& bad) {
            return makeError(where + ": at " + (bad.pointer.empty() ? "/" : bad.pointer) + ": " +
                             bad.message);
        } catch (const nlohmann::json::exception& ex) {
            return makeError(where + ": " + ex.what());
        }
        if (auto status = changelog::append(project.db(), "exchange.import",
                                            {{"source", where}, {"counts", toJson(counts)}});
            !status)
            return status.error();
        return counts;
    });
}

Result<ImportCounts> importFile(Project& project, const std::string& path) {
    auto document = readBoundedFile(path);
    if (!document)
        return document.error();
    return importDocument(project, *document, path);
}

nlohmann::json toJson(const ImportCounts& counts) {
    return {{"items", counts.items},         {"categories", counts.categories},
            {"sets", counts.sets},           {"people", counts.people},
            {"rounds", counts.rounds},       {"labels", counts.labels},
            {"decisions", counts.decisions}, {"quotes", counts.quotes},
            {"notes", counts.notes}};
}

} // namespace taxo::exchange
