#include "core/gradient_check.hpp"

#include <algorithm>
#include <cmath>

namespace convpool {

namespace {

double relative_error(double analytic, double numeric) {
  const double scale = std::max({std::fabs(analytic), std::fabs(numeric), 1e-6});
  return std::fabs(analytic - numeric) / scale;
}

// Every branch the forward pass took, in layer order: for each ReLU, whether each input is > 0 (g′ = 1 or 0);
// for each max-pool and global max-pool, the winning position of each window. Between two points with the same
// branches the loss is one smooth function; where they differ, a kink lies between the points.
std::vector<int32_t> branch_decisions(const BasicModel<double>& twin) {
  std::vector<int32_t> decisions;
  for (size_t l = 0; l < twin.layers().size(); ++l) {
    const auto& layer = twin.layers()[l];
    if (layer.type == LayerType::activation && layer.activation == Activation::relu) {
      const double* in = twin.activation(l);
      for (int64_t i = 0; i < layer.in_channels * layer.in_length; ++i) decisions.push_back(in[i] > 0 ? 1 : 0);
    }
    decisions.insert(decisions.end(), layer.argmax.begin(), layer.argmax.end());  // empty unless a max-pool
  }
  return decisions;
}

struct Difference {
  double central;  // (C(θ + h) − C(θ − h)) / 2h
  bool at_kink;    // the branches at θ − h, θ, θ + h are not all the same
};

// Perturbs *value by ±h, re-running the network from layer `first`; restores *value (not the activations).
Difference finite_difference(BasicModel<double>& twin, double* value, size_t first, double step) {
  const double saved = *value;
  const double h = step * std::max(1.0, std::fabs(saved));
  twin.forward_from(first);
  const std::vector<int32_t> at_center = branch_decisions(twin);
  *value = saved + h;
  const double plus = twin.forward_from(first);
  const bool plus_differs = branch_decisions(twin) != at_center;
  *value = saved - h;
  const double minus = twin.forward_from(first);
  const bool minus_differs = branch_decisions(twin) != at_center;
  *value = saved;
  return {(plus - minus) / (2 * h), plus_differs || minus_differs};
}

}  // namespace

BasicModel<double> double_twin(const Model& model) {
  BasicModel<double> twin(model.spec());
  for (size_t l = 0; l < model.layers().size(); ++l) {
    const auto& from = model.layers()[l];
    auto& to = twin.layers()[l];
    std::copy(from.weight.begin(), from.weight.end(), to.weight.begin());
    std::copy(from.bias.begin(), from.bias.end(), to.bias.begin());
  }
  std::copy(model.activation(0), model.activation(0) + model.input_size(), twin.input());
  std::copy(model.target(), model.target() + model.target_size(), twin.target());
  twin.evaluate();  // analytic gradients at the current point
  return twin;
}

GradientCheckReport compare_with_finite_differences(BasicModel<double>& twin, int64_t max_per_tensor, double step) {
  GradientCheckReport report;

  auto check = [&](int64_t layer, CheckedTensor tensor, double* values, const double* analytic, int64_t count,
                   size_t rerun_from) {
    if (count == 0) return;
    const int64_t checked = std::min<int64_t>(count, std::max<int64_t>(1, max_per_tensor));
    for (int64_t j = 0; j < checked; ++j) {
      const int64_t index = checked == count ? j : j * count / checked;
      const Difference difference = finite_difference(twin, values + index, rerun_from, step);
      const double error = relative_error(analytic[index], difference.central);
      report.entries.push_back({layer, tensor, index, analytic[index], difference.central, error, difference.at_kink});
      if (difference.at_kink) {
        ++report.kinks;
      } else {
        report.worst_relative_error = std::max(report.worst_relative_error, error);
      }
    }
    twin.forward();  // leave the activations as they were
  };

  for (size_t l = 0; l < twin.layers().size(); ++l) {
    auto& layer = twin.layers()[l];
    const auto layer_index = static_cast<int64_t>(l);
    check(layer_index, CheckedTensor::weight, layer.weight.data(), layer.grad_weight.data(),
          static_cast<int64_t>(layer.weight.size()), l);
    check(layer_index, CheckedTensor::bias, layer.bias.data(), layer.grad_bias.data(),
          static_cast<int64_t>(layer.bias.size()), l);
    check(layer_index, CheckedTensor::input, twin.activation(l), twin.gradient(l), layer.in_channels * layer.in_length,
          l);
  }
  return report;
}

GradientCheckReport gradient_check(const Model& model, int64_t max_per_tensor, double step) {
  BasicModel<double> twin = double_twin(model);
  return compare_with_finite_differences(twin, max_per_tensor, step);
}

}  // namespace convpool
