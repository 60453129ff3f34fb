// libFuzzer target of the whole core: bytes → layer options, sizes, signals (NaN/±∞ included) → validation,
// forward, backward, SGD, gradient check, conv1d_apply (groups too) / maxpool1d_apply / avgpool1d_apply,
// global pooling, linear, cross-entropy and generate_signal.
//
// ArgumentError is the one expected outcome of an invalid configuration and is caught; anything else (another
// exception, an ASan/UBSan report, a broken invariant checked below) aborts, and libFuzzer keeps the input.
// Sizes are drawn mostly small so each run is fast, plus out-of-range values (negative, zero, huge, cap + 1)
// so every validation path runs; a valid configuration whose work would be large is validated but not run.
//
// Byte layout: [op] then fields, one or a few bytes each; when the bytes run out every field reads as 0 and
// the data values come from a PCG32 stream seeded by the input's length and first bytes.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "core/avgpool1d.hpp"
#include "core/conv1d.hpp"
#include "core/crossentropy.hpp"
#include "core/errors.hpp"
#include "core/globalpool.hpp"
#include "core/linear.hpp"
#include "core/gradient_check.hpp"
#include "core/maxpool1d.hpp"
#include "core/model.hpp"
#include "core/padding.hpp"
#include "core/random.hpp"
#include "core/shape.hpp"
#include "core/signals.hpp"

using namespace convpool;

