/** The authorization matrix (F-1) of the vote module's routes: server/test/harness/matrix.ts. */
import { authorizationMatrix } from '../matrix';

await authorizationMatrix('vote');
