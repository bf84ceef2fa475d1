import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Bytes held by ArrayBuffers (Buffers included) after a full garbage collection. */
export function retainedArrayBufferBytes(): number {
  collect();
  collect();
  return process.memoryUsage().arrayBuffers;
}
