#include "core/model.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>
#include <utility>

#include "core/crossentropy.hpp"
#include "core/errors.hpp"
#include "core/random.hpp"
#include "core/simd.hpp"

namespace convpool {

namespace {
template <class T>
void copy_values(T* dst, const T* src, int64_t n) {
  if (dst == src) return;
  if constexpr (std::is_same_v<T, float>) {
    simd::copy(dst, src, n);  // not memcpy: see simd::copy
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
  }
}
}  // namespace

template <class T>
BasicModel<T>::BasicModel(const ModelSpec& spec) : spec_(spec) {
  require_at_least("inputChannels", spec.input_channels, 1);
  require_at_most("inputChannels", spec.input_channels, Caps::max_channels, "the channel cap");
  require_at_least("inputLength", spec.input_length, 1);
  require_at_most("inputLength", spec.input_length, Caps::max_length, "the input length cap");
  require_tensor_size("the input", spec.input_channels, spec.input_length);
  require_at_most("layers.length", static_cast<int64_t>(spec.layers.size()), Caps::max_layers, "the layer cap");
  require_at_least("batchSize", spec.batch_size, 1);
  require_at_most("batchSize", spec.batch_size, Caps::max_batch_size, "the batch size cap");
  validate_optimizer(spec.optimizer);

  int64_t channels = spec.input_channels, length = spec.input_length;
  activations_.emplace_back(channels * length);
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    layers_.push_back(build_layer<T>(spec.layers[i], i, channels, length));
    channels = layers_.back().out_channels;
    length = layers_.back().out_length;
    activations_.emplace_back(channels * length);
  }
  if (spec.loss == Loss::crossentropy && length != 1) {
    const std::string last = spec.layers.empty() ? std::string("the input")
                                                 : "layers[" + std::to_string(spec.layers.size() - 1) + "] (" +
                                                       layer_type_name(layers_.back().type) + ")";
    throw ArgumentError("loss", "loss 'crossentropy' needs a last layer with output length 1 (its [classes, 1] logits), but " +
                        last + " has output length " + std::to_string(length) +
                        ": end the network with a globalpool or linear layer");
  }
  for (const auto& a : activations_) gradients_.emplace_back(a.size());
  target_.resize(target_size());
  if (spec.loss == Loss::crossentropy) probabilities_.resize(channels);

  int64_t parameter_count = 0;
  for (Layer& layer : layers_) layer_parameters(layer, parameters_);
  for (const auto& t : parameters_) parameter_count += t.count;
  gradient_sum_.resize(parameter_count);
  saved_parameters_.resize(parameter_count);
  optimizer_.configure(spec.optimizer, parameter_count);
  order_.configure(1, false, spec.seed);
  reset_weights(spec.seed);
}

template <class T>
int64_t BasicModel<T>::state_offset(size_t layer, int tensor) const {
  if (layer >= layers_.size()) return -1;
  const Layer& owner = layers_[layer];
  const T* wanted = tensor == 0 ? owner.weight.data() : owner.bias.data();
  if ((tensor == 0 ? owner.weight.empty() : owner.bias.empty())) return -1;
  int64_t offset = 0;
  for (const auto& t : parameters_) {
    if (t.value == wanted) return offset;
    offset += t.count;
  }
  return -1;
}

template <class T>
void BasicModel<T>::reset_weights(uint32_t seed) {
  spec_.seed = seed;
  Pcg32 rng(seed);
  for (Layer& layer : layers_) init_layer(layer, rng);
  has_saved_ = false;  // nothing to undo across a reset
  optimizer_.reset();
  order_.configure(train_count(), spec_.shuffle, seed);
  steps_taken_ = 0;
  batch_step_ = 0;
}

// ---------- one example through input()/target() ----------

template <class T>
double BasicModel<T>::forward_from(size_t first) {
  for (size_t l = first; l < layers_.size(); ++l) layer_forward(layers_[l], activations_[l].data(), activations_[l + 1].data());
  return example_loss_sum() / static_cast<double>(loss_normaliser(1));
}

template <class T>
double BasicModel<T>::forward() {
  return forward_from(0);
}

template <class T>
void BasicModel<T>::backward() {
  backward_example(1);
}

template <class T>
double BasicModel<T>::evaluate() {
  const double loss = forward();
  backward();
  return loss;
}

