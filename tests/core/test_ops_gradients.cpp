// Central-difference gradient checks in double precision for conv1d (dC/dx, dC/dW, dC/db) and max-pool (dC/dx),
// swept over every option. The loss is C = Σ dC/dy · y with a fixed random dC/dy, so dC/dθ is exactly the
// backward pass applied to that upstream gradient.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "core/avgpool1d.hpp"
#include "core/conv1d.hpp"
#include "core/crossentropy.hpp"
#include "core/globalpool.hpp"
#include "core/linear.hpp"
#include "core/maxpool1d.hpp"
#include "random_values.hpp"

using namespace convpool;

namespace {


double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// dC/dθ_i by central differences, C(θ) = Σ grad_y · f(θ)
template <class F>
double numeric_derivative(std::vector<double>& theta, size_t i, const std::vector<double>& grad_y, F&& f) {
  const double h = 1e-6, saved = theta[i];
  theta[i] = saved + h;
  const double plus = dot(grad_y, f());
  theta[i] = saved - h;
  const double minus = dot(grad_y, f());
  theta[i] = saved;
  return (plus - minus) / (2 * h);
}

void check_gradient(const std::vector<double>& analytic, std::vector<double>& theta, const std::vector<double>& gy,
                    const std::function<std::vector<double>()>& f) {
  double worst = 0;
  for (size_t i = 0; i < theta.size(); ++i) {
    const double numeric = numeric_derivative(theta, i, gy, f);
    worst = std::max(worst, std::fabs(numeric - analytic[i]) / std::max({1.0, std::fabs(numeric)}));
  }
  CAPTURE(worst);
  CHECK(worst < 1e-7);
}

}  // namespace

TEST_CASE("conv1d backward matches central differences for every option", "[conv1d][gradient]") {
  const int64_t in_channels = GENERATE(1, 2);
  const int64_t out_channels = GENERATE(1, 3);
  const int64_t kernel = GENERATE(1, 2, 3, 5);
  const int64_t stride = GENERATE(1, 2, 3);
  const int64_t dilation = GENERATE(1, 2);
  const int padding_choice = GENERATE(0, 1, 2, 3);  // 0, 2, 'same', 'valid'
  const auto mode = GENERATE(PaddingMode::zeros, PaddingMode::reflect, PaddingMode::replicate, PaddingMode::circular);
  const bool bias = GENERATE(true, false);
  const int64_t length = 9;
  Conv1dParams params;
  params.in_channels = in_channels;
  params.out_channels = out_channels;
  params.kernel_size = kernel;
  params.stride = stride;
  params.dilation = dilation;
  params.padding_mode = mode;
  params.bias = bias;
  params.padding = padding_choice == 1 ? 2 : 0;
  params.padding_kind = padding_choice == 2 ? PaddingKind::same
                        : padding_choice == 3 ? PaddingKind::valid
                                              : PaddingKind::explicit_amount;
  if (params.padding_kind == PaddingKind::same && stride != 1) return;  // an error, tested elsewhere
  CAPTURE(in_channels, out_channels, kernel, stride, dilation, padding_choice, padding_mode_name(mode), bias);
  const Conv1dGeometry g = resolve_conv1d(params, length);

  auto x = testing::random_values<double>(in_channels * length, 1);
  auto w = testing::random_values<double>(g.weight_count(), 2);
  auto b = testing::random_values<double>(out_channels, 3);
  const auto gy = testing::random_values<double>(out_channels * g.out_length, 4);
  const auto result = conv1d_apply<double>(g, x.data(), w.data(), b.data(), gy.data());
  auto forward = [&] { return conv1d_apply<double>(g, x.data(), w.data(), b.data(), nullptr).y; };

  SECTION("dC/dx") { check_gradient(result.grad_x, x, gy, forward); }
  SECTION("dC/dW") { check_gradient(result.grad_weight, w, gy, forward); }
  if (bias) {
    SECTION("dC/db") { check_gradient(result.grad_bias, b, gy, forward); }
  }
}

TEST_CASE("max-pool backward matches central differences for every option", "[maxpool1d][gradient]") {
  const int64_t channels = GENERATE(1, 2);
  const int64_t kernel = GENERATE(1, 2, 3, 4);
  const int64_t stride = GENERATE(1, 2, 3);
  const int64_t dilation = GENERATE(1, 2);
  const int64_t padding = GENERATE(0, 1, 2);
  const bool ceil_mode = GENERATE(false, true);
  if (padding > kernel / 2) return;
  const int64_t length = 11;
  CAPTURE(channels, kernel, stride, dilation, padding, ceil_mode);
  MaxPool1dParams params{channels, kernel, stride, padding, dilation, ceil_mode};
  const auto g = resolve_maxpool1d(params, length);
  // Distinct values far apart, so ±h never changes a window's winner.
  std::vector<double> x(channels * length);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>((i * 7919) % 101) / 10.0;
  const auto gy = testing::random_values<double>(channels * g.out_length, 5);
  const auto result = maxpool1d_apply<double>(g, x.data(), gy.data());
  check_gradient(result.grad_x, x, gy, [&] { return maxpool1d_apply<double>(g, x.data(), nullptr).y; });
}

