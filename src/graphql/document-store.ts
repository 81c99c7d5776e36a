import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { DocumentNode } from 'graphql';

/**
 * What a parsed document holds on the heap, near enough: its source text (every node's
 * location keeps it) plus its syntax tree, whose tokens and nodes weigh about four times
 * their JSON text (measured with graphql 16 on Node 20).
 */
export function documentBytes(document: DocumentNode): number {
  return (document.loc?.source.body.length ?? 0) + 4 * JSON.stringify(document).length;
}

/**
 * Apollo Server's cache of parsed and validated documents, bounded by what the documents
 * really hold. Apollo's default store sizes an entry by its JSON text alone, which leaves
 * out the source text: a 99 KB comment weighs a few hundred bytes there, so distinct padded
 * queries could fill the heap.
 */
export function createDocumentStore(maxBytes: number): InMemoryLRUCache<DocumentNode> | null {
  if (maxBytes === 0) return null;
  return new InMemoryLRUCache<DocumentNode>({ maxSize: maxBytes, sizeCalculation: documentBytes });
}