// The loss, in three functions (and target_size()): a loss with other targets adds its case here and nowhere else
// in the model.
// sse: Σ_j (ŷ_j − y_j)²; mse sums the same and divides by every element of the batch (loss_normaliser).
// crossentropy: −log p_y = lse(z) − z_y of the example's logits z (the last layer's [K, 1] output) and its class y;
// the batch's sum divides by the batch (torch.nn.CrossEntropyLoss(), reduction 'mean').
template <class T>
double BasicModel<T>::example_loss_sum() {
  if (spec_.loss != Loss::crossentropy) {
    return loss_value(activations_.back().data(), target_.data(), static_cast<int64_t>(target_.size()), Loss::sse);
  }
  const CrossEntropyGeometry g{1, output_channels()};
  const double y = static_cast<double>(target_[0]);
  if (!(y >= 0 && y < static_cast<double>(g.classes) && y == std::floor(y))) {
    // written from outside without the library's check: a NaN loss (training stops), never a read out of bounds
    std::fill(probabilities_.begin(), probabilities_.end(), T(NAN));
    last_correct_ = false;
    return NAN;
  }
  int32_t predicted = 0;
  const CrossEntropyValue v = crossentropy_forward(probabilities_.data(), &predicted, activations_.back().data(),
                                                   target_.data(), g);
  last_correct_ = v.correct == 1;
  return v.loss;
}

template <class T>
int64_t BasicModel<T>::loss_normaliser(int64_t batch) const {
  if (spec_.loss == Loss::crossentropy) return batch;
  return spec_.loss == Loss::mse ? batch * output_size() : 1;
}

template <class T>
void BasicModel<T>::backward_example(int64_t batch, bool input_gradient) {
  const size_t L = layers_.size();
  if (spec_.loss == Loss::crossentropy) {
    // dC/dz_j = (p_j − [j = y]) / batch, from the softmax the forward left in probabilities_
    const double y = static_cast<double>(target_[0]);
    const bool valid = y >= 0 && y < static_cast<double>(output_channels()) && y == std::floor(y);
    for (int64_t j = 0; j < output_channels(); ++j) {
      const double p = static_cast<double>(probabilities_[j]);
      gradients_[L][j] = valid ? static_cast<T>((j == static_cast<int64_t>(y) ? p - 1.0 : p) / static_cast<double>(batch))
                               : T(0);
    }
  } else {
    loss_gradient(gradients_[L].data(), activations_[L].data(), target_.data(), static_cast<int64_t>(target_.size()),
                  spec_.loss, batch * output_size());
  }
  for (size_t l = L; l-- > 0;) {
    T* grad_in = l > 0 || input_gradient ? gradients_[l].data() : nullptr;
    layer_backward(layers_[l], grad_in, gradients_[l + 1].data(), activations_[l].data(), activations_[l + 1].data());
  }
}

// ---------- data sets ----------

template <class T>
void BasicModel<T>::resize_dataset(bool validation, int64_t count) {
  const char* name = validation ? "validation count" : "count";
  require_at_least(name, count, validation ? 0 : 1);
  require_at_most(name, count, Caps::max_dataset_count, "the data set cap");
  if (count * input_size() > Caps::max_dataset_elements || count * target_size() > Caps::max_dataset_elements) {
    throw ArgumentError(name, std::string(name) + " " + std::to_string(count) + " times " + std::to_string(input_size()) +
                        " values per example must be at most " + std::to_string(Caps::max_dataset_elements) +
                        " (the data set size cap)");
  }
  // Until commit_dataset, the set being written is not used: a resize that is never committed leaves a coherent model.
  if (validation) {
    validation_count_ = 0;
  } else {
    use_single_example();
  }
  auto& inputs = validation ? validation_inputs_ : train_inputs_;
  auto& targets = validation ? validation_targets_ : train_targets_;
  inputs.resize(count * input_size());
  targets.resize(count * target_size());
}

template <class T>
void BasicModel<T>::commit_dataset(bool validation, int64_t count) {
  const auto& inputs = validation ? validation_inputs_ : train_inputs_;
  if (count < (validation ? 0 : 1) || count * input_size() != static_cast<int64_t>(inputs.size())) {
    throw ArgumentError("count", "count " + std::to_string(count) + " must be the count the data set was sized for (" +
                        std::to_string(static_cast<int64_t>(inputs.size()) / input_size()) + ")");
  }
  check_targets(validation ? validation_targets_.data() : train_targets_.data(), count,
                validation ? "validation targets" : "targets");
  if (validation) {
    validation_count_ = count;
    return;
  }
  train_count_ = count;
  single_example_ = false;
  order_.configure(count, spec_.shuffle, spec_.seed);
  batch_step_ = 0;
  has_saved_ = false;  // new data: a later divergence must not roll back to weights trained on the old
}

