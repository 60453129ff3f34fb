// Shapes and argument rules of every op, in one place: output-length math (PyTorch 1.13's formulas),
// padding resolution ('same' / 'valid' / a number) and the documented size caps.
// Every public entry point of the core validates through these functions before touching memory.
#pragma once
#include <cstdint>
#include <string>

namespace convpool {

// Caps that keep a hostile link or a typo from asking for gigabytes. Documented in docs/interface.md ("The core's caps").
struct Caps {
  static constexpr int64_t max_length = 1 << 20;          // samples per channel
  static constexpr int64_t max_channels = 64;
  static constexpr int64_t max_kernel_size = 1024;
  static constexpr int64_t max_stride = 1 << 20;
  static constexpr int64_t max_dilation = 1 << 20;
  static constexpr int64_t max_padding = 1 << 20;
  static constexpr int64_t max_tensor_elements = 1 << 22;  // channels * length of any one signal (16 MiB of floats)
  static constexpr int64_t max_layers = 16;
  static constexpr int64_t max_train_steps = 10'000'000;   // per train() call
  static constexpr int64_t max_features = 1024;            // outputs of a linear layer, classes of a loss
  static constexpr int64_t max_batch_size = 4096;
  static constexpr int64_t max_dataset_count = 1 << 16;     // examples in a training or validation set
  static constexpr int64_t max_dataset_elements = 1 << 24;  // count * size of a set's inputs (or targets): 64 MiB
};

enum class PaddingMode { zeros, reflect, replicate, circular };
enum class PaddingKind { explicit_amount, same, valid };

const char* padding_mode_name(PaddingMode mode);
// Parses 'zeros' | 'reflect' | 'replicate' | 'circular'; throws ArgumentError naming `argument` otherwise.
PaddingMode parse_padding_mode(const std::string& name, const char* argument = "paddingMode");

struct Conv1dParams {
  int64_t in_channels = 1;
  int64_t out_channels = 1;
  int64_t kernel_size = 1;
  int64_t stride = 1;
  PaddingKind padding_kind = PaddingKind::explicit_amount;
  int64_t padding = 0;  // used when padding_kind == explicit_amount
  int64_t dilation = 1;
  PaddingMode padding_mode = PaddingMode::zeros;
  bool bias = true;
  int64_t groups = 1;  // in_channels and out_channels divisible by it; groups = in_channels is depthwise
};

// Everything the kernels need once the rules have been checked.
struct Conv1dGeometry {
  int64_t in_channels, out_channels, kernel_size, stride, dilation;
  int64_t in_length;      // N
  int64_t pad_left, pad_right;
  int64_t padded_length;  // N + pad_left + pad_right
  int64_t out_length;     // floor((padded_length - dilation*(kernel_size-1) - 1) / stride) + 1
  PaddingMode padding_mode;
  bool bias;
  int64_t groups = 1;  // output channel o reads only input channels of its group: g = o / out_per_group()
  int64_t in_per_group() const { return in_channels / groups; }
  int64_t out_per_group() const { return out_channels / groups; }
  // weight is (out_channels, in_channels / groups, kernel_size), as torch.nn.Conv1d(groups=…)
  int64_t weight_count() const { return out_channels * in_per_group() * kernel_size; }
};

// Checks every argument rule (docs/interface.md, "Semantics" and "Errors") and returns the resolved geometry; throws ArgumentError.
Conv1dGeometry resolve_conv1d(const Conv1dParams& params, int64_t in_length);

struct MaxPool1dParams {
  int64_t channels = 1;
  int64_t kernel_size = 2;
  int64_t stride = 2;  // callers default it to kernel_size, as PyTorch does
  int64_t padding = 0;
  int64_t dilation = 1;
  bool ceil_mode = false;
};

struct MaxPool1dGeometry {
  int64_t channels, kernel_size, stride, padding, dilation;
  int64_t in_length, out_length;
  bool ceil_mode;
};

MaxPool1dGeometry resolve_maxpool1d(const MaxPool1dParams& params, int64_t in_length);

// torch.nn.AvgPool1d: no dilation; zeros padding of at most kernel_size / 2 on each side.
struct AvgPool1dParams {
  int64_t channels = 1;
  int64_t kernel_size = 2;
  int64_t stride = 2;  // callers default it to kernel_size, as PyTorch does
  int64_t padding = 0;
  bool ceil_mode = false;
  bool count_include_pad = true;
};

struct AvgPool1dGeometry {
  int64_t channels, kernel_size, stride, padding;
  int64_t in_length, out_length;  // out_length as max-pool's with dilation 1
  bool ceil_mode, count_include_pad;
};

AvgPool1dGeometry resolve_avgpool1d(const AvgPool1dParams& params, int64_t in_length);

// Global pooling (AdaptiveMaxPool1d(1) / AdaptiveAvgPool1d(1)): one output per channel.
struct GlobalPoolGeometry {
  int64_t channels, in_length;
};
GlobalPoolGeometry resolve_globalpool(int64_t channels, int64_t in_length);

// Linear on a flattened [C, L] input: in_features = C·L, weight (out_features, in_features).
struct LinearGeometry {
  int64_t in_features, out_features;
  bool bias;
  int64_t weight_count() const { return out_features * in_features; }
};
LinearGeometry resolve_linear(int64_t in_features, int64_t out_features, bool bias);

// Softmax cross-entropy over `count` examples of `classes` logits each.
struct CrossEntropyGeometry {
  int64_t count, classes;
};
CrossEntropyGeometry resolve_crossentropy(int64_t count, int64_t classes);

// Shared argument rules, each throwing ArgumentError with the argument's name, value and rule.
void require_at_least(const char* argument, int64_t value, int64_t minimum);
void require_at_most(const char* argument, int64_t value, int64_t maximum, const char* what = "the cap");
void require_length(const char* argument, int64_t actual, int64_t expected, const std::string& shape);
void require_tensor_size(const char* argument, int64_t channels, int64_t length);

}  // namespace convpool
