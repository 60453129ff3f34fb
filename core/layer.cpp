#include "core/layer.hpp"

#include <cmath>
#include <string>

#include "core/avgpool1d.hpp"
#include "core/conv1d.hpp"
#include "core/errors.hpp"
#include "core/linear.hpp"
#include "core/maxpool1d.hpp"
#include "core/padding.hpp"

namespace convpool {

const char* layer_type_name(LayerType type) {
  switch (type) {
    case LayerType::conv1d: return "conv1d";
    case LayerType::activation: return "activation";
    case LayerType::maxpool1d: return "maxpool1d";
    case LayerType::avgpool1d: return "avgpool1d";
    case LayerType::globalpool: return "globalpool";
    case LayerType::linear: return "linear";
  }
  return "conv1d";
}

namespace {
// An argument error of one layer, re-thrown with the layer it belongs to: "layers[1] (maxpool1d): kernelSize 0 …".
// Out of line, so the ten instantiations of in_layer below share one copy of the message building.
[[noreturn]] __attribute__((noinline)) void throw_in_layer(size_t index, LayerType type, const ArgumentError& e) {
  throw ArgumentError(e.field(), "layers[" + std::to_string(index) + "] (" + layer_type_name(type) + "): " + e.what(),
                      static_cast<int64_t>(index));
}

template <class F>
auto in_layer(size_t index, LayerType type, F&& resolve) {
  try {
    return resolve();
  } catch (const ArgumentError& e) {
    throw_in_layer(index, type, e);
  }
}
}  // namespace

template <class T>
Layer<T> build_layer(const LayerSpec& spec, size_t index, int64_t channels, int64_t length) {
  Layer<T> layer{};
  layer.type = spec.type;
  layer.in_channels = channels;
  layer.in_length = length;
  switch (spec.type) {
    case LayerType::conv1d: {
      Conv1dParams params = spec.conv;
      params.in_channels = channels;
      layer.conv = in_layer(index, spec.type, [&] { return resolve_conv1d(params, length); });
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
      MaxPool1dParams params = spec.pool;
      params.channels = channels;
      layer.pool = in_layer(index, spec.type, [&] { return resolve_maxpool1d(params, length); });
      layer.out_channels = channels;
      layer.out_length = layer.pool.out_length;
      layer.argmax.resize(channels * layer.out_length);
      break;
    }
    case LayerType::activation:
      layer.activation = spec.activation;
      layer.out_channels = channels;
      layer.out_length = length;
      break;
    case LayerType::avgpool1d: {
      AvgPool1dParams params = spec.avgpool;
      params.channels = channels;
      layer.avgpool = in_layer(index, spec.type, [&] { return resolve_avgpool1d(params, length); });
      layer.out_channels = channels;
      layer.out_length = layer.avgpool.out_length;
      break;
    }
    case LayerType::globalpool:
      layer.global = in_layer(index, spec.type, [&] { return resolve_globalpool(channels, length); });
      layer.global_op = spec.global_op;
      layer.out_channels = channels;
      layer.out_length = 1;
      if (spec.global_op == GlobalPoolOp::max) layer.argmax.resize(channels);
      break;
    case LayerType::linear: {
      // in_features = C·L: the [C, L] input read flat, channel-major (nn.Flatten then nn.Linear)
      layer.linear = in_layer(index, spec.type, [&] { return resolve_linear(channels * length, spec.out_features, spec.linear_bias); });
      layer.out_channels = layer.linear.out_features;  // output [outFeatures, 1]
      layer.out_length = 1;
      layer.weight.resize(layer.linear.weight_count());
      layer.grad_weight.resize(layer.weight.size());
      if (layer.linear.bias) {
        layer.bias.resize(layer.linear.out_features);
        layer.grad_bias.resize(layer.bias.size());
      }
      break;
    }
  }
  return layer;
}

template <class T>
void init_layer(Layer<T>& layer, Pcg32& rng) {
  if (layer.type == LayerType::linear) {
    // nn.Linear's default, ±1/√in_features, from the same stream the conv layers draw from, in layer order
    linear_initialize(layer.weight.data(), layer.linear.bias ? layer.bias.data() : nullptr, layer.linear, rng);
    return;
  }
  if (layer.type != LayerType::conv1d) return;
  // PyTorch's Conv1d.reset_parameters: kaiming_uniform(a=√5) gives bound 1/√fan_in; the bias uses the same bound.
  // fan_in = (in_channels / groups) · kernel_size: the inputs one output channel sees.
  const float bound = 1.0f / std::sqrt(static_cast<float>(layer.conv.in_per_group() * layer.conv.kernel_size));
  for (T& w : layer.weight) w = static_cast<T>(rng.next_symmetric(bound));
  for (T& b : layer.bias) b = static_cast<T>(rng.next_symmetric(bound));
}

template <class T>
void layer_forward(Layer<T>& layer, const T* in, T* out) {
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
      activation_forward(out, in, layer.in_channels * layer.in_length, layer.activation);
      break;
    case LayerType::avgpool1d:
      avgpool1d_forward(out, in, layer.avgpool);
      break;
    case LayerType::globalpool:
      if (layer.global_op == GlobalPoolOp::max) {
        globalmaxpool_forward(out, layer.argmax.data(), in, layer.global);
      } else {
        globalavgpool_forward(out, in, layer.global);
      }
      break;
    case LayerType::linear:
      linear_forward(out, in, layer.weight.data(), layer.linear.bias ? layer.bias.data() : nullptr, layer.linear);
      break;
  }
}

