// The shared data shapes as JSDoc types, for `tsc --checkJs` (npm run lint; tsconfig.json): no code, nothing to
// import at run time. A module names one as `import('../types.js').Experiment` in its JSDoc; the checker then holds
// the code that makes or reads the shape to it. The prose behind each: docs/interface.md.
export {};

// ---------- the library: a model's spec (cp.createModel) ----------

/**
 * @typedef {number | 'same' | 'valid'} Padding
 *
 * @typedef {object} Conv1dSpec
 * @property {'conv1d'} type
 * @property {number} [outChannels]
 * @property {number} kernelSize
 * @property {number} [stride]
 * @property {Padding} [padding]
 * @property {number} [dilation]
 * @property {'zeros' | 'reflect' | 'replicate' | 'circular'} [paddingMode]
 * @property {boolean} [bias]
 * @property {number} [groups]
 *
 * @typedef {object} ActivationSpec
 * @property {'activation'} type
 * @property {'identity' | 'relu' | 'tanh' | 'sigmoid'} fn
 *
 * @typedef {object} MaxPool1dSpec
 * @property {'maxpool1d'} type
 * @property {number} kernelSize
 * @property {number} [stride]     defaults to kernelSize
 * @property {number} [padding]
 * @property {number} [dilation]
 * @property {boolean} [ceilMode]
 *
 * @typedef {object} AvgPool1dSpec
 * @property {'avgpool1d'} type
 * @property {number} kernelSize
 * @property {number} [stride]     defaults to kernelSize
 * @property {number} [padding]
 * @property {boolean} [ceilMode]
 * @property {boolean} [countIncludePad]
 *
 * @typedef {object} GlobalPoolSpec
 * @property {'globalpool'} type
 * @property {'max' | 'avg'} op
 *
 * @typedef {object} LinearSpec
 * @property {'linear'} type
 * @property {number} outFeatures
 * @property {boolean} [bias]
 *
 * @typedef {Conv1dSpec | ActivationSpec | MaxPool1dSpec | AvgPool1dSpec | GlobalPoolSpec | LinearSpec} LayerSpec
 *           one layer of a network: its type and its options (the registry's schema rows list every option)
 *
 * @typedef {'sse' | 'mse' | 'crossentropy'} LossName
 *
 * @typedef {object} OptimizerSpec
 * @property {'sgd' | 'adam'} type
 * @property {number} [momentum]
 * @property {number} [dampening]
 * @property {boolean} [nesterov]
 * @property {number} [beta1]
 * @property {number} [beta2]
 * @property {number} [eps]
 *
 * @typedef {object} ModelSpec   cp.createModel(spec)
 * @property {number} inputLength
 * @property {number} [inputChannels]
 * @property {LayerSpec[]} layers
 * @property {LossName} [loss]
 * @property {number} [seed]
 * @property {number} [batchSize]
 * @property {boolean} [shuffle]
 * @property {OptimizerSpec} [optimizer]
 * @property {number} [weightDecay]
 */

/**
 * @typedef {object} LayerGeometry   one entry of model.layers: what the core made of a layer spec (web/convpool.js)
 * @property {LayerSpec['type']} type
 * @property {number} inChannels
 * @property {number} outChannels
 * @property {number} inLength
 * @property {number} outLength
 * @property {number} [paddedLength]   conv1d, maxpool1d, avgpool1d: the input's length with its padding
 * @property {number} [padLeft]
 * @property {number} [padRight]
 * @property {number} [kernelSize]
 * @property {number} [stride]
 * @property {number} [dilation]
 * @property {number} [padding]
 * @property {string} [paddingMode]
 * @property {number} [groups]
 * @property {boolean} [bias]
 * @property {boolean} [ceilMode]
 * @property {boolean} [countIncludePad]
 * @property {string} [fn]             activation
 * @property {'max' | 'avg'} [op]      globalpool
 * @property {number} [inFeatures]     linear
 * @property {number} [outFeatures]
 */

// ---------- the page: an experiment (what a link holds) ----------

