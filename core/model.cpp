#include "core/model.hpp"

#include <cmath>
#include <utility>
#include <string>

#include "core/conv1d.hpp"
#include "core/errors.hpp"
#include "core/maxpool1d.hpp"
#include "core/padding.hpp"
#include "core/random.hpp"

namespace convpool {

const char* layer_type_name(LayerType type) {
  switch (type) {
    case LayerType::conv1d: return "conv1d";
    case LayerType::activation: return "activation";
    case LayerType::maxpool1d: return "maxpool1d";
  }
  return "conv1d";
}

namespace {
// Re-throws an argument error with the layer it belongs to, e.g. "layers[1] (maxpool1d): kernelSize 0 …".
template <class F>
auto in_layer(size_t index, LayerType type, F&& resolve) {
  try {
    return resolve();
  } catch (const ArgumentError& e) {
    throw ArgumentError("layers[" + std::to_string(index) + "] (" + layer_type_name(type) + "): " + e.what());
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

  int64_t channels = spec.input_channels, length = spec.input_length;
  activations_.emplace_back(channels * length);
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& ls = spec.layers[i];
    Layer layer{};
    layer.type = ls.type;
    layer.in_channels = channels;
    layer.in_length = length;
    switch (ls.type) {
      case LayerType::conv1d: {
        Conv1dParams params = ls.conv;
        params.in_channels = channels;
        layer.conv = in_layer(i, ls.type, [&] { return resolve_conv1d(params, length); });
        layer.out_channels = layer.conv.out_channels;
        layer.out_length = layer.conv.out_length;
        layer.weight.resize(layer.conv.weight_count());
        layer.grad_weight.resize(layer.weight.size());
        if (layer.conv.bias) {
          layer.bias.resize(layer.conv.out_channels);
          layer.grad_bias.resize(layer.bias.size());
        }
        layer.padded.resize(channels * layer.conv.padded_length);
        layer.grad_padded.resize(layer.padded.size());
        break;
      }
      case LayerType::maxpool1d: {
        MaxPool1dParams params = ls.pool;
        params.channels = channels;
        layer.pool = in_layer(i, ls.type, [&] { return resolve_maxpool1d(params, length); });
        layer.out_channels = channels;
        layer.out_length = layer.pool.out_length;
        layer.argmax.resize(channels * layer.out_length);
        break;
      }
      case LayerType::activation:
        layer.activation = ls.activation;
        layer.out_channels = channels;
        layer.out_length = length;
        break;
    }
    channels = layer.out_channels;
    length = layer.out_length;
    activations_.emplace_back(channels * length);
    layers_.push_back(std::move(layer));
  }
  for (const auto& a : activations_) gradients_.emplace_back(a.size());
  target_.resize(activations_.back().size());
  reset_weights(spec.seed);
}

template <class T>
void BasicModel<T>::reset_weights(uint32_t seed) {
  spec_.seed = seed;
  Pcg32 rng(seed);
  for (Layer& layer : layers_) {
    if (layer.type != LayerType::conv1d) continue;
    // PyTorch's Conv1d.reset_parameters: kaiming_uniform(a=√5) gives bound 1/√fan_in; the bias uses the same bound.
    // fan_in = (in_channels / groups) · kernel_size: the inputs one output channel sees.
    const float bound = 1.0f / std::sqrt(static_cast<float>(layer.conv.in_per_group() * layer.conv.kernel_size));
    for (T& w : layer.weight) w = static_cast<T>(rng.next_symmetric(bound));
    for (T& b : layer.bias) b = static_cast<T>(rng.next_symmetric(bound));
  }
  saved_parameters_.clear();  // nothing to undo across a reset
  steps_taken_ = 0;
}

template <class T>
double BasicModel<T>::forward_from(size_t first) {
  for (size_t l = first; l < layers_.size(); ++l) {
    Layer& layer = layers_[l];
    const T* in = activations_[l].data();
    T* out = activations_[l + 1].data();
    switch (layer.type) {
      case LayerType::conv1d:
        pad_forward(layer.padded.data(), in, layer.conv);
        conv1d_forward(out, layer.padded.data(), layer.weight.data(), layer.conv.bias ? layer.bias.data() : nullptr,
                       layer.conv);
        break;
      case LayerType::maxpool1d:
        maxpool1d_forward(out, layer.argmax.data(), in, layer.pool);
        break;
      case LayerType::activation:
        activation_forward(out, in, static_cast<int64_t>(activations_[l].size()), layer.activation);
        break;
    }
  }
  return loss_value(activations_.back().data(), target_.data(), static_cast<int64_t>(target_.size()), spec_.loss);
}

template <class T>
double BasicModel<T>::forward() {
  return forward_from(0);
}

template <class T>
void BasicModel<T>::backward() {
  const size_t L = layers_.size();
  loss_gradient(gradients_[L].data(), activations_[L].data(), target_.data(), static_cast<int64_t>(target_.size()),
                spec_.loss);
  for (size_t l = L; l-- > 0;) {
    Layer& layer = layers_[l];
    const T* grad_out = gradients_[l + 1].data();
    T* grad_in = gradients_[l].data();
    switch (layer.type) {
      case LayerType::conv1d:
        conv1d_backward(layer.grad_padded.data(), layer.grad_weight.data(),
                        layer.conv.bias ? layer.grad_bias.data() : nullptr, grad_out, layer.padded.data(),
                        layer.weight.data(), layer.conv);
        pad_backward(grad_in, layer.grad_padded.data(), layer.conv);
        break;
      case LayerType::maxpool1d:
        maxpool1d_backward(grad_in, grad_out, layer.argmax.data(), layer.pool);
        break;
      case LayerType::activation:
        activation_backward(grad_in, grad_out, activations_[l].data(), activations_[l + 1].data(),
                            static_cast<int64_t>(activations_[l].size()), layer.activation);
        break;
    }
  }
}

template <class T>
void BasicModel<T>::sgd_update(T learning_rate) {
  for (Layer& layer : layers_) {
    // W ← W − η dC/dW,  b ← b − η dC/db
    for (size_t i = 0; i < layer.weight.size(); ++i) layer.weight[i] -= learning_rate * layer.grad_weight[i];
    for (size_t i = 0; i < layer.bias.size(); ++i) layer.bias[i] -= learning_rate * layer.grad_bias[i];
  }
}

template <class T>
double BasicModel<T>::evaluate() {
  const double loss = forward();
  backward();
  return loss;
}

template <class T>
void BasicModel<T>::save_parameters() {
  saved_parameters_.clear();  // keeps its capacity: no allocation after the first step
  for (const Layer& layer : layers_) {
    saved_parameters_.insert(saved_parameters_.end(), layer.weight.begin(), layer.weight.end());
    saved_parameters_.insert(saved_parameters_.end(), layer.bias.begin(), layer.bias.end());
  }
}

template <class T>
void BasicModel<T>::swap_parameters() {
  size_t at = 0;
  for (Layer& layer : layers_) {
    for (T& w : layer.weight) std::swap(w, saved_parameters_[at++]);
    for (T& b : layer.bias) std::swap(b, saved_parameters_[at++]);
  }
}

template <class T>
bool BasicModel<T>::parameters_finite() const {
  for (const Layer& layer : layers_) {
    for (T w : layer.weight) {
      if (!std::isfinite(w)) return false;
    }
    for (T b : layer.bias) {
      if (!std::isfinite(b)) return false;
    }
  }
  return true;
}

template <class T>
void BasicModel<T>::stop_diverged(TrainResult& result, bool update_overflowed) {
  result.diverged = true;
  if (steps_taken_ > 0 && !saved_parameters_.empty()) {
    swap_parameters();  // back to the weights before the last update
    if (update_overflowed || std::isfinite(forward())) {
      // The update was to blame: undo it (one step only).
      saved_parameters_.clear();
      --steps_taken_;
      if (result.steps_run > 0) --result.steps_run;
    } else {
      swap_parameters();  // non-finite before the update too: the data is to blame, keep the weights as they were
    }
  }
  evaluate();  // leave every activation and gradient showing the weights training stopped at
}

template <class T>
TrainResult BasicModel<T>::train(int64_t steps, T learning_rate) {
  require_at_least("steps", steps, 0);
  require_at_most("steps", steps, Caps::max_train_steps, "the steps-per-call cap");
  if (!std::isfinite(static_cast<double>(learning_rate))) {
    throw ArgumentError("learningRate " + std::to_string(static_cast<double>(learning_rate)) + " must be finite");
  }
  TrainResult result{0.0, 0, false};
  if (steps == 0) {
    result.loss = forward();
    return result;
  }
  for (int64_t step = 0; step < steps; ++step) {
    result.loss = forward();
    if (!std::isfinite(result.loss)) {
      stop_diverged(result, false);
      return result;
    }
    backward();
    save_parameters();
    sgd_update(learning_rate);  // W ← W − η dC/dW: finite gradients can still overflow W when η is large
    ++steps_taken_;
    ++result.steps_run;
    if (!parameters_finite()) {
      result.loss = forward();  // the loss at the overflowed weights (usually ±∞ or NaN; a tanh can squash it)
      stop_diverged(result, true);
      return result;
    }
  }
  return result;
}

template class BasicModel<float>;
template class BasicModel<double>;

}  // namespace convpool
