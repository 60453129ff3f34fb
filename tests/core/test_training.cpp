// Data sets, mini-batches and optimizers against PyTorch 1.13 (tests/golden/training.json, computed in float64 by
// tests/golden/training.py): every step's batch loss, the final weights, the training-set and validation losses
// within 1e-4 relative (1e-5 absolute near zero). Then the state around them: divergence undoes the optimizer
// state with the weights, reset clears it, train() allocates nothing new.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "golden_model.hpp"

using namespace convpool;
using namespace golden;

namespace {

std::vector<size_t> conv_layers(const Model& model) {
  std::vector<size_t> out;
  for (size_t l = 0; l < model.layers().size(); ++l) {
    if (model.layers()[l].type == LayerType::conv1d) out.push_back(l);
  }
  return out;
}

void load_case(Model& model, const json& c) {
  const auto convs = conv_layers(model);
  for (size_t i = 0; i < convs.size(); ++i) {
    const auto w = floats(c["initialParameters"][i]["weight"]), b = floats(c["initialParameters"][i]["bias"]);
    std::copy(w.begin(), w.end(), model.layers()[convs[i]].weight.begin());
    std::copy(b.begin(), b.end(), model.layers()[convs[i]].bias.begin());
  }
  set_datasets(model, c);
}

}  // namespace

TEST_CASE("mini-batch training follows PyTorch's optimizers for 50 steps with a rate change", "[training][golden]") {
  const json doc = load("training.json");
  REQUIRE(doc["cases"].size() >= 10);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    CAPTURE(name);
    Model model(spec_from(c));
    load_case(model, c);
    std::vector<double> losses;
    for (const json& lr : c["learningRates"]) losses.push_back(model.train(1, lr.get<float>()).loss);
    expect_close(losses, c["losses"].get<std::vector<double>>(), "step losses");
    const auto convs = conv_layers(model);
    for (size_t i = 0; i < convs.size(); ++i) {
      expect_close(model.layers()[convs[i]].weight, c["finalParameters"][i]["weight"].get<std::vector<double>>(), "weight");
      expect_close(model.layers()[convs[i]].bias, c["finalParameters"][i]["bias"].get<std::vector<double>>(), "bias");
    }
    expect_close(std::vector<double>{model.loss()}, {c["trainLoss"].get<double>()}, "training-set loss");
    expect_close(std::vector<double>{model.validation_loss()}, {c["validationLoss"].get<double>()}, "validation loss");
  }
}

TEST_CASE("validation loss is NaN without a validation set and set_validation(…, 0) removes it", "[training]") {
  const json c = load("training.json")["cases"][0];
  Model model(spec_from(c));
  CHECK(std::isnan(model.validation_loss()));
  load_case(model, c);
  CHECK(std::isfinite(model.validation_loss()));
  model.set_validation(nullptr, nullptr, 0);
  CHECK(std::isnan(model.validation_loss()));
}

TEST_CASE("a diverging Adam step is undone together with its optimizer state", "[training][divergence]") {
  const json doc = load("training.json");
  for (const json& c : doc["cases"]) {
    if (c["optimizer"]["type"] != "adam") continue;
    CAPTURE(c["name"].get<std::string>());
    Model model(spec_from(c));
    load_case(model, c);
    model.train(5, 0.01f);
    // A rate so large that training diverges within a few steps: the step to blame is undone, optimizer state and
    // all, so the model ends exactly where a twin that only ran the kept steps ends.
    const TrainResult r = model.train(50, 1e38f);
    REQUIRE(r.diverged);
    Model twin(spec_from(c));
    load_case(twin, c);
    twin.train(5, 0.01f);
    if (r.steps_run > 0) REQUIRE_FALSE(twin.train(r.steps_run, 1e38f).diverged);
    CHECK(model.layers()[0].weight == twin.layers()[0].weight);
    CHECK(model.optimizer().first_moment() == twin.optimizer().first_moment());
    CHECK(model.optimizer().second_moment() == twin.optimizer().second_moment());
    CHECK(model.optimizer().steps() == twin.optimizer().steps());
    CHECK(model.batch_position() == twin.batch_position());
    CHECK(model.steps_taken() == twin.steps_taken());
  }
}

TEST_CASE("a data set with NaN in one example stops training at that batch without undoing", "[training][divergence]") {
  const json c = load("training.json")["cases"][0];
  Model model(spec_from(c));
  load_case(model, c);
  const auto inputs = floats(c["inputs"]);
  auto targets = floats(c["targets"]);
  const int64_t count = c["count"], batch = c["batchSize"];
  REQUIRE(count == 5);
  REQUIRE(batch == 2);
  // The last example is first used at position 4, by step 2 (positions 4 and 5).
  targets[(count - 1) * model.target_size()] = std::numeric_limits<float>::quiet_NaN();
  model.set_dataset(inputs.data(), targets.data(), count);
  const TrainResult r = model.train(10, 0.01f);
  CHECK(r.diverged);
  CHECK(std::isnan(r.loss));
  CHECK(r.steps_run == 2);  // steps 0 and 1 ran; step 2's batch is not finite at any weights, nothing is undone
  CHECK(model.batch_position() == 2);
  CHECK(model.steps_taken() == 2);
}

TEST_CASE("training allocates nothing after the first step", "[training][memory]") {
  const json c = load("training.json")["cases"][6];
  Model model(spec_from(c));
  load_case(model, c);
  model.train(1, 0.01f);
  const float* weight = model.layers()[0].weight.data();
  const float* m = model.optimizer().first_moment().data();
  const size_t capacity = model.optimizer().first_moment().capacity();
  model.train(200, 0.01f);
  CHECK(model.layers()[0].weight.data() == weight);
  CHECK(model.optimizer().first_moment().data() == m);
  CHECK(model.optimizer().first_moment().capacity() == capacity);
}

TEST_CASE("bad data set and optimizer arguments are refused with the rule", "[training][errors]") {
  ModelSpec spec;
  spec.input_length = 8;
  spec.batch_size = 0;
  CHECK_THROWS_WITH(Model(spec), "batchSize 0 must be at least 1");
  spec.batch_size = 4097;
  CHECK_THROWS_WITH(Model(spec), "batchSize 4097 must be at most 4096 (the batch size cap)");
  spec.batch_size = 1;
  spec.optimizer.type = OptimizerType::adam;
  spec.optimizer.beta2 = 1;
  CHECK_THROWS_WITH(Model(spec), "optimizer.beta2 1 must be in [0, 1)");
  spec.optimizer = OptimizerSpec{};
  spec.optimizer.nesterov = true;
  CHECK_THROWS_WITH(Model(spec), Catch::Contains("optimizer.nesterov true requires momentum > 0 and dampening 0"));
  spec.optimizer = OptimizerSpec{};
  Model model(spec);
  std::vector<float> data(8);
  CHECK_THROWS_WITH(model.set_dataset(data.data(), data.data(), 0), "count 0 must be at least 1");
  CHECK_THROWS_WITH(model.show_example(false, 1), "index 1 must be at most 0 (the last index)");
}
