/** The malformed-input harness (F-3) of the audit module's routes: server/test/harness/malformed.ts. */
import { malformedInput } from '../malformed';

await malformedInput('audit');
