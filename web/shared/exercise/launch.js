// The launch data a SCORM package's page carries (package.js bakes it into a <meta>; the page reads it at start-up):
// apart from package.js so that reading it does not load the zip library (fflate) with the page.
export const LAUNCH_FILE = 'convpool-playground.html';
export const LAUNCH_META = 'convpool-launch';
const LAUNCH_VERSION = 1;

/** The launch data the page reads at start-up: { v, fragment, search } (search as ?embed=1&hide=…&lock=…, no '?'). */
export function launchData(fragment, exercise) {
  const params = ['embed=1'];
  if (exercise.hide.length) params.push(`hide=${exercise.hide.join(',')}`);
  if (exercise.lock.length) params.push(`lock=${exercise.lock.join(',')}`);
  return { v: LAUNCH_VERSION, fragment, search: params.join('&') };
}

/** The content of the page's launch <meta> → { fragment, search } or null (never throws; the page falls back to its URL). */
export function parseLaunchData(content) {
  if (typeof content !== 'string' || content.length > 250_000) return null;
  try {
    const data = JSON.parse(content);
    if (!data || data.v !== LAUNCH_VERSION || typeof data.fragment !== 'string' || typeof data.search !== 'string') return null;
    return { fragment: data.fragment, search: data.search };
  } catch {
    return null;
  }
}
