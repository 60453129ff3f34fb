// The goal types, one entry each: a new type is a file in goals/ and one line here. An entry is
//   type                    its name in an exercise ({ type: 'answer', … })
//   fields                  its own fields (besides text, hints, hidePlot)
//   precheck(raw, at)       (optional) refuses a field with its own reason before unknown fields are refused
//   normalise(raw, goal, at)   fills `goal` from the author's `raw`, or throws a ConvPoolError naming the field (fields.js)
//   text(goal)              its label when the author wrote none
//   check(goal, probe, progress, i)   → { met, detail } (+ reachedAt / right, kept in the progress by session.js)
//   entry                   what the learner enters on the panel: 'number' | 'option' | 'formula' | null (met by what they do)
//   accept(goal, value, state, i)   (types with an entry) the learner's answer into the progress (state, see
//                           session.js emptyProgress; a new type may add its own map there) → the response to record;
//                           may be async; throws a ConvPoolError for a value it cannot take
//   interaction(goal, response)     (optional) SCORM 1.2's { type, response } of a check (default: 'performance')
//   hides(goal)             with hidePlot: the { quantity, layer } it keeps out of every view (hidden.js), or null
//   progress                (optional) maps of its own in the learner's progress, { name: accept(value, goal) → bool }:
//                           session.js starts them empty, keeps them in suspend data and local storage, and reads back
//                           only the entries `accept` takes (e.g. { formulas: (text) => typeof text === 'string' })
import answer from './goals/answer.js';
import choice from './goals/choice.js';
import lossBelow from './goals/loss-below.js';
import setting from './goals/setting.js';
import formula from './goals/formula.js';

export const GOAL_TYPES = Object.freeze({ lossBelow, answer, setting, choice, formula });

/** The entry of a goal type, or undefined. */
export const goalType = (name) => (Object.hasOwn(GOAL_TYPES, name) ? GOAL_TYPES[name] : undefined);
