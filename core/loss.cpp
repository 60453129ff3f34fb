#include "core/loss.hpp"

#include "core/errors.hpp"

namespace convpool {

const char* loss_name(Loss loss) { return loss == Loss::sse ? "sse" : "mse"; }

Loss parse_loss(const std::string& name, const char* argument) {
  if (name == "sse") return Loss::sse;
  if (name == "mse") return Loss::mse;
  throw ArgumentError(std::string(argument) + " '" + name + "' must be one of 'sse', 'mse'");
}

template <class T>
double loss_value(const T* prediction, const T* target, int64_t n, Loss loss) {
  // Σ (ŷ − y)² in four interleaved double accumulators (j mod 4), then (s0 + s1) + (s2 + s3) and the tail in
  // order: a fixed order in every build, without one long chain of dependent additions.
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  auto square = [&](int64_t j) {
    const double diff = static_cast<double>(prediction[j]) - static_cast<double>(target[j]);
    return diff * diff;
  };
  int64_t j = 0;
  for (; j + 4 <= n; j += 4) {
    s0 += square(j);
    s1 += square(j + 1);
    s2 += square(j + 2);
    s3 += square(j + 3);
  }
  double sum = (s0 + s1) + (s2 + s3);
  for (; j < n; ++j) sum += square(j);
  return loss == Loss::mse ? sum / static_cast<double>(n) : sum;
}

template <class T>
void loss_gradient(T* grad_prediction, const T* prediction, const T* target, int64_t n, Loss loss) {
  const T scale = loss == Loss::mse ? T(2) / static_cast<T>(n) : T(2);  // 2 or 2/n
  for (int64_t j = 0; j < n; ++j) grad_prediction[j] = scale * (prediction[j] - target[j]);
}

template double loss_value<float>(const float*, const float*, int64_t, Loss);
template double loss_value<double>(const double*, const double*, int64_t, Loss);
template void loss_gradient<float>(float*, const float*, const float*, int64_t, Loss);
template void loss_gradient<double>(double*, const double*, const double*, int64_t, Loss);

}  // namespace convpool
