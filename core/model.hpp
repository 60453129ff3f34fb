// A sequence of conv1d / activation / maxpool1d layers with a loss, trained by plain SGD.
// The model owns every buffer, allocated once when it is built: train() allocates nothing.
//
// Buffers, for layer l of L layers (a[0] is the input, a[L] the prediction):
//   activations[l]  a[l]          (channels_l, length_l)
//   gradients[l]    dC/da[l]      same shape; gradients[0] is dC/dx_in of the whole network
//   conv layers also keep x_pad (their padded input), dC/dx_pad, W, b, dC/dW, dC/db;
//   pool layers keep their arg-max.
#pragma once
#include <cstdint>
#include <vector>

#include "core/activation.hpp"
#include "core/loss.hpp"
#include "core/shape.hpp"

namespace convpool {

enum class LayerType { conv1d, activation, maxpool1d };
const char* layer_type_name(LayerType type);

struct LayerSpec {
  LayerType type = LayerType::conv1d;
  Conv1dParams conv;     // conv1d: in_channels is filled in by the model from the previous layer
  MaxPool1dParams pool;  // maxpool1d: channels likewise
  Activation activation = Activation::identity;
};

struct ModelSpec {
  int64_t input_length = 1;
  int64_t input_channels = 1;
  std::vector<LayerSpec> layers;
  Loss loss = Loss::sse;
  uint32_t seed = 0;
};

struct TrainResult {
  double loss;          // loss of the last forward pass that ran (steps = 0: the loss at the current weights)
  int64_t steps_run;    // SGD updates applied (and kept)
  bool diverged;        // the loss or a weight became NaN or ±∞: training stopped (see BasicModel::train)
};

template <class T>
class BasicModel {
 public:
  struct Layer {
    LayerType type;
    int64_t in_channels, in_length, out_channels, out_length;
    Conv1dGeometry conv{};
    MaxPool1dGeometry pool{};
    Activation activation = Activation::identity;
    std::vector<T> weight, bias, grad_weight, grad_bias;  // conv only (bias empty without bias)
    std::vector<T> padded, grad_padded;                  // conv only: x_pad and dC/dx_pad
    std::vector<int32_t> argmax;                          // pool only
  };

  // Validates the whole spec (throws ArgumentError naming the layer) and initialises the weights from the
  // seed: PyTorch's default, uniform in ±1/√fan_in for W and b, fan_in = (in_channels/groups)·kernel_size, drawn from one
  // PCG32 stream layer by layer (W in (o,c,k) order, then b).
  explicit BasicModel(const ModelSpec& spec);

  const ModelSpec& spec() const { return spec_; }
  const std::vector<Layer>& layers() const { return layers_; }
  std::vector<Layer>& layers() { return layers_; }
  int64_t output_channels() const { return layers_.empty() ? spec_.input_channels : layers_.back().out_channels; }
  int64_t output_length() const { return layers_.empty() ? spec_.input_length : layers_.back().out_length; }
  int64_t input_size() const { return spec_.input_channels * spec_.input_length; }
  int64_t output_size() const { return output_channels() * output_length(); }

  T* input() { return activations_[0].data(); }
  T* target() { return target_.data(); }
  const T* target() const { return target_.data(); }
  T* activation(size_t l) { return activations_[l].data(); }  // l = 0 … layers().size()
  const T* activation(size_t l) const { return activations_[l].data(); }
  T* gradient(size_t l) { return gradients_[l].data(); }
  const T* gradient(size_t l) const { return gradients_[l].data(); }
  int64_t steps_taken() const { return steps_taken_; }

  double forward();                      // runs every layer and returns the loss
  double forward_from(size_t first);     // re-runs layers first … L−1 (for finite differences)
  void backward();                       // fills every gradient; needs a forward() at the current weights
  void sgd_update(T learning_rate);      // W ← W − η dC/dW, b ← b − η dC/db
  double evaluate();                     // forward + backward at the current weights, no update

  // Runs up to `steps` SGD steps (forward, backward, update). Stops early when training diverges:
  //  - the loss of a step's forward pass is NaN or ±∞. If the last update (of this call or of the previous one)
  //    is to blame — the weights before it still give a finite loss — that update is undone (steps_taken() goes
  //    back by one). If they do not (NaN or ±∞ in the input, the target or weights set from outside), nothing is
  //    undone: the weights stay as they were.
  //  - an update overflows a weight to ±∞ or NaN (a finite gradient times a large rate): that update is undone
  //    at once; result.loss is then the loss at the overflowed weights (±∞ or NaN unless a tanh or sigmoid
  //    squashed the ±∞ activations).
  // Either way result.diverged is set, result.loss is the loss that stopped training, and every
  // buffer (activations, gradients) shows the state training stopped in. Calling train() again after a
  // divergence is safe: with the same rate it diverges again at once and leaves the weights unchanged.
  TrainResult train(int64_t steps, T learning_rate);
  void reset_weights(uint32_t seed);     // re-draws the initial weights; clears the step count
  // Forgets the weights saved for undoing the last update. Call it after writing the input, target or weights
  // from outside (the bindings' setInput/setTarget/setParameters do), so a later divergence caused by the new
  // values cannot roll the weights back to ones from before the write.
  void discard_undo() { saved_parameters_.clear(); }

 private:
  void save_parameters();
  void swap_parameters();        // exchanges the current weights with the saved ones
  bool parameters_finite() const;
  void stop_diverged(TrainResult& result, bool update_overflowed);

  ModelSpec spec_;
  std::vector<Layer> layers_;
  std::vector<std::vector<T>> activations_, gradients_;
  std::vector<T> target_;
  std::vector<T> saved_parameters_;  // the weights before the last update, to undo a diverging step
  int64_t steps_taken_ = 0;
};

using Model = BasicModel<float>;

}  // namespace convpool
