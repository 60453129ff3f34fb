// The model: learning a hidden kernel, determinism from the seed, divergence handling, and the gradient check.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/conv1d.hpp"
#include "core/errors.hpp"
#include "core/gradient_check.hpp"
#include "core/model.hpp"
#include "core/padding.hpp"
#include "random_values.hpp"

using namespace convpool;

namespace {

LayerSpec conv_layer(int64_t out_channels, int64_t kernel, PaddingKind padding = PaddingKind::same,
                     bool bias = true) {
  LayerSpec layer;
  layer.type = LayerType::conv1d;
  layer.conv.out_channels = out_channels;
  layer.conv.kernel_size = kernel;
  layer.conv.padding_kind = padding;
  layer.conv.bias = bias;
  return layer;
}
LayerSpec activation_layer(Activation fn) {
  LayerSpec layer;
  layer.type = LayerType::activation;
  layer.activation = fn;
  return layer;
}
LayerSpec pool_layer(int64_t kernel, int64_t stride) {
  LayerSpec layer;
  layer.type = LayerType::maxpool1d;
  layer.pool.kernel_size = kernel;
  layer.pool.stride = stride;
  return layer;
}

}  // namespace

TEST_CASE("a conv(5 same) model learns the hidden kernel that made its target", "[model][training]") {
  ModelSpec spec;
  spec.input_length = 64;
  spec.layers = {conv_layer(1, 5, PaddingKind::same, false)};
  spec.seed = 7;
  Model model(spec);
  testing::fill_random(model.input(), 64, 11);

  // Target = the input filtered by a hidden 5-tap kernel (computed with the same conv code).
  const std::vector<float> hidden{0.1f, -0.4f, 0.8f, 0.3f, -0.2f};
  const auto g = model.layers()[0].conv;
  const auto made = conv1d_apply<float>(g, model.input(), hidden.data(), nullptr, nullptr);
  std::memcpy(model.target(), made.y.data(), sizeof(float) * made.y.size());

  const double start = model.forward();
  const TrainResult result = model.train(3000, 0.01f);
  CAPTURE(start, result.loss);
  CHECK_FALSE(result.diverged);
  CHECK(result.steps_run == 3000);
  CHECK(model.forward() < 1e-6 * start);
  for (int k = 0; k < 5; ++k) CHECK(model.layers()[0].weight[k] == Approx(hidden[k]).margin(1e-3));
}

TEST_CASE("the same seed gives bit-identical weights and losses", "[model][determinism]") {
  ModelSpec spec;
  spec.input_length = 100;
  spec.layers = {conv_layer(2, 5), activation_layer(Activation::tanh), pool_layer(2, 1), conv_layer(1, 3),
                 activation_layer(Activation::sigmoid)};
  spec.seed = 42;
  spec.loss = Loss::mse;
  Model a(spec), b(spec);
  for (Model* m : {&a, &b}) {
    testing::fill_random(m->input(), m->input_size(), 3);
    testing::fill_random(m->target(), m->output_size(), 4);
  }
  REQUIRE(a.layers()[0].weight == b.layers()[0].weight);
  const double la = a.train(200, 0.05f).loss, lb = b.train(200, 0.05f).loss;
  CHECK(std::memcmp(&la, &lb, sizeof la) == 0);
  CHECK(a.layers()[3].weight == b.layers()[3].weight);

  spec.seed = 43;
  Model c(spec);
  CHECK(c.layers()[0].weight != a.layers()[0].weight);
}

TEST_CASE("initial weights follow PyTorch's default bound 1/sqrt(fan_in)", "[model][init]") {
  ModelSpec spec;
  spec.input_length = 32;
  spec.input_channels = 3;
  spec.layers = {conv_layer(8, 5)};
  Model model(spec);
  const float bound = 1.0f / std::sqrt(15.0f);
  float biggest = 0;
  for (float w : model.layers()[0].weight) biggest = std::max(biggest, std::fabs(w));
  CHECK(biggest <= bound);
  CHECK(biggest > 0.8f * bound);  // 120 draws: the largest lands near the bound
}

