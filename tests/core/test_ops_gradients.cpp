// Central-difference gradient checks in double precision for conv1d (dC/dx, dC/dW, dC/db) and max-pool (dC/dx),
// swept over every option. The loss is C = Σ dC/dy · y with a fixed random dC/dy, so dC/dθ is exactly the
// backward pass applied to that upstream gradient.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "core/conv1d.hpp"
#include "core/maxpool1d.hpp"
#include "core/random.hpp"

using namespace convpool;

namespace {

std::vector<double> random_vector(size_t n, uint32_t seed) {
  Pcg32 rng(seed);
  std::vector<double> v(n);
  for (double& x : v) x = rng.next_symmetric(1.0f);
  return v;
}

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

  auto x = random_vector(in_channels * length, 1);
  auto w = random_vector(g.weight_count(), 2);
  auto b = random_vector(out_channels, 3);
  const auto gy = random_vector(out_channels * g.out_length, 4);
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
  const auto gy = random_vector(channels * g.out_length, 5);
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
