// The model's classifier layers (avgpool1d, globalpool, linear) and loss 'crossentropy' against PyTorch 1.13
// (tests/golden/classifier.json, computed in float64 by tests/golden/classifier.py): every step's batch loss, the final
// parameters, the training and validation loss and accuracy within 1e-4 relative (1e-5 absolute near zero).
// Then finite differences through whole classifiers, and the rules a classifier's spec and targets must follow.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/gradient_check.hpp"
#include "core/model.hpp"

using namespace convpool;
using nlohmann::json;

namespace {

json load(const std::string& name) {
  std::ifstream in(std::string(CONVPOOL_GOLDEN_DIR) + "/" + name);
  REQUIRE(in.good());
  return json::parse(in);
}

std::vector<float> floats(const json& v) {
  std::vector<float> out;
  for (const auto& e : v) out.push_back(static_cast<float>(e.get<double>()));
  return out;
}

template <class A>
void expect_close(const A& actual, const std::vector<double>& expected, const std::string& what) {
  REQUIRE(actual.size() == expected.size());
  if (actual.empty()) return;  // a layer without bias
  double worst = 0;
  size_t worst_at = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double badness =
        std::fabs(static_cast<double>(actual[i]) - expected[i]) / std::max(1e-5, 1e-4 * std::fabs(expected[i]));
    if (!(badness <= worst)) {
      worst = badness;
      worst_at = i;
    }
  }
  INFO(what << ": element " << worst_at << " is " << worst << " tolerances off (got "
            << static_cast<double>(actual[worst_at]) << ", PyTorch " << expected[worst_at] << ")");
  CHECK(worst <= 1.0);
}

LayerSpec layer_from(const json& l) {
  LayerSpec layer;
  const std::string type = l["type"];
  if (type == "conv1d") {
    layer.type = LayerType::conv1d;
    layer.conv.out_channels = l["outChannels"];
    layer.conv.kernel_size = l["kernelSize"];
    layer.conv.padding_kind = PaddingKind::same;
  } else if (type == "maxpool1d") {
    layer.type = LayerType::maxpool1d;
    layer.pool.kernel_size = l["kernelSize"];
    layer.pool.stride = l["stride"];
  } else if (type == "avgpool1d") {
    layer.type = LayerType::avgpool1d;
    layer.avgpool.kernel_size = l["kernelSize"];
    layer.avgpool.stride = l.value("stride", layer.avgpool.kernel_size);
    layer.avgpool.padding = l.value("padding", 0);
    layer.avgpool.ceil_mode = l.value("ceilMode", false);
    layer.avgpool.count_include_pad = l.value("countIncludePad", true);
  } else if (type == "globalpool") {
    layer.type = LayerType::globalpool;
    layer.global_op = parse_global_pool_op(l["op"].get<std::string>());
  } else if (type == "linear") {
    layer.type = LayerType::linear;
    layer.out_features = l["outFeatures"];
    layer.linear_bias = l.value("bias", true);
  } else {
    layer.type = LayerType::activation;
    layer.activation = parse_activation(l["fn"].get<std::string>());
  }
  return layer;
}

ModelSpec spec_from(const json& c) {
  ModelSpec spec;
  spec.input_length = c["inputLength"];
  spec.input_channels = c["inputChannels"];
  spec.loss = parse_loss(c["loss"].get<std::string>());
  spec.batch_size = c["batchSize"];
  const json& o = c["optimizer"];
  spec.optimizer.type = parse_optimizer(o["type"].get<std::string>());
  spec.optimizer.momentum = o.value("momentum", 0.0);
  spec.optimizer.weight_decay = c["weightDecay"];
  for (const json& l : c["layers"]) spec.layers.push_back(layer_from(l));
  return spec;
}

void load_case(Model& model, const json& c) {
  for (const auto& [key, p] : c["initialParameters"].items()) {
    auto& layer = model.layers()[std::stoul(key)];
    const auto w = floats(p["weight"]), b = floats(p["bias"]);
    REQUIRE(w.size() == layer.weight.size());
    REQUIRE(b.size() == layer.bias.size());
    std::copy(w.begin(), w.end(), layer.weight.begin());
    std::copy(b.begin(), b.end(), layer.bias.begin());
  }
  const auto inputs = floats(c["inputs"]), targets = floats(c["targets"]);
  model.set_dataset(inputs.data(), targets.data(), c["count"]);
  const auto vi = floats(c["validationInputs"]), vt = floats(c["validationTargets"]);
  model.set_validation(vi.data(), vt.data(), c["validationCount"]);
}

}  // namespace

TEST_CASE("classifiers train as PyTorch does: crossentropy, avgpool1d, globalpool, linear", "[classifier][golden]") {
  const json doc = load("classifier.json");
  REQUIRE(doc["cases"].size() >= 3);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    Model model(spec_from(c));
    REQUIRE(model.output_channels() == c["classes"].get<int64_t>());
    REQUIRE(model.output_length() == 1);
    REQUIRE(model.target_size() == 1);
    load_case(model, c);
    std::vector<double> losses;
    for (int i = 0; i < c["steps"].get<int>(); ++i) losses.push_back(model.train(1, c["learningRate"].get<float>()).loss);
    expect_close(losses, c["losses"].get<std::vector<double>>(), "step losses");
    for (const auto& [key, p] : c["finalParameters"].items()) {
      const auto& layer = model.layers()[std::stoul(key)];
      expect_close(layer.weight, p["weight"].get<std::vector<double>>(), "layers[" + key + "] weight");
      expect_close(layer.bias, p["bias"].get<std::vector<double>>(), "layers[" + key + "] bias");
    }
    expect_close(std::vector<double>{model.loss()}, {c["trainLoss"].get<double>()}, "training-set loss");
    expect_close(std::vector<double>{model.validation_loss()}, {c["validationLoss"].get<double>()}, "validation loss");
    CHECK(model.accuracy() == Approx(c["trainAccuracy"].get<double>()));
    CHECK(model.validation_accuracy() == Approx(c["validationAccuracy"].get<double>()));
  }
}

