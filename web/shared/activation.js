// g′ of each activation, written with x = layer input or y = g(x) as the core's activation_backward does
// (core/activation.cpp), for the numbers tooltips and the step-through show beside the core's own gradients.
export function activationDerivative(fn, x, y) {
  switch (fn) {
    case 'relu': return x > 0 ? 1 : 0;      // g′(x) = 1 if x > 0 else 0
    case 'tanh': return 1 - y * y;          // g′(x) = 1 − tanh² x
    case 'sigmoid': return y * (1 - y);     // g′(x) = σ(x)(1 − σ(x))
    default: return 1;                      // identity
  }
}
