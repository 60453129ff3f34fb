// A sequence of layers (core/layer.hpp) with a loss, trained on a data set in mini-batches by an optimizer
// (core/optimizer.hpp). The model owns every buffer, allocated when it is built or given a data set:
// train() allocates nothing.
//
// Buffers, for layer l of L layers (a[0] is the input, a[L] the prediction), all for ONE example at a time:
//   activations[l]  a[l]          (channels_l, length_l)
//   gradients[l]    dC/da[l]      same shape; gradients[0] is dC/dx_in of the whole network
// A mini-batch runs its examples through these buffers one after another and sums the parameter gradients, so
// after a step they show the batch's last example, and each layer's dC/dW, dC/db show the whole batch's sum.
//
// Data: the training set is either the one example in input()/target() (as set_input/set_target in the JS API
// write it; the model starts this way) or a data set given to set_dataset(). An optional validation set is only
// ever evaluated.
#pragma once
#include <cstdint>
#include <vector>

#include "core/batch_order.hpp"
#include "core/layer.hpp"
#include "core/loss.hpp"
#include "core/optimizer.hpp"
#include "core/shape.hpp"

namespace convpool {

struct ModelSpec {
  int64_t input_length = 1;
  int64_t input_channels = 1;
  std::vector<LayerSpec> layers;
  Loss loss = Loss::sse;
  uint32_t seed = 0;
  int64_t batch_size = 1;
  bool shuffle = false;      // false: step i uses examples (i·batch_size + j) mod count; true: see BatchOrder
  OptimizerSpec optimizer;   // default: plain SGD
};

struct TrainResult {
  double loss;          // batch loss of the last forward pass that ran (steps = 0: of the next batch, no update)
  int64_t steps_run;    // updates applied (and kept)
  bool diverged;        // the loss or a weight became NaN or ±∞: training stopped (see BasicModel::train)
};

template <class T>
class BasicModel {
 public:
  using Layer = convpool::Layer<T>;

  // Validates the whole spec (throws ArgumentError naming the layer or field) and initialises the weights from the
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
  // Values per example's target: the output size for sse/mse; one class index for crossentropy.
  int64_t target_size() const { return spec_.loss == Loss::crossentropy ? 1 : output_size(); }
  // crossentropy: the softmax of the last example's logits (output_channels() values; empty for sse/mse), written by
  // every forward pass, so a view can draw the probabilities of the example shown.
  const T* probabilities() const { return probabilities_.data(); }

  T* input() { return activations_[0].data(); }
  T* target() { return target_.data(); }
  const T* target() const { return target_.data(); }
  T* activation(size_t l) { return activations_[l].data(); }  // l = 0 … layers().size()
  const T* activation(size_t l) const { return activations_[l].data(); }
  T* gradient(size_t l) { return gradients_[l].data(); }
  const T* gradient(size_t l) const { return gradients_[l].data(); }
  int64_t steps_taken() const { return steps_taken_; }       // updates since the model was built or reset
  int64_t batch_position() const { return batch_step_; }     // steps since the last set_dataset or reset
  const Optimizer<T>& optimizer() const { return optimizer_; }
  Optimizer<T>& optimizer() { return optimizer_; }
  // Where each trainable tensor's optimizer state starts in the optimizer's flat arrays: layer l's weight at
  // state_offset(l, 0), its bias at state_offset(l, 1) (−1 when the layer has no such tensor).
  int64_t state_offset(size_t layer, int tensor) const;

  // The example in input()/target(), as before data sets: forward() runs every layer and returns its loss.
  double forward();
  double forward_from(size_t first);     // re-runs layers first … L−1 (for finite differences)
  void backward();                       // fills every gradient; needs a forward() at the current weights
  double evaluate();                     // forward + backward at the current weights, no update

  // Data sets, example-major: inputs count × input_size(), targets count × target_size() (copied).
  // set_dataset starts the batch order again (batch_position() = 0); the optimizer state is kept.
  void set_dataset(const T* inputs, const T* targets, int64_t count);
  void set_validation(const T* inputs, const T* targets, int64_t count);  // count 0 removes it
  // Makes the example in input()/target() the training set again (the JS setInput/setTarget call it).
  void use_single_example();
  int64_t train_count() const { return single_example_ ? 1 : train_count_; }
  int64_t validation_count() const { return validation_count_; }
  // For writing a data set from outside without a copy (the bindings): resize, then fill, then commit.
  T* dataset_inputs(bool validation) { return validation ? validation_inputs_.data() : train_inputs_.data(); }
  T* dataset_targets(bool validation) { return validation ? validation_targets_.data() : train_targets_.data(); }
  void resize_dataset(bool validation, int64_t count);
  void commit_dataset(bool validation, int64_t count);
  // Loads example `index` of the training (or validation) set into input()/target() and evaluates it, so every
  // view shows that example (the training set's order is not touched).
  double show_example(bool validation, int64_t index);