// crossentropy: every target must be a class index 0 … K−1 (the loss would read logit z_y); sse/mse take any value.
template <class T>
void BasicModel<T>::check_targets(const T* targets, int64_t count, const char* argument) const {
  if (spec_.loss != Loss::crossentropy || count == 0) return;
  check_class_targets(targets, CrossEntropyGeometry{count, output_channels()}, argument);
}

template <class T>
void BasicModel<T>::set_dataset(const T* inputs, const T* targets, int64_t count) {
  resize_dataset(false, count);
  copy_values(train_inputs_.data(), inputs, count * input_size());
  copy_values(train_targets_.data(), targets, count * target_size());
  commit_dataset(false, count);
}

template <class T>
void BasicModel<T>::set_validation(const T* inputs, const T* targets, int64_t count) {
  resize_dataset(true, count);
  copy_values(validation_inputs_.data(), inputs, count * input_size());
  copy_values(validation_targets_.data(), targets, count * target_size());
  commit_dataset(true, count);
}

template <class T>
void BasicModel<T>::use_single_example() {
  if (!single_example_) {
    single_example_ = true;
    order_.configure(1, false, spec_.seed);
    batch_step_ = 0;
  }
  has_saved_ = false;
}

template <class T>
typename BasicModel<T>::DataRef BasicModel<T>::training_data() {
  if (single_example_) return {activations_[0].data(), target_.data(), 1};
  return {train_inputs_.data(), train_targets_.data(), train_count_};
}

template <class T>
typename BasicModel<T>::DataRef BasicModel<T>::validation_data() {
  return {validation_inputs_.data(), validation_targets_.data(), validation_count_};
}

template <class T>
void BasicModel<T>::load_example(const DataRef& data, int64_t index) {
  copy_values(activations_[0].data(), data.inputs + index * input_size(), input_size());
  copy_values(target_.data(), data.targets + index * target_size(), target_size());
}

template <class T>
double BasicModel<T>::show_example(bool validation, int64_t index) {
  const DataRef data = validation ? validation_data() : training_data();
  require_at_least("index", index, 0);
  require_at_most("index", index, data.count - 1, validation ? "the validation set's last index" : "the last index");
  load_example(data, index);
  return evaluate();
}

// Σ over the examples in a fixed order, then one division: the whole set as one batch.
template <class T>
double BasicModel<T>::whole_set_loss(const DataRef& data) {
  double sum = 0;
  for (int64_t e = 0; e < data.count; ++e) {
    load_example(data, e);
    for (size_t l = 0; l < layers_.size(); ++l) layer_forward(layers_[l], activations_[l].data(), activations_[l + 1].data());
    sum += example_loss_sum();
  }
  return sum / static_cast<double>(loss_normaliser(data.count));
}

// The fraction of examples classified correctly, one forward pass each in a fixed order.
template <class T>
double BasicModel<T>::whole_set_accuracy(const DataRef& data) {
  if (spec_.loss != Loss::crossentropy || data.count == 0) return NAN;
  int64_t correct = 0;
  for (int64_t e = 0; e < data.count; ++e) {
    load_example(data, e);
    for (size_t l = 0; l < layers_.size(); ++l) layer_forward(layers_[l], activations_[l].data(), activations_[l + 1].data());
    example_loss_sum();
    if (last_correct_) ++correct;
  }
  return static_cast<double>(correct) / static_cast<double>(data.count);
}

template <class T>
double BasicModel<T>::accuracy() {
  return whole_set_accuracy(training_data());
}

template <class T>
double BasicModel<T>::validation_accuracy() {
  return whole_set_accuracy(validation_data());
}

template <class T>
double BasicModel<T>::loss() {
  if (single_example_) return forward();
  return whole_set_loss(training_data());
}

template <class T>
double BasicModel<T>::validation_loss() {
  if (validation_count_ == 0) return NAN;
  return whole_set_loss(validation_data());
}

// ---------- training ----------

