// Loss 'mse': one example's C = (1/n) Σ_j (ŷ_j − y_j)² over its n = channels · M output values; a batch of B examples
// takes the mean over all B·n values (torch.nn.MSELoss(), reduction 'mean'), so example e's
// δ_e = ∂C/∂ŷ_e = (2/(B·n)) (ŷ_e − y_e): one example alone has 2/n, and a batch divides that by B.
import { squaredLoss } from './squared.js';

export default squaredLoss({
  name: 'mse',
  title: 'mean squared error',
  words: 'mean of (ŷ − y)² over the output values',
  short: 'mean (ŷ−y)²',
  setReduction: 'mean',  // model.loss() of a data set is already the mean per example
  scale: (n, batch = 1) => (batch > 1
    ? { factor: 2 / (batch * n), tex: `\\frac{2}{${batch}\\cdot ${n}}`, text: `2/(${batch}·${n})` }
    : { factor: 2 / n, tex: `\\frac{2}{${n}}`, text: `(2/${n})` }),
  divisor: (n) => n,
  tex({ n, batch = 1 }) {
    if (batch > 1) {
      return [
        `C = \\frac{1}{B\\,n} \\sum_{e=1}^{${batch}} \\sum_{j=0}^{n-1} (\\hat y_{e,j} - y_{e,j})^2, \\quad B = ${batch},\\; n = \\text{channels}\\cdot M = ${n} \\quad\\text{(mean over the batch)}`,
        `\\frac{\\partial C}{\\partial \\hat y_{e,j}} = \\frac{2}{B\\,n}\\,(\\hat y_{e,j} - y_{e,j}) = \\frac{2}{${batch * n}}\\,(\\hat y_{e,j} - y_{e,j})`,
      ];
    }
    return [
      `C = \\frac{1}{n} \\sum_{j=0}^{n-1} (\\hat y_j - y_j)^2, \\quad n = \\text{channels}\\cdot M = ${n} \\quad\\text{(mean of squares)}`,
      `\\frac{\\partial C}{\\partial \\hat y_j} = \\frac{2}{n}\\,(\\hat y_j - y_j) = \\frac{2}{${n}}\\,(\\hat y_j - y_j)`,
    ];
  },
  deltaNote: (n) => `in a batch of B examples each δ is divided by B too: 2/(B·${n})·(ŷ − y)`,
});