TEST_CASE("a diverging learning rate stops training and keeps the last finite weights", "[model][divergence]") {
  ModelSpec spec;
  spec.input_length = 64;
  spec.layers = {conv_layer(1, 5)};
  Model model(spec);
  testing::fill_random(model.input(), 64, 1);
  testing::fill_random(model.target(), 64, 2);
  const TrainResult result = model.train(10000, 1e6f);
  CHECK(result.diverged);
  CHECK(result.steps_run < 10000);
  CHECK(!std::isfinite(result.loss));
  CHECK(std::isfinite(model.forward()));
  for (float w : model.layers()[0].weight) CHECK(std::isfinite(w));
  CHECK(model.steps_taken() == result.steps_run);
}

TEST_CASE("train() rejects bad step counts and learning rates", "[model][errors]") {
  ModelSpec spec;
  spec.input_length = 8;
  spec.layers = {conv_layer(1, 3)};
  Model model(spec);
  CHECK_THROWS_AS(model.train(-1, 0.1f), ArgumentError);
  CHECK_THROWS_AS(model.train(1, NAN), ArgumentError);
  CHECK(model.train(0, 0.1f).steps_run == 0);
}

TEST_CASE("the gradient check agrees with the backward pass of every layer", "[model][gradient]") {
  const auto fn = GENERATE(Activation::identity, Activation::tanh, Activation::sigmoid, Activation::relu);
  const auto loss = GENERATE(Loss::sse, Loss::mse);
  CAPTURE(activation_name(fn), loss_name(loss));
  ModelSpec spec;
  spec.input_length = 24;
  spec.input_channels = 2;
  spec.layers = {conv_layer(3, 4), activation_layer(fn), pool_layer(3, 1), conv_layer(1, 3, PaddingKind::valid)};
  spec.layers[0].conv.padding_mode = PaddingMode::reflect;
  spec.layers[0].conv.dilation = 2;
  spec.loss = loss;
  Model model(spec);
  testing::fill_random(model.input(), model.input_size(), 5);
  testing::fill_random(model.target(), model.output_size(), 6);
  const auto report = gradient_check(model, 32);
  CAPTURE(report.worst_relative_error);
  CHECK(report.entries.size() > 50);
  CHECK(report.worst_relative_error < 1e-4);
}

TEST_CASE("grouped and depthwise conv layers: weights [out, in/groups, k], fan-in in/groups·k, exact gradients",
          "[model][groups]") {
  ModelSpec spec;
  spec.input_length = 20;
  spec.input_channels = 4;
  spec.layers = {conv_layer(4, 3), activation_layer(Activation::tanh), conv_layer(8, 5), conv_layer(2, 3)};
  spec.layers[0].conv.groups = 4;  // depthwise
  spec.layers[2].conv.groups = 4;  // depthwise with a channel multiplier of 2
  spec.layers[3].conv.groups = 2;  // grouped
  Model model(spec);
  CHECK(model.layers()[0].weight.size() == 4 * 1 * 3);
  CHECK(model.layers()[2].weight.size() == 8 * 1 * 5);
  CHECK(model.layers()[3].weight.size() == 2 * 4 * 3);
  float biggest = 0;  // fan-in of the depthwise layer is 1·3: bound 1/√3, not 1/√12
  for (float w : model.layers()[0].weight) biggest = std::max(biggest, std::fabs(w));
  CHECK(biggest <= 1.0f / std::sqrt(3.0f));
  CHECK(biggest > 1.0f / std::sqrt(12.0f));
  testing::fill_random(model.input(), model.input_size(), 7);
  testing::fill_random(model.target(), model.output_size(), 8);
  const auto report = gradient_check(model, 32);
  CAPTURE(report.worst_relative_error);
  CHECK(report.worst_relative_error < 1e-4);
}
