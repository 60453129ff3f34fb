// The benchmark workload of `npm run bench`, natively: the same core the WASM module runs, built -O3 -march=native.
// A long-lived worker so process start-up never enters a measurement: it reads one command per line on stdin,
//   "<N> <k> <steps>"   train the (N, k) model `steps` SGD steps and print {"N","k","steps","seconds","loss"}
//   "dataset <steps>"   train the data-set workload `steps` Adam steps and print {"workload","steps","seconds","loss"}
// and keeps one model per size, as the WASM side does. EOF ends it.
//
// Workload (bench/README.md): conv1d 1→1 channel, kernel k, padding 'same', zeros, bias → max-pool (kernel 2,
// stride 1) → MSE against a fixed random target, SGD with η = 0.01, ∂C/∂x_in computed every step.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <string>
#include <vector>
#include <map>
#include <memory>
#include <utility>

#include "core/model.hpp"

using namespace convpool;

// The bench's data generator, the same in bench.mjs and pytorch_bench.py: a 32-bit LCG mapped to [−1, 1).
static void fill_uniform(float* out, int64_t n, uint32_t seed) {
  uint32_t state = seed;
  for (int64_t i = 0; i < n; ++i) {
    state = state * 1664525u + 1013904223u;
    out[i] = static_cast<float>(state >> 8) * (2.0f / 16777216.0f) - 1.0f;
  }
}

static std::unique_ptr<Model> build(int64_t n, int64_t k) {
  ModelSpec spec;
  spec.input_length = n;
  spec.input_channels = 1;
  spec.loss = Loss::mse;
  spec.seed = 42;
  LayerSpec conv;
  conv.type = LayerType::conv1d;
  conv.conv.out_channels = 1;
  conv.conv.kernel_size = k;
  conv.conv.padding_kind = PaddingKind::same;
  conv.conv.padding_mode = PaddingMode::zeros;
  conv.conv.bias = true;
  LayerSpec pool;
  pool.type = LayerType::maxpool1d;
  pool.pool.kernel_size = 2;
  pool.pool.stride = 1;
  spec.layers = {conv, pool};
  auto model = std::make_unique<Model>(spec);
  fill_uniform(model->input(), model->input_size(), 1);
  fill_uniform(model->target(), model->output_size(), 2);
  return model;
}

// The data-set workload (bench/README.md): 256 examples of N = 1024, batches of 32, conv(1→8, k9, 'same') → ReLU →
// max-pool(2, stride 1) → conv(8→1, k9, 'same'), MSE, Adam(η = 0.001). Inputs and targets from the same LCG as
// bench.mjs and pytorch_bench.py (inputs seed 3, targets seed 4).
static std::unique_ptr<Model> build_dataset_workload() {
  ModelSpec spec;
  spec.input_length = 1024;
  spec.loss = Loss::mse;
  spec.seed = 42;
  spec.batch_size = 32;
  spec.optimizer.type = OptimizerType::adam;
  LayerSpec conv1, relu, pool, conv2;
  conv1.type = LayerType::conv1d;
  conv1.conv.out_channels = 8;
  conv1.conv.kernel_size = 9;
  conv1.conv.padding_kind = PaddingKind::same;
  relu.type = LayerType::activation;
  relu.activation = Activation::relu;
  pool.type = LayerType::maxpool1d;
  pool.pool.kernel_size = 2;
  pool.pool.stride = 1;
  conv2 = conv1;
  conv2.conv.out_channels = 1;
  spec.layers = {conv1, relu, pool, conv2};
  auto model = std::make_unique<Model>(spec);
  const int64_t count = 256;
  std::vector<float> inputs(count * model->input_size()), targets(count * model->output_size());
  fill_uniform(inputs.data(), static_cast<int64_t>(inputs.size()), 3);
  fill_uniform(targets.data(), static_cast<int64_t>(targets.size()), 4);
  model->set_dataset(inputs.data(), targets.data(), count);
  return model;
}

int main() {
  std::map<std::pair<long long, long long>, std::unique_ptr<Model>> models;
  std::unique_ptr<Model> dataset_model;
  char word[32];
  long long n, k, steps;
  while (std::scanf("%31s", word) == 1) {
    if (std::string(word) == "dataset") {
      if (std::scanf("%lld", &steps) != 1) break;
      if (!dataset_model) dataset_model = build_dataset_workload();
      const auto start = std::chrono::steady_clock::now();
      const std::clock_t cpu_start = std::clock();
      const TrainResult r = dataset_model->train(steps, 0.001f);
      const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("{\"workload\":\"dataset\",\"steps\":%lld,\"seconds\":%.9g,\"cpuSeconds\":%.9g,\"loss\":%.9g}\n", steps,
                  seconds, cpu_seconds, r.loss);
      std::fflush(stdout);
      continue;
    }
    n = std::atoll(word);
    if (std::scanf("%lld %lld", &k, &steps) != 2) break;
    auto& model = models[{n, k}];
    if (!model) model = build(n, k);
    const auto start = std::chrono::steady_clock::now();
    const TrainResult r = model->train(steps, 0.01f);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"N\":%lld,\"k\":%lld,\"steps\":%lld,\"seconds\":%.9g,\"loss\":%.9g}\n", n, k, steps, seconds,
                r.loss);
    std::fflush(stdout);
  }
  return 0;
}