  double loss();             // the whole training set as one batch, at the current weights
  double validation_loss();  // the same for the validation set; NaN when there is none
  // crossentropy: the fraction of examples whose largest logit is their class (the first maximum wins ties), on the
  // whole training (validation) set at the current weights. NaN for sse/mse and when there is no validation set.
  double accuracy();
  double validation_accuracy();

  // Runs up to `steps` optimizer steps; step i (counting from the last set_dataset or reset) uses the
  // mini-batch of positions i·batch_size … i·batch_size + batch_size − 1 (see BatchOrder): the batch's forward
  // passes, their summed gradients, one update. Stops early when training diverges:
  //  - the batch loss of a step's forward passes is NaN or ±∞. If the last update (of this call or of the previous
  //    one) is to blame — the weights before it still give this batch a finite loss — that update is undone with
  //    the optimizer state it changed (steps_taken() and batch_position() go back by one). If they do not (NaN or
  //    ±∞ in the data, or weights set from outside), nothing is undone.
  //  - an update overflows a weight to ±∞ or NaN: that update is undone at once; result.loss is then the batch's
  //    loss at the overflowed weights.
  // Either way result.diverged is set, result.loss is the loss that stopped training, and every buffer shows the
  // state training stopped in. Calling train() again after a divergence is safe.
  // learning_rate is a double, as a Python float is: Adam divides it by 1 − β1^t before rounding to T.
  TrainResult train(int64_t steps, double learning_rate);
  // Re-draws the initial weights; clears the step count, the batch order and the optimizer state.
  void reset_weights(uint32_t seed);
  // Forgets the state saved for undoing the last update. Call it after writing the input, target or weights
  // from outside, so a later divergence caused by the new values cannot roll back to state from before the write.
  void discard_undo() { has_saved_ = false; }

 private:
  struct DataRef {
    const T* inputs;
    const T* targets;
    int64_t count;
  };
  DataRef training_data();
  DataRef validation_data();
  void load_example(const DataRef& data, int64_t index);
  double example_loss_sum();                // Σ over the example's loss terms, before any mean
  int64_t loss_normaliser(int64_t batch) const;  // what the batch's sum divides by: 1 (sse) or batch·n (mse)
  // dC/d(everything) of one example's share of a batch of `batch`; dC/dx_in (gradients[0]) only if input_gradient.
  void backward_example(int64_t batch, bool input_gradient = true);
  // A training step's batch loss, and with_gradients its summed gradients; input_gradient: see run_batch.
  double run_batch(int64_t step, bool with_gradients, bool input_gradient = true);
  double whole_set_loss(const DataRef& data);
  double whole_set_accuracy(const DataRef& data);
  void check_targets(const T* targets, int64_t count, const char* argument) const;
  void save_state();
  void swap_state();        // exchanges the current weights and optimizer state with the saved ones
  bool parameters_finite() const;
  void stop_diverged(TrainResult& result, bool update_overflowed);

  ModelSpec spec_;
  std::vector<Layer> layers_;
  std::vector<std::vector<T>> activations_, gradients_;
  std::vector<T> target_;
  std::vector<T> probabilities_;  // crossentropy only: softmax of the last forward's logits
  bool last_correct_ = false;     // crossentropy only: the last forward's arg-max was its target
  std::vector<ParameterTensor<T>> parameters_;  // every trainable tensor, layer by layer (weight, bias)
  std::vector<T> gradient_sum_, saved_parameters_;  // flat over parameters_
  Optimizer<T> optimizer_;
  BatchOrder order_;
  bool has_saved_ = false;
  bool single_example_ = true;
  std::vector<T> train_inputs_, train_targets_, validation_inputs_, validation_targets_;
  int64_t train_count_ = 0, validation_count_ = 0;
  int64_t steps_taken_ = 0, batch_step_ = 0;
};

using Model = BasicModel<float>;

}  // namespace convpool