template <class T>
void layer_backward(Layer<T>& layer, T* grad_in, const T* grad_out, const T* in, const T* out) {
  switch (layer.type) {
    case LayerType::conv1d:
      conv1d_backward(grad_in ? layer.grad_padded.data() : nullptr, layer.grad_weight.data(),
                      layer.conv.bias ? layer.grad_bias.data() : nullptr, grad_out, layer.padded.data(),
                      layer.weight.data(), layer.conv);
      if (grad_in) pad_backward(grad_in, layer.grad_padded.data(), layer.conv);
      break;
    case LayerType::maxpool1d:
      if (grad_in) maxpool1d_backward(grad_in, grad_out, layer.argmax.data(), layer.pool);
      break;
    case LayerType::activation:
      if (grad_in) activation_backward(grad_in, grad_out, in, out, layer.in_channels * layer.in_length, layer.activation);
      break;
    case LayerType::avgpool1d:
      if (grad_in) avgpool1d_backward(grad_in, grad_out, layer.avgpool);
      break;
    case LayerType::globalpool:
      if (!grad_in) break;
      if (layer.global_op == GlobalPoolOp::max) {
        globalmaxpool_backward(grad_in, grad_out, layer.argmax.data(), layer.global);
      } else {
        globalavgpool_backward(grad_in, grad_out, layer.global);
      }
      break;
    case LayerType::linear:
      linear_backward(grad_in, layer.grad_weight.data(), layer.linear.bias ? layer.grad_bias.data() : nullptr, grad_out,
                      in, layer.weight.data(), layer.linear);
      break;
  }
}

template <class T>
void layer_parameters(Layer<T>& layer, std::vector<ParameterTensor<T>>& out) {
  // Every layer type lists what it has: parameter-free layers have empty weight and bias.
  if (!layer.weight.empty()) {
    out.push_back({layer.weight.data(), layer.grad_weight.data(), static_cast<int64_t>(layer.weight.size())});
  }
  if (!layer.bias.empty()) {
    out.push_back({layer.bias.data(), layer.grad_bias.data(), static_cast<int64_t>(layer.bias.size())});
  }
}

#define CONVPOOL_LAYER_INSTANTIATE(T)                                                      \
  template Layer<T> build_layer<T>(const LayerSpec&, size_t, int64_t, int64_t);           \
  template void init_layer<T>(Layer<T>&, Pcg32&);                                         \
  template void layer_forward<T>(Layer<T>&, const T*, T*);                                \
  template void layer_backward<T>(Layer<T>&, T*, const T*, const T*, const T*);           \
  template void layer_parameters<T>(Layer<T>&, std::vector<ParameterTensor<T>>&);
CONVPOOL_LAYER_INSTANTIATE(float)
CONVPOOL_LAYER_INSTANTIATE(double)
#undef CONVPOOL_LAYER_INSTANTIATE

}  // namespace convpool
