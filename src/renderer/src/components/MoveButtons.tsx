import type { MouseEvent } from 'react'

export type MoveDirection = 'up' | 'down'

const DIRECTIONS: readonly MoveDirection[] = ['up', 'down']

/** "Move up" and "Move down", each disabled when `canMove` says that move is not possible. */
export function MoveButtons({
  canMove,
  onMove,
}: {
  canMove(direction: MoveDirection): boolean
  onMove(direction: MoveDirection, event: MouseEvent<HTMLButtonElement>): void
}) {
  return (
    <>
      {DIRECTIONS.map((direction) => (
        <button
          key={direction}
          type="button"
          className="small"
          disabled={!canMove(direction)}
          onClick={(event) => onMove(direction, event)}
        >
          {direction === 'up' ? 'Move up' : 'Move down'}
        </button>
      ))}
    </>
  )
}
