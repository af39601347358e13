/** Who is signed in, as the last `GET /api/me` said, so the app can say it while offline. Written only by me-store.ts. */
import { MeResponseSchema } from '../../../shared/http/index.js';

export const MeSlice = {
  /** The last `GET /api/me`, so the app can say who is signed in while offline. */
  me: MeResponseSchema.nullable(),
};
