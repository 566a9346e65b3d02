import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// A form cannot set these headers, so a request carrying one was sent by a script the browser
// checked with CORS first. A bearer token is one.
const PREFLIGHTED_HEADERS = ['x-graphql-yoga-csrf', 'authorization'];

const REFUSAL = `A browser form could have sent this request, so it is refused: send it with content-type application/json, or with one of the headers ${PREFLIGHTED_HEADERS.join(', ')}.`;

/**
 * Cross-site request forgery: a POST a form could send (content-type form-urlencoded, multipart
 * or text/plain) is refused with 403 unless it carries a header only a script can set (yoga's
 * CSRF prevention plugin); the message says how to send it instead. A GET is left alone: it can
 * only read (a mutation over GET is refused with 405) and a cross-site page cannot read the
 * answer, so links and GraphQL-over-HTTP clients keep working without an extra header.
 */
export function useCrossSiteRefusal(): Plugin[] {
  const prevention = useCSRFPrevention({ requestHeaders: PREFLIGHTED_HEADERS });
  const forPosts: Plugin = {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      return prevention.onRequestParse?.(payload);
    },
  };
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
  return [forPosts, explain];
}
