import { Component, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';

interface ErrorBoundaryProps {
  title: string;
  children: ReactNode;
}

/** Keeps a failing page (render error or a lazy chunk that did not load) from blanking the whole iframe. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error !== undefined)
      return <ErrorMessage title={this.props.title} error={this.state.error} />;
    return this.props.children;
  }
}
