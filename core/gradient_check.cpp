#include "core/gradient_check.hpp"

#include <algorithm>
#include <cmath>

namespace convpool {

namespace {

// A double-precision twin of the float model: same spec, same weights, input and target.
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
  return twin;
}

double relative_error(double analytic, double numeric) {
  const double scale = std::max({std::fabs(analytic), std::fabs(numeric), 1e-6});
  return std::fabs(analytic - numeric) / scale;
}

struct Slopes {
  double central, left, right;
  bool at_kink() const {
    return std::fabs(right - left) > 1e-3 * std::max({1.0, std::fabs(left), std::fabs(right)});
  }
};

// Perturbs *value by ±h, re-running the network from layer `first`: (C(θ+h) − C(θ−h)) / 2h and the one-sided slopes.
Slopes finite_differences(BasicModel<double>& twin, double* value, size_t first, double step) {
  const double saved = *value;
  const double h = step * std::max(1.0, std::fabs(saved));
  const double center = twin.forward_from(first);
  *value = saved + h;
  const double plus = twin.forward_from(first);
  *value = saved - h;
  const double minus = twin.forward_from(first);
  *value = saved;
  return {(plus - minus) / (2 * h), (center - minus) / h, (plus - center) / h};
}

}  // namespace

GradientCheckReport gradient_check(const Model& model, int64_t max_per_tensor, double step) {
  BasicModel<double> twin = double_twin(model);
  twin.evaluate();  // analytic gradients at the current point
  GradientCheckReport report;

  auto check = [&](int64_t layer, CheckedTensor tensor, double* values, const double* analytic, int64_t count,
                   size_t rerun_from) {
    if (count == 0) return;
    const int64_t checked = std::min<int64_t>(count, std::max<int64_t>(1, max_per_tensor));
    for (int64_t j = 0; j < checked; ++j) {
      const int64_t index = checked == count ? j : j * count / checked;
      const Slopes slopes = finite_differences(twin, values + index, rerun_from, step);
      const double error = relative_error(analytic[index], slopes.central);
      const bool kink = slopes.at_kink();
      report.entries.push_back({layer, tensor, index, analytic[index], slopes.central, error, kink});
      if (kink) {
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

}  // namespace convpool
