// The only file that knows about Emscripten: embind adapters from JS values to the core and back.
// web/convpool.js checks JS types (integers, known names, Float32Array) and calls these; the core checks every
// rule. A core ArgumentError never crosses into JS as an exception (Emscripten 3.1.6 would hand JS a bare
// pointer): each adapter catches it and returns { error: message }, which convpool.js throws as ConvPoolError.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
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
#include "core/signals.hpp"

using emscripten::val;
using namespace convpool;

namespace {

// { error, field, layer }: the message, and where it is as data (ConvPoolError's .field and .layer in convpool.js).
val error_result(const std::string& message, const char* field = "", int64_t layer = -1) {
  val result = val::object();
  result.set("error", message);
  result.set("field", field);
  result.set("layer", static_cast<double>(layer));
  return result;
}

// Runs `body` and turns an ArgumentError (or an allocation failure) into { error }. One copy of the try/catch for
// every binding: the body arrives as a plain function pointer and its context (a template per body would repeat
// the handlers in the .wasm about twenty times).
val guarded_call(val (*run)(void* body), void* body) {
  try {
    return run(body);
  } catch (const ArgumentError& e) {
    return error_result(e.what(), e.field(), e.layer());
  } catch (const std::bad_alloc&) {
    return error_result("out of memory: the sizes asked for do not fit in the WebAssembly heap");
  }
}
template <class F>
val guarded(F&& body) {
  using Body = std::remove_reference_t<F>;
  return guarded_call([](void* b) -> val { return (*static_cast<Body*>(b))(); }, &body);
}

// A JS number as an integer. convpool.js has already checked it, but the cast of NaN, ±∞ or a value beyond
// int64 is undefined behaviour (a trap in WebAssembly), so the bindings refuse those themselves.
int64_t whole_number(const char* name, double value) {
  if (!(std::fabs(value) <= 9007199254740991.0) || value != std::floor(value)) {  // 2^53 − 1; NaN fails too
    throw ArgumentError(name, std::string(name) + " " + std::to_string(value) + " must be an integer");
  }
  return static_cast<int64_t>(value);
}
int64_t integer(const val& object, const char* key) { return whole_number(key, object[key].as<double>()); }
uint32_t seed_value(const char* name, double value) {
  const int64_t seed = whole_number(name, value);
  require_at_least(name, seed, 0);
  require_at_most(name, seed, 0xFFFFFFFFll, "a 32-bit seed");
  return static_cast<uint32_t>(seed);
}

// The one-shot conv1d/maxPool1d calls compute in double and round once at the end, so their float32 results are as
// close to PyTorch's float64 as float32 allows, whatever the sizes. (The model trains in float for speed.)
std::vector<double> doubles(const val& array) { return emscripten::convertJSArrayToNumberVector<double>(array); }

// A JS-owned typed-array copy of a core buffer (the constructor copies, so the buffer may be freed afterwards);
// double data given to Float32Array is rounded to nearest.
template <class T>
val copy_to_js(const char* js_type, const std::vector<T>& data) {
  return val::global(js_type).new_(emscripten::typed_memory_view(data.size(), data.data()));
}

bool has(const val& args, const char* key) { return !args[key].isNull() && !args[key].isUndefined(); }

// The rule of a length that is a product, with its numbers: "channels * outLength = 2 * 7".
std::string product(const char* names, int64_t a, int64_t b) {
  return std::string(names) + " = " + std::to_string(a) + " * " + std::to_string(b);
}

// The array args[key], which must hold `expected` values (`rule` says why, in the error).
std::vector<double> sized(const val& args, const char* key, int64_t expected, const std::string& rule) {
  auto values = doubles(args[key]);
  require_length(key, static_cast<int64_t>(values.size()), expected, rule);
  return values;
}

// The bias b when the layer has one (then `outputs` values), else empty.
std::vector<double> optional_bias(const val& args, bool bias, int64_t outputs, const char* rule) {
  return bias ? sized(args, "b", outputs, rule) : std::vector<double>{};
}

// The upstream gradient, when given, must have the output's length.
std::vector<double> grad_out(const val& args, int64_t expected, const std::string& shape) {
  if (!has(args, "gradOut")) return {};
  return sized(args, "gradOut", expected, shape);
}

// A window pool's input x [channels, length] and upstream gradient [channels, outLength] (empty without a backward).
struct PoolArrays {
  std::vector<double> x, grad_y;
  bool backward;
  const double* grad() const { return backward ? grad_y.data() : nullptr; }
};
template <class Geometry>
PoolArrays pool_arrays(const val& args, const Geometry& g) {
  PoolArrays a;
  a.x = sized(args, "x", g.channels * g.in_length, "channels * length");
  a.grad_y = grad_out(args, g.channels * g.out_length, product("channels * outLength", g.channels, g.out_length));
  a.backward = has(args, "gradOut");
  return a;
}

// dx, dw and (with a bias) db of a layer with weights, after a backward.
template <class R>
void set_weight_gradients(val& result, const R& r, bool bias) {
  result.set("dx", copy_to_js("Float32Array", r.grad_x));
  result.set("dw", copy_to_js("Float32Array", r.grad_weight));
  if (bias) result.set("db", copy_to_js("Float32Array", r.grad_bias));
}

Conv1dParams conv_params(const val& args) {
  Conv1dParams p;
  p.out_channels = integer(args, "outChannels");
  p.kernel_size = integer(args, "kernelSize");
  p.stride = integer(args, "stride");
  p.dilation = integer(args, "dilation");
  p.padding_mode = parse_padding_mode(args["paddingMode"].as<std::string>());
  p.bias = args["bias"].as<bool>();
  p.groups = integer(args, "groups");
  const val padding = args["padding"];
  if (padding.isString()) {
    p.padding_kind = padding.as<std::string>() == "same" ? PaddingKind::same : PaddingKind::valid;
  } else {
    p.padding = whole_number("padding", padding.as<double>());
  }
  return p;
}

MaxPool1dParams pool_params(const val& args) {
  MaxPool1dParams p;
  p.kernel_size = integer(args, "kernelSize");
  p.stride = integer(args, "stride");
  p.padding = integer(args, "padding");
  p.dilation = integer(args, "dilation");
  p.ceil_mode = args["ceilMode"].as<bool>();
  return p;
}

// conv1d(args): args as documented for cp.conv1d, normalised by convpool.js (inputLength added).
val conv1d_js(val args) {
  return guarded([&] {
    Conv1dParams params = conv_params(args);
    params.in_channels = integer(args, "inChannels");  // a model's layers take it from the previous layer
    const Conv1dGeometry g = resolve_conv1d(params, integer(args, "inputLength"));
    const auto x = sized(args, "x", g.in_channels * g.in_length, "inChannels * length");
    const auto w = sized(args, "w", g.weight_count(),
                         g.groups == 1 ? "outChannels * inChannels * kernelSize"
                                       : "outChannels * (inChannels / groups) * kernelSize = " +
                                             std::to_string(g.out_channels) + " * " +
                                             std::to_string(g.in_per_group()) + " * " + std::to_string(g.kernel_size));
    const auto b = optional_bias(args, g.bias, g.out_channels, "outChannels");
    const auto grad_y = grad_out(args, g.out_channels * g.out_length,
                                 product("outChannels * outLength", g.out_channels, g.out_length));
    const bool backward = has(args, "gradOut");
    const auto r = conv1d_apply<double>(g, x.data(), w.data(), g.bias ? b.data() : nullptr,
                                       backward ? grad_y.data() : nullptr);
    val result = val::object();
    result.set("y", copy_to_js("Float32Array", r.y));
    result.set("outLength", static_cast<double>(g.out_length));
    result.set("padLeft", static_cast<double>(g.pad_left));
    result.set("padRight", static_cast<double>(g.pad_right));
    if (backward) set_weight_gradients(result, r, g.bias);
    return result;
  });
}

val maxpool1d_js(val args) {
  return guarded([&] {
    MaxPool1dParams params = pool_params(args);
    params.channels = integer(args, "channels");  // a model's layers take it from the previous layer
    const MaxPool1dGeometry g = resolve_maxpool1d(params, integer(args, "inputLength"));
    const PoolArrays a = pool_arrays(args, g);
    const auto r = maxpool1d_apply<double>(g, a.x.data(), a.grad());
    val result = val::object();
    result.set("y", copy_to_js("Float32Array", r.y));
    result.set("indices", copy_to_js("Int32Array", r.argmax));
    result.set("outLength", static_cast<double>(g.out_length));
    if (a.backward) result.set("dx", copy_to_js("Float32Array", r.grad_x));
    return result;
  });
}

AvgPool1dParams avgpool_params(const val& args) {
  AvgPool1dParams params;
  params.kernel_size = integer(args, "kernelSize");
  params.stride = integer(args, "stride");
  params.padding = integer(args, "padding");
  params.ceil_mode = args["ceilMode"].as<bool>();
  params.count_include_pad = args["countIncludePad"].as<bool>();
  return params;
}

val avgpool1d_js(val args) {
  return guarded([&] {
    AvgPool1dParams params = avgpool_params(args);
    params.channels = integer(args, "channels");  // a model's layers take it from the previous layer
    const AvgPool1dGeometry g = resolve_avgpool1d(params, integer(args, "inputLength"));
    const PoolArrays a = pool_arrays(args, g);
    const auto r = avgpool1d_apply<double>(g, a.x.data(), a.grad());
    val result = val::object();
    result.set("y", copy_to_js("Float32Array", r.y));
    result.set("outLength", static_cast<double>(g.out_length));
    if (a.backward) result.set("dx", copy_to_js("Float32Array", r.grad_x));
    return result;
  });
}

val globalpool1d_js(val args) {
  return guarded([&] {
    const GlobalPoolOp op = parse_global_pool_op(args["op"].as<std::string>());
    const GlobalPoolGeometry g = resolve_globalpool(integer(args, "channels"), integer(args, "inputLength"));
    const auto x = sized(args, "x", g.channels * g.in_length, "channels * length");
    const auto grad_y = grad_out(args, g.channels, "channels (one value per channel)");
    const bool backward = has(args, "gradOut");
    const auto r = globalpool_apply<double>(g, op, x.data(), backward ? grad_y.data() : nullptr);
    val result = val::object();
    result.set("y", copy_to_js("Float32Array", r.y));
    result.set("outLength", 1.0);
    if (op == GlobalPoolOp::max) result.set("indices", copy_to_js("Int32Array", r.argmax));
    if (backward) result.set("dx", copy_to_js("Float32Array", r.grad_x));
    return result;
  });
}

val linear_js(val args) {
  return guarded([&] {
    const LinearGeometry g =
        resolve_linear(integer(args, "inFeatures"), integer(args, "outFeatures"), args["bias"].as<bool>());
    const auto x = sized(args, "x", g.in_features, "inFeatures");
    const auto w =
        sized(args, "w", g.weight_count(), product("outFeatures * inFeatures", g.out_features, g.in_features));
    const auto b = optional_bias(args, g.bias, g.out_features, "outFeatures");
    const auto grad_y = grad_out(args, g.out_features, "outFeatures");
    const bool backward = has(args, "gradOut");
    const auto r = linear_apply<double>(g, x.data(), w.data(), g.bias ? b.data() : nullptr,
                                        backward ? grad_y.data() : nullptr);
    val result = val::object();
    result.set("y", copy_to_js("Float32Array", r.y));
    if (backward) set_weight_gradients(result, r, g.bias);
    return result;
  });
}

val crossentropy_js(val args) {
  return guarded([&] {
    const CrossEntropyGeometry g = resolve_crossentropy(integer(args, "count"), integer(args, "classes"));
    const auto logits = sized(args, "logits", g.count * g.classes, product("count * classes", g.count, g.classes));
    const auto target = sized(args, "target", g.count, "count (one class index per example)");
    check_class_targets(target.data(), g);
    std::vector<double> probabilities(logits.size());
    std::vector<int32_t> predicted(g.count);
    const CrossEntropyValue v = crossentropy_forward(probabilities.data(), predicted.data(), logits.data(),
                                                     target.data(), g);
    val result = val::object();
    result.set("loss", v.loss);
    result.set("accuracy", static_cast<double>(v.correct) / static_cast<double>(g.count));
    result.set("predicted", copy_to_js("Int32Array", predicted));
    result.set("probabilities", copy_to_js("Float32Array", probabilities));
    if (args["gradient"].as<bool>()) {
      std::vector<double> grad(logits.size());
      crossentropy_backward(grad.data(), probabilities.data(), target.data(), g);
      result.set("dLogits", copy_to_js("Float32Array", grad));
    }
    return result;
  });
}

// The optimizer object as convpool.js normalises it: every field present; the core checks the rules.
OptimizerSpec optimizer_spec(const val& optimizer) {
  OptimizerSpec o;
  o.type = parse_optimizer(optimizer["type"].as<std::string>());
  o.momentum = optimizer["momentum"].as<double>();
  o.dampening = optimizer["dampening"].as<double>();
  o.nesterov = optimizer["nesterov"].as<bool>();
  o.beta1 = optimizer["beta1"].as<double>();
  o.beta2 = optimizer["beta2"].as<double>();
  o.eps = optimizer["eps"].as<double>();
  return o;
}

ModelSpec model_spec(const val& spec) {
  ModelSpec s;
  s.input_length = integer(spec, "inputLength");
  s.input_channels = integer(spec, "inputChannels");
  s.loss = parse_loss(spec["loss"].as<std::string>());
  s.seed = seed_value("seed", spec["seed"].as<double>());
  s.batch_size = integer(spec, "batchSize");
  s.shuffle = spec["shuffle"].as<bool>();
  s.optimizer = optimizer_spec(spec["optimizer"]);
  s.optimizer.weight_decay = spec["weightDecay"].as<double>();
  const val layers = spec["layers"];
  const int64_t count = whole_number("layers.length", layers["length"].as<double>());
  require_at_most("layers.length", count, Caps::max_layers, "the layer cap");
  for (int i = 0; i < static_cast<int>(count); ++i) {
    const val layer = layers[i];
    const std::string type = layer["type"].as<std::string>();
    LayerSpec ls;
    if (type == "conv1d") {
      ls.type = LayerType::conv1d;
      ls.conv = conv_params(layer);
    } else if (type == "maxpool1d") {
      ls.type = LayerType::maxpool1d;
      ls.pool = pool_params(layer);
    } else if (type == "avgpool1d") {
      ls.type = LayerType::avgpool1d;
      ls.avgpool = avgpool_params(layer);
    } else if (type == "globalpool") {
      ls.type = LayerType::globalpool;
      // convpool.js has checked the name; the field names a literal (ArgumentError keeps the pointer)
      ls.global_op = parse_global_pool_op(layer["op"].as<std::string>(), "op");
    } else if (type == "linear") {
      ls.type = LayerType::linear;
      ls.out_features = integer(layer, "outFeatures");
      ls.linear_bias = layer["bias"].as<bool>();
    } else {
      ls.type = LayerType::activation;
      ls.activation = parse_activation(layer["fn"].as<std::string>(), "fn");
    }
    s.layers.push_back(ls);
  }
  return s;
}

// createModel(spec) → a Model the JS wrapper owns (and delete()s), or null with the reason in lastError().
// The reason lives in a fixed buffer, not a std::string, so a refused spec leaves the heap exactly as it was (the
// leak checks compare bytes in use).
char last_error[1024];
char last_error_field[64];
int64_t last_error_layer = -1;
void set_last_error(const char* message, const char* field = "", int64_t layer = -1) {
  std::strncpy(last_error, message, sizeof last_error - 1);
  last_error[sizeof last_error - 1] = '\0';
  std::strncpy(last_error_field, field, sizeof last_error_field - 1);
  last_error_field[sizeof last_error_field - 1] = '\0';
  last_error_layer = layer;
}
Model* create_model_js(val spec) {
  set_last_error("");
  try {
    return new Model(model_spec(spec));
  } catch (const ArgumentError& e) {
    set_last_error(e.what(), e.field(), e.layer());
  } catch (const std::bad_alloc&) {
    set_last_error("out of memory: the model's sizes do not fit in the WebAssembly heap");
  }
  return nullptr;
}
// The reason of the last refused createModel as { error, field, layer } (as every other binding reports one).
val last_error_js() { return error_result(last_error, last_error_field, last_error_layer); }

val train_js(Model& model, double steps, double learning_rate) {
  return guarded([&] {
    // convpool.js passes an integer steps within ±2^31 and a finite rate; a finite double beyond float's range
    // would become ±inf where the optimizer rounds it to float, so it is refused here with the value the caller gave.
    if (!(std::fabs(learning_rate) <= static_cast<double>(std::numeric_limits<float>::max()))) {
      throw ArgumentError("learningRate", "learningRate " + std::to_string(learning_rate) +
                          " must be a finite number within float range (|learningRate| <= 3.4e38)");
    }
    const TrainResult r = model.train(whole_number("steps", steps), learning_rate);
    val result = val::object();
    result.set("loss", r.loss);
    result.set("stepsRun", static_cast<double>(r.steps_run));
    result.set("diverged", r.diverged);
    return result;
  });
}

// The optimizer state of layer l's weight and bias, as pointers into the optimizer's flat arrays:
// velocityPtr/velocityBiasPtr (sgd), adamMPtr/adamMBiasPtr and adamVPtr/adamVBiasPtr (adam).
void set_optimizer_state_pointers(val& info, Model& model, int l) {
  Optimizer<float>& o = model.optimizer();
  const struct {
    const char* name;
    float* data;
  } states[] = {{"velocity", o.velocity().empty() ? nullptr : o.velocity_data()},
                {"adamM", o.first_moment().empty() ? nullptr : o.first_moment_data()},
                {"adamV", o.second_moment().empty() ? nullptr : o.second_moment_data()}};
  for (const auto& state : states) {
    if (!state.data) continue;
    const int64_t weight_at = model.state_offset(l, 0), bias_at = model.state_offset(l, 1);
    if (weight_at >= 0) info.set(std::string(state.name) + "Ptr", reinterpret_cast<uintptr_t>(state.data + weight_at));
    if (bias_at >= 0) info.set(std::string(state.name) + "BiasPtr", reinterpret_cast<uintptr_t>(state.data + bias_at));
  }
}

// Where each buffer of layer l lives in the WASM heap, for zero-copy Float32Array views in JS.
val layer_info_js(Model& model, int l) {
  auto& layer = model.layers()[l];
  val info = val::object();
  info.set("type", std::string(layer_type_name(layer.type)));
  info.set("inChannels", static_cast<double>(layer.in_channels));
  info.set("inLength", static_cast<double>(layer.in_length));
  info.set("outChannels", static_cast<double>(layer.out_channels));
  info.set("outLength", static_cast<double>(layer.out_length));
  if (layer.type == LayerType::conv1d) {
    const Conv1dGeometry& g = layer.conv;
    info.set("kernelSize", static_cast<double>(g.kernel_size));
    info.set("stride", static_cast<double>(g.stride));
    info.set("dilation", static_cast<double>(g.dilation));
    info.set("padLeft", static_cast<double>(g.pad_left));
    info.set("padRight", static_cast<double>(g.pad_right));
    info.set("paddedLength", static_cast<double>(g.padded_length));
    info.set("paddingMode", std::string(padding_mode_name(g.padding_mode)));
    info.set("bias", g.bias);
    info.set("groups", static_cast<double>(g.groups));
    info.set("weightPtr", reinterpret_cast<uintptr_t>(layer.weight.data()));
    info.set("gradWeightPtr", reinterpret_cast<uintptr_t>(layer.grad_weight.data()));
    info.set("biasPtr", reinterpret_cast<uintptr_t>(layer.bias.data()));
    info.set("gradBiasPtr", reinterpret_cast<uintptr_t>(layer.grad_bias.data()));
    info.set("paddedPtr", reinterpret_cast<uintptr_t>(layer.padded.data()));
    set_optimizer_state_pointers(info, model, l);
    info.set("gradPaddedPtr", reinterpret_cast<uintptr_t>(layer.grad_padded.data()));
  } else if (layer.type == LayerType::maxpool1d) {
    const MaxPool1dGeometry& g = layer.pool;
    info.set("kernelSize", static_cast<double>(g.kernel_size));
    info.set("stride", static_cast<double>(g.stride));
    info.set("dilation", static_cast<double>(g.dilation));
    info.set("padding", static_cast<double>(g.padding));
    info.set("ceilMode", g.ceil_mode);
    info.set("argmaxPtr", reinterpret_cast<uintptr_t>(layer.argmax.data()));
  } else if (layer.type == LayerType::avgpool1d) {
    const AvgPool1dGeometry& g = layer.avgpool;
    info.set("kernelSize", static_cast<double>(g.kernel_size));
    info.set("stride", static_cast<double>(g.stride));
    info.set("padding", static_cast<double>(g.padding));
    info.set("ceilMode", g.ceil_mode);
    info.set("countIncludePad", g.count_include_pad);
  } else if (layer.type == LayerType::globalpool) {
    info.set("op", std::string(global_pool_op_name(layer.global_op)));
    if (layer.global_op == GlobalPoolOp::max) info.set("argmaxPtr", reinterpret_cast<uintptr_t>(layer.argmax.data()));
  } else if (layer.type == LayerType::linear) {
    const LinearGeometry& g = layer.linear;
    info.set("inFeatures", static_cast<double>(g.in_features));
    info.set("outFeatures", static_cast<double>(g.out_features));
    info.set("bias", g.bias);
    info.set("weightPtr", reinterpret_cast<uintptr_t>(layer.weight.data()));
    info.set("gradWeightPtr", reinterpret_cast<uintptr_t>(layer.grad_weight.data()));
    info.set("biasPtr", reinterpret_cast<uintptr_t>(layer.bias.data()));
    info.set("gradBiasPtr", reinterpret_cast<uintptr_t>(layer.grad_bias.data()));
    set_optimizer_state_pointers(info, model, l);
  } else {
    info.set("fn", std::string(activation_name(layer.activation)));
  }
  info.set("inputPtr", reinterpret_cast<uintptr_t>(model.activation(l)));
  info.set("outputPtr", reinterpret_cast<uintptr_t>(model.activation(l + 1)));
  info.set("gradInputPtr", reinterpret_cast<uintptr_t>(model.gradient(l)));
  info.set("gradOutputPtr", reinterpret_cast<uintptr_t>(model.gradient(l + 1)));
  return info;
}

val gradient_check_js(Model& model, double max_per_tensor) {
  return guarded([&] {
    const GradientCheckReport report = gradient_check(model, whole_number("maxPerTensor", max_per_tensor));
    static const char* tensor_names[] = {"weight", "bias", "input"};
    val entries = val::array();
    for (const auto& e : report.entries) {
      val entry = val::object();
      entry.set("layer", static_cast<double>(e.layer));
      entry.set("tensor", std::string(tensor_names[static_cast<int>(e.tensor)]));
      entry.set("index", static_cast<double>(e.index));
      entry.set("analytic", e.analytic);
      entry.set("numeric", e.numeric);
      entry.set("relativeError", e.relative_error);
      entry.set("atKink", e.at_kink);
      entries.call<void>("push", entry);
    }
    val result = val::object();
    result.set("worstRelativeError", report.worst_relative_error);
    result.set("kinks", static_cast<double>(report.kinks));
    result.set("entries", entries);
    return result;
  });
}

val generate_signal_js(std::string kind, double length, double cycles, double seed) {
  return guarded([&] {
    val result = val::object();
    result.set("signal", copy_to_js("Float32Array", generate_signal(parse_signal_kind(kind), whole_number("length", length),
                                                                    cycles, seed_value("seed", seed))));
    return result;
  });
}

val caps_js() {
  val caps = val::object();
  caps.set("maxLength", static_cast<double>(Caps::max_length));
  caps.set("maxChannels", static_cast<double>(Caps::max_channels));
  caps.set("maxKernelSize", static_cast<double>(Caps::max_kernel_size));
  caps.set("maxStride", static_cast<double>(Caps::max_stride));
  caps.set("maxDilation", static_cast<double>(Caps::max_dilation));
  caps.set("maxPadding", static_cast<double>(Caps::max_padding));
  caps.set("maxTensorElements", static_cast<double>(Caps::max_tensor_elements));
  caps.set("maxLayers", static_cast<double>(Caps::max_layers));
  caps.set("maxTrainSteps", static_cast<double>(Caps::max_train_steps));
  caps.set("maxFeatures", static_cast<double>(Caps::max_features));
  caps.set("maxBatchSize", static_cast<double>(Caps::max_batch_size));
  caps.set("maxDatasetCount", static_cast<double>(Caps::max_dataset_count));
  caps.set("maxDatasetElements", static_cast<double>(Caps::max_dataset_elements));
  return caps;
}

// Bytes the allocator has handed out: flat across create/train/delete cycles when nothing leaks.
double heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

uintptr_t input_ptr(Model& m) { return reinterpret_cast<uintptr_t>(m.input()); }
uintptr_t target_ptr(Model& m) { return reinterpret_cast<uintptr_t>(m.target()); }
uintptr_t output_ptr(Model& m) { return reinterpret_cast<uintptr_t>(m.activation(m.layers().size())); }
uintptr_t output_grad_ptr(Model& m) { return reinterpret_cast<uintptr_t>(m.gradient(m.layers().size())); }
uintptr_t input_grad_ptr(Model& m) { return reinterpret_cast<uintptr_t>(m.gradient(0)); }
double output_length(Model& m) { return static_cast<double>(m.output_length()); }
double output_channels(Model& m) { return static_cast<double>(m.output_channels()); }
double target_size(Model& m) { return static_cast<double>(m.target_size()); }
double layer_count(Model& m) { return static_cast<double>(m.layers().size()); }
double steps_taken(Model& m) { return static_cast<double>(m.steps_taken()); }
double loss_js(Model& m) { return m.loss(); }
double validation_loss_js(Model& m) { return m.validation_loss(); }
double accuracy_js(Model& m) { return m.accuracy(); }
double validation_accuracy_js(Model& m) { return m.validation_accuracy(); }
uintptr_t probabilities_ptr(Model& m) { return reinterpret_cast<uintptr_t>(m.probabilities()); }
double train_count(Model& m) { return static_cast<double>(m.train_count()); }
double validation_count(Model& m) { return static_cast<double>(m.validation_count()); }
double batch_position(Model& m) { return static_cast<double>(m.batch_position()); }
void use_single_example_js(Model& m) { m.use_single_example(); }

// A data set in two calls, without a copy through embind: prepareDataset sizes the model's buffers and returns
// where they are; convpool.js writes the values there (after taking fresh views: the heap may have grown) and
// calls commitDataset.
val prepare_dataset_js(Model& m, bool validation, double count) {
  return guarded([&] {
    m.resize_dataset(validation, whole_number(validation ? "validation count" : "count", count));
    val result = val::object();
    result.set("inputsPtr", reinterpret_cast<uintptr_t>(m.dataset_inputs(validation)));
    result.set("targetsPtr", reinterpret_cast<uintptr_t>(m.dataset_targets(validation)));
    return result;
  });
}
val commit_dataset_js(Model& m, bool validation, double count) {
  return guarded([&] {
    m.commit_dataset(validation, whole_number("count", count));
    return val::undefined();
  });
}
val show_example_js(Model& m, bool validation, double index) {
  return guarded([&] {
    val result = val::object();
    result.set("loss", m.show_example(validation, whole_number("index", index)));
    return result;
  });
}
double evaluate_js(Model& m) { return m.evaluate(); }
val reset_js(Model& m, double seed) {
  return guarded([&] {
    m.reset_weights(seed_value("seed", seed));
    return val::undefined();
  });
}
void discard_undo_js(Model& m) { m.discard_undo(); }

}  // namespace

