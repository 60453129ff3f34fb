// The randomised suites draw from the page's own seeded generator (web/shared/random.js): one copy of mulberry32.
export { mulberry32 as random } from '../../web/shared/random.js';
