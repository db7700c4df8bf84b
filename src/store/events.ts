/** A minimal typed event, shaped like vscode.Event so UI adapters can subscribe the same way. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (event: T) => void;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener must not stop the others from hearing about a change.
        console.error('[claims] listener failed:', error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