EMSCRIPTEN_BINDINGS(convpool) {
  emscripten::function("conv1d", &conv1d_js);
  emscripten::function("maxPool1d", &maxpool1d_js);
  emscripten::function("avgPool1d", &avgpool1d_js);
  emscripten::function("globalPool1d", &globalpool1d_js);
  emscripten::function("linear", &linear_js);
  emscripten::function("crossEntropy", &crossentropy_js);
  emscripten::function("createModel", &create_model_js, emscripten::allow_raw_pointers());
  emscripten::function("lastError", &last_error_js);
  emscripten::function("generateSignal", &generate_signal_js);
  emscripten::function("heapBytesInUse", &heap_bytes_in_use);
  emscripten::function("caps", &caps_js);
  emscripten::class_<Model>("Model")
      .function("train", &train_js)
      .function("loss", &loss_js)
      .function("validationLoss", &validation_loss_js)
      .function("accuracy", &accuracy_js)
      .function("validationAccuracy", &validation_accuracy_js)
      .function("probabilitiesPtr", &probabilities_ptr)
      .function("trainCount", &train_count)
      .function("validationCount", &validation_count)
      .function("batchPosition", &batch_position)
      .function("useSingleExample", &use_single_example_js)
      .function("prepareDataset", &prepare_dataset_js)
      .function("commitDataset", &commit_dataset_js)
      .function("showExample", &show_example_js)
      .function("evaluate", &evaluate_js)
      .function("reset", &reset_js)
      .function("discardUndo", &discard_undo_js)
      .function("layerInfo", &layer_info_js)
      .function("gradientCheck", &gradient_check_js)
      .function("inputPtr", &input_ptr)
      .function("targetPtr", &target_ptr)
      .function("outputPtr", &output_ptr)
      .function("outputGradPtr", &output_grad_ptr)
      .function("inputGradPtr", &input_grad_ptr)
      .function("outputLength", &output_length)
      .function("outputChannels", &output_channels)
      .function("targetSize", &target_size)
      .function("layerCount", &layer_count)
      .function("stepsTaken", &steps_taken);
}
