/** One copy of the server, without building the SPA first (`npm run cluster` builds it once). */
import { main } from '../server/main';

await main();
