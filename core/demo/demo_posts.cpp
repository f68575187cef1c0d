#include "core/demo/demo_posts.h"

#include "core/sampling/draw.h"
#include "core/text/html_text.h"

#include <array>
#include <nlohmann/json.hpp>

namespace taxo::demo {
namespace {

// Leaves named after the study's taxonomy (Chen et al., FSE 2020, Fig. 4), a few per
// inner category, enough for a three-level tree on every root. The texts are written
// so that the study's selection rules find each post in its own set: server posts say
// "deploy" and "server", mobile posts name the phone, browser posts the browser.
const std::vector<DemoLeaf> kLeaves = {
    {0,
     "Model Export",
     "Export procedure",
     "How to export a trained model for serving.",
     "how to export SavedModel",
     {"How to export {m} as a SavedModel to deploy on TensorFlow Serving",
      "Deploy {m} on a server: which files does the export need?"},
     "I trained {m} and now I want to deploy it on our server with TensorFlow Serving. The "
     "export directory is empty apart from variables, and the server says no versions found.",
     "tf.saved_model.save(model, \"export/1\")\n"
     "$ saved_model_cli show --dir export/1 --all"},
    {0,
     "Model Export",
     "Serving signature",
     "The exported model lacks or misnames a signature.",
     "missing serving signature",
     {"Exported {m} has no serving_default signature on the server",
      "Serving signature of {m} takes the wrong input name after deploy"},
     "After I deploy the exported {m}, the model server rejects every call because the "
     "signature serving_default is missing or has a different input name.",
     "signatures={'serving_default': serve_fn}\n"
     "tensorflow_model_server --model_base_path=/models/net"},
    {0,
     "Request",
     "Request format",
     "The shape or encoding of a prediction request.",
     "request json format",
     {"What JSON does the REST API of the model server expect for {m}?",
      "Deploy {m} with TensorFlow Serving: 400 Bad Request on predict"},
     "I deploy {m} behind TensorFlow Serving and send a POST to the REST endpoint, but the "
     "server answers with a 400 and 'JSON Value is not an array'.",
     "curl -d '{\"instances\": [[1.0, 2.0]]}' \\\n"
     "  -X POST http://localhost:8501/v1/models/net:predict"},
    {0,
     "Request",
     "Batching",
     "Batching requests on the server for throughput.",
     "batching requests",
     {"How to enable request batching when serving {m}?",
      "Throughput of {m} on the serving side stays low after deploy"},
     "We deploy {m} on a cloud server and the GPU is mostly idle. Requests arrive one by one; "
     "how do I batch them in the serving layer?",
     "--enable_batching=true --batching_parameters_file=batching.conf\n"
     "max_batch_size { value: 32 }"},
    {0,
     "Data Processing",
     "Raw input decoding",
     "Decoding raw bytes (images, text) on the server.",
     "decode raw image bytes",
     {"How to send raw JPEG bytes to {m} deployed on the server",
      "Preprocessing inside the exported {m} for serving base64 images"},
     "I deploy {m} for cloud inference and want the server to accept raw JPEG bytes instead of "
     "a float array, so the preprocessing has to move into the graph.",
     "image = tf.io.decode_jpeg(tf.io.decode_base64(b64), channels=3)\n"
     "image = tf.image.resize(image, [224, 224])"},
    {0,
     "Environment",
     "Version mismatch",
     "Framework versions differ between training and server.",
     "version mismatch",
     {"Op type not registered when I deploy {m} on the server",
      "Model trained with a newer version fails on the serving machine"},
     "The model loads fine on my laptop, but when I deploy {m} to the server it fails with "
     "\"Op type not registered\". The server runs an older TensorFlow.",
     "NotFoundError: Op type not registered 'StatefulPartitionedCall'\n"
     "pip show tensorflow  # 1.12 on the server, 1.14 locally"},
    {0,
     "Environment",
     "GPU configuration",
     "CUDA, cuDNN and GPU memory on the server.",
     "gpu not used on server",
     {"TensorFlow Serving does not use the GPU for {m}",
      "Deploy {m} in Docker on a GPU server: CUDA library not found"},
     "I deploy {m} with the serving Docker image on a cloud VM with a GPU, but nvidia-smi shows "
     "no process and inference is as slow as on the CPU.",
     "docker run --runtime=nvidia -p 8501:8501 tensorflow/serving:latest-gpu\n"
     "Could not load dynamic library 'libcudart.so.10.0'"},
    {1,
     "Model Conversion",
     "Unsupported operator",
     "The converter lacks an operation of the model.",
     "unsupported op in conversion",
     {"TFLite converter: some of the operators in {m} are not supported",
      "Converting {m} for Android fails on an unsupported op"},
     "I want to run {m} on Android. The TensorFlow Lite converter stops and lists operators "
     "that are not supported by the standard runtime.",
     "converter = tf.lite.TFLiteConverter.from_saved_model(\"export\")\n"
     "ConverterError: Some of the operators in the model are not supported"},
    {1,
     "Model Conversion",
     "Conversion procedure",
     "How to convert a model for the phone.",
     "how to convert to tflite",
     {"How to convert {m} to a .tflite file for a mobile app",
      "Convert a Keras {m} to Core ML for an iOS app"},
     "What is the right way to convert {m} so that it runs in a mobile app? I have a Keras "
     "h5 file and the guides I found disagree.",
     "tflite_model = converter.convert()\n"
     "open(\"model.tflite\", \"wb\").write(tflite_model)"},
    {1,
     "Model Quantization",
     "Accuracy after quantization",
     "Quantized models lose too much accuracy.",
     "accuracy drop after quantization",
     {"Accuracy of {m} drops after post-training quantization on Android",
      "Quantized {m} gives wrong classes on the phone"},
     "After full integer quantization {m} is four times smaller, but on the Android test set "
     "its accuracy falls from 91 % to 40 %.",
     "converter.optimizations = [tf.lite.Optimize.DEFAULT]\n"
     "converter.representative_dataset = representative_data_gen"},
    {1,
     "Inference",
     "Slow inference",
     "Inference on the device is too slow.",
     "slow inference on phone",
     {"{m} takes two seconds per frame on Android",
      "Why is Core ML inference of {m} slow on an older iPhone? (iOS 12)"},
     "{m} runs in 30 ms on my desktop but takes two seconds per frame in the mobile app, "
     "even with four threads.",
     "Interpreter.Options options = new Interpreter.Options().setNumThreads(4);\n"
     "interpreter.run(input, output);"},
    {1,
     "Inference",
     "Wrong output on device",
     "The device's results differ from the desktop's.",
     "different output on device",
     {"{m} gives different predictions on Android than in Python",
      "Core ML output of {m} differs from Keras on iOS"},
     "The same image gives different scores in Python and in the mobile app. I suspect the "
     "input normalization of {m} but cannot find the difference.",
     "ByteBuffer input = ByteBuffer.allocateDirect(4 * 224 * 224 * 3);\n"
     "input.putFloat((pixel - 127.5f) / 127.5f);"},
    {1,
     "Library",
     "Build failure",
     "Building the mobile runtime or app fails.",
     "build error with tflite library",
     {"Bazel build of the TensorFlow Lite Android library fails",
      "Linking error when adding {m} runtime to an iOS project"},
     "I try to build the TensorFlow Lite library for Android with bazel so that {m} can use a "
     "custom op, but the build stops with a linker error.",
     "bazel build -c opt --config=android_arm64 //tensorflow/lite/java:tensorflow-lite\n"
     "undefined reference to 'TfLiteIntArrayCreate'"},
    {2,
     "Model Conversion",
     "Converter usage",
     "Using tensorflowjs_converter.",
     "tfjs converter usage",
     {"How to convert {m} for TensorFlow.js in the browser",
      "tensorflowjs_converter fails on a Keras {m}"},
     "I want to run {m} in the browser. Which input format does tensorflowjs_converter expect, "
     "and what do I do with the shard files it writes?",
     "tensorflowjs_converter --input_format=keras model.h5 web_model/\n"
     "ValueError: Unsupported Ops in the model"},
    {2,
     "Model Loading",
     "Loading from URL",
     "Fetching model files in the browser.",
     "cannot load model.json",
     {"tf.loadLayersModel cannot fetch model.json of {m}",
      "Loading {m} in the browser fails with a CORS error"},
     "The browser console shows a failed request for model.json when I load {m} from my "
     "static site, although the file is there.",
     "const model = await tf.loadLayersModel('https://example.org/web_model/model.json');\n"
     "Failed to fetch: blocked by CORS policy"},
    {2,
     "Inference",
     "Slow prediction",
     "Prediction in the browser is too slow.",
     "slow predict in browser",
     {"model.predict of {m} freezes the browser tab",
      "TensorFlow.js: first prediction of {m} takes ten seconds"},
     "Every call to predict on {m} blocks the page for seconds in the browser; the WebGL "
     "backend is active.",
     "tf.setBackend('webgl');\n"
     "const out = model.predict(tf.browser.fromPixels(video));"},
    {2,
     "Inference",
     "Memory leak",
     "Tensors are not disposed in the browser.",
     "gpu memory keeps growing",
     {"Browser memory grows on every prediction of {m}",
      "tf.memory().numTensors keeps increasing with {m} in the browser"},
     "I run {m} on webcam frames in the browser and the tab crashes after a few minutes; the "
     "number of tensors grows with every frame.",
     "const y = tf.tidy(() => model.predict(x));\n"
     "console.log(tf.memory().numTensors);"},
};

const char* kModels[] = {"ResNet50", "MobileNetV2", "an LSTM",      "YOLOv3",
                         "a U-Net",  "BERT",        "Inception v3", "a small CNN"};
const char* kFrameworks[] = {"tensorflow", "keras", "pytorch"};

// Posts about training, which the rules should mostly leave out; a few say "deploy" and
// "server" (or "browser", or "android") in passing and become the false positives.
const char* kTrainingTitles[] = {
    "Loss becomes NaN after a few epochs with {m}", "Validation accuracy of {m} stuck at 50 %",
    "How to freeze the first layers of {m} when fine-tuning", "Custom loss function shape mismatch",
    "Data augmentation makes {m} train slower"};

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string twoDigits(int value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

// A date in [fromYear, 2019], later years likelier (deployment questions grew each year).
struct Date {
    int year, month, day, hour, minute;
    std::string text() const {
        return std::to_string(year) + "-" + twoDigits(month) + "-" + twoDigits(day) + "T" +
               twoDigits(hour) + ":" + twoDigits(minute) + ":00.000";
    }
    Date plusHours(int hours) const {
        Date d = *this;
        int total = d.hour + hours;
        d.hour = total % 24;
        d.day += total / 24;
        while (d.day > 28) { // every month has 28 days; good enough for a demo
            d.day -= 28;
            if (++d.month > 12) {
                d.month = 1;
                ++d.year;
            }
        }
        return d;
    }
};

Date randomDate(std::mt19937_64& engine, int fromYear) {
    std::vector<int> years;
    for (int year = fromYear; year <= 2019; ++year)
        for (int weight = 0; weight < year - 2013; ++weight)
            years.push_back(year);
    return Date{years[static_cast<std::size_t>(pick(engine, static_cast<int>(years.size())))],
                1 + pick(engine, 12), 1 + pick(engine, 28), pick(engine, 24), pick(engine, 60)};
}

std::string user(std::mt19937_64& engine) {
    return "user" + std::to_string(1000 + pick(engine, 400));
}

// The account id of an author named by user(): "user1234" is account 1234, so the
// statistics count askers. Read from the name, the random sequence stays as it was.
void addAuthorId(nlohmann::json& object) {
    const std::string name = object.at("author").get<std::string>();
    object["author_id"] = std::stoi(name.substr(std::string("user").size()));
}

const char* kAnswers[] = {
    "<p>You need to export with an explicit signature; see the guide on SavedModel.</p>",
    // One answer in two lines; the parentheses tell clang the concatenation is meant.
    ("<p>This is a known issue of that release. Upgrading fixed it for me:</p>"
     "<pre><code>pip install --upgrade tensorflow</code></pre>"),
    "<p>Check the input shape: the model expects a batch dimension first.</p>",
    "<p>Move the preprocessing into the model so that both sides do the same thing.</p>",
    "<p>It works with the nightly build; the op was added there.</p>"};
const char* kComments[] = {"Which version do you use?", "Can you post the full stack trace?",
                           "Same problem here.", "Did you try it on a smaller model first?",
                           "Thanks, that solved it."};

nlohmann::json answersAndComments(std::mt19937_64& engine, const std::string& id,
                                  const Date& created, nlohmann::json& post) {
    nlohmann::json answers = nlohmann::json::array();
    const int answerCount = pick(engine, 4);
    const int accepted = answerCount > 0 && chance(engine, 55) ? pick(engine, answerCount) : -1;
    for (int a = 0; a < answerCount; ++a) {
        const Date when = created.plusHours(1 + pick(engine, 24 * 30));
        answers.push_back({{"id", id + "-a" + std::to_string(a + 1)},
                           {"body", kAnswers[pick(engine, 5)]},
                           {"created", when.text()},
                           {"author", user(engine)},
                           {"score", pick(engine, 12)},
                           {"accepted", a == accepted}});
        addAuthorId(answers.back());
    }
    nlohmann::json comments = nlohmann::json::array();
    const int commentCount = pick(engine, 4);
    for (int c = 0; c < commentCount; ++c) {
        comments.push_back({{"id", id + "-c" + std::to_string(c + 1)},
                            {"text", kComments[pick(engine, 5)]},
                            {"created", created.plusHours(1 + pick(engine, 72)).text()},
                            {"author", user(engine)},
                            {"score", pick(engine, 4)}});
        addAuthorId(comments.back());
    }
    post["comments"] = comments;
    return answers;
}

std::vector<std::string> platformTags(std::mt19937_64& engine, int root) {
    const std::string framework = kFrameworks[pick(engine, root == 2 ? 2 : 3)];
    switch (root) {
    case 0:
        if (chance(engine, 60))
            return {framework, "tensorflow-serving"};
        return {framework, chance(engine, 50) ? "docker" : "google-cloud-ml"};
    case 1:
        if (chance(engine, 70))
            return {framework, chance(engine, 75) ? "tensorflow-lite" : "coreml"};
        return {framework, "android"};
    default:
        if (chance(engine, 75))
            return {"tensorflow.js", framework};
        return {framework, "javascript"};
    }
}

} // namespace

const char* rootName(int root) {
    static const char* names[kRootCount] = {"Server/Cloud", "Mobile", "Browser"};
    return names[root];
}

const std::vector<DemoLeaf>& demoLeaves() {
    return kLeaves;
}

int pick(std::mt19937_64& engine, int n) {
    return static_cast<int>(sampling::uniformUpTo(engine, static_cast<std::uint64_t>(n - 1)));
}

bool chance(std::mt19937_64& engine, int percent) {
    return pick(engine, 100) < percent;
}

std::vector<DemoPost> generatePosts(std::mt19937_64& engine, int count) {
    std::vector<DemoPost> posts;
    posts.reserve(static_cast<std::size_t>(count));
    std::vector<std::vector<int>> leavesOfRoot(kRootCount);
    for (std::size_t i = 0; i < kLeaves.size(); ++i)
        leavesOfRoot[static_cast<std::size_t>(kLeaves[i].root)].push_back(static_cast<int>(i));
    for (int i = 0; i < count; ++i) {
        DemoPost post;
        post.sourceId = std::to_string(41000000 + i * 137 + pick(engine, 100));
        const std::string model = kModels[pick(engine, 8)];
        const int kind = pick(engine, 100);
        std::string title, body;
        std::vector<std::string> tags;
        int fromYear = 2015;
        if (kind < 12) {
            // Not about deployment; a third of them mention a server in passing.
            post.truth = Truth::FalsePositive;
            title = replaceAll(kTrainingTitles[pick(engine, 5)], "{m}", model);
            body = "<p>I train " + text::escapeXml(model) + " on my own data set.";
            if (chance(engine, 35))
                body += " Later I want to deploy it on a server, but first it must train.";
            body += "</p><pre><code>model.fit(x_train, y_train, epochs=20, batch_size=64)"
                    "</code></pre><p>What am I doing wrong?</p>";
            tags = {kFrameworks[pick(engine, 3)]};
            if (chance(engine, 30))
                tags.push_back("tensorflow-serving"); // mis-tagged, as real posts are
        } else {
            post.root = kind < 55 ? 0 : kind < 85 ? 1 : 2;
            fromYear = post.root == 2 ? 2018 : post.root == 1 ? 2017 : 2015;
            tags = platformTags(engine, post.root);
            if (chance(engine, 7)) {
                post.truth = Truth::Unclear;
                title = "It does not work after " +
                        std::string(post.root == 0   ? "deploy on the server"
                                    : post.root == 1 ? "moving to android"
                                                     : "moving to the browser");
                body = "<p>My model worked, now it does not. Any idea? I deploy it the same way "
                       "as before on the " +
                       std::string(post.root == 0   ? "server"
                                   : post.root == 1 ? "android phone"
                                                    : "browser") +
                       ".</p>";
            } else {
                const auto& mine = leavesOfRoot[static_cast<std::size_t>(post.root)];
                post.leaf =
                    mine[static_cast<std::size_t>(pick(engine, static_cast<int>(mine.size())))];
                if (chance(engine, 6)) {
                    const int other =
                        mine[static_cast<std::size_t>(pick(engine, static_cast<int>(mine.size())))];
                    if (other != post.leaf)
                        post.secondLeaf = other;
                }
                const DemoLeaf& leaf = kLeaves[static_cast<std::size_t>(post.leaf)];
                title = replaceAll(leaf.titles[pick(engine, 2)], "{m}", model);
                body = "<p>" + text::escapeXml(replaceAll(leaf.problem, "{m}", model)) + "</p>" +
                       "<pre><code>" + text::escapeXml(leaf.snippet) + "</code></pre>";
                if (post.secondLeaf >= 0)
                    body += "<p>Also: " +
                            text::escapeXml(replaceAll(
                                kLeaves[static_cast<std::size_t>(post.secondLeaf)].problem, "{m}",
                                "the model")) +
                            "</p>";
                body += "<p>Thanks for any help.</p>";
            }
        }
        const Date created = randomDate(engine, fromYear);
        nlohmann::json json = {{"id", post.sourceId},
                               {"title", title},
                               {"body", body},
                               {"tags", tags},
                               {"created", created.text()},
                               {"author", user(engine)},
                               {"score", pick(engine, 15) - 2}};
        addAuthorId(json);
        json["answers"] = answersAndComments(engine, post.sourceId, created, json);
        post.jsonLine = json.dump();
        posts.push_back(std::move(post));
    }
    return posts;
}

} // namespace taxo::demo
