import type { Locator } from '@playwright/test'

export interface DrawnColours {
  /** The product of the element's and its ancestors' opacity. */
  opacity: number
  /** WCAG contrast of its text colour on the first opaque background behind it. */
  contrast: number
}

/** How an element's text is drawn: its effective opacity and its text contrast (WCAG 2 formula). */
export function drawnColours(locator: Locator): Promise<DrawnColours> {
  return locator.evaluate((element) => {
    const rgba = (text: string): number[] => (text.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (c: number): number => {
        const s = c / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let opacity = 1
    let background: number[] | null = null
    for (let node: Element | null = element; node; node = node.parentElement) {
      const style = getComputedStyle(node)
      opacity *= Number(style.opacity)
      const fill = rgba(style.backgroundColor)
      if (!background && fill.length >= 3 && (fill.length === 3 || fill[3] === 1)) background = fill
    }
    const text = rgba(getComputedStyle(element).color)
    const [light, dark] = [luminance(text), luminance(background ?? [255, 255, 255])].sort((a, b) => b - a)
    return { opacity, contrast: (light + 0.05) / (dark + 0.05) }
  })
}
