import { JsBackend } from '../src/index.js';
import { describeBackend } from './backend-conformance.js';

describeBackend('js', async () => new JsBackend());
