// `npm run build:forms`: bundles the form preview page alone (`npm run build` does it too).
import { buildFormsPage, PAGE_OUTPUT } from './build.js';

await buildFormsPage();
console.log(`Bundled the form preview page into ${PAGE_OUTPUT}.`);
