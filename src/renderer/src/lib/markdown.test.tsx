// @vitest-environment happy-dom
import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown'

const html = (source: string): string => render(<div>{renderMarkdown(source)}</div>).container.innerHTML

describe('renderMarkdown', () => {
  it('renders the common block and inline forms as elements', () => {
    const out = html(
      '# Title\n\nSome **bold** and *it* with `code`.\n\n- one\n- two\n\n1. first\n\n```js\nlet x = 1 < 2\n```',
    )
    expect(out).toContain('<h3>Title</h3>')
    expect(out).toContain('<strong>bold</strong>')
    expect(out).toContain('<em>it</em>')
    expect(out).toContain('<code>code</code>')
    expect(out).toContain('<ul><li>one</li><li>two</li></ul>')
    expect(out).toContain('<ol><li>first</li></ol>')
    expect(out).toContain('let x = 1 &lt; 2')
  })

  it('never turns file content into markup', () => {
    const out = html('<img src=x onerror=alert(1)> [x](javascript:alert(1)) </script>')
    expect(out).not.toContain('<img')
    expect(out).not.toContain('href="javascript')
    expect(out).toContain('&lt;img')
  })

  it('links only http(s) targets', () => {
    const out = html('[docs](https://example.com/a)')
    expect(out).toContain('href="https://example.com/a"')
    expect(out).toContain('rel="noreferrer noopener"')
  })
})