/**
 * @typedef {{ type: string, [field: string]: any }} LayerObject   a layer as the page holds it (a LayerSpec, every
 *           field written out)
 *
 * @typedef {object} Network     the network part of an experiment: a ModelSpec without the training options
 * @property {number} inputLength
 * @property {number} inputChannels
 * @property {LayerObject[]} layers
 * @property {LossName} loss
 * @property {number} seed
 *
 * @typedef {{ preset: string, cycles?: number, seed?: number } | { drawn: number[] }} SignalSpec
 *           an input channel: a preset made from a seed, or the learner's drawn values
 * @typedef {{ preset: string, kernel?: number[], kernelSize?: number, kind?: string, cycles?: number, seed?: number }
 *   | { drawn: number[] }} TargetSpec
 *           the target: 'filtered' (the input through a hidden kernel), 'same' (the input), 'pooled' (its running max
 *           over kernelSize), 'signal' (a preset signal), or drawn values
 *
 * @typedef {object} TrainingOptions   the data-set panel's rows (TRAINING_SCHEMA)
 * @property {number} batchSize
 * @property {boolean} shuffle
 * @property {'sgd' | 'adam'} optimizer
 * @property {number} momentum
 * @property {number} dampening
 * @property {boolean} nesterov
 * @property {number} beta1
 * @property {number} beta2
 * @property {number} eps
 * @property {number} weightDecay
 *
 * @typedef {{ preset: string, seed: number, count: number, validation: number }
 *   | { own: number[][][], validation: number }} DatasetSpec
 *           a preset data set made from a seed, or the learner's own examples ([input, target] rows);
 *           `validation`: the held-out share
 *
 * @typedef {object} Experiment   everything a link holds (docs/interface.md, "The link format")
 * @property {number} v                 the link format's version
 * @property {Network} network
 * @property {SignalSpec[]} input       one per input channel
 * @property {TargetSpec} target
 * @property {number} learningRate
 * @property {number} stepsPerFrame
 * @property {number} steps             the steps taken (replayed on load)
 * @property {[number, number][]} schedule   [steps, η] segments, in order; their steps sum to `steps`
 * @property {TrainingOptions} training
 * @property {DatasetSpec | null} dataset    null: one example (the input and target above)
 *
 * @typedef {object} Place   where a problem of a read experiment is, as data (an edit's refusal is shown there)
 * @property {number | null} layer   the index of the layer, or null
 * @property {string | null} field   the layer option or experiment field, or null
 * @property {string} rule           the problem in words
 */

// ---------- exercises ----------

/**
 * @typedef {object} Goal     one goal of an exercise (docs/exercises.md, "The format")
 * @property {'lossBelow' | 'answer' | 'setting' | 'choice'} type
 * @property {string} [text]
 * @property {string[]} hints
 * @property {boolean} hidePlot
 * @property {number} [value]        lossBelow: the loss to reach
 * @property {number} [maxSteps]     lossBelow: within at most this many steps
 * @property {string} [quantity]     answer / setting: what is asked for
 * @property {number} [layer]
 * @property {number} [channel]
 * @property {number} [index]
 * @property {number} [inChannel]
 * @property {number} [tolerance]    answer: relative
 * @property {number} [equals]       setting: the value to reach
 * @property {Record<string, string | number | boolean>} [keep]   setting: layer fields that must stay
 * @property {string} [question]     choice
 * @property {string[]} [options]    choice
 * @property {string} [salt]         choice: the right option, hashed
 * @property {string} [answerHash]
 *
 * @typedef {object} Exercise  a valid exercise, as validateExercise returns it
 * @property {number} v
 * @property {string} title
 * @property {string} task
 * @property {Goal[]} goals
 * @property {string[]} hints
 * @property {string[]} lock     control names (hide=/lock=)
 * @property {string[]} hide
 *
 * @typedef {object} ExerciseResult   the handle's exercise(): each goal met or not yet
 * @property {string} title
 * @property {string} task
 * @property {{ type: string, text: string, met: boolean, detail?: string }[]} goals
 * @property {boolean} passed
 * @property {number} score     0…1
 *
 * @typedef {object} ExerciseEvent    posted to the parent page when a goal's state changes
 * @property {1} convpool
 * @property {'exercise'} event
 * @property {boolean} passed
 * @property {number} score
 * @property {{ text: string, met: boolean }[]} goals
 */

// ---------- the page's handle (window.convpoolPlayground) and its postMessage twin ----------

/**
 * @typedef {object} PlaygroundDebug   measuring hooks for tests
 * @property {() => number} heapBytesInUse
 * @property {() => number} heapSize
 * @property {() => number} liveModels
 * @property {() => number} embindInstances
 * @property {() => number} stepWork
 *
 * @typedef {object} PlaygroundHandle  window.convpoolPlayground (docs/interface.md, "The page's handle")
 * @property {Promise<void>} ready     the WASM is loaded and the first frame drawn
 * @property {(n?: number) => number} step      n training steps now, redrawn; → the last step's loss
 * @property {() => number} loss
 * @property {() => number} validationLoss
 * @property {() => number} accuracy
 * @property {() => number} validationAccuracy
 * @property {() => number} stepCount
 * @property {() => string} getState           the fragment (without '#') that reproduces this experiment
 * @property {(fragment: string) => boolean} setState
 * @property {() => void} reset
 * @property {(kind: 'pytorch' | 'numpy') => string} exportCode
 * @property {(exercise: object) => Promise<ExerciseResult | null>} setExercise
 * @property {() => ExerciseResult | null} exercise
 * @property {(goalIndex: number, value: number | string) => Promise<ExerciseResult | null>} answer
 * @property {(format: 'scorm12') => Promise<Uint8Array>} exportPackage
 * @property {Readonly<PlaygroundDebug>} debug
 *
 * @typedef {object} PlaygroundRequest    a postMessage request to the page
 * @property {1} convpool
 * @property {string | number} id
 * @property {string} method             one of MESSAGE_METHODS (web/app/messages.js)
 * @property {(string | number | boolean | null)[]} [args]
 *
 * @typedef {{ convpool: 1, id: string | number, result: unknown } | { convpool: 1, id: string | number, error: string }} PlaygroundReply
 */
