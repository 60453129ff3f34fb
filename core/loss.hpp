// The losses (sse = Σ(ŷ−y)², mse = its mean), value and gradient side by side.
//   sse: C = Σ_j (ŷ_j − y_j)²          dC/dŷ_j = 2(ŷ_j − y_j)
//   mse: C = (1/n) Σ_j (ŷ_j − y_j)²    dC/dŷ_j = 2(ŷ_j − y_j)/n
// crossentropy (softmax on logits, class-index targets) lives in core/crossentropy.hpp; the model calls it.
#pragma once
#include <cstdint>
#include <string>

namespace convpool {

enum class Loss { sse, mse, crossentropy };

const char* loss_name(Loss loss);
Loss parse_loss(const std::string& name, const char* argument = "loss");

// Summed in double in a fixed order (four interleaved partial sums), so the value is the same on every platform.
template <class T>
double loss_value(const T* prediction, const T* target, int64_t n, Loss loss);

// mean_over: how many elements the mean divides by: n for one example, batch·n for one example of a mini-batch
// (mse's dC/dŷ_j = 2(ŷ_j − y_j)/mean_over; sse ignores it).
template <class T>
void loss_gradient(T* grad_prediction, const T* prediction, const T* target, int64_t n, Loss loss, int64_t mean_over);
template <class T>
void loss_gradient(T* grad_prediction, const T* prediction, const T* target, int64_t n, Loss loss) {
  loss_gradient(grad_prediction, prediction, target, n, loss, n);
}

}  // namespace convpool
