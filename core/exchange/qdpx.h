#pragma once
// The REFI-QDA project exchange (.qdpx, docs/qdpx.md): a zip holding `project.qde`
// (namespace urn:QDA-XML:project:1.0) and one `sources/<GUID>.txt` per sampled post.
// QualCoder, ATLAS.ti, MAXQDA and NVivo read it; it carries the posts' plain text, the
// codebook, every coder's labels, the pilot's joint labels and the final labels of
// arbitration, with the rounds and sets needed to rebuild them.
//
// Both directions go through the exchange document (exchange.h): the export turns the
// document into XML, the import turns a .qdpx back into a document and hands it to
// importDocument, so the rules a project must keep are checked in one place.

#include "core/exchange/exchange.h"
#include "core/util/files.h"
#include "core/util/result.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace taxo::exchange {

inline constexpr const char* kQdpxNamespace = "urn:QDA-XML:project:1.0";

// A deterministic GUID for `key` within a project: two 64-bit FNV-1a hashes of the
// project id and the key, written as an RFC 9562 version-8 UUID. Two exports of one
// project name the same user, source, selection and note with the same GUID.
std::string stableGuid(const std::string& projectId, const std::string& key);

// Text as it goes into the .qdpx: invalid UTF-8 becomes U+FFFD, CR LF and CR become
// LF, and the characters XML 1.0 forbids (C0 controls other than TAB and LF,
// U+FFFE, U+FFFF) become U+FFFD, so the file and the XML hold the same characters.
std::string qdpxText(std::string_view text);

struct QdpxContent {
    std::string projectXml;
    std::map<std::string, std::string> sources; // "<GUID>.txt" -> plain text
};

// The exchange document as project.qde and its source files. `now` is the project's
// creationDateTime, the only value that differs between two exports.
Result<QdpxContent> buildQdpx(const nlohmann::json& document, const std::string& now);

// The zip itself (libarchive, zip format): project.qde, then sources/ in name order.
Result<std::string> zipQdpx(const QdpxContent& content);

// Written atomically.
Status exportQdpxFile(Project& project, const std::string& path,
                      files::Replace replace = files::Replace::Allowed);

// Limits of the import, each refused with a message naming the file.
struct QdpxLimits {
    std::uint64_t archiveBytes = std::uint64_t{4} << 30; // the .qdpx on disk
    std::uint64_t qdeBytes = std::uint64_t{512} << 20;   // project.qde unpacked
    std::uint64_t sourceBytes = std::uint64_t{64} << 20; // one source text unpacked
    std::uint64_t totalBytes = std::uint64_t{2} << 30;   // everything unpacked
    std::size_t entries = 500000;
    std::size_t depth = 64; // nesting of XML elements (Codes nest)
};

// A .qdpx read into memory: project.qde and the texts under sources/ (by their name
// below sources/). Other entries are skipped unread.
Result<QdpxContent> unzipQdpx(const std::string& path, const QdpxLimits& limits = {});

// project.qde (with the source texts it names) as an exchange document. `origin` names
// the file in messages ("study.qdpx: project.qde line 12: ...").
// A selection that is not the whole text becomes a quote when it lies within one part of
// the post; one across parts codes the post without a quote, and `notes` says so.
Result<nlohmann::json> qdpxToDocument(const QdpxContent& content, const std::string& origin,
                                      const QdpxLimits& limits = {},
                                      std::vector<std::string>* notes = nullptr);

// Creates a new project at projectPath from the .qdpx, refusing a path that exists. On
// any error nothing is left at projectPath.
Result<ImportCounts> importQdpxFile(const std::string& projectPath, const std::string& qdpxPath,
                                    const QdpxLimits& limits = {});

// One coder's codings made in another tool, taken into a round of an existing project
// (`taxo import PROJECT FILE.qdpx --as-coder NAME --round ROUND`, docs/qdpx.md).
struct CoderImportOptions {
    std::string coder; // a coder of the round, with no label in it yet
    std::string round;
    // The file's User whose codings are taken. Empty: the file's codings must all be by
    // one user (or by none); several users are refused with their names.
    std::string user;
};

struct CoderImportReport {
    std::string user;            // whose codings were taken; empty: codings without a user
    std::int64_t labels = 0;     // labels written, one per coded post
    std::int64_t codings = 0;    // codings taken
    std::int64_t roundItems = 0; // items of the round; those not coded stay unlabeled
    // Codings of other users, left in the file: "Bob (12 codings)".
    std::vector<std::string> otherUsers;
    std::int64_t uncodedSources = 0; // sources without a taken coding, matched or not
    // Quotes made of coded passages, and the passages across parts that coded their post
    // without one ("project.qde line 40: the selection 3-90 of 'How to ...' codes ...").
    std::int64_t quotes = 0;
    std::vector<std::string> notes = {};
};

// All or nothing, in one transaction: every source with a taken coding must be a post
// of the round (by its Source and Source id variables, else a Stack Exchange link in
// its name, else a title only one of the round's posts has), every code a category by
// its path of names (else by the code's guid as a category's uid) that is a leaf, or a
// special value; the labels must pass saveLabel's rules. Every problem is listed with
// its place in project.qde, and then nothing is stored.
// The users whose codings the .qdpx holds, by name, with how many codings each (an
// empty name: codings without a user), for choosing CoderImportOptions::user.
Result<std::map<std::string, std::int64_t>> qdpxCodingUsers(const std::string& qdpxPath,
                                                            const QdpxLimits& limits = {});

Result<CoderImportReport> importQdpxCoder(Project& project, const std::string& qdpxPath,
                                          const CoderImportOptions& options,
                                          const QdpxLimits& limits = {});

} // namespace taxo::exchange
