// The page's limits (tighter than the core's caps so a frame stays fast); reading an experiment clamps to them.
// Plain data, shared by the layer types' schema rows (web/layers/<type>/), the experiment reader and the page.
export const LIMITS = Object.freeze({
  minLength: 4, maxLength: 2048, maxInputChannels: 4, maxOutChannels: 8, maxKernelSize: 64, maxStride: 16,
  maxDilation: 16, maxPadding: 64, maxLayers: 8, maxSteps: 1_000_000, maxSchedule: 1000, maxHiddenKernel: 64,
  maxCycles: 512, maxSeed: 2 ** 31 - 1, maxStepsPerFrame: 10_000, minLearningRate: 1e-6, maxLearningRate: 10,
  fragmentChars: 200_000, drawnChars: 16_000, drawnRange: 2, maxOutFeatures: 16,
});
