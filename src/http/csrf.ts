import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// A form cannot set these headers, so a request carrying one was sent by a script the browser
// checked with CORS first. A bearer token is one.
const PREFLIGHTED_HEADERS = ['x-graphql-yoga-csrf', 'authorization'];

const REFUSAL = `A browser form could have sent this request, so it is refused: send it with content-type application/json, or with one of the headers ${PREFLIGHTED_HEADERS.join(', ')}.`;

/**
 * Cross-site request forgery: a request a form or a plain link could make (content-type
 * form-urlencoded, multipart or text/plain, or a GET without one) is refused with 403 unless it
 * carries a header only a script can set (yoga's CSRF prevention plugin). Its message says how to
 * send the request instead.
 */
export function useCrossSiteRefusal(): Plugin[] {
  const explain: Plugin = {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        for (const error of (one as { errors?: GraphQLError[] }).errors ?? []) {
          if (error.message === 'Required CSRF header(s) not present') {
            error.message = REFUSAL;
            Object.assign(error.extensions, { code: 'CSRF_REFUSED' });
          }
        }
      }
    },
  };
  return [useCSRFPrevention({ requestHeaders: PREFLIGHTED_HEADERS }), explain];
}
