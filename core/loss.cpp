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
  double sum = 0;  // Σ (ŷ − y)²
  for (int64_t j = 0; j < n; ++j) {
    const double diff = static_cast<double>(prediction[j]) - static_cast<double>(target[j]);
    sum += diff * diff;
  }
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