TEST_CASE("finite differences agree with the backward through whole classifiers", "[classifier][gradient]") {
  const json doc = load("classifier.json");
  for (const json& c : doc["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    Model model(spec_from(c));
    load_case(model, c);
    model.train(3, c["learningRate"].get<float>());
    model.show_example(false, 1);
    const GradientCheckReport report = gradient_check(model, 16);
    size_t parameters_checked = 0;
    for (const auto& e : report.entries) parameters_checked += e.tensor != CheckedTensor::input;
    CHECK(parameters_checked > 0);
    CHECK(report.kinks < report.entries.size() / 4);
    CHECK(report.worst_relative_error < 1e-5);
  }
}

TEST_CASE("linear layers draw PyTorch's ±1/√fan_in from the model's stream, after the conv layers before them",
          "[classifier][init]") {
  ModelSpec spec;
  spec.input_length = 8;
  spec.loss = Loss::crossentropy;
  spec.seed = 7;
  LayerSpec conv;
  conv.conv.out_channels = 2;
  conv.conv.kernel_size = 3;
  LayerSpec head;
  head.type = LayerType::linear;
  head.out_features = 3;
  spec.layers = {conv, head};
  Model model(spec);
  const auto& linear = model.layers()[1];
  REQUIRE(linear.weight.size() == 3u * 2 * 6);
  REQUIRE(linear.bias.size() == 3u);
  // the same draws by hand: conv W, conv b, then linear W, linear b, one PCG32 stream
  Pcg32 rng(7);
  const float conv_bound = 1.0f / std::sqrt(3.0f), bound = 1.0f / std::sqrt(12.0f);
  for (size_t i = 0; i < 2 * 3 + 2; ++i) rng.next_symmetric(conv_bound);
  for (float w : linear.weight) CHECK(w == rng.next_symmetric(bound));
  for (float b : linear.bias) CHECK(b == rng.next_symmetric(bound));
}

TEST_CASE("a classifier's spec and targets follow the rules, with errors naming the argument", "[classifier][errors]") {
  ModelSpec spec;
  spec.input_length = 10;
  spec.loss = Loss::crossentropy;
  LayerSpec conv;
  conv.conv.out_channels = 3;
  conv.conv.kernel_size = 3;
  spec.layers = {conv};
  // the logits must be [K, 1]: a conv's output of length 8 is not
  CHECK_THROWS_WITH(Model(spec), Catch::Contains("loss 'crossentropy' needs a last layer with output length 1") &&
                                     Catch::Contains("layers[0] (conv1d) has output length 8"));
  LayerSpec pool;
  pool.type = LayerType::globalpool;
  pool.global_op = GlobalPoolOp::avg;
  spec.layers.push_back(pool);
  Model model(spec);
  CHECK(model.output_channels() == 3);
  CHECK(model.target_size() == 1);

  const std::vector<float> inputs(2 * 10, 0.5f);
  CHECK_THROWS_WITH(model.set_dataset(inputs.data(), std::vector<float>{0, 3}.data(), 2),
                    "targets[1] 3 must be a class index: an integer from 0 to 2 (classes 3)");
  CHECK_THROWS_WITH(model.set_dataset(inputs.data(), std::vector<float>{1.5f, 0}.data(), 2),
                    Catch::Contains("targets[0] 1.5 must be a class index"));
  CHECK_THROWS_WITH(model.set_validation(inputs.data(), std::vector<float>{-1, 0}.data(), 2),
                    Catch::Contains("validation targets[0] -1 must be a class index"));
  // a refused data set leaves the model usable
  CHECK(std::isfinite(model.loss()));

  // a class index written straight into the target buffer (not through a checked call) gives NaN, never a read
  // out of bounds
  model.target()[0] = 7;
  CHECK(std::isnan(model.forward()));
  model.target()[0] = 2;
  CHECK(std::isfinite(model.forward()));

  LayerSpec linear;
  linear.type = LayerType::linear;
  linear.out_features = 0;
  spec.layers.push_back(linear);
  CHECK_THROWS_WITH(Model(spec), Catch::StartsWith("layers[2] (linear): outFeatures 0 must be at least 1"));
}

TEST_CASE("accuracy is NaN for regression losses and without a validation set", "[classifier]") {
  ModelSpec spec;
  spec.input_length = 6;
  LayerSpec pool;
  pool.type = LayerType::globalpool;
  spec.layers = {pool};
  Model regression(spec);
  CHECK(std::isnan(regression.accuracy()));
  spec.loss = Loss::crossentropy;
  Model classifier(spec);
  CHECK(std::isnan(classifier.validation_accuracy()));
  CHECK(classifier.accuracy() == 1.0);  // one class, one example: its arg-max is always class 0
}