// C = (1/normaliser) Σ_{j in batch} Σ_i (ŷ_ji − y_ji)²;  dC/dW = Σ_j dC_j/dW, summed example by example.
// The update never needs dC/dx_in. On a data set it is computed for the batch's last example only, unless
// input_gradient is false (then for none): the views after a step show that example, so they look the same.
template <class T>
double BasicModel<T>::run_batch(int64_t step, bool with_gradients, bool input_gradient) {
  const DataRef data = training_data();
  const int64_t batch = spec_.batch_size;
  double sum = 0;
  for (int64_t j = 0; j < batch; ++j) {
    load_example(data, order_.example(step * batch + j));
    for (size_t l = 0; l < layers_.size(); ++l) layer_forward(layers_[l], activations_[l].data(), activations_[l + 1].data());
    sum += example_loss_sum();
    if (!with_gradients) continue;
    backward_example(batch, single_example_ || (input_gradient && j == batch - 1));
    int64_t at = 0;
    for (const auto& t : parameters_) {
      T* s = gradient_sum_.data() + at;
      if (j == 0) {
        copy_values(s, t.grad, t.count);
      } else {
        for (int64_t i = 0; i < t.count; ++i) s[i] += t.grad[i];
      }
      at += t.count;
    }
  }
  if (with_gradients && batch > 1) {
    int64_t at = 0;  // each layer's dC/dW, dC/db now show the batch's gradient, the one the update uses
    for (const auto& t : parameters_) {
      copy_values(t.grad, gradient_sum_.data() + at, t.count);
      at += t.count;
    }
  }
  return sum / static_cast<double>(loss_normaliser(batch));
}

template <class T>
void BasicModel<T>::save_state() {
  int64_t at = 0;
  for (const auto& t : parameters_) {
    copy_values(saved_parameters_.data() + at, t.value, t.count);
    at += t.count;
  }
  optimizer_.save();
  has_saved_ = true;
}

template <class T>
void BasicModel<T>::swap_state() {
  int64_t at = 0;
  for (const auto& t : parameters_) {
    for (int64_t i = 0; i < t.count; ++i) std::swap(t.value[i], saved_parameters_[at++]);
  }
  optimizer_.swap_saved();
}

template <class T>
bool BasicModel<T>::parameters_finite() const {
  for (const auto& t : parameters_) {
    for (int64_t i = 0; i < t.count; ++i) {
      if (!std::isfinite(t.value[i])) return false;
    }
  }
  return true;
}

template <class T>
void BasicModel<T>::stop_diverged(TrainResult& result, bool update_overflowed) {
  result.diverged = true;
  if (steps_taken_ > 0 && has_saved_) {
    swap_state();  // back to the weights (and optimizer state) before the last update
    // The update was to blame if it overflowed, or if the weights before it give this batch a finite loss.
    if (update_overflowed || std::isfinite(run_batch(batch_step_, false))) {
      has_saved_ = false;
      --steps_taken_;
      --batch_step_;
      if (result.steps_run > 0) --result.steps_run;
    } else {
      swap_state();  // non-finite before the update too: the data is to blame, keep the state as it was
    }
  }
  run_batch(batch_step_, true);  // leave every activation and gradient showing the weights training stopped at
}

template <class T>
TrainResult BasicModel<T>::train(int64_t steps, double learning_rate) {
  require_at_least("steps", steps, 0);
  require_at_most("steps", steps, Caps::max_train_steps, "the steps-per-call cap");
  if (!std::isfinite(learning_rate)) {
    throw ArgumentError("learningRate", "learningRate " + std::to_string(learning_rate) + " must be finite");
  }
  TrainResult result{0.0, 0, false};
  if (steps == 0) {
    result.loss = run_batch(batch_step_, false);
    return result;
  }
  for (int64_t step = 0; step < steps; ++step) {
    result.loss = run_batch(batch_step_, true, step == steps - 1);
    if (!std::isfinite(result.loss)) {
      stop_diverged(result, false);
      return result;
    }
    save_state();
    optimizer_.step(parameters_, learning_rate);  // finite gradients can still overflow W when η is large
    ++steps_taken_;
    ++batch_step_;
    ++result.steps_run;
    if (!parameters_finite()) {
      result.loss = run_batch(batch_step_ - 1, false);  // the batch's loss at the overflowed weights
      stop_diverged(result, true);
      return result;
    }
  }
  return result;
}

template class BasicModel<float>;
template class BasicModel<double>;

}  // namespace convpool
