import type { ReactNode } from 'react'

/** Why a form was not applied, as an alert; nothing when there is no error. */
export function FormError({
  error,
  prefix,
  className,
}: {
  error: string | null
  /** Text before the error, e.g. "Not applied: ". */
  prefix?: string
  /** Classes besides `editor-error`. */
  className?: string
}) {
  if (!error) return null
  return (
    <p role="alert" className={className ? `${className} editor-error` : 'editor-error'}>
      {prefix}
      {error}
    </p>
  )
}

/** A form's submit button, its cancel (or reset) button, and any further buttons after them. */
export function FormActions({
  submitLabel,
  submitDisabled,
  submitTitle,
  cancelLabel = 'Cancel',
  cancelDisabled,
  onCancel,
  small = false,
  children,
}: {
  submitLabel: ReactNode
  submitDisabled: boolean
  submitTitle?: string
  cancelLabel?: string
  cancelDisabled?: boolean
  onCancel(): void
  small?: boolean
  children?: ReactNode
}) {
  return (
    <div className="editor-actions">
      <button
        type="submit"
        className={small ? 'primary small' : 'primary'}
        disabled={submitDisabled}
        title={submitTitle}
      >
        {submitLabel}
      </button>
      <button
        type="button"
        className={small ? 'small' : undefined}
        disabled={cancelDisabled}
        onClick={onCancel}
      >
        {cancelLabel}
      </button>
      {children}
    </div>
  )
}
