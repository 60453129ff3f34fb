// Edge cases of Model::train's divergence handling (see BasicModel::train in core/model.hpp): overflowing
// updates, non-finite data from the start, divergence noticed one call late, and calls after a divergence.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "core/random.hpp"

using namespace convpool;

namespace {

// y = w · x: one weight, no bias, so every number below can be worked out by hand.
Model single_weight_model(int64_t length, float weight, float input, float target) {
  ModelSpec spec;
  spec.input_length = length;
  LayerSpec layer;
  layer.type = LayerType::conv1d;
  layer.conv.kernel_size = 1;
  layer.conv.bias = false;
  spec.layers = {layer};
  Model model(spec);
  model.layers()[0].weight[0] = weight;
  for (int64_t i = 0; i < length; ++i) {
    model.input()[i] = input;
    model.target()[i] = target;
  }
  return model;
}

Model small_model(uint32_t seed, Activation fn = Activation::tanh) {
  ModelSpec spec;
  spec.input_length = 32;
  LayerSpec conv;
  conv.type = LayerType::conv1d;
  conv.conv.kernel_size = 5;
  conv.conv.padding_kind = PaddingKind::same;
  LayerSpec act;
  act.type = LayerType::activation;
  act.activation = fn;
  spec.layers = {conv, act};
  spec.seed = seed;
  Model model(spec);
  Pcg32 rng(seed);
  for (int64_t i = 0; i < model.input_size(); ++i) model.input()[i] = rng.next_symmetric(1.0f);
  for (int64_t i = 0; i < model.output_size(); ++i) model.target()[i] = rng.next_symmetric(0.5f);
  return model;
}

std::vector<float> parameters(const Model& model) {
  std::vector<float> all;
  for (const auto& layer : model.layers()) {
    all.insert(all.end(), layer.weight.begin(), layer.weight.end());
    all.insert(all.end(), layer.bias.begin(), layer.bias.end());
  }
  return all;
}

bool all_finite(const std::vector<float>& values) {
  for (float v : values) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("an update that overflows a weight is undone at once, even on the last step", "[model][divergence]") {
  // dC/dw = Σ 2(w·x − y)·x = 4 · 2 · 1 = 8 (finite), but w − 1e38 · 8 overflows float to −∞.
  Model model = single_weight_model(4, 1.0f, 1.0f, 0.0f);
  const TrainResult r = model.train(1, 1e38f);
  CHECK(r.diverged);
  CHECK(r.steps_run == 0);
  CHECK(model.steps_taken() == 0);
  CHECK(model.layers()[0].weight[0] == 1.0f);  // put back
  CHECK_FALSE(std::isfinite(r.loss));           // the loss at the overflowed weight
  CHECK(model.forward() == 4.0);                 // and the model computes with the restored weight
  CHECK(std::isfinite(model.gradient(0)[0]));    // every buffer shows the restored state
}

TEST_CASE("several steps then an overflowing one keep the steps before it", "[model][divergence]") {
  Model model = small_model(3);
  REQUIRE_FALSE(model.train(5, 0.01f).diverged);
  const std::vector<float> before = parameters(model);
  const TrainResult r = model.train(3, 3e38f);
  CHECK(r.diverged);
  CHECK(r.steps_run == 0);
  CHECK(model.steps_taken() == 5);
  CHECK(parameters(model) == before);
}

TEST_CASE("NaN or infinity in the input from the start: nothing trains and nothing is undone", "[model][divergence]") {
  const float bad = GENERATE(std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity());
  CAPTURE(bad);
  Model model = small_model(4);
  model.input()[7] = bad;
  const std::vector<float> before = parameters(model);
  for (int call = 0; call < 3; ++call) {  // repeated calls change nothing
    const TrainResult r = model.train(10, 0.01f);
    CHECK(r.diverged);
    CHECK(r.steps_run == 0);
    CHECK_FALSE(std::isfinite(r.loss));
    CHECK(model.steps_taken() == 0);
    CHECK(parameters(model) == before);
  }
  model.input()[7] = 0.25f;  // fixed data: training resumes
  const TrainResult r = model.train(10, 0.01f);
  CHECK_FALSE(r.diverged);
  CHECK(r.steps_run == 10);
  CHECK(std::isfinite(r.loss));
}

TEST_CASE("NaN in the target after training does not roll back a good step", "[model][divergence]") {
  // Before the fix, the saved pre-update weights of the previous call were restored and the step count went
  // down by one, although the last update was fine and the new target was to blame.
  Model model = small_model(5);
  REQUIRE_FALSE(model.train(4, 0.05f).diverged);
  const std::vector<float> trained = parameters(model);
  model.target()[0] = std::numeric_limits<float>::quiet_NaN();
  const TrainResult r = model.train(4, 0.05f);
  CHECK(r.diverged);
  CHECK(r.steps_run == 0);
  CHECK(model.steps_taken() == 4);
  CHECK(parameters(model) == trained);
  CHECK(std::isnan(model.forward()));
}

TEST_CASE("a blow-up caused by the previous call's last update is undone by the next call", "[model][divergence]") {
  // x = 1e18, w = 0.5, y = 0: the step gives w = 0.5 − 1e−15 · (2 · 5e17 · 1e18) = −1e21, still finite, but
  // w · x = −1e39 overflows float, so the loss is +∞ only at the next forward pass (in the next call).
  Model model = single_weight_model(1, 0.5f, 1e18f, 0.0f);
  const TrainResult first = model.train(1, 1e-15f);
  CHECK_FALSE(first.diverged);
  CHECK(first.steps_run == 1);
  CHECK(std::isfinite(model.layers()[0].weight[0]));
  CHECK(std::isinf(model.forward()));

  SECTION("the next call undoes it") {
    const TrainResult second = model.train(1, 1e-15f);
    CHECK(second.diverged);
    CHECK(std::isinf(second.loss));
    CHECK(second.steps_run == 0);
    CHECK(model.steps_taken() == 0);
    CHECK(model.layers()[0].weight[0] == 0.5f);
    CHECK(std::isfinite(model.forward()));
  }
  SECTION("unless the weights were written from outside since (discard_undo)") {
    model.layers()[0].weight[0] = 1e30f;  // a caller's own weight: w · x overflows, and it is not ours to undo
    model.discard_undo();
    const TrainResult second = model.train(1, 1e-15f);
    CHECK(second.diverged);
    CHECK(model.steps_taken() == 1);
    CHECK(model.layers()[0].weight[0] == 1e30f);
  }
}

TEST_CASE("train() after a divergence diverges again at once and changes nothing", "[model][divergence]") {
  Model model = small_model(6, Activation::identity);
  const TrainResult first = model.train(1000, 1e6f);
  REQUIRE(first.diverged);
  const std::vector<float> kept = parameters(model);
  const int64_t steps = model.steps_taken();
  CHECK(all_finite(kept));
  for (int call = 0; call < 3; ++call) {
    const TrainResult again = model.train(1000, 1e6f);
    CHECK(again.diverged);
    CHECK(again.steps_run == 0);
    CHECK(model.steps_taken() == steps);
    CHECK(parameters(model) == kept);
    CHECK(std::isfinite(model.forward()));
  }
  const TrainResult calm = model.train(20, 1e-3f);  // a sane rate trains on from the kept weights
  CHECK_FALSE(calm.diverged);
  CHECK(calm.steps_run == 20);
  CHECK(model.steps_taken() == steps + 20);
}

TEST_CASE("train(0) reports the loss at the current weights", "[model][divergence]") {
  Model model = small_model(7);
  const double loss = model.forward();
  const TrainResult r = model.train(0, 0.1f);
  CHECK(r.loss == loss);
  CHECK(r.steps_run == 0);
  CHECK_FALSE(r.diverged);
}

TEST_CASE("a rejected train() call changes nothing", "[model][divergence][errors]") {
  Model model = small_model(8);
  model.train(2, 0.01f);
  const std::vector<float> before = parameters(model);
  CHECK_THROWS_AS(model.train(Caps::max_train_steps + 1, 0.01f), ArgumentError);
  CHECK_THROWS_AS(model.train(1, std::numeric_limits<float>::infinity()), ArgumentError);
  CHECK_THROWS_AS(model.train(-5, 0.01f), ArgumentError);
  CHECK(parameters(model) == before);
  CHECK(model.steps_taken() == 2);
}
