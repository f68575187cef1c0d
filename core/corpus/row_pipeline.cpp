#include "core/corpus/row_pipeline.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace taxo::corpus {
namespace {

// A batch is handed over at this size; the scanning thread waits while this much is queued.
constexpr std::size_t kBatchBytes = std::size_t{256} << 10;
constexpr std::size_t kBatchRows = 1024;
constexpr std::size_t kMaxQueuedBytes = std::size_t{16} << 20;

// Rows copied out of the scanner's buffers: names and raw values back to back in `bytes`,
// found by offsets (the string may move while the batch fills).
struct Batch {
    struct Attribute {
        std::size_t name, nameSize, raw, rawSize;
        bool plain;
    };
    struct Row {
        std::size_t first, count;
        std::uint64_t line;
    };
    std::string bytes;
    std::vector<Attribute> attributes;
    std::vector<Row> rows;

    void clear() {
        bytes.clear();
        attributes.clear();
        rows.clear();
    }
    // The memory the batch holds: a row of many short attributes costs more in records
    // than in bytes.
    std::size_t weight() const {
        return bytes.size() + attributes.size() * sizeof(Attribute) + rows.size() * sizeof(Row);
    }
    bool full() const { return weight() >= kBatchBytes || rows.size() >= kBatchRows; }
};

// Decodes an attribute only when asked, into a buffer per attribute position that keeps
// its capacity from row to row.
class ScannedRow : public DumpRow {
public:
    void reset(std::span<const RowAttribute> attributes) {
        attributes_ = attributes;
        ++serial_;
        if (values_.size() < attributes.size()) {
            values_.resize(attributes.size());
            filled_.resize(attributes.size(), 0);
        }
    }

    const char* get(const char* name) const override {
        const std::string_view wanted(name);
        for (std::size_t i = 0; i < attributes_.size(); ++i) {
            const RowAttribute& attribute = attributes_[i];
            if (attribute.name != wanted)
                continue;
            if (filled_[i] != serial_) {
                if (attribute.plain)
                    values_[i].assign(attribute.raw);
                else
                    decodeAttributeValue(attribute.raw, values_[i]);
                filled_[i] = serial_;
            }
            return values_[i].c_str();
        }
        return nullptr;
    }

private:
    std::span<const RowAttribute> attributes_;
    std::uint64_t serial_ = 0;
    mutable std::vector<std::string> values_;
    mutable std::vector<std::uint64_t> filled_;
};

} // namespace

struct RowPipeline::State {
    std::string fileName;
    DumpRowHandler handler;
    Batch current; // the scanning thread's own

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Batch> queued;    // guarded by mutex
    std::vector<Batch> spare;    // guarded by mutex
    std::size_t queuedBytes = 0; // guarded by mutex
    bool handling = false;       // guarded by mutex: a batch is out of the queue, being handled
    bool stopping = false;       // guarded by mutex
    bool failed = false;         // guarded by mutex
    Error error;                 // guarded by mutex, set once with failed
    std::thread thread;          // started last

    Status handle(const Batch& batch, std::vector<RowAttribute>& attributes, ScannedRow& row) {
        for (const Batch::Row& item : batch.rows) {
            attributes.clear();
            for (std::size_t i = item.first; i < item.first + item.count; ++i) {
                const Batch::Attribute& a = batch.attributes[i];
                attributes.push_back(
                    RowAttribute{std::string_view(batch.bytes).substr(a.name, a.nameSize),
                                 std::string_view(batch.bytes).substr(a.raw, a.rawSize), a.plain});
            }
            row.reset(attributes);
            if (auto status = handler(row); !status)
                return makeError(fileName + " line " + std::to_string(item.line) + ": " +
                                 status.message());
        }
        return {};
    }

    void run() {
        std::vector<RowAttribute> attributes;
        ScannedRow row;
        while (true) {
            Batch batch;
            bool skip = false;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [this] { return stopping || !queued.empty(); });
                if (stopping)
                    return;
                batch = std::move(queued.front());
                queued.pop_front();
                handling = true;
                skip = failed;
            }
            Status status;
            if (!skip) {
                try {
                    status = handle(batch, attributes, row);
                } catch (const std::exception& e) {
                    status = makeError(fileName + ": " + e.what());
                }
            }
            {
                std::lock_guard lock(mutex);
                queuedBytes -= batch.weight();
                if (!status && !failed) {
                    failed = true;
                    error = status.error();
                }
                batch.clear();
                spare.push_back(std::move(batch));
                handling = false;
            }
            changed.notify_all();
        }
    }

    // Called with the batch full or at the end; waits while too much is queued.
    Status submit() {
        if (current.rows.empty())
            return {};
        std::unique_lock lock(mutex);
        changed.wait(lock, [this] {
            return failed || queued.empty() || queuedBytes + current.weight() <= kMaxQueuedBytes;
        });
        if (failed)
            return error;
        queuedBytes += current.weight();
        queued.push_back(std::move(current));
        current = Batch();
        if (!spare.empty()) {
            current = std::move(spare.back());
            spare.pop_back();
        }
        lock.unlock();
        changed.notify_all();
        return {};
    }
};

RowPipeline::RowPipeline(std::string fileName, DumpRowHandler handler)
    : state_(std::make_unique<State>()) {
    state_->fileName = std::move(fileName);
    state_->handler = std::move(handler);
    state_->thread = std::thread([state = state_.get()] { state->run(); });
}

RowPipeline::~RowPipeline() {
    {
        std::lock_guard lock(state_->mutex);
        state_->stopping = true;
    }
    state_->changed.notify_all();
    state_->thread.join();
}

Status RowPipeline::push(const RowView& row) {
    Batch& batch = state_->current;
    const std::size_t first = batch.attributes.size();
    for (const RowAttribute& attribute : row) {
        const std::size_t name = batch.bytes.size();
        batch.bytes.append(attribute.name);
        const std::size_t raw = batch.bytes.size();
        batch.bytes.append(attribute.raw);
        batch.attributes.push_back(
            {name, attribute.name.size(), raw, attribute.raw.size(), attribute.plain});
    }
    batch.rows.push_back({first, row.size(), row.line()});
    if (batch.full())
        return state_->submit();
    return {};
}

Status RowPipeline::finish() {
    if (auto status = state_->submit(); !status)
        return status;
    std::unique_lock lock(state_->mutex);
    state_->changed.wait(lock, [this] { return state_->queued.empty() && !state_->handling; });
    if (state_->failed)
        return state_->error;
    return {};
}

} // namespace taxo::corpus
