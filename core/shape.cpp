#include "core/shape.hpp"

#include <string>

#include "core/errors.hpp"

namespace convpool {

namespace {
std::string str(int64_t value) { return std::to_string(value); }
}  // namespace

void require_at_least(const char* argument, int64_t value, int64_t minimum) {
  if (value < minimum) {
    throw ArgumentError(argument, std::string(argument) + " " + str(value) + " must be at least " + str(minimum));
  }
}

void require_at_most(const char* argument, int64_t value, int64_t maximum, const char* what) {
  if (value > maximum) {
    throw ArgumentError(argument, std::string(argument) + " " + str(value) + " must be at most " + str(maximum) + " (" +
                        what + ")");
  }
}

void require_length(const char* argument, int64_t actual, int64_t expected, const std::string& shape) {
  if (actual != expected) {
    throw ArgumentError(argument, std::string(argument) + " has length " + str(actual) + " but must have length " +
                        str(expected) + " (" + shape + ")");
  }
}

void require_tensor_size(const char* argument, int64_t channels, int64_t length) {
  // Safe for any two int64 values, checked or not: the product is formed only when it cannot overflow.
  if (channels < 0 || length < 0) {
    throw ArgumentError("", std::string(argument) + " would have " + str(channels) + " channels of length " +
                        str(length) + ": sizes must be at least 0");
  }
  if (channels != 0 && length > Caps::max_tensor_elements / channels) {
    int64_t product = 0;
    const bool overflows = __builtin_mul_overflow(channels, length, &product);
    throw ArgumentError("", std::string(argument) + " would hold " + str(channels) + " x " + str(length) + " = " +
                        (overflows ? std::string("more than 2^63") : str(product)) +
                        " values, more than the cap of " + str(Caps::max_tensor_elements));
  }
}

const char* padding_mode_name(PaddingMode mode) {
  switch (mode) {
    case PaddingMode::zeros: return "zeros";
    case PaddingMode::reflect: return "reflect";
    case PaddingMode::replicate: return "replicate";
    case PaddingMode::circular: return "circular";
  }
  return "zeros";
}

PaddingMode parse_padding_mode(const std::string& name, const char* argument) {
  if (name == "zeros") return PaddingMode::zeros;
  if (name == "reflect") return PaddingMode::reflect;
  if (name == "replicate") return PaddingMode::replicate;
  if (name == "circular") return PaddingMode::circular;
  throw ArgumentError(argument, std::string(argument) + " '" + name +
                      "' must be one of 'zeros', 'reflect', 'replicate', 'circular'");
}

namespace {

void check_length(int64_t in_length) {
  require_at_least("inputLength", in_length, 1);
  require_at_most("inputLength", in_length, Caps::max_length, "the input length cap");
}

// A padding mode copies samples from inside the signal; reflect and circular can only copy as many as exist.
void check_padding_fits_mode(const Conv1dParams& params, int64_t in_length, int64_t left, int64_t right) {
  const int64_t widest = left > right ? left : right;
  const std::string amount = params.padding_kind == PaddingKind::same
                                 ? "padding 'same' needs " + str(widest) + " samples on one side, and"
                                 : "padding " + str(widest);
  const std::string mode = std::string(" for paddingMode '") + padding_mode_name(params.padding_mode) + "'";
  if (params.padding_mode == PaddingMode::reflect && widest >= in_length) {
    throw ArgumentError("padding", amount + " must be smaller than the input length " + str(in_length) + mode);
  }
  if (params.padding_mode == PaddingMode::circular && widest > in_length) {
    throw ArgumentError("padding", amount + " must be at most the input length " + str(in_length) + mode);
  }
}

// PyTorch's pooling_output_shape: floor division (towards -inf), then ceil mode drops a last window
// that would start inside the right padding. Throws when the output would be empty.
int64_t pooling_out_length(int64_t in_length, int64_t kernel_size, int64_t stride, int64_t padding,
                           int64_t dilation, bool ceil_mode, bool name_dilation) {
  const int64_t span = dilation * (kernel_size - 1) + 1;
  const int64_t numerator = in_length + 2 * padding - span + (ceil_mode ? stride - 1 : 0);
  int64_t out_length = (numerator >= 0 ? numerator / stride : -((-numerator + stride - 1) / stride)) + 1;
  if (ceil_mode && out_length > 0 && (out_length - 1) * stride >= in_length + padding) --out_length;
  if (out_length < 1) {
    throw ArgumentError("kernelSize", "kernelSize " + str(kernel_size) +
                        (name_dilation ? " with dilation " + str(dilation) : std::string()) + " spans " +
                        str(span) + " samples, more than the padded input length " + str(in_length + 2 * padding) +
                        " (inputLength " + str(in_length) + " + padding " + str(padding) +
                        " on each side): the output would be empty");
  }
  return out_length;
}

// Pooling's padding is implicit (−∞ or zeros) and PyTorch allows at most half a kernel of it.
void check_pool_padding(int64_t padding, int64_t kernel_size) {
  require_at_least("padding", padding, 0);
  if (padding > kernel_size / 2) {
    throw ArgumentError("padding", "padding " + str(padding) + " must be at most half the kernelSize " + str(kernel_size) +
                        " (at most " + str(kernel_size / 2) + ")");
  }
}

}  // namespace

Conv1dGeometry resolve_conv1d(const Conv1dParams& params, int64_t in_length) {
  require_at_least("inChannels", params.in_channels, 1);
  require_at_most("inChannels", params.in_channels, Caps::max_channels, "the channel cap");
  require_at_least("outChannels", params.out_channels, 1);
  require_at_most("outChannels", params.out_channels, Caps::max_channels, "the channel cap");
  require_at_least("kernelSize", params.kernel_size, 1);
  require_at_most("kernelSize", params.kernel_size, Caps::max_kernel_size, "the kernel size cap");
  require_at_least("stride", params.stride, 1);
  require_at_most("stride", params.stride, Caps::max_stride, "the stride cap");
  require_at_least("dilation", params.dilation, 1);
  require_at_most("dilation", params.dilation, Caps::max_dilation, "the dilation cap");
  require_at_least("groups", params.groups, 1);
  if (params.in_channels % params.groups != 0) {
    throw ArgumentError("groups", "groups " + str(params.groups) + " must divide inChannels " + str(params.in_channels) +
                        " (each group convolves inChannels / groups input channels)");
  }
  if (params.out_channels % params.groups != 0) {
    throw ArgumentError("groups", "groups " + str(params.groups) + " must divide outChannels " + str(params.out_channels) +
                        " (each group produces outChannels / groups output channels)");
  }
  check_length(in_length);
  require_tensor_size("the input", params.in_channels, in_length);

  const int64_t span = params.dilation * (params.kernel_size - 1) + 1;  // samples one output looks at
  int64_t left = 0, right = 0;
  switch (params.padding_kind) {
    case PaddingKind::explicit_amount:
      require_at_least("padding", params.padding, 0);
      require_at_most("padding", params.padding, Caps::max_padding, "the padding cap");
      left = right = params.padding;
      break;
    case PaddingKind::valid:
      break;
    case PaddingKind::same: {
      if (params.stride != 1) {
        throw ArgumentError("padding", "padding 'same' requires stride 1, but stride is " + str(params.stride) +
                            " (as in PyTorch, 'same' is not defined for strided convolutions)");
      }
      const int64_t total = span - 1;  // PyTorch: left = total // 2, the odd sample goes right
      left = total / 2;
      right = total - left;
      break;
    }
  }
  check_padding_fits_mode(params, in_length, left, right);

  const int64_t padded = in_length + left + right;
  if (padded < span) {
    throw ArgumentError("kernelSize", "kernelSize " + str(params.kernel_size) + " with dilation " + str(params.dilation) +
                        " spans " + str(span) + " samples, more than the padded input length " + str(padded) +
                        " (inputLength " + str(in_length) + " + padding " + str(left) + " + " + str(right) +
                        "): the output would be empty");
  }
  const int64_t out_length = (padded - span) / params.stride + 1;
  require_tensor_size("the padded input", params.in_channels, padded);
  require_tensor_size("the output", params.out_channels, out_length);
  require_at_most("weight count", params.out_channels * (params.in_channels / params.groups) * params.kernel_size,
                  Caps::max_tensor_elements, "the weight cap");

  Conv1dGeometry g{};
  g.in_channels = params.in_channels;
  g.out_channels = params.out_channels;
  g.kernel_size = params.kernel_size;
  g.stride = params.stride;
  g.dilation = params.dilation;
  g.in_length = in_length;
  g.pad_left = left;
  g.pad_right = right;
  g.padded_length = padded;
  g.out_length = out_length;
  g.padding_mode = params.padding_mode;
  g.bias = params.bias;
  g.groups = params.groups;
  return g;
}

MaxPool1dGeometry resolve_maxpool1d(const MaxPool1dParams& params, int64_t in_length) {
  require_at_least("channels", params.channels, 1);
  require_at_most("channels", params.channels, Caps::max_channels, "the channel cap");
  require_at_least("kernelSize", params.kernel_size, 1);
  require_at_most("kernelSize", params.kernel_size, Caps::max_kernel_size, "the kernel size cap");
  const int64_t stride = params.stride;
  require_at_least("stride", stride, 1);
  require_at_most("stride", stride, Caps::max_stride, "the stride cap");
  require_at_least("dilation", params.dilation, 1);
  require_at_most("dilation", params.dilation, Caps::max_dilation, "the dilation cap");
  check_pool_padding(params.padding, params.kernel_size);
  check_length(in_length);
  require_tensor_size("the input", params.channels, in_length);

  const int64_t out_length = pooling_out_length(in_length, params.kernel_size, stride, params.padding,
                                                params.dilation, params.ceil_mode, true);

  MaxPool1dGeometry g{};
  g.channels = params.channels;
  g.kernel_size = params.kernel_size;
  g.stride = stride;
  g.padding = params.padding;
  g.dilation = params.dilation;
  g.in_length = in_length;
  g.out_length = out_length;
  g.ceil_mode = params.ceil_mode;
  return g;
}

AvgPool1dGeometry resolve_avgpool1d(const AvgPool1dParams& params, int64_t in_length) {
  require_at_least("channels", params.channels, 1);
  require_at_most("channels", params.channels, Caps::max_channels, "the channel cap");
  require_at_least("kernelSize", params.kernel_size, 1);
  require_at_most("kernelSize", params.kernel_size, Caps::max_kernel_size, "the kernel size cap");
  require_at_least("stride", params.stride, 1);
  require_at_most("stride", params.stride, Caps::max_stride, "the stride cap");
  check_pool_padding(params.padding, params.kernel_size);
  check_length(in_length);
  require_tensor_size("the input", params.channels, in_length);

  AvgPool1dGeometry g{};
  g.channels = params.channels;
  g.kernel_size = params.kernel_size;
  g.stride = params.stride;
  g.padding = params.padding;
  g.in_length = in_length;
  g.out_length = pooling_out_length(in_length, params.kernel_size, params.stride, params.padding, 1,
                                    params.ceil_mode, false);
  g.ceil_mode = params.ceil_mode;
  g.count_include_pad = params.count_include_pad;
  return g;
}

GlobalPoolGeometry resolve_globalpool(int64_t channels, int64_t in_length) {
  require_at_least("channels", channels, 1);
  require_at_most("channels", channels, Caps::max_channels, "the channel cap");
  check_length(in_length);
  require_tensor_size("the input", channels, in_length);
  return GlobalPoolGeometry{channels, in_length};
}

LinearGeometry resolve_linear(int64_t in_features, int64_t out_features, bool bias) {
  require_at_least("inFeatures", in_features, 1);
  require_at_most("inFeatures", in_features, Caps::max_tensor_elements, "the tensor size cap");
  require_at_least("outFeatures", out_features, 1);
  require_at_most("outFeatures", out_features, Caps::max_features, "the feature cap");
  require_tensor_size("the weight", out_features, in_features);
  return LinearGeometry{in_features, out_features, bias};
}

CrossEntropyGeometry resolve_crossentropy(int64_t count, int64_t classes) {
  require_at_least("classes", classes, 1);
  require_at_most("classes", classes, Caps::max_features, "the feature cap");
  require_at_least("count", count, 1);
  require_tensor_size("the logits", count, classes);
  return CrossEntropyGeometry{count, classes};
}

}  // namespace convpool
