// The gradient check must tell a kink of the loss (a ReLU input or a max-pool tie crossed within ±h) from a wrong
// gradient, however small the slopes around it are: a correct network is never reported wrong, a wrong gradient
// is always reported.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/gradient_check.hpp"
#include "core/model.hpp"

using namespace convpool;

namespace {

// conv (outChannels, kernel k, no padding) → ReLU → max-pool (kernel 2, stride 1): the layers where ReLU kinks and
// pooling ties meet.
std::vector<LayerSpec> conv_relu_pool(int64_t out_channels, int64_t kernel_size) {
  LayerSpec conv;
  conv.type = LayerType::conv1d;
  conv.conv.out_channels = out_channels;
  conv.conv.kernel_size = kernel_size;
  LayerSpec relu;
  relu.type = LayerType::activation;
  relu.activation = Activation::relu;
  LayerSpec pool;
  pool.type = LayerType::maxpool1d;
  pool.pool.kernel_size = 2;
  pool.pool.stride = 1;
  return {conv, relu, pool};
}

// x (2 samples) → conv k=1 (w = 1, b = 0) → ReLU → max-pool k=2 → one output y, sse against a target t = 1e-4:
// C = (max(relu(x0), relu(x1)) − t)². Near its minimum every slope is ≈ 2t = 2e-4, far below any absolute
// threshold on the difference of the left and right slopes.
Model relu_into_maxpool(float x0, float x1) {
  ModelSpec spec;
  spec.input_length = 2;
  spec.layers = conv_relu_pool(1, 1);
  spec.loss = Loss::sse;
  Model model(spec);
  model.layers()[0].weight[0] = 1.0f;
  model.layers()[0].bias[0] = 0.0f;
  model.input()[0] = x0;
  model.input()[1] = x1;
  model.target()[0] = 1e-4f;
  return model;
}

void describe_failures(const GradientCheckReport& report) {
  for (const auto& e : report.entries) {
    if (!e.at_kink && e.relative_error >= 1e-4) {
      UNSCOPED_INFO("layer " << e.layer << " tensor " << static_cast<int>(e.tensor) << " index " << e.index << ": analytic "
                             << e.analytic << ", numeric " << e.numeric << ", relative error " << e.relative_error);
    }
  }
}

}  // namespace

TEST_CASE("ReLU → max-pool ties near zero are kinks, not wrong gradients", "[gradient_check][kink]") {
  struct Case {
    const char* what;
    float x0, x1;
  };
  const Case c = GENERATE(Case{"a ReLU input 3e-7 (within h = 1e-6 of 0) that wins its pooling window", 3e-7f, -0.5f},
                          Case{"two pooled ReLU outputs tied at exactly 0", 0.0f, 0.0f},
                          Case{"two pooled ReLU outputs both within h of 0", 2e-7f, 5e-7f});
  CAPTURE(c.what, c.x0, c.x1);
  const Model model = relu_into_maxpool(c.x0, c.x1);
  const GradientCheckReport report = gradient_check(model);
  describe_failures(report);
  CHECK(report.kinks > 0);  // the bias (and the inputs near 0) cross a kink at ±h
  CHECK(report.worst_relative_error < 1e-4);
}

TEST_CASE("a wrong gradient is still caught, beside kinks and away from them", "[gradient_check][kink]") {
  SECTION("in the ReLU → max-pool network whose kinks are excluded") {
    // x1 = −0.5 is far from its ReLU's kink: perturbing it by ±h changes no branch, and its true gradient is 0
    // (it loses the pooling window). Claim 1e-3 instead.
    const Model model = relu_into_maxpool(3e-7f, -0.5f);
    BasicModel<double> twin = double_twin(model);
    twin.gradient(0)[1] += 1e-3;
    const GradientCheckReport report = compare_with_finite_differences(twin);
    bool found = false;
    for (const auto& e : report.entries) {
      if (e.layer == 0 && e.tensor == CheckedTensor::input && e.index == 1) {
        found = true;
        CHECK_FALSE(e.at_kink);
        CHECK(e.relative_error > 0.5);
      }
    }
    CHECK(found);
    CHECK(report.worst_relative_error > 0.5);
  }
  SECTION("in a random conv → ReLU → max-pool → conv network, off by 1 %") {
    ModelSpec spec;
    spec.input_length = 24;
    spec.input_channels = 2;
    spec.layers = conv_relu_pool(3, 3);
    spec.layers.push_back(spec.layers.front());  // … → conv (3 → 3 channels, k = 3)
    spec.seed = 3;
    Model model(spec);
    for (int64_t i = 0; i < model.input_size(); ++i) model.input()[i] = std::sin(0.7f * static_cast<float>(i));
    for (int64_t i = 0; i < model.output_size(); ++i) model.target()[i] = std::cos(0.3f * static_cast<float>(i));
    BasicModel<double> twin = double_twin(model);
    const GradientCheckReport honest = compare_with_finite_differences(twin);
    describe_failures(honest);
    REQUIRE(honest.worst_relative_error < 1e-4);
    twin.layers()[0].grad_weight[4] *= 1.01;
    const GradientCheckReport wrong = compare_with_finite_differences(twin);
    CAPTURE(wrong.entries[4].analytic, wrong.entries[4].numeric);
    CHECK_FALSE(wrong.entries[4].at_kink);
    CHECK(wrong.worst_relative_error > 5e-3);
  }
}
