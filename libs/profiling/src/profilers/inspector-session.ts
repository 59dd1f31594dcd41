import { Session } from 'node:inspector';

let session: Session | undefined;

function connected(): Session {
  if (!session) {
    session = new Session();
    session.connect();
  }
  return session;
}

/**
 * Sends one command to this process's own inspector and returns its result. The in-process
 * session answers synchronously, which lets a sync function be profiled without becoming async.
 */
export function postInspector<T = unknown>(method: string, params?: object): T {
  let outcome: { error: Error | null; result: unknown } | undefined;
  connected().post(method, params ?? {}, (error, result) => {
    outcome = { error, result };
  });
  if (!outcome) throw new Error(`inspector command ${method} did not answer synchronously`);
  if (outcome.error) throw outcome.error;
  return outcome.result as T;
}
