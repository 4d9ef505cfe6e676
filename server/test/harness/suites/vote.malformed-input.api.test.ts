/** The malformed-input harness (F-3) of the vote module's routes: server/test/harness/malformed.ts. */
import { malformedInput } from '../malformed';

await malformedInput('vote');
