import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

// A parsed document holds about 55 bytes per character of a dense query (its tokens and their
// locations; measured on graphql 16); a long string literal about 2. The estimate takes the dense
// case, so the bound holds for both.
const BYTES_PER_SOURCE_CHARACTER = 64;
const MiB = 1024 * 1024;

/**
 * Yoga's parse caches, bounded in bytes as well as entries. Its default keeps 1,024 documents and
 * 1,024 parse errors by query text whatever their size: with bodies up to HTTP_MAX_BODY_BYTES that
 * is up to a gigabyte kept for requests that were each answered once.
 */
export function boundedParseCaches() {
  return {
    documentCache: new LRUCache<string, DocumentNode>({
      max: 1024,
      maxSize: 32 * MiB,
      maxEntrySize: 16 * MiB,
      sizeCalculation: (_document, source) =>
        Math.max(1, source.length * BYTES_PER_SOURCE_CHARACTER),
    }),
    errorCache: new LRUCache<string, object>({
      max: 1024,
      maxSize: 4 * MiB,
      maxEntrySize: 256 * 1024,
      sizeCalculation: (_error, source) => Math.max(1, source.length),
    }),
  };
}
