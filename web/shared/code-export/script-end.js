// What the PyTorch and the NumPy script write alike: the shapes of the weights they start from, main()'s lines
// from train() to the printed results, and the data block at the end of the file (schedule, training options,
// weights, data set) with the `if __name__ == '__main__'` guard.
import { layerCode } from './layer-code.js';
import { float32ListAssignment, float64Literal, listAssignment } from './python.js';
import { trainingConstants } from './training.js';

/**
 * A layer's weights as the scripts shape them: (layer, inChannels, its initial parameters) → { weight: Python shape,
 * bias: shape or null, module?: where the PyTorch script's nn module holds them }, or null for a layer without
 * weights (web/layers/<type>/code.js `parameterShapes`).
 */
export function parameterShapes(layer, inChannels, parameters) {
  return layerCode(layer.type).parameterShapes?.(layer, inChannels, parameters) ?? null;
}

/**
 * main()'s lines from training on: train(), then with a validation set its loss, with crossentropy the accuracy
 * (and the validation accuracy), then the final loss, each printed as `label <value>`. `model` names the trained
 * weights in the script ('params', 'network'), `array` its float32 reader, `targets(name, count)` its target reader.
 */
export function trainAndReport(resolved, { model, array, targets }) {
  const { spec, validation } = resolved;
  // the page's C is a data set's mean per example (web/shared/training-display.js): sse sums, so the printed loss
  // divides the set's sum by its count (C_DIVISOR, training.js; one example: 1); mse and crossentropy are means already
  const lines = [`    train(${model}, x, y)`];
  if (validation) {
    const shape = `(VALIDATION_COUNT, ${spec.inputChannels}, ${spec.inputLength})`;
    lines.push(`    x_validation = ${array}(VALIDATION_INPUTS, ${shape})`,
      `    y_validation = ${targets('VALIDATION_TARGETS', 'VALIDATION_COUNT')}`,
      `    validation = current_loss(${model}, x_validation, y_validation)`,
      ...(spec.loss === 'sse' ? ['    validation /= VALIDATION_COUNT  # C: the mean per example'] : []),
      "    print(f'validation_loss {validation!r}')");
  }
  if (spec.loss === 'crossentropy') {
    lines.push(`    print(f'accuracy {accuracy(${model}, x, y)!r}')`);
    if (validation) {
      lines.push(`    validation_accuracy = accuracy(${model}, x_validation, y_validation)`,
        "    print(f'validation_accuracy {validation_accuracy!r}')");
    }
  }
  lines.push(`    print(f'loss {current_loss(${model}, x, y) / C_DIVISOR!r}')`);
  return lines.join('\n');
}

/**
 * The end of the file: the schedule, the training options, the weight constants (`weightConstants`, WEIGHT_l and
 * BIAS_l lines), the data set, and the guard that runs main().
 */
export function dataBlock(resolved, weightConstants) {
  const { spec, dataset, schedule } = resolved;
  const constants = [...trainingConstants(spec, dataset.count), ...weightConstants, ...dataConstants(resolved)];
  return `# The data: [steps, learning rate] segments, the training options, then every
# array as float32 literals (example by example, channel-major; weights in
# [out, in, kernel] order).
${scheduleAssignment(schedule)}
${constants.join('\n')}

if __name__ == '__main__':
    main()
`;
}

/** SCHEDULE = [(steps, lr), …]: the learning rates as the doubles the page holds. */
export function scheduleAssignment(schedule) {
  return listAssignment('SCHEDULE', schedule.filter(([n]) => n > 0).map(([n, lr]) => `(${n}, ${float64Literal(lr)})`));
}

/**
 * The data constants: the training set, the validation set (if any), as float32 literals; crossentropy's targets
 * are class indices, written as integers.
 */
export function dataConstants(resolved) {
  const { dataset, validation, spec } = resolved;
  const targets = (name, values) => (spec.loss === 'crossentropy'
    ? listAssignment(name, Array.from(values, (v) => String(v))) : float32ListAssignment(name, values));
  const lines = [float32ListAssignment('INPUTS', dataset.inputs), targets('TARGETS', dataset.targets)];
  if (validation) {
    lines.push(`VALIDATION_COUNT = ${validation.count}`, float32ListAssignment('VALIDATION_INPUTS', validation.inputs),
      targets('VALIDATION_TARGETS', validation.targets));
  }
  return lines;
}
