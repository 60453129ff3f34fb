// Loss 'sse': one example's C = Σ_j (ŷ_j − y_j)² (torch.nn.MSELoss(reduction='sum')). A batch sums over its examples
// too, so example e's δ_e = ∂C/∂ŷ_e = 2(ŷ_e − y_e) keeps its size whatever the batch size B.
import { squaredLoss } from './squared.js';

export default squaredLoss({
  name: 'sse',
  title: 'sum of squared errors',
  words: 'Σ (ŷ − y)² over the output values',
  short: 'Σ (ŷ−y)²',
  setReduction: 'sum',  // model.loss() of a data set adds its examples' C
  scale: () => ({ factor: 2, tex: '2', text: '2' }),
  divisor: () => 1,
  tex({ n, batch = 1 }) {
    if (batch > 1) {
      return [
        `C = \\sum_{e=1}^{${batch}} \\sum_{j=0}^{${n - 1}} (\\hat y_{e,j} - y_{e,j})^2 \\quad\\text{(sum of squares over a batch of } B = ${batch}\\text{ examples } e\\text{)}`,
        '\\frac{\\partial C}{\\partial \\hat y_{e,j}} = 2\\,(\\hat y_{e,j} - y_{e,j}) \\quad\\text{(the same for every } B\\text{: the batch adds its examples\u2019 gradients)}',
      ];
    }
    return [
      `C = \\sum_{j=0}^{${n - 1}} (\\hat y_j - y_j)^2 \\quad\\text{(sum of squares; } \\hat y \\text{ the prediction, } y \\text{ the target)}`,
      '\\frac{\\partial C}{\\partial \\hat y_j} = 2\\,(\\hat y_j - y_j)',
    ];
  },
  deltaNote: () => 'in a batch each example keeps 2·(ŷ − y): the batch adds them',
});
