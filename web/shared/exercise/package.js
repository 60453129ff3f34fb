// The SCORM 1.2 package of an exercise: a zip with imsmanifest.xml at its root and one SCO, the single-file
// playground (dist/convpool-playground.html) with the exercise baked in.
//
// The exercise goes into the launch page as <meta name="convpool-launch" content="{json}"> right after the page's
// Content-Security-Policy <meta>: a manifest href's query or fragment does not survive every LMS, and a <meta> is
// data, not script, so the single file's CSP (one inline script, allowed by its hash) still holds unchanged. Calls to
// the LMS's API object are JavaScript calls on the parent window, which the CSP (connect-src 'none') does not restrict.
import { strFromU8, strToU8, unzipSync, zipSync } from '../../generated/vendor/fflate.js';
import SCHEMAS from '../../generated/vendor/scorm12-schemas.js';
import { ConvPoolError } from '../../lib/arguments.js';
import { fragmentWithExercise, splitFragment } from './link.js';
import { sha256Hex, validateExercise } from './model.js';

import { LAUNCH_FILE, LAUNCH_META, launchData, parseLaunchData } from './launch.js';

export { LAUNCH_FILE, LAUNCH_META, launchData, parseLaunchData };
const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;

/** base64 → bytes (atob: in browsers and Node alike). */
function fromBase64(text) {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function xml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** imsmanifest.xml of a SCORM 1.2 package with one SCO that launches `href`. */
export function scormManifest({ identifier, title, href }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(identifier)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${xml(identifier)}-org">
    <organization identifier="${xml(identifier)}-org">
      <title>${xml(title)}</title>
      <item identifier="${xml(identifier)}-item" identifierref="${xml(identifier)}-sco" isvisible="true">
        <title>${xml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${xml(identifier)}-sco" type="webcontent" adlcp:scormtype="sco" href="${xml(href)}">
      <file href="${xml(href)}"/>
    </resource>
  </resources>
</manifest>
`;
}

/** The single-file page with launch data in a <meta> after its CSP <meta>. */
export function bakeLaunchPage(html, data) {
  if (typeof html !== 'string' || !CSP_META.test(html.slice(0, 8192))) {
    throw new ConvPoolError('html must be the single-file playground (dist/convpool-playground.html): its Content-Security-Policy <meta> was not found');
  }
  const meta = `<meta name="${LAUNCH_META}" content="${xml(JSON.stringify(data))}">`;
  return html.replace(CSP_META, (csp) => `${csp}\n  ${meta}`);
}

/**
 * buildScormPackage({ html, fragment, exercise, title? }) → Promise<Uint8Array>, a SCORM 1.2 zip:
 *   imsmanifest.xml           one organization, one item, one SCO resource (webcontent, adlcp:scormtype="sco")
 *   convpool-playground.html  `html` (the single-file page) with the experiment `fragment` and the exercise baked in
 *   *.xsd                     the control files the manifest's xsi:schemaLocation names (scorm12/README.md)
 */
/** @param {{ html: string, fragment: string, exercise: object, title?: string }} options */
export async function buildScormPackage({ html, fragment, exercise, title }) {
  const ex = validateExercise(exercise);
  const { experiment } = splitFragment(typeof fragment === 'string' ? fragment : '');
  const whole = await fragmentWithExercise(experiment, ex);
  const page = bakeLaunchPage(html, launchData(whole, ex));
  const identifier = `convpool-${(await sha256Hex(whole)).slice(0, 16)}`;
  const manifest = scormManifest({ identifier, title: title || ex.title, href: LAUNCH_FILE });
  // Fixed timestamps: the same exercise gives the same bytes (a zip entry's date is otherwise "now").
  const mtime = new Date(Date.UTC(2020, 0, 1));
  return zipSync({
    'imsmanifest.xml': [strToU8(manifest), { mtime }],
    [LAUNCH_FILE]: [strToU8(page), { mtime }],
    ...Object.fromEntries(Object.entries(SCHEMAS).map(([name, base64]) => [name, [fromBase64(base64), { mtime }]])),
  }, { level: 9 });
}

/** A package's files as text (for tests and for a teacher's sanity check): { name: text }. */
export function readPackage(bytes) {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}
