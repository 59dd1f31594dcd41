import {
  looksLikeDecoratorCall,
  missingParenthesesError,
  type DualMethodDecorator,
} from './method-decorator.js';
import { profileMemoryCall } from '../profilers/memory-profiler.js';
import {
  profileMemoryDecorator,
  type ProfileMemoryDecoratorOptions,
} from './profile-decorators.js';
import type { MemoryProfileOptions } from '../profilers/profiling-options.js';

/**
 * Runs `fn` (sync or async) and writes `<name>_<timestamp>_<pid>-<n>.memory.json`: heap used and total,
 * RSS and external memory before and after, the sampled peak and the increase; with
 * `heapSampling`, V8's sampling heap profile (`.heapprofile`) and its top allocation sites; with
 * `repeat: n`, the heap after a forced GC following each of n further calls (a rising series
 * points at a leak). The function's value or error is passed through unchanged.
 * @throws {@link ProfilingError} for invalid options or an unwritable folder
 * @example
 * ```ts
 * await profileMemory(() => buildIndex(docs), { name: 'build-index', heapSampling: true });
 * ```
 */
export function profileMemory<T>(fn: () => T, options: MemoryProfileOptions): Promise<Awaited<T>>;
/**
 * As a method decorator: memory-profiles each call while the mode is `memory` or `all`.
 * Works as a standard and as an `experimentalDecorators` decorator.
 * @example
 * ```ts
 * class Indexer { @profileMemory({ heapSampling: true }) async build() { ... } }
 * ```
 */
export function profileMemory(options?: ProfileMemoryDecoratorOptions): DualMethodDecorator;
export function profileMemory<T>(
  first?: (() => T) | ProfileMemoryDecoratorOptions,
  options?: MemoryProfileOptions,
): Promise<Awaited<T>> | DualMethodDecorator {
  // One name serves both uses: a function first means "profile this call", unless the
  // arguments are a decorator's (`@profileMemory` written without parentheses).
  // eslint-disable-next-line prefer-rest-params
  if (looksLikeDecoratorCall(arguments)) throw missingParenthesesError('profileMemory');
  if (typeof first === 'function') return profileMemoryCall(first, options as MemoryProfileOptions);
  return profileMemoryDecorator(first);
}