TEST_CASE("max-pool: the first maximum wins ties and overlapping windows add their gradients", "[maxpool1d]") {
  MaxPool1dParams params{1, 3, 1, 0, 1, false};
  const auto g = resolve_maxpool1d(params, 5);
  const std::vector<float> x{1, 5, 5, 2, 5};
  const std::vector<float> gy{1, 10, 100};
  const auto r = maxpool1d_apply<float>(g, x.data(), gy.data());
  CHECK(r.argmax == std::vector<int32_t>{1, 1, 2});
  CHECK(r.grad_x == std::vector<float>{0, 11, 100, 0, 0});
}

TEST_CASE("max-pool: NaN wins its window and propagates", "[maxpool1d]") {
  MaxPool1dParams params{1, 2, 1, 0, 1, false};
  const auto g = resolve_maxpool1d(params, 4);
  const std::vector<float> x{1, NAN, 3, 2};
  const auto r = maxpool1d_apply<float>(g, x.data(), nullptr);
  CHECK(std::isnan(r.y[0]));
  CHECK(std::isnan(r.y[1]));
  CHECK(r.y[2] == 3);
  CHECK(r.argmax == std::vector<int32_t>{1, 1, 2});
}

TEST_CASE("grouped and depthwise conv1d backward matches central differences", "[conv1d][groups][gradient]") {
  // (in, out, groups): grouped, depthwise, depthwise with a channel multiplier
  const auto shape = GENERATE(std::vector<int64_t>{2, 4, 2}, std::vector<int64_t>{4, 2, 2},
                              std::vector<int64_t>{3, 3, 3}, std::vector<int64_t>{2, 6, 2},
                              std::vector<int64_t>{6, 9, 3});
  const int64_t kernel = GENERATE(1, 3);
  const int64_t stride = GENERATE(1, 2);
  const int64_t dilation = GENERATE(1, 2);
  const auto mode = GENERATE(PaddingMode::zeros, PaddingMode::reflect, PaddingMode::circular);
  const bool bias = GENERATE(true, false);
  const int64_t length = 21;  // ≥ 16 outputs at stride 1: the vector kernels' main loop runs too
  Conv1dParams params;
  params.in_channels = shape[0];
  params.out_channels = shape[1];
  params.groups = shape[2];
  params.kernel_size = kernel;
  params.stride = stride;
  params.dilation = dilation;
  params.padding = 2;
  params.padding_mode = mode;
  params.bias = bias;
  CAPTURE(shape, kernel, stride, dilation, padding_mode_name(mode), bias);
  const Conv1dGeometry g = resolve_conv1d(params, length);
  REQUIRE(g.weight_count() == shape[1] * (shape[0] / shape[2]) * kernel);

  auto x = testing::random_values<double>(shape[0] * length, 11);
  auto w = testing::random_values<double>(g.weight_count(), 12);
  auto b = testing::random_values<double>(shape[1], 13);
  const auto gy = testing::random_values<double>(shape[1] * g.out_length, 14);
  const auto result = conv1d_apply<double>(g, x.data(), w.data(), b.data(), gy.data());
  auto forward = [&] { return conv1d_apply<double>(g, x.data(), w.data(), b.data(), nullptr).y; };

  SECTION("dC/dx") { check_gradient(result.grad_x, x, gy, forward); }
  SECTION("dC/dW") { check_gradient(result.grad_weight, w, gy, forward); }
  if (bias) {
    SECTION("dC/db") { check_gradient(result.grad_bias, b, gy, forward); }
  }
  SECTION("the float kernels agree with the double ones") {
    const std::vector<float> xf(x.begin(), x.end()), wf(w.begin(), w.end()), bf(b.begin(), b.end()),
        gyf(gy.begin(), gy.end());
    const auto rf = conv1d_apply<float>(g, xf.data(), wf.data(), bf.data(), gyf.data());
    for (size_t i = 0; i < rf.y.size(); ++i) CHECK(rf.y[i] == Approx(result.y[i]).epsilon(1e-5).margin(1e-5));
    for (size_t i = 0; i < rf.grad_x.size(); ++i) {
      CHECK(rf.grad_x[i] == Approx(result.grad_x[i]).epsilon(1e-5).margin(1e-5));
    }
    for (size_t i = 0; i < rf.grad_weight.size(); ++i) {
      CHECK(rf.grad_weight[i] == Approx(result.grad_weight[i]).epsilon(1e-5).margin(1e-5));
    }
  }
}

