import type { WireError } from './wire-format.js';

interface OpenAiErrorShape {
  type: string;
  code: string | null;
  message: string;
}

function shapeFor(error: WireError): OpenAiErrorShape {
  if (error.kind === 'authentication') {
    return {
      type: 'invalid_request_error',
      code: null,
      message: "You didn't provide an API key. You need to provide your API key in an Authorization header.",
    };
  }
  if (error.kind === 'context_exceeded') {
    return {
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
      message:
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 128001 tokens.",
    };
  }
  switch (error.status) {
    case 401:
      return {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message: 'Incorrect API key provided.',
      };
    case 403:
      return {
        type: 'invalid_request_error',
        code: 'unsupported_country_region_territory',
        message: 'Forbidden.',
      };
    case 404:
      return { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' };
    case 429:
      return { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' };
    case 500:
      return {
        type: 'server_error',
        code: null,
        message: 'The server had an error while processing your request.',
      };
    default:
      return error.status >= 500
        ? {
            type: 'server_error',
            code: null,
            message: 'The engine is currently overloaded, please try again later.',
          }
        : { type: 'invalid_request_error', code: null, message: 'Invalid request.' };
  }
}

/** OpenAI's JSON error body (`{"error":{"message","type","param","code"}}`), shared by both OpenAI formats. */
export function openAiErrorBody(error: WireError): unknown {
  const shape = shapeFor(error);
  return {
    error: {
      message: error.message ?? shape.message,
      type: shape.type,
      param: error.kind === 'context_exceeded' ? 'input' : null,
      code: shape.code,
    },
  };
}

/** The message OpenAI formats send with an in-stream overload failure. */
export const OVERLOADED_MESSAGE = 'The server is overloaded. Please retry your request.';
