import type { Virtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, type RefObject } from 'react'

type Align = 'start' | 'center' | 'end' | 'auto'

interface Target {
  index: number
  align: Align
  until: number
}

/** How long a jump keeps its target in place while the cards around it load and change height. */
const FOLLOW_MS = 3000

/**
 * Scrolls to an item and keeps it there while heights settle: cards measure taller once their detail arrives,
 * which moves a far target after the virtualizer has landed. Any wheel, touch or pointer input hands control
 * back to the user.
 */
export function useFollowTarget(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollRef: RefObject<HTMLDivElement | null>,
): (index: number, align: Align) => void {
  const target = useRef<Target | null>(null)

  // Runs after every render, and the virtualizer re-renders whenever a measurement changes.
  useEffect(() => {
    const current = target.current
    if (!current) return
    if (performance.now() > current.until || current.index >= virtualizer.options.count) {
      target.current = null
      return
    }
    const wanted = virtualizer.getOffsetForIndex(current.index, current.align)
    if (wanted && Math.abs(wanted[0] - (virtualizer.scrollOffset ?? 0)) > 1)
      virtualizer.scrollToIndex(current.index, { align: current.align })
  })

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const stop = (): void => {
      target.current = null
    }
    element.addEventListener('wheel', stop, { passive: true })
    element.addEventListener('touchstart', stop, { passive: true })
    element.addEventListener('pointerdown', stop)
    return () => {
      element.removeEventListener('wheel', stop)
      element.removeEventListener('touchstart', stop)
      element.removeEventListener('pointerdown', stop)
    }
  }, [scrollRef])

  return useCallback(
    (index: number, align: Align) => {
      target.current = { index, align, until: performance.now() + FOLLOW_MS }
      virtualizer.scrollToIndex(index, { align })
    },
    [virtualizer],
  )
}
