#include "core/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/errors.hpp"

namespace convpool {

const char* optimizer_name(OptimizerType type) { return type == OptimizerType::adam ? "adam" : "sgd"; }

OptimizerType parse_optimizer(const std::string& name, const char* argument) {
  if (name == "sgd") return OptimizerType::sgd;
  if (name == "adam") return OptimizerType::adam;
  throw ArgumentError(argument, std::string(argument) + " '" + name + "' must be one of 'sgd', 'adam'");
}

namespace {
// A number for messages: 15 significant digits, trailing zeros dropped, so a decimal as a person types it comes
// back as typed ("0.9", "0.9999999", not "0.900000").
std::string number_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.15g", value);
  return text;
}
void require_finite_at_least(const char* name, double value, double minimum) {
  if (!std::isfinite(value)) throw ArgumentError(name, std::string(name) + " " + number_text(value) + " must be finite");
  if (value < minimum) {
    throw ArgumentError(name, std::string(name) + " " + number_text(value) + " must be at least " + number_text(minimum));
  }
}
void require_unit_interval(const char* name, double value) {
  if (!(value >= 0 && value < 1)) {
    throw ArgumentError(name, std::string(name) + " " + number_text(value) + " must be in [0, 1)");
  }
}
}  // namespace

void validate_optimizer(const OptimizerSpec& spec) {
  require_finite_at_least("weightDecay", spec.weight_decay, 0);
  if (spec.type == OptimizerType::sgd) {
    require_finite_at_least("optimizer.momentum", spec.momentum, 0);
    if (!std::isfinite(spec.dampening)) {
      throw ArgumentError("optimizer.dampening", "optimizer.dampening " + number_text(spec.dampening) + " must be finite");
    }
    if (spec.nesterov && (spec.momentum <= 0 || spec.dampening != 0)) {
      throw ArgumentError("optimizer.nesterov", "optimizer.nesterov true requires momentum > 0 and dampening 0 (momentum is " +
                          number_text(spec.momentum) + ", dampening " + number_text(spec.dampening) + ")");
    }
  } else {
    require_unit_interval("optimizer.beta1", spec.beta1);
    require_unit_interval("optimizer.beta2", spec.beta2);
    require_finite_at_least("optimizer.eps", spec.eps, 0);
  }
}

template <class T>
void Optimizer<T>::configure(const OptimizerSpec& spec, int64_t parameter_count) {
  validate_optimizer(spec);
  spec_ = spec;
  const bool sgd = spec.type == OptimizerType::sgd, adam = spec.type == OptimizerType::adam;
  velocity_.assign(sgd ? parameter_count : 0, T(0));
  m_.assign(adam ? parameter_count : 0, T(0));
  v_.assign(adam ? parameter_count : 0, T(0));
  saved_velocity_.assign(velocity_.size(), T(0));
  saved_m_.assign(m_.size(), T(0));
  saved_v_.assign(v_.size(), T(0));
  reset();
}

template <class T>
void Optimizer<T>::reset() {
  std::fill(velocity_.begin(), velocity_.end(), T(0));
  std::fill(m_.begin(), m_.end(), T(0));
  std::fill(v_.begin(), v_.end(), T(0));
  step_ = 0;
  beta1_power_ = beta2_power_ = 1;
}