TEST_CASE("depthwise conv1d: each output channel sees only its own input channel", "[conv1d][groups]") {
  Conv1dParams params;
  params.in_channels = params.out_channels = params.groups = 2;
  params.kernel_size = 1;
  params.bias = false;
  const auto g = resolve_conv1d(params, 3);
  const std::vector<float> x{1, 2, 3, 10, 20, 30}, w{2, -1};  // W[0,0,0] = 2, W[1,0,0] = −1
  const auto r = conv1d_apply<float>(g, x.data(), w.data(), nullptr, nullptr);
  CHECK(r.y == std::vector<float>{2, 4, 6, -10, -20, -30});
}

TEST_CASE("avg-pool backward matches central differences for every option", "[avgpool1d][gradient]") {
  const int64_t channels = GENERATE(1, 2);
  const int64_t kernel = GENERATE(1, 2, 3, 4, 5);
  const int64_t stride = GENERATE(1, 2, 3);
  const int64_t padding = GENERATE(0, 1, 2);
  const bool ceil_mode = GENERATE(false, true);
  const bool count_include_pad = GENERATE(true, false);
  if (padding > kernel / 2) return;
  const int64_t length = GENERATE(1, 7, 10);
  CAPTURE(channels, kernel, stride, padding, ceil_mode, count_include_pad, length);
  if ((length + 2 * padding - kernel) < 0) return;  // empty output: an error, tested elsewhere
  const auto g = resolve_avgpool1d({channels, kernel, stride, padding, ceil_mode, count_include_pad}, length);
  auto x = testing::random_values<double>(channels * length, 6);
  const auto gy = testing::random_values<double>(channels * g.out_length, 7);
  const auto result = avgpool1d_apply<double>(g, x.data(), gy.data());
  check_gradient(result.grad_x, x, gy, [&] { return avgpool1d_apply<double>(g, x.data(), nullptr).y; });
}

TEST_CASE("avg-pool divisors at the edges follow PyTorch", "[avgpool1d]") {
  const std::vector<float> x{0, 1, 2, 3, 4};
  // k3 s2 p1 ceil on N = 5: windows [−1,2), [1,4), [3,6). The last ends exactly at N + p = 6: divisor 3 with
  // padding (7/3), 2 without (7/2); the first counts its left padding only with padding.
  auto incl = avgpool1d_apply<float>(resolve_avgpool1d({1, 3, 2, 1, true, true}, 5), x.data(), nullptr);
  auto excl = avgpool1d_apply<float>(resolve_avgpool1d({1, 3, 2, 1, true, false}, 5), x.data(), nullptr);
  CHECK(incl.y == std::vector<float>{1.0f / 3, 2, 7.0f / 3});
  CHECK(excl.y == std::vector<float>{0.5f, 2, 3.5f});
  // k4 s3 p0 ceil on N = 5: windows [0,4) and [3,7), the second clipped at N + p = 5: divisor 2, not 4
  auto hang = avgpool1d_apply<float>(resolve_avgpool1d({1, 4, 3, 0, true, true}, 5), x.data(), nullptr);
  CHECK(hang.y == std::vector<float>{1.5f, 3.5f});
}

TEST_CASE("global pooling backward matches central differences", "[globalpool][gradient]") {
  const int64_t channels = GENERATE(1, 3);
  const int64_t length = GENERATE(1, 2, 9);
  const auto op = GENERATE(GlobalPoolOp::max, GlobalPoolOp::avg);
  CAPTURE(channels, length, global_pool_op_name(op));
  const auto g = resolve_globalpool(channels, length);
  // Distinct values far apart, so ±h never changes the winner.
  std::vector<double> x(channels * length);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>((i * 7919) % 101) / 10.0;
  const auto gy = testing::random_values<double>(channels, 8);
  const auto result = globalpool_apply<double>(g, op, x.data(), gy.data());
  check_gradient(result.grad_x, x, gy, [&] { return globalpool_apply<double>(g, op, x.data(), nullptr).y; });
}

TEST_CASE("global max-pool: the first maximum wins ties, NaN propagates", "[globalpool]") {
  const auto g = resolve_globalpool(3, 4);
  const std::vector<float> x{1, 5, 5, 2, NAN, 3, NAN, 9, -INFINITY, -INFINITY, -INFINITY, -INFINITY};
  const std::vector<float> gy{1, 2, 3};
  const auto r = globalpool_apply<float>(g, GlobalPoolOp::max, x.data(), gy.data());
  CHECK(r.argmax == std::vector<int32_t>{1, 2, 0});  // tie → first; two NaNs → the later takes over, as max_pool1d
  CHECK(r.y[0] == 5);
  CHECK(std::isnan(r.y[1]));
  CHECK(r.y[2] == -INFINITY);
  CHECK(r.grad_x == std::vector<float>{0, 1, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0});
}

