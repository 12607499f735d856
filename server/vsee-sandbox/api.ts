/**
 * The emulated VSee API (`/api_v3`). Routes here are relative to /api_v3 and carry no `.json`
 * suffix: index.ts strips it before dispatching, so every path accepts it.
 */
import { Hono } from 'hono';
import { checkAccountCode } from './auth';
import { BadBody } from './body';
import { errorResponse, NOT_AVAILABLE, VseeError } from './errors';
import { registerAvailability } from './api-availability';
import { registerFiles } from './api-files';
import { registerInsurance } from './api-insurance';
import { registerIntakes } from './api-intakes';
import { registerProviders } from './api-providers';
import { registerRooms } from './api-rooms';
import { registerUsers } from './api-users';
import { registerVisits } from './api-visits';
import type { Deps } from './deps';

export function createApi(deps: Deps): Hono {
  const api = new Hono();
  api.use('*', async (c, next) => {
    checkAccountCode(c);
    await next();
  });
  registerUsers(api, deps);
  registerIntakes(api, deps);
  registerAvailability(api, deps);
  registerVisits(api, deps);
  registerRooms(api, deps);
  registerProviders(api, deps);
  registerFiles(api, deps);
  registerInsurance(api, deps);
  api.notFound((c) => errorResponse(c, 404, NOT_AVAILABLE));
  api.onError((err, c) => {
    if (err instanceof VseeError) return errorResponse(c, err.status, err.message);
    if (err instanceof BadBody) return errorResponse(c, 400, err.message);
    return errorResponse(c, 500, 'Internal Server Error');
  });
  return api;
}
