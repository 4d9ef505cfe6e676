import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useRouteError } from 'react-router';
import { CrashResult } from './status-results';

interface State {
  failed: boolean;
}

/** Catches render errors outside the router (providers, the router itself). */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Unhandled render error', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashResult /> : this.props.children;
  }
}

/** The router's errorElement: a page that throws (or a lazy chunk that fails to load) lands here. */
export function RouteErrorPage() {
  const error = useRouteError();
  console.error('Route error', error);
  return <CrashResult />;
}
