// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BreakableText } from './BreakableText'

afterEach(cleanup)

const html = (text: string): string => render(<BreakableText text={text} />).container.innerHTML

describe('BreakableText', () => {
  it('keeps ordinary words whole and the text as it was', () => {
    const { container } = render(<BreakableText text="the capital of France" />)
    expect(container.textContent).toBe('the capital of France')
    expect(container.querySelector('wbr, .long-token')).toBeNull()
  })

  it('lets an identifier break after its joints only', () => {
    expect(html('has_initial_description')).toBe('has_<wbr>initial_<wbr>description')
    expect(html('docs.example/path')).toBe('docs.<wbr>example/<wbr>path')
  })

  it('lets only a run longer than a column could hold break anywhere', () => {
    const { container } = render(<BreakableText text="id 0123456789abcdef0123456789abcdef done" />)
    expect(container.textContent).toBe('id 0123456789abcdef0123456789abcdef done')
    expect([...container.querySelectorAll('.long-token')].map((span) => span.textContent)).toEqual([
      '0123456789abcdef0123456789abcdef',
    ])
  })
})
