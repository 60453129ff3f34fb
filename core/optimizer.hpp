// The optimizers, exactly as torch.optim (v1.13) updates each parameter p with gradient g at learning rate η:
//   SGD(momentum μ, dampening τ, nesterov, weight_decay λ)   and   Adam(β1, β2, ε, weight_decay λ).
// The state (velocity, or m and v and the step count) lives here, flat over all of a model's parameters in the
// model's order; reset() forgets it. Every update uses +, −, ×, ÷ and √ only (IEEE, correctly rounded), and the
// powers β^t are running products, so the native build and WebAssembly give the same bits.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/layer.hpp"

namespace convpool {

enum class OptimizerType { sgd, adam };
const char* optimizer_name(OptimizerType type);
OptimizerType parse_optimizer(const std::string& name, const char* argument = "optimizer.type");

struct OptimizerSpec {
  OptimizerType type = OptimizerType::sgd;
  double momentum = 0, dampening = 0;  // sgd
  bool nesterov = false;               // sgd
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // adam
  double weight_decay = 0;             // both: λ·p added to the gradient
};

// torch.optim's own rules (momentum ≥ 0, Nesterov needs μ > 0 and τ = 0, β in [0, 1), ε ≥ 0, λ ≥ 0, all finite);
// throws ArgumentError naming the field, its value and the rule.
void validate_optimizer(const OptimizerSpec& spec);

template <class T>
class Optimizer {
 public:
  // Sizes the state for `parameter_count` values (allocation happens here, never in step()).
  void configure(const OptimizerSpec& spec, int64_t parameter_count);
  const OptimizerSpec& spec() const { return spec_; }

  // One update of every tensor in `tensors` (values and gradients, in the order the state was laid out).
  // learning_rate stays a double (a Python float) until a kernel needs it in T, as torch.optim's does.
  void step(const std::vector<ParameterTensor<T>>& tensors, double learning_rate);
  void reset();  // forget the state: the next step is a first step again

  // The state as flat arrays over all parameters (empty when the optimizer has none of that kind).
  const std::vector<T>& velocity() const { return velocity_; }      // sgd with momentum: the buffer b
  const std::vector<T>& first_moment() const { return m_; }         // adam: m
  const std::vector<T>& second_moment() const { return v_; }        // adam: v
  T* velocity_data() { return velocity_.data(); }
  T* first_moment_data() { return m_.data(); }
  T* second_moment_data() { return v_.data(); }
  int64_t steps() const { return step_; }

  // For undoing a diverging update: save() copies the state aside, swap_saved() exchanges it with the copy.
  void save();
  void swap_saved();

 private:
  OptimizerSpec spec_;
  std::vector<T> velocity_, m_, v_;
  int64_t step_ = 0;
  double beta1_power_ = 1, beta2_power_ = 1;  // β1^t, β2^t
  std::vector<T> saved_velocity_, saved_m_, saved_v_;
  int64_t saved_step_ = 0;
  double saved_beta1_power_ = 1, saved_beta2_power_ = 1;
};

}  // namespace convpool
