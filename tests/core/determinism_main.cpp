// Prints the losses and weights of a fixed training run as exact bit patterns, one JSON object.
// tests/node/model.test.mjs runs the same experiment through WebAssembly and requires the same bits:
// same seed → bit-identical results natively, in Node and in browsers.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/signals.hpp"

using namespace convpool;

static std::string bits(double value) {
  uint64_t b;
  std::memcpy(&b, &value, sizeof b);
  char text[32];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(b));
  return text;
}

int main() {
  // Keep in step with determinismSpec() in tests/node/model.test.mjs.
  ModelSpec spec;
  spec.input_length = 200;
  spec.input_channels = 2;
  spec.loss = Loss::mse;
  spec.seed = 1234;
  LayerSpec conv1;
  conv1.type = LayerType::conv1d;
  conv1.conv.out_channels = 3;
  conv1.conv.kernel_size = 5;
  conv1.conv.padding = 3;
  conv1.conv.dilation = 2;
  conv1.conv.padding_mode = PaddingMode::reflect;
  LayerSpec tanh_layer;
  tanh_layer.type = LayerType::activation;
  tanh_layer.activation = Activation::tanh;
  LayerSpec pool;
  pool.type = LayerType::maxpool1d;
  pool.pool.kernel_size = 3;
  pool.pool.stride = 1;
  pool.pool.padding = 1;
  LayerSpec conv2;
  conv2.type = LayerType::conv1d;
  conv2.conv.out_channels = 1;
  conv2.conv.kernel_size = 4;
  conv2.conv.padding_kind = PaddingKind::same;
  conv2.conv.padding_mode = PaddingMode::circular;
  LayerSpec sigmoid_layer;
  sigmoid_layer.type = LayerType::activation;
  sigmoid_layer.activation = Activation::sigmoid;
  spec.layers = {conv1, tanh_layer, pool, conv2, sigmoid_layer};

  Model model(spec);
  const auto sine = generate_signal(SignalKind::sines, 200, 4, 9);
  const auto noise = generate_signal(SignalKind::noise, 200, 0, 5);
  std::memcpy(model.input(), sine.data(), 200 * sizeof(float));
  std::memcpy(model.input() + 200, noise.data(), 200 * sizeof(float));
  const auto target = generate_signal(SignalKind::square, model.output_size(), 3, 0);
  std::memcpy(model.target(), target.data(), target.size() * sizeof(float));

  std::printf("{\"losses\":[");
  const int chunks[] = {1, 9, 90, 400};
  for (int i = 0; i < 4; ++i) {
    std::printf("%s\"%s\"", i ? "," : "", bits(model.train(chunks[i], 0.5f).loss).c_str());
  }
  std::printf("],\"lastWeights\":[");
  const auto& w = model.layers()[3].weight;
  for (size_t i = 0; i < w.size(); ++i) std::printf("%s\"%s\"", i ? "," : "", bits(w[i]).c_str());
  std::printf("],");

  // The same network on a data set: mini-batches of 4 from 6 shuffled examples, Adam with weight decay, and a
  // validation set. Every example: channel 0 'sines' (cycles 2 + e, seed e), channel 1 'noise' (seed 10 + e),
  // target 'square' (cycles 1 + e, seed 0); examples 6 and 7 form the validation set.
  spec.batch_size = 4;
  spec.shuffle = true;
  spec.optimizer.type = OptimizerType::adam;
  spec.optimizer.beta1 = 0.8;
  spec.optimizer.weight_decay = 0.01;
  Model learner(spec);
  const int64_t out = learner.output_size();
  std::vector<float> inputs(8 * 400), targets(8 * out);
  for (int e = 0; e < 8; ++e) {
    const auto channel0 = generate_signal(SignalKind::sines, 200, 2 + e, e);
    const auto channel1 = generate_signal(SignalKind::noise, 200, 0, 10 + e);
    const auto y = generate_signal(SignalKind::square, out, 1 + e, 0);
    std::copy(channel0.begin(), channel0.end(), inputs.begin() + e * 400);
    std::copy(channel1.begin(), channel1.end(), inputs.begin() + e * 400 + 200);
    std::copy(y.begin(), y.end(), targets.begin() + e * out);
  }
  learner.set_dataset(inputs.data(), targets.data(), 6);
  learner.set_validation(inputs.data() + 6 * 400, targets.data() + 6 * out, 2);
  std::printf("\"datasetLosses\":[");
  const float rates[] = {0.01f, 0.003f, 0.02f, 0.001f};
  for (int i = 0; i < 4; ++i) {
    std::printf("%s\"%s\"", i ? "," : "", bits(learner.train(chunks[i], rates[i]).loss).c_str());
  }
  std::printf(",\"%s\",\"%s\"],\"datasetWeights\":[", bits(learner.loss()).c_str(), bits(learner.validation_loss()).c_str());
  const auto& w2 = learner.layers()[3].weight;
  for (size_t i = 0; i < w2.size(); ++i) std::printf("%s\"%s\"", i ? "," : "", bits(w2[i]).c_str());
  std::printf("],");

  // A classifier on the same examples: conv → tanh → avg-pool (padding, ceil mode, padding not counted) → conv →
  // global max pool → linear, loss 'crossentropy' with class e mod 3, shuffled batches of 4, Adam.
  LayerSpec avgpool;
  avgpool.type = LayerType::avgpool1d;
  avgpool.avgpool.kernel_size = 3;
  avgpool.avgpool.stride = 2;
  avgpool.avgpool.padding = 1;
  avgpool.avgpool.ceil_mode = true;
  avgpool.avgpool.count_include_pad = false;
  LayerSpec conv3;
  conv3.type = LayerType::conv1d;
  conv3.conv.out_channels = 4;
  conv3.conv.kernel_size = 3;
  conv3.conv.padding_kind = PaddingKind::same;
  LayerSpec global;
  global.type = LayerType::globalpool;
  global.global_op = GlobalPoolOp::max;
  LayerSpec head;
  head.type = LayerType::linear;
  head.out_features = 3;
  spec.layers = {conv1, tanh_layer, avgpool, conv3, global, head};
  spec.loss = Loss::crossentropy;
  Model classifier(spec);
  std::vector<float> classes(8);
  for (int e = 0; e < 8; ++e) classes[e] = static_cast<float>(e % 3);
  classifier.set_dataset(inputs.data(), classes.data(), 6);
  classifier.set_validation(inputs.data() + 6 * 400, classes.data() + 6, 2);
  std::printf("\"classifierLosses\":[");
  for (int i = 0; i < 4; ++i) {
    std::printf("%s\"%s\"", i ? "," : "", bits(classifier.train(chunks[i], rates[i]).loss).c_str());
  }
  std::printf(",\"%s\",\"%s\",\"%s\"],\"classifierWeights\":[", bits(classifier.loss()).c_str(),
              bits(classifier.validation_loss()).c_str(), bits(classifier.accuracy()).c_str());
  const auto& w3 = classifier.layers()[5].weight;
  for (size_t i = 0; i < w3.size(); ++i) std::printf("%s\"%s\"", i ? "," : "", bits(w3[i]).c_str());
  std::printf("],");

  // The benchmark's data-set network (the kernels with their own fast paths: one input channel to eight, ReLU,
  // max-pool of two, eight channels to one) at an odd length, so every vector loop also runs its tail: conv(1→8, k9,
  // 'same') → ReLU → max-pool(2, stride 1) → conv(8→1, k9, 'same'), MSE, batches of 4 from 6 examples, Adam.
  // Example e: input 'noise' (seed 20 + e), target 'sines' (cycles 1 + e, seed e).
  const int64_t n = 203;
  ModelSpec bench_spec;
  bench_spec.input_length = n;
  bench_spec.loss = Loss::mse;
  bench_spec.seed = 42;
  bench_spec.batch_size = 4;
  bench_spec.optimizer.type = OptimizerType::adam;
  LayerSpec widen;
  widen.type = LayerType::conv1d;
  widen.conv.out_channels = 8;
  widen.conv.kernel_size = 9;
  widen.conv.padding_kind = PaddingKind::same;
  LayerSpec relu;
  relu.type = LayerType::activation;
  relu.activation = Activation::relu;
  LayerSpec pair;
  pair.type = LayerType::maxpool1d;
  pair.pool.kernel_size = 2;
  pair.pool.stride = 1;
  LayerSpec narrow = widen;
  narrow.conv.out_channels = 1;
  bench_spec.layers = {widen, relu, pair, narrow};
  Model bench(bench_spec);
  const int64_t bench_out = bench.output_size();
  std::vector<float> bench_inputs(6 * n), bench_targets(6 * bench_out);
  for (int e = 0; e < 6; ++e) {
    const auto x = generate_signal(SignalKind::noise, n, 0, 20 + e);
    const auto y = generate_signal(SignalKind::sines, bench_out, 1 + e, e);
    std::copy(x.begin(), x.end(), bench_inputs.begin() + e * n);
    std::copy(y.begin(), y.end(), bench_targets.begin() + e * bench_out);
  }
  bench.set_dataset(bench_inputs.data(), bench_targets.data(), 6);
  std::printf("\"benchLosses\":[");
  for (int i = 0; i < 4; ++i) {
    std::printf("%s\"%s\"", i ? "," : "", bits(bench.train(chunks[i], rates[i]).loss).c_str());
  }
  std::printf("],\"benchWeights\":[");
  int printed = 0;
  for (size_t l : {size_t{0}, size_t{3}}) {
    for (float w : bench.layers()[l].weight) std::printf("%s\"%s\"", printed++ ? "," : "", bits(w).c_str());
    for (float b : bench.layers()[l].bias) std::printf(",\"%s\"", bits(b).c_str());
  }
  std::printf("],\"benchInputGradient\":[");
  // dC/dx_in of the last batch's last example: the one input gradient a data-set step computes
  for (int64_t i = 0; i < n; ++i) std::printf("%s\"%s\"", i ? "," : "", bits(bench.gradient(0)[i]).c_str());
  std::printf("]}\n");
  return 0;
}
