// The training contract of the library and the page: the losses and optimizers the core runs, and torch.optim's
// defaults of each optimizer's options (one copy: the library fills them in, the exporters write them out).
export const LOSSES = ['sse', 'mse', 'crossentropy'];
export const OPTIMIZERS = ['sgd', 'adam'];
/** torch.optim's defaults, field by field. */
export const OPTIMIZER_DEFAULTS = Object.freeze({
  sgd: Object.freeze({ momentum: 0, dampening: 0, nesterov: false }),
  adam: Object.freeze({ beta1: 0.9, beta2: 0.999, eps: 1e-8 }),
});
