import { build } from 'vite';

/** Browser tests run against the built SPA, as `npm start` serves it. */
export default async function setup() {
  await build({ logLevel: 'warn' });
}
