/**
 * The inside of a document-toolbar button that collapses to its icon when the toolbar is narrow (docToolbar.css):
 * the icon is hidden from assistive technology, the label stays in the page (clipped when collapsed), so the
 * button's accessible name is the label either way. Give the button the class `tool-button` and no aria-label
 * (one that differs from the visible text fails axe's label-in-name rule).
 */
export function ToolbarLabel({ icon, label }: { icon: string; label: string }) {
  return (
    <>
      <span className="tool-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="tool-label">{label}</span>
    </>
  )
}
