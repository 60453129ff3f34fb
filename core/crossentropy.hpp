// Softmax cross-entropy on logits (torch.nn.CrossEntropyLoss(), mean over the batch), value and gradient side by
// side, plus the arg-max prediction for the accuracy.
// Shapes: logits and probabilities (count, classes), example-major; target (count) class indices held as floats;
// predicted (count).
//   m_n   = max_j z[n,j]                                  (so no exponential overflows: log-sum-exp)
//   lse_n = m_n + log Σ_j e^{z[n,j] − m_n}
//   C     = (1/count) Σ_n (lse_n − z[n, y_n])
//   p[n,j] = e^{z[n,j] − lse_n}  (the softmax)           dC/dz[n,j] = (p[n,j] − [j = y_n]) / count
// Computed in double with the portable exp/log, so the value is the same on every platform.
#pragma once
#include <cstdint>

#include "core/shape.hpp"

namespace convpool {

// Throws ArgumentError naming the first target that is not an integer in [0, classes), e.g.
// "target[1] 2.5 must be a class index: an integer from 0 to 2 (classes 3)". Run once when targets arrive;
// the functions below assume valid targets.
template <class T>
void check_class_targets(const T* target, const CrossEntropyGeometry& g, const char* argument = "target");

struct CrossEntropyValue {
  double loss;      // C above; NaN when a logit of any example is NaN (or +∞)
  int64_t correct;  // examples whose arg-max is their target
};

// Returns C and the number of correct predictions; writes the softmax p (when `probabilities` is not null, for
// the backward and for drawing) and each example's arg-max (when `predicted` is not null): the first maximum
// wins ties and NaN counts as the maximum (the first NaN wins), as torch.argmax.
template <class T>
CrossEntropyValue crossentropy_forward(T* probabilities, int32_t* predicted, const T* logits, const T* target,
                                       const CrossEntropyGeometry& g);

// dC/dz[n,j] = (p[n,j] − [j = y_n]) / count, from the probabilities the forward wrote (overwrites grad_logits).
template <class T>
void crossentropy_backward(T* grad_logits, const T* probabilities, const T* target, const CrossEntropyGeometry& g);

}  // namespace convpool