namespace {

// torch.optim.SGD, per parameter:
//   d ← g + λ p                          (weight decay, when λ ≠ 0)
//   b ← d                     first step (when μ ≠ 0)
//   b ← μ b + (1 − τ) d       later steps
//   d ← d + μ b  (nesterov)   or   d ← b
//   p ← p − η d
template <class T>
void sgd_update(T* p, const T* g, T* b, int64_t n, T lr, T mu, T one_minus_tau, T lambda, bool first, bool nesterov) {
  for (int64_t i = 0; i < n; ++i) {
    T d = g[i];
    if (lambda != 0) d = d + lambda * p[i];
    if (mu != 0) {
      b[i] = first ? d : mu * b[i] + one_minus_tau * d;
      d = nesterov ? d + mu * b[i] : b[i];
    }
    p[i] = p[i] - lr * d;
  }
}

// torch.optim.Adam (amsgrad off), per parameter, at step t = 1, 2, …:
//   d ← g + λ p                                   (weight decay, when λ ≠ 0)
//   m ← β1 m + (1 − β1) d
//   v ← β2 v + (1 − β2) d²
//   p ← p − (η / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
// Every scalar is computed in double, as Python does, and rounded to T once, as torch does when it hands a Python
// float to a float32 kernel: 1 − β2 is float(1 − 0.999) = 0.001f, not 1.0f − 0.999f = 0.00099998713f (that float
// subtraction made every float32 step 6.4e-6 larger than PyTorch's). The products are ordered as torch's kernels
// order them: addcmul (1 − β2)·d·d, addcdiv (−step)·m / denominator.
template <class T>
void adam_update(T* p, const T* g, T* m, T* v, int64_t n, T beta1, T beta2, T one_minus_beta1, T one_minus_beta2,
                 T eps, T lambda, T negative_step_size, T bias_correction2_sqrt) {
  for (int64_t i = 0; i < n; ++i) {
    T d = g[i];
    if (lambda != 0) d = d + lambda * p[i];
    m[i] = beta1 * m[i] + one_minus_beta1 * d;
    v[i] = beta2 * v[i] + one_minus_beta2 * d * d;
    const T denominator = std::sqrt(v[i]) / bias_correction2_sqrt + eps;
    p[i] = p[i] + negative_step_size * m[i] / denominator;
  }
}

}  // namespace

template <class T>
void Optimizer<T>::step(const std::vector<ParameterTensor<T>>& tensors, double learning_rate) {
  const bool first = step_ == 0;
  ++step_;
  const T lambda = static_cast<T>(spec_.weight_decay);
  int64_t offset = 0;
  if (spec_.type == OptimizerType::sgd) {
    const T mu = static_cast<T>(spec_.momentum), one_minus_tau = static_cast<T>(1 - spec_.dampening);
    for (const auto& t : tensors) {
      sgd_update(t.value, t.grad, velocity_.data() + offset, t.count, static_cast<T>(learning_rate), mu, one_minus_tau, lambda, first,
                 spec_.nesterov);
      offset += t.count;
    }
    return;
  }
  beta1_power_ *= spec_.beta1;
  beta2_power_ *= spec_.beta2;
  const T negative_step_size = static_cast<T>(-(learning_rate / (1 - beta1_power_)));
  const T bias_correction2_sqrt = static_cast<T>(std::sqrt(1 - beta2_power_));
  for (const auto& t : tensors) {
    adam_update(t.value, t.grad, m_.data() + offset, v_.data() + offset, t.count, static_cast<T>(spec_.beta1),
                static_cast<T>(spec_.beta2), static_cast<T>(1 - spec_.beta1), static_cast<T>(1 - spec_.beta2),
                static_cast<T>(spec_.eps), lambda, negative_step_size, bias_correction2_sqrt);
    offset += t.count;
  }
}

template <class T>
void Optimizer<T>::save() {
  std::copy(velocity_.begin(), velocity_.end(), saved_velocity_.begin());
  std::copy(m_.begin(), m_.end(), saved_m_.begin());
  std::copy(v_.begin(), v_.end(), saved_v_.begin());
  saved_step_ = step_;
  saved_beta1_power_ = beta1_power_;
  saved_beta2_power_ = beta2_power_;
}

template <class T>
void Optimizer<T>::swap_saved() {
  std::swap_ranges(velocity_.begin(), velocity_.end(), saved_velocity_.begin());
  std::swap_ranges(m_.begin(), m_.end(), saved_m_.begin());
  std::swap_ranges(v_.begin(), v_.end(), saved_v_.begin());
  std::swap(step_, saved_step_);
  std::swap(beta1_power_, saved_beta1_power_);
  std::swap(beta2_power_, saved_beta2_power_);
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace convpool
