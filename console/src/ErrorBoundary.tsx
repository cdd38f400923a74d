// What the user sees when a page throws while rendering, or its code cannot be loaded (the
// explorer's chunk after a new build replaced it): the error, in words, and a way to reload —
// instead of a blank page. React catches render errors only in a class component with
// getDerivedStateFromError, the one class in the console. The error is forgotten when `resetKey`
// changes (the user went to another page).
import { Component } from 'react';
import type { ReactNode } from 'react';

import { ErrorMessage } from './components';

interface State {
  error: unknown;
}

interface Props {
  resetKey: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  componentDidUpdate(previous: Props) {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) {
      this.setState({ error: null });
    }
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="card">
        <h1>This page failed</h1>
        <ErrorMessage error={this.state.error} />
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
