/** A search box reporting its text as typed; Enter calls `onEnter` when given. */
export function SearchInput({
  label,
  placeholder,
  value,
  onChange,
  onEnter,
}: {
  label: string
  placeholder: string
  value: string
  onChange(value: string): void
  onEnter?(): void
}) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={
        onEnter
          ? (event) => {
              if (event.key === 'Enter') onEnter()
            }
          : undefined
      }
    />
  )
}

/** One `<option>` per value, the value as its text. */
export function Options({ values }: { values: readonly string[] }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </>
  )
}