namespace {

#define FUZZ_CHECK(condition)                                                          \
  do {                                                                                 \
    if (!(condition)) {                                                                \
      std::fprintf(stderr, "fuzz_core: invariant failed at line %d: %s\n", __LINE__, #condition); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

constexpr int64_t kWorkLimit = 1 << 18;  // multiply-adds per forward pass beyond which a valid config is not run

class Reader {
 public:
  Reader(const uint8_t* data, size_t size)
      : data_(data), size_(size), rng_(size * 2654435761u + (size > 0 ? data[0] : 0) + (size > 1 ? data[size - 1] << 8 : 0)) {}

  uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  bool flag() { return byte() & 1; }

  // A size: mostly 0…15, sometimes a value just past or at a cap, negative, or huge.
  int64_t size(int64_t cap) {
    const uint8_t b = byte();
    if (b < 208) return b % 16;
    switch (b % 16) {
      case 0: return -1;
      case 1: return -(int64_t{1} << 31);
      case 2: return std::numeric_limits<int64_t>::min();
      case 3: return std::numeric_limits<int64_t>::max();
      case 4: return cap + 1;
      case 5: return cap;
      case 6: return int64_t{1} << 31;
      case 7: return int64_t{1} << 40;
      case 8: return int64_t{1} << 62;
      case 9: return 16 + byte();
      case 10: return 64 + byte() * 4;
      case 11: return -static_cast<int64_t>(byte());
      case 12: return (int64_t{1} << 32) + 1;  // wraps to 1 if someone truncates to 32 bits
      case 13: return cap - 1;
      case 14: return std::numeric_limits<int32_t>::max();
      default: return 0;
    }
  }

  // A data value: mostly ordinary numbers, often a special one.
  float value() {
    if (at_ >= size_) return rng_.next_symmetric(2.0f);
    const uint8_t b = byte();
    switch (b % 32) {
      case 0: return std::numeric_limits<float>::quiet_NaN();
      case 1: return std::numeric_limits<float>::infinity();
      case 2: return -std::numeric_limits<float>::infinity();
      case 3: return std::numeric_limits<float>::max();
      case 4: return -std::numeric_limits<float>::max();
      case 5: return std::numeric_limits<float>::denorm_min();
      case 6: return -0.0f;
      case 7: return 1e20f;
      default: return (static_cast<float>(b) - 128.0f) / 32.0f;
    }
  }

  void fill(std::vector<float>& v) {
    for (float& x : v) x = value();
  }
  void fill(float* p, int64_t n) {
    for (int64_t i = 0; i < n; ++i) p[i] = value();
  }

  std::string name(const char* const* names, int count) {
    const uint8_t b = byte();
    if (b < 240) return names[b % count];
    static const char* const junk[] = {"", "Zeros", "zeros ", "same", "\xff\xfe", "nan", "reflect\0x", "0"};
    return junk[b % 8];
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
  Pcg32 rng_;
};

const char* const kModes[] = {"zeros", "reflect", "replicate", "circular"};
const char* const kActivations[] = {"identity", "relu", "tanh", "sigmoid"};
const char* const kLosses[] = {"sse", "mse", "crossentropy"};
const char* const kSignals[] = {"sine", "square", "sawtooth", "triangle", "chirp",
                                "impulse", "step", "noise", "sines", "zeros"};

Conv1dParams conv_params(Reader& in) {
  Conv1dParams p;
  p.in_channels = in.size(Caps::max_channels);
  p.out_channels = in.size(Caps::max_channels);
  p.kernel_size = in.size(Caps::max_kernel_size);
  p.stride = in.size(Caps::max_stride);
  const uint8_t kind = in.byte() % 4;
  p.padding_kind = kind == 0 ? PaddingKind::same : kind == 1 ? PaddingKind::valid : PaddingKind::explicit_amount;
  p.padding = in.size(Caps::max_padding);
  p.dilation = in.size(Caps::max_dilation);
  p.padding_mode = parse_padding_mode(in.name(kModes, 4));
  p.bias = in.flag();
  return p;
}

MaxPool1dParams pool_params(Reader& in) {
  MaxPool1dParams p;
  p.channels = in.size(Caps::max_channels);
  p.kernel_size = in.size(Caps::max_kernel_size);
  p.stride = in.flag() ? p.kernel_size : in.size(Caps::max_stride);
  p.padding = in.size(Caps::max_padding);
  p.dilation = in.size(Caps::max_dilation);
  p.ceil_mode = in.flag();
  return p;
}

void check_conv_geometry(const Conv1dGeometry& g) {
  FUZZ_CHECK(g.out_length >= 1);
  FUZZ_CHECK(g.pad_left >= 0 && g.pad_right >= 0);
  FUZZ_CHECK(g.padded_length == g.in_length + g.pad_left + g.pad_right);
  // The last tap of the last output stays inside the padded input.
  FUZZ_CHECK((g.out_length - 1) * g.stride + (g.kernel_size - 1) * g.dilation < g.padded_length);
  FUZZ_CHECK(g.in_channels * g.padded_length <= Caps::max_tensor_elements);
  FUZZ_CHECK(g.out_channels * g.out_length <= Caps::max_tensor_elements);
}

int64_t conv_work(const Conv1dGeometry& g) {
  return g.out_channels * g.in_channels * g.kernel_size * g.out_length + g.in_channels * g.padded_length;
}

template <class T>
void run_conv(Reader& in, const Conv1dGeometry& g) {
  std::vector<float> xf(g.in_channels * g.in_length), wf(g.weight_count()), bf(g.out_channels),
      gyf(g.out_channels * g.out_length);
  in.fill(xf);
  in.fill(wf);
  in.fill(bf);
  in.fill(gyf);
  const std::vector<T> x(xf.begin(), xf.end()), w(wf.begin(), wf.end()), b(bf.begin(), bf.end()),
      gy(gyf.begin(), gyf.end());
  const bool backward = in.flag();
  const auto r = conv1d_apply<T>(g, x.data(), w.data(), b.data(), backward ? gy.data() : nullptr);
  FUZZ_CHECK(static_cast<int64_t>(r.y.size()) == g.out_channels * g.out_length);
  if (backward) {
    FUZZ_CHECK(static_cast<int64_t>(r.grad_x.size()) == g.in_channels * g.in_length);
    FUZZ_CHECK(static_cast<int64_t>(r.grad_weight.size()) == g.weight_count());
    FUZZ_CHECK(static_cast<int64_t>(r.grad_bias.size()) == (g.bias ? g.out_channels : 0));
  }
}

void fuzz_conv(Reader& in) {
  const Conv1dParams p = conv_params(in);
  const int64_t length = in.size(Caps::max_length);
  const Conv1dGeometry g = resolve_conv1d(p, length);
  check_conv_geometry(g);
  if (conv_work(g) > kWorkLimit) return;
  if (in.flag()) {
    run_conv<double>(in, g);
  } else {
    run_conv<float>(in, g);
  }
}

void check_pool_geometry(const MaxPool1dGeometry& g) {
  FUZZ_CHECK(g.out_length >= 1);
  FUZZ_CHECK(g.padding >= 0 && g.padding <= g.kernel_size / 2);
  // Every window starts inside the input or its left padding (ceil mode drops one starting in the right padding).
  FUZZ_CHECK((g.out_length - 1) * g.stride - g.padding < g.in_length);
}

template <class T>
void run_pool(Reader& in, const MaxPool1dGeometry& g) {
  std::vector<float> xf(g.channels * g.in_length), gyf(g.channels * g.out_length);
  in.fill(xf);
  in.fill(gyf);
  const std::vector<T> x(xf.begin(), xf.end()), gy(gyf.begin(), gyf.end());
  const bool backward = in.flag();
  const auto r = maxpool1d_apply<T>(g, x.data(), backward ? gy.data() : nullptr);
  FUZZ_CHECK(static_cast<int64_t>(r.y.size()) == g.channels * g.out_length);
  for (int32_t index : r.argmax) FUZZ_CHECK(index >= 0 && index < g.in_length);
  if (backward) FUZZ_CHECK(static_cast<int64_t>(r.grad_x.size()) == g.channels * g.in_length);
}

void fuzz_pool(Reader& in) {
  const MaxPool1dParams p = pool_params(in);
  const int64_t length = in.size(Caps::max_length);
  const MaxPool1dGeometry g = resolve_maxpool1d(p, length);
  check_pool_geometry(g);
  if (g.channels * g.out_length * g.kernel_size + g.channels * g.in_length > kWorkLimit) return;
  if (in.flag()) {
    run_pool<double>(in, g);
  } else {
    run_pool<float>(in, g);
  }
}

void fuzz_model(Reader& in) {
  ModelSpec spec;
  spec.input_length = in.size(Caps::max_length);
  spec.input_channels = in.size(Caps::max_channels);
  const uint8_t count = in.byte() % 24;  // up to 23: past the layer cap of 16
  for (uint8_t i = 0; i < count && i < 20; ++i) {
    LayerSpec layer;
    switch (in.byte() % 6) {
      case 0:
        layer.type = LayerType::conv1d;
        layer.conv = conv_params(in);
        break;
      case 1:
        layer.type = LayerType::maxpool1d;
        layer.pool = pool_params(in);
        break;
      case 3: {
        layer.type = LayerType::avgpool1d;
        const MaxPool1dParams p = pool_params(in);
        layer.avgpool.kernel_size = p.kernel_size;
        layer.avgpool.stride = p.stride;
        layer.avgpool.padding = p.padding;
        layer.avgpool.ceil_mode = p.ceil_mode;
        layer.avgpool.count_include_pad = in.flag();
        break;
      }
      case 4:
        layer.type = LayerType::globalpool;
        layer.global_op = in.flag() ? GlobalPoolOp::max : GlobalPoolOp::avg;
        break;
      case 5:
        layer.type = LayerType::linear;
        layer.out_features = in.size(Caps::max_features);
        layer.linear_bias = in.flag();
        break;
      default:
        layer.type = LayerType::activation;
        layer.activation = parse_activation(in.name(kActivations, 4));
        break;
    }
    spec.layers.push_back(layer);
  }
  spec.loss = parse_loss(in.name(kLosses, 3));
  spec.seed = static_cast<uint32_t>(in.byte()) * 0x01000193u;

  Model model(spec);
  FUZZ_CHECK(model.layers().size() == spec.layers.size());
  int64_t work = model.input_size();
  for (const auto& layer : model.layers()) {
    FUZZ_CHECK(layer.out_channels >= 1 && layer.out_length >= 1);
    if (layer.type == LayerType::conv1d) {
      check_conv_geometry(layer.conv);
      work += conv_work(layer.conv);
    } else if (layer.type == LayerType::maxpool1d) {
      check_pool_geometry(layer.pool);
      work += layer.pool.channels * layer.pool.out_length * layer.pool.kernel_size;
    } else if (layer.type == LayerType::linear) {
      work += layer.linear.weight_count();
    } else {
      work += layer.in_channels * layer.in_length;
    }
  }
  if (work > kWorkLimit / 4) return;

  in.fill(model.input(), model.input_size());
  in.fill(model.target(), model.target_size());  // crossentropy: one class index, often not a valid one (NaN loss)
  const double loss = model.forward();
  model.backward();
  for (const auto& layer : model.layers()) {
    if (layer.type != LayerType::maxpool1d) continue;
    for (int32_t index : layer.argmax) FUZZ_CHECK(index >= 0 && index < layer.in_length);
  }
  (void)loss;

  static const float rates[] = {0.0f, 1e-3f, 0.05f, 1.0f, 1e6f, 1e30f, -0.1f, 3e38f,
                                std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()};
  const int rounds = 1 + in.byte() % 3;
  for (int round = 0; round < rounds; ++round) {
    const uint8_t b = in.byte();
    const int64_t steps = b < 200 ? b % 6 : in.size(Caps::max_train_steps);
    const float rate = rates[in.byte() % 10];
    if (steps > 8) continue;  // a valid but long run: the cap check already ran in the branch below
    const int64_t before = model.steps_taken();
    try {
      const TrainResult r = model.train(steps, rate);
      FUZZ_CHECK(r.steps_run >= 0 && r.steps_run <= steps);
      FUZZ_CHECK(model.steps_taken() >= 0 && model.steps_taken() <= before + steps);
    } catch (const ArgumentError&) {
      FUZZ_CHECK(model.steps_taken() == before);
    }
    if (in.flag()) in.fill(model.input(), model.input_size());  // new data between calls, NaN included
  }
  model.evaluate();
  if (in.flag()) model.reset_weights(in.byte());

  // The gradient check builds a double twin and runs 3 forward passes per checked entry: tiny models only.
  if (work <= 2048 && in.flag()) {
    const int64_t per_tensor = static_cast<int64_t>(in.byte() % 8) - 2;
    const GradientCheckReport report = gradient_check(model, per_tensor);
    for (const auto& e : report.entries) FUZZ_CHECK(e.layer >= 0 && e.layer < static_cast<int64_t>(model.layers().size()));
  }
  // Training after the check: the check must have left the model as it was.
  try {
    model.train(1, 0.01f);
  } catch (const ArgumentError&) {
  }
}

// conv1d with groups: the same checks as fuzz_conv, groups read after the other fields.
void fuzz_grouped_conv(Reader& in) {
  Conv1dParams p = conv_params(in);
  p.groups = in.size(Caps::max_channels);
  const int64_t length = in.size(Caps::max_length);
  const Conv1dGeometry g = resolve_conv1d(p, length);
  check_conv_geometry(g);
  FUZZ_CHECK(g.in_channels % g.groups == 0 && g.out_channels % g.groups == 0);
  if (conv_work(g) > kWorkLimit) return;
  if (in.flag()) {
    run_conv<double>(in, g);
  } else {
    run_conv<float>(in, g);
  }
}

template <class T>
void run_avgpool(Reader& in, const AvgPool1dGeometry& g) {
  std::vector<float> xf(g.channels * g.in_length), gyf(g.channels * g.out_length);
  in.fill(xf);
  in.fill(gyf);
  const std::vector<T> x(xf.begin(), xf.end()), gy(gyf.begin(), gyf.end());
  const auto r = avgpool1d_apply<T>(g, x.data(), gy.data());
  FUZZ_CHECK(static_cast<int64_t>(r.y.size()) == g.channels * g.out_length);
  FUZZ_CHECK(static_cast<int64_t>(r.grad_x.size()) == g.channels * g.in_length);
}

template <class T>
void run_linear(Reader& in, const LinearGeometry& g) {
  std::vector<float> xf(g.in_features), wf(g.weight_count()), bf(g.out_features), gyf(g.out_features);
  in.fill(xf);
  in.fill(wf);
  in.fill(bf);
  in.fill(gyf);
  const std::vector<T> x(xf.begin(), xf.end()), w(wf.begin(), wf.end()), b(bf.begin(), bf.end()),
      gy(gyf.begin(), gyf.end());
  const auto r = linear_apply<T>(g, x.data(), w.data(), b.data(), in.flag() ? gy.data() : nullptr);
  FUZZ_CHECK(static_cast<int64_t>(r.y.size()) == g.out_features);
}

// avg-pool, global pool, linear and cross-entropy: their rules, then (when small) forward and backward.
void fuzz_classifier_ops(Reader& in) {
  switch (in.byte() % 4) {
    case 0: {
      AvgPool1dParams p;
      p.channels = in.size(Caps::max_channels);
      p.kernel_size = in.size(Caps::max_kernel_size);
      p.stride = in.flag() ? p.kernel_size : in.size(Caps::max_stride);
      p.padding = in.size(Caps::max_padding);
      p.ceil_mode = in.flag();
      p.count_include_pad = in.flag();
      const AvgPool1dGeometry g = resolve_avgpool1d(p, in.size(Caps::max_length));
      FUZZ_CHECK(g.out_length >= 1 && g.padding <= g.kernel_size / 2);
      FUZZ_CHECK((g.out_length - 1) * g.stride - g.padding < g.in_length);  // every window sees the input
      if (g.channels * g.out_length * g.kernel_size + g.channels * g.in_length > kWorkLimit) return;
      if (in.flag()) {
        run_avgpool<double>(in, g);
      } else {
        run_avgpool<float>(in, g);
      }
      break;
    }
    case 1: {
      const int64_t channels = in.size(Caps::max_channels);
      const GlobalPoolGeometry g = resolve_globalpool(channels, in.size(Caps::max_length));
      const GlobalPoolOp op = parse_global_pool_op(in.flag() ? "max" : "avg");
      if (g.channels * g.in_length > kWorkLimit) return;
      std::vector<float> x(g.channels * g.in_length), gy(g.channels);
      in.fill(x);
      in.fill(gy);
      const auto r = globalpool_apply<float>(g, op, x.data(), gy.data());
      for (int32_t index : r.argmax) FUZZ_CHECK(index >= 0 && index < g.in_length);
      FUZZ_CHECK(static_cast<int64_t>(r.grad_x.size()) == g.channels * g.in_length);
      break;
    }
    case 2: {
      const int64_t in_features = in.size(Caps::max_tensor_elements);
      const int64_t out_features = in.size(Caps::max_features);
      const LinearGeometry g = resolve_linear(in_features, out_features, in.flag());
      if (2 * g.weight_count() > kWorkLimit) return;
      if (in.flag()) {
        run_linear<double>(in, g);
      } else {
        run_linear<float>(in, g);
      }
      break;
    }
    default: {
      const int64_t count = in.size(Caps::max_tensor_elements);
      const CrossEntropyGeometry g = resolve_crossentropy(count, in.size(Caps::max_features));
      if (g.count * g.classes > kWorkLimit) return;
      std::vector<float> logits(g.count * g.classes), target(g.count), probabilities(logits.size()),
          grad(logits.size());
      std::vector<int32_t> predicted(g.count);
      in.fill(logits);
      for (float& t : target) t = in.flag() ? static_cast<float>(in.byte() % g.classes) : in.value();
      check_class_targets(target.data(), g);  // throws for a target that is not a class index
      const CrossEntropyValue v =
          crossentropy_forward(probabilities.data(), predicted.data(), logits.data(), target.data(), g);
      crossentropy_backward(grad.data(), probabilities.data(), target.data(), g);
      FUZZ_CHECK(v.correct >= 0 && v.correct <= g.count);
      FUZZ_CHECK(std::isnan(v.loss) || v.loss >= -1e-9);  // −log p ≥ 0
      for (int32_t p : predicted) FUZZ_CHECK(p >= 0 && p < g.classes);
      break;
    }
  }
}

void fuzz_signal(Reader& in) {
  const std::string kind = in.name(kSignals, 10);
  const int64_t length = in.size(Caps::max_length);
  static const double cycles_choices[] = {0, 1, 3, 0.5, 1e6, 1e6 + 1, -1, 1e300,
                                          std::numeric_limits<double>::quiet_NaN(),
                                          std::numeric_limits<double>::infinity()};
  const double cycles = cycles_choices[in.byte() % 10];
  const uint32_t seed = in.byte() * 2654435761u;
  const SignalKind k = parse_signal_kind(kind);
  // A legal but long signal is skipped (a million samples per run would slow the fuzzer down); an illegal one
  // must be refused before anything is allocated.
  if (length > 4096 && length <= Caps::max_length) return;
  const std::vector<float> s = generate_signal(k, length, cycles, seed);
  FUZZ_CHECK(static_cast<int64_t>(s.size()) == length);
  for (float v : s) FUZZ_CHECK(v >= -1.0f && v <= 1.0f);
}

void fuzz_rules(Reader& in) {
  // The shared rule helpers with arbitrary values (their messages format the values).
  const int64_t a = in.size(Caps::max_channels), b = in.size(Caps::max_length);
  switch (in.byte() % 4) {
    case 0: require_at_least("a", a, b); break;
    case 1: require_at_most("a", a, b); break;
    case 2: require_length("a", a, b, "shape"); break;
    default: require_tensor_size("a", a, b); break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reader in(data, size);
  try {
    // op bytes 0…5 keep their meaning (the committed corpus uses them); 6 and 7 are the classifier ops
    switch (in.byte() % 8) {
      case 0: fuzz_conv(in); break;
      case 1: fuzz_pool(in); break;
      case 2:
      case 3: fuzz_model(in); break;
      case 4: fuzz_signal(in); break;
      case 5: fuzz_rules(in); break;
      case 6: fuzz_grouped_conv(in); break;
      default: fuzz_classifier_ops(in); break;
    }
  } catch (const ArgumentError& e) {
    FUZZ_CHECK(e.what()[0] != '\0');
  }
  return 0;
}
