import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly error: Error | null;
}

/**
 * Keeps the page alive when a view throws while rendering: it shows what failed (the error's message,
 * e.g. a BackpropError naming the argument) and a button to try the view again, instead of React
 * unmounting the whole app. Give it a `resetKey` (the mode, the network) to clear the error when that changes.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; what: string; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: { resetKey?: string }): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`backprop playground: ${this.props.what} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="panel error-box" data-testid="error-boundary">
        <h2>{this.props.what} stopped with an error</h2>
        <p>
          <code>
            {error.name}: {error.message}
          </code>
        </p>
        <p className="small muted">The rest of the page still works. The settings that led here are in the link.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