TEST_CASE("linear backward matches central differences", "[linear][gradient]") {
  const int64_t in_features = GENERATE(1, 6, 17);
  const int64_t out_features = GENERATE(1, 4);
  const bool bias = GENERATE(true, false);
  CAPTURE(in_features, out_features, bias);
  const auto g = resolve_linear(in_features, out_features, bias);
  auto x = testing::random_values<double>(in_features, 21);
  auto w = testing::random_values<double>(g.weight_count(), 22);
  auto b = testing::random_values<double>(out_features, 23);
  const auto gy = testing::random_values<double>(out_features, 24);
  const auto result = linear_apply<double>(g, x.data(), w.data(), b.data(), gy.data());
  auto forward = [&] { return linear_apply<double>(g, x.data(), w.data(), b.data(), nullptr).y; };
  SECTION("dC/dx") { check_gradient(result.grad_x, x, gy, forward); }
  SECTION("dC/dW") { check_gradient(result.grad_weight, w, gy, forward); }
  if (bias) {
    SECTION("dC/db") { check_gradient(result.grad_bias, b, gy, forward); }
  }
}

TEST_CASE("linear initialisation: uniform within ±1/sqrt(in_features), the same for the same seed", "[linear]") {
  const auto g = resolve_linear(50, 8, true);
  std::vector<float> w1(g.weight_count()), b1(8), w2(g.weight_count()), b2(8);
  Pcg32 rng1(7), rng2(7);
  linear_initialize(w1.data(), b1.data(), g, rng1);
  linear_initialize(w2.data(), b2.data(), g, rng2);
  CHECK(w1 == w2);
  CHECK(b1 == b2);
  const float bound = 1.0f / std::sqrt(50.0f);
  float widest = 0;
  for (float v : w1) widest = std::max(widest, std::fabs(v));
  for (float v : b1) widest = std::max(widest, std::fabs(v));
  CHECK(widest <= bound);
  CHECK(widest > 0.9f * bound);  // 408 draws reach the edges
}

TEST_CASE("cross-entropy gradient matches central differences", "[crossentropy][gradient]") {
  const int64_t count = GENERATE(1, 3);
  const int64_t classes = GENERATE(1, 2, 5);
  const double scale = GENERATE(1.0, 30.0);
  CAPTURE(count, classes, scale);
  const auto g = resolve_crossentropy(count, classes);
  auto logits = testing::random_values<double>(count * classes, 31);
  for (double& z : logits) z *= scale;
  std::vector<double> target(count), probabilities(logits.size()), grad(logits.size());
  for (int64_t n = 0; n < count; ++n) target[n] = static_cast<double>((n * 2) % classes);
  crossentropy_forward<double>(probabilities.data(), nullptr, logits.data(), target.data(), g);
  crossentropy_backward(grad.data(), probabilities.data(), target.data(), g);
  // C as a one-element "output" with upstream gradient 1
  const std::vector<double> one{1.0};
  check_gradient(grad, logits, one, [&] {
    return std::vector<double>{crossentropy_forward<double>(nullptr, nullptr, logits.data(), target.data(), g).loss};
  });
}

TEST_CASE("cross-entropy stays finite for logits of ±1e4 and refuses bad targets", "[crossentropy]") {
  const auto g = resolve_crossentropy(1, 3);
  const std::vector<float> logits{1e4f, -1e4f, 0}, target{1};
  const auto v = crossentropy_forward<float>(nullptr, nullptr, logits.data(), target.data(), g);
  CHECK(v.loss == Approx(2e4));
  for (float bad : {2.5f, -1.0f, 3.0f, NAN, INFINITY}) {
    CAPTURE(bad);
    const std::vector<float> t{bad};
    CHECK_THROWS_WITH(check_class_targets(t.data(), g),
                      Catch::Contains("target[0]") && Catch::Contains("must be a class index: an integer from 0 to 2"));
  }
}

TEST_CASE("a bad class target is quoted as JavaScript prints it, 9 significant digits", "[crossentropy]") {
  const auto g = resolve_crossentropy(1, 3);
  // 0.1f is 0.100000001490116…: 9 significant digits are what tell one float32 from its neighbours
  const std::pair<float, const char*> cases[] = {
      {NAN, "target[0] NaN must"}, {INFINITY, "target[0] Infinity must"}, {-INFINITY, "target[0] -Infinity must"},
      {0.1f, "target[0] 0.100000001 must"}, {2.5f, "target[0] 2.5 must"}, {-1e30f, "target[0] -1.00000002e+30 must"}};
  for (const auto& [bad, quoted] : cases) {
    CAPTURE(quoted);
    const std::vector<float> t{bad};
    CHECK_THROWS_WITH(check_class_targets(t.data(), g), Catch::StartsWith(quoted));
  }
}
