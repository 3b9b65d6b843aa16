/** The DCGAN generator (Figure 4): architecture, folded layers, state dict, and the generator. */
export * from './architecture.js';
export { DcganGenerator } from './dcgan-generator.js';
export { readDcganStateDict, dcganStateDictShapes } from './state-dict.js';
