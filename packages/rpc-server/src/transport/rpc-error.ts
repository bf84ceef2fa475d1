import { rpcError, type RpcErrorCode, type RpcErrorObject } from '@rkat/contracts';

/**
 * A typed JSON-RPC failure a method handler throws: `code` is a name from the contract's code table
 * (`RPC_ERROR_CODES`), `message` goes to the client as is, `data` (optional, JSON-serializable) becomes
 * `error.data`. Anything a handler throws that is not an `RpcError` is answered -32603 with a safe message.
 */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  readonly code: RpcErrorCode;
  readonly data: unknown;

  constructor(code: RpcErrorCode, message: string, options?: { data?: unknown; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.data = options?.data;
  }

  /** The `error` member of the response. */
  toErrorObject(): RpcErrorObject {
    return rpcError(this.code, this.message, this.data);
  }
}

/** The message of the -32603 answer to an unexpected failure; it never carries the failure's text. */
export const INTERNAL_ERROR_MESSAGE = 'Internal error';

/** The message of the -32005 answer to a request cancelled by `cancel` or by the connection closing. */
export const REQUEST_CANCELLED_MESSAGE = 'request cancelled before response publish';
