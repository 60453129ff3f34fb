#include "core/loss.hpp"

#include <type_traits>

#include "core/errors.hpp"
#include "core/simd.hpp"
#include "core/size_attributes.hpp"

namespace convpool {

const char* loss_name(Loss loss) {
  switch (loss) {
    case Loss::sse: return "sse";
    case Loss::mse: return "mse";
    case Loss::crossentropy: return "crossentropy";
  }
  return "sse";
}

CONVPOOL_FOR_SIZE Loss parse_loss(const std::string& name, const char* argument) {
  if (name == "sse") return Loss::sse;
  if (name == "mse") return Loss::mse;
  if (name == "crossentropy") return Loss::crossentropy;
  throw ArgumentError(argument, std::string(argument) + " '" + name + "' must be one of 'sse', 'mse', 'crossentropy'");
}

// Σ (ŷ − y)² in four interleaved double partial sums s_m = Σ_{j ≡ m mod 4} (ŷ_j − y_j)², then (s0 + s1) + (s2 + s3),
// then the tail in order: a fixed order in every build, without one long chain of dependent additions.
// For float the partial sums are two f64x2 lanes pairs (s0, s1) and (s2, s3): the same operations, explicitly vector.
template <class T>
double sum_squared_difference(const T* prediction, const T* target, int64_t n) {
  double s[4] = {0, 0, 0, 0};
  int64_t j = 0;
  if constexpr (std::is_same_v<T, float>) {
    typedef double f64x2 __attribute__((vector_size(16)));
    f64x2 s01 = {0, 0}, s23 = {0, 0};
    for (; j + 4 <= n; j += 4) {
      // float → double is exact, so subtracting in double gives the same bits as the scalar loop below
      const simd::f32x4 p = simd::load(prediction + j), t = simd::load(target + j);
      const f64x2 d01 = f64x2{p[0], p[1]} - f64x2{t[0], t[1]};
      const f64x2 d23 = f64x2{p[2], p[3]} - f64x2{t[2], t[3]};
      s01 += d01 * d01;
      s23 += d23 * d23;
    }
    s[0] = s01[0], s[1] = s01[1], s[2] = s23[0], s[3] = s23[1];
  } else {
    for (; j + 4 <= n; j += 4) {
      for (int m = 0; m < 4; ++m) {
        const double diff = static_cast<double>(prediction[j + m]) - static_cast<double>(target[j + m]);
        s[m] += diff * diff;
      }
    }
  }
  double sum = (s[0] + s[1]) + (s[2] + s[3]);
  for (; j < n; ++j) {
    const double diff = static_cast<double>(prediction[j]) - static_cast<double>(target[j]);
    sum += diff * diff;
  }
  return sum;
}

template <class T>
double loss_value(const T* prediction, const T* target, int64_t n, Loss loss) {
  const double sum = sum_squared_difference(prediction, target, n);  // Σ (ŷ − y)²
  return loss == Loss::mse ? sum / static_cast<double>(n) : sum;
}

template <class T>
void loss_gradient(T* grad_prediction, const T* prediction, const T* target, int64_t n, Loss loss,
                   int64_t mean_over) {
  const T scale = loss == Loss::mse ? T(2) / static_cast<T>(mean_over) : T(2);  // 2 or 2/mean_over
  for (int64_t j = 0; j < n; ++j) grad_prediction[j] = scale * (prediction[j] - target[j]);
}

template double loss_value<float>(const float*, const float*, int64_t, Loss);
template CONVPOOL_FOR_SIZE double loss_value<double>(const double*, const double*, int64_t, Loss);
template void loss_gradient<float>(float*, const float*, const float*, int64_t, Loss, int64_t);
template CONVPOOL_FOR_SIZE void loss_gradient<double>(double*, const double*, const double*, int64_t, Loss, int64_t);

}  // namespace convpool
