// What each letter of a formula means for a quantity of a layer (contract: the formula goal), and the words the page
// uses when a letter is not one of them.

/** The free index of each quantity and how the page names the entry it stands for. */
export const QUANTITIES = Object.freeze({
  y: { free: 't', entry: 'y[t]', name: 'the output y', of: 'y' },
  dx: { free: 'i', entry: '∂C/∂x_in[i]', name: '∂C/∂x_in', of: '∂C/∂x_in' },
  dw: { free: 'k', entry: '∂C/∂W[k]', name: '∂C/∂W', of: '∂C/∂W' },
  db: { free: null, entry: '∂C/∂b', name: '∂C/∂b', of: '∂C/∂b' },
});

// Letters with a fixed meaning (scalars of the layer), and what they are.
export const CONSTANTS = Object.freeze({
  N: 'the input length', K: 'the kernel size', M: 'the output length', s: 'the stride', d: 'the dilation',
  p: 'the left padding', b: 'the bias',
});
// Arrays (read with an index), and what they are.
export const ARRAYS = Object.freeze({
  x: 'the layer’s input x_in', xpad: 'the padded input', W: 'the kernel', delta: 'δ = ∂C/∂x_out',
});

/** Why a letter that is not a symbol of this quantity is refused, in words that help (null: the generic message). */
export function unknownLetterAdvice(letter, quantity) {
  switch (letter) {
    case 'g': return 'the activation g is not part of this layer: δ is already ∂C/∂x_out of this layer, after the '
      + 'activation. A common mistake is ∂C/∂x_in = ∂C/∂x_out · g′(x_in), which is only the activation’s step';
    case 'y': return quantity === 'y' ? 'type only the right-hand side of y[t] = …'
      : 'write the layer’s output gradient as δ (\\delta), δ[t] = ∂C/∂x_out[t]';
    case 'C': case 'L': return 'write the upstream gradient as δ (\\delta): δ[t] = ∂C/∂x_out[t]';
    case 'a': return 'write the arg-max as \\arg\\max_{k=0}^{K-1} xpad_{t s + k d} (the tap k of the window’s maximum)';
    case 'w': return 'the kernel is W (a capital W)';
    case 'B': return 'the bias is b (a small b)';
    case 'P': case 'S': case 'D': return `did you mean ${letter.toLowerCase()}?`;
    case 'n': case 'm': case 'k': return null;
    default: return null;
  }
}
