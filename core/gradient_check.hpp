// Central finite differences in double precision against the analytic gradients of every layer:
//   numeric = (C(θ + h) − C(θ − h)) / 2h,   compared with the backward pass of the same model in double.
// This is what the page's "Gradient check" button runs: it checks the backward equations themselves.
#pragma once
#include <cstdint>
#include <vector>

#include "core/model.hpp"

namespace convpool {

enum class CheckedTensor { weight, bias, input };  // input = dC/da[l], the layer's input

struct GradientCheckEntry {
  int64_t layer;
  CheckedTensor tensor;
  int64_t index;
  double analytic, numeric, relative_error;
  // The loss has a kink within ±h of this point: a branch of the forward pass (a ReLU input's sign, a max-pool
  // window's winner) is not the same at θ − h, θ and θ + h. The finite difference then mixes two slopes, the
  // analytic value is one valid subgradient, and the entry does not count towards the worst error.
  bool at_kink;
};

struct GradientCheckReport {
  double worst_relative_error = 0;  // over the entries that are not at a kink
  int64_t kinks = 0;
  std::vector<GradientCheckEntry> entries;
};

// Checks at most `max_per_tensor` entries of each tensor (evenly spaced) at the model's current weights, input
// and target. relative_error = |analytic − numeric| / max(|analytic|, |numeric|, 1e-6).
GradientCheckReport gradient_check(const Model& model, int64_t max_per_tensor = 64, double step = 1e-6);

// The two halves of gradient_check, for tests that hand it a wrong gradient on purpose:
// a double-precision copy of the model (same spec, weights, input and target), evaluated (forward + backward) …
BasicModel<double> double_twin(const Model& model);
// … and the comparison of the gradients its buffers hold (grad_weight, grad_bias, gradient(l)) with central
// differences at its current point, which it leaves as it found it.
GradientCheckReport compare_with_finite_differences(BasicModel<double>& twin, int64_t max_per_tensor = 64,
                                                    double step = 1e-6);

}  // namespace convpool
