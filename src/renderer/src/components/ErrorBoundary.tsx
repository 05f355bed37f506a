import { Component, type ErrorInfo, type ReactNode } from 'react'
import { describeError } from '../api/describeError'

interface Props {
  /** What failed, for the message ("the timeline", "message 12"). */
  what: string
  children: ReactNode
  /** Changing it clears the error (e.g. another document was selected). */
  resetKey?: unknown
}

interface State {
  error: unknown
  resetKey: unknown
}

/** A render error shows where it happened and a retry, never a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: undefined }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null }
    return null
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Memory Inspector: ${this.props.what} failed to render`, error, info.componentStack)
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children
    const { message, where } = describeError(this.state.error)
    return (
      <div role="alert" className="render-error">
        <strong>Could not show {this.props.what}.</strong> {message}
        {where ? <div className="muted">{where}</div> : null}
        <button type="button" className="small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
