// One layer of a model and everything the model needs to know about its type, in one place.
// The model itself never switches on the layer type: it calls these five functions. A new layer type is one
// enum value, one parse in the bindings, and one case in each function of core/layer.cpp.
//
// Buffers a layer owns (the model owns the activations a[l] and gradients dC/da[l] between layers):
//   conv1d     W, b, dC/dW, dC/db, x_pad (its padded input), dC/dx_pad
//   maxpool1d  the arg-max its backward needs
//   avgpool1d  nothing (its divisors follow from the geometry)
//   globalpool max: the arg-max per channel; avg: nothing
//   linear     W [outFeatures, C·L], b, dC/dW, dC/db (the input is read flat, channel-major: no copy)
#pragma once
#include <cstdint>
#include <vector>

#include "core/activation.hpp"
#include "core/globalpool.hpp"
#include "core/random.hpp"
#include "core/shape.hpp"

namespace convpool {

enum class LayerType { conv1d, activation, maxpool1d, avgpool1d, globalpool, linear };
const char* layer_type_name(LayerType type);

struct LayerSpec {
  LayerType type = LayerType::conv1d;
  Conv1dParams conv;     // conv1d: in_channels is filled in by the model from the previous layer
  MaxPool1dParams pool;  // maxpool1d: channels likewise
  Activation activation = Activation::identity;
  AvgPool1dParams avgpool;               // avgpool1d: channels likewise
  GlobalPoolOp global_op = GlobalPoolOp::max;
  int64_t out_features = 1;              // linear: in_features = the previous layer's channels · length
  bool linear_bias = true;
};

template <class T>
struct Layer {
  LayerType type;
  int64_t in_channels, in_length, out_channels, out_length;
  Conv1dGeometry conv{};
  MaxPool1dGeometry pool{};
  AvgPool1dGeometry avgpool{};
  GlobalPoolGeometry global{};
  GlobalPoolOp global_op = GlobalPoolOp::max;
  LinearGeometry linear{};
  Activation activation = Activation::identity;
  std::vector<T> weight, bias, grad_weight, grad_bias;  // trainable layers (bias empty without bias)
  std::vector<T> padded, grad_padded;                  // conv only: x_pad and dC/dx_pad
  std::vector<int32_t> argmax;                          // maxpool1d and globalpool max only
};

// A trainable tensor of a layer and its gradient, as the optimizer sees it.
template <class T>
struct ParameterTensor {
  T* value;
  T* grad;
  int64_t count;
};

// Checks the spec against the input shape (channels, length), throws ArgumentError naming the layer, and
// allocates the layer's buffers.
template <class T>
Layer<T> build_layer(const LayerSpec& spec, size_t index, int64_t channels, int64_t length);

// Draws the layer's initial parameters from `rng` (PyTorch's defaults; nothing for parameter-free layers).
template <class T>
void init_layer(Layer<T>& layer, Pcg32& rng);

// out = layer(in); `in` and `out` are the activations a[l] and a[l+1].
template <class T>
void layer_forward(Layer<T>& layer, const T* in, T* out);

// Overwrites dC/da[l] (grad_in) and the layer's own parameter gradients from dC/da[l+1] (grad_out).
// grad_in may be nullptr when dC/da[l] is not wanted (the network's input gradient during training).
template <class T>
void layer_backward(Layer<T>& layer, T* grad_in, const T* grad_out, const T* in, const T* out);

// The layer's trainable tensors in a fixed order (weight, then bias); appends to `out`.
template <class T>
void layer_parameters(Layer<T>& layer, std::vector<ParameterTensor<T>>& out);

}  // namespace convpool
