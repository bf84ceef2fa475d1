import { runSessionStoreConformance } from '@rkat/testing/conformance';
import { MemorySessionStore } from '../../src/index.js';

runSessionStoreConformance('memory', async () => ({
  store: new MemorySessionStore(),
  cleanup: async () => {},
}));
