// The model's classifier layers (avgpool1d, globalpool, linear) and loss 'crossentropy' against PyTorch 1.13
// (tests/golden/classifier.json, computed in float64 by tests/golden/classifier.py): every step's batch loss, the final
// parameters, the training and validation loss and accuracy within 1e-4 relative (1e-5 absolute near zero).
// Then finite differences through whole classifiers, and the rules a classifier's spec and targets must follow.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/gradient_check.hpp"
#include "core/model.hpp"
#include "golden_model.hpp"

using namespace convpool;
using namespace golden;

namespace {

void load_case(Model& model, const json& c) {
  for (const auto& [key, p] : c["initialParameters"].items()) {
    auto& layer = model.layers()[std::stoul(key)];
    const auto w = floats(p["weight"]), b = floats(p["bias"]);
    REQUIRE(w.size() == layer.weight.size());
    REQUIRE(b.size() == layer.bias.size());
    std::copy(w.begin(), w.end(), layer.weight.begin());
    std::copy(b.begin(), b.end(), layer.bias.begin());
  }
  set_datasets(model, c);
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
