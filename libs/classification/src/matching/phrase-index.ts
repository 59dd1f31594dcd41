import { inflectedForms } from './inflection.js';
import { tokenize } from './tokenizer.js';

/**
 * The keywords of a matcher as phrases read backwards from their last word, flattened into
 * typed arrays so that confirming a phrase is a few integer loads and no hash lookups.
 *
 * Node `n` of the backwards trie stands for a word sequence that ends the text so far. The
 * keywords made of exactly that sequence are `nodeKeywords[keywordsFrom[n] … keywordsFrom[n + 1])`;
 * the edges to the sequences one word longer are `edgeWord` / `edgeNode` over
 * `[edgesFrom[n], edgesFrom[n + 1])`. A dictionary word `w` enters the trie at the nodes
 * `entryNodes[entriesFrom[w] … entriesFrom[w + 1])`: one per keyword last word that `w` is a
 * surface form of (the word itself or one of its {@link inflectedForms}).
 */
export interface PhraseIndex {
  /** Every word the keywords use, inflected last words included, with its id. */
  readonly dictionary: ReadonlyMap<string, number>;
  /** Number of words of the longest keyword. */
  readonly longest: number;
  readonly entriesFrom: Int32Array;
  readonly entryNodes: Int32Array;
  readonly keywordsFrom: Int32Array;
  readonly nodeKeywords: Int32Array;
  readonly edgesFrom: Int32Array;
  readonly edgeWord: Int32Array;
  readonly edgeNode: Int32Array;
}

interface PhraseNode {
  readonly index: number;
  readonly keywords: number[];
  /** Dictionary id of the word before → the node of the one-word-longer sequence. */
  readonly before: Map<number, PhraseNode>;
}

/**
 * Builds the {@link PhraseIndex} of `keywords` (their ids are their positions). A keyword is
 * a phrase of word tokens (see {@link tokenize}); one without any token is left out.
 */
export function buildPhraseIndex(keywords: readonly string[]): PhraseIndex {
  const dictionary = new Map<string, number>();
  const wordId = (word: string): number => {
    let id = dictionary.get(word);
    if (id === undefined) {
      id = dictionary.size;
      dictionary.set(word, id);
    }
    return id;
  };
  const nodes: PhraseNode[] = [];
  const newNode = (): PhraseNode => {
    const node: PhraseNode = { index: nodes.length, keywords: [], before: new Map() };
    nodes.push(node);
    return node;
  };
  const nodeOfLastWord = new Map<string, PhraseNode>();
  const entries = new Map<number, PhraseNode[]>();
  let longest = 1;

  keywords.forEach((keyword, id) => {
    const words = tokenize(keyword);
    const last = words[words.length - 1];
    if (last === undefined) return;
    longest = Math.max(longest, words.length);
    let node: PhraseNode | undefined = nodeOfLastWord.get(last);
    if (node === undefined) {
      const created = newNode();
      nodeOfLastWord.set(last, created);
      for (const surface of [last, ...inflectedForms(last)]) {
        const surfaceId = wordId(surface);
        entries.set(surfaceId, [...(entries.get(surfaceId) ?? []), created]);
      }
      node = created;
    }
    for (let i = words.length - 2; i >= 0; i--) {
      const previousId = wordId(words[i] as string);
      let previous: PhraseNode | undefined = node.before.get(previousId);
      if (previous === undefined) {
        previous = newNode();
        node.before.set(previousId, previous);
      }
      node = previous;
    }
    node.keywords.push(id);
  });

  const keywordsFrom = new Int32Array(nodes.length + 1);
  const edgesFrom = new Int32Array(nodes.length + 1);
  const nodeKeywords: number[] = [];
  const edgeWord: number[] = [];
  const edgeNode: number[] = [];
  nodes.forEach((node, n) => {
    keywordsFrom[n] = nodeKeywords.length;
    nodeKeywords.push(...node.keywords);
    edgesFrom[n] = edgeWord.length;
    for (const [word, previous] of node.before) {
      edgeWord.push(word);
      edgeNode.push(previous.index);
    }
  });
  keywordsFrom[nodes.length] = nodeKeywords.length;
  edgesFrom[nodes.length] = edgeWord.length;

  const entriesFrom = new Int32Array(dictionary.size + 1);
  const entryNodes: number[] = [];
  for (let word = 0; word < dictionary.size; word++) {
    entriesFrom[word] = entryNodes.length;
    for (const node of entries.get(word) ?? []) entryNodes.push(node.index);
  }
  entriesFrom[dictionary.size] = entryNodes.length;

  return {
    dictionary,
    longest,
    entriesFrom,
    entryNodes: Int32Array.from(entryNodes),
    keywordsFrom,
    nodeKeywords: Int32Array.from(nodeKeywords),
    edgesFrom,
    edgeWord: Int32Array.from(edgeWord),
    edgeNode: Int32Array.from(edgeNode),
  };
}
