import { buildAll } from '../../scripts/build';

/** Browser tests run against the built SPA, as `npm start` serves it. */
export default async function setup() {
  await buildAll();
}
