// @vitest-environment happy-dom
import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderMarkdown, safeHref } from './markdown'

const html = (source: string): string => render(<div>{renderMarkdown(source)}</div>).container.innerHTML
const dom = (source: string): HTMLElement => render(<div>{renderMarkdown(source)}</div>).container

describe('renderMarkdown', () => {
  it('renders the common block and inline forms as elements, headings from h3 down', () => {
    const out = html(
      '# Title\n\n## Part\n\nSome **bold** and *it* with `code`.\n\n- one\n- two\n\n1. first\n\n```js\nlet x = 1 < 2\n```',
    )
    expect(out).toContain('<h3>Title</h3>')
    expect(out).toContain('<h4>Part</h4>')
    expect(out).toContain('<strong>bold</strong>')
    expect(out).toContain('<em>it</em>')
    expect(out).toContain('<code>code</code>')
    expect(out).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/)
    expect(out).toMatch(/<ol>\s*<li>first<\/li>\s*<\/ol>/)
    expect(out).toContain('<pre class="md-code"><code class="language-js">let x = 1 &lt; 2')
  })

  it('renders a GFM table with its header and cells', () => {
    const container = dom('| tool | result |\n| --- | ---: |\n| get_weather | 18 C |\n| c_to_f | 68 |')
    const table = container.querySelector('table')
    expect(table).not.toBeNull()
    expect([...table!.querySelectorAll('th')].map((cell) => cell.textContent)).toEqual(['tool', 'result'])
    expect([...table!.querySelectorAll('tbody tr')].map((row) => row.textContent)).toEqual([
      'get_weather18 C',
      'c_to_f68',
    ])
  })

  it('renders a task list as read-only checkboxes', () => {
    const boxes = [...dom('- [x] fetch weather\n- [ ] convert units').querySelectorAll('input')]
    expect(boxes.map((box) => [box.type, box.checked, box.disabled, box.getAttribute('aria-label')])).toEqual(
      [
        ['checkbox', true, true, 'Done'],
        ['checkbox', false, true, 'To do'],
      ],
    )
  })

  it('shows raw HTML as text, never as markup', () => {
    const container = dom('<img src=x onerror=alert(1)>\n\nhello <b>bold</b> </script>')
    expect(container.querySelector('img, b, script')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(container.textContent).toContain('<b>bold</b>')
  })

  it('neutralises javascript: and other non-http links, keeping their text', () => {
    const container = dom(
      '[click me](javascript:alert(1)) and [local](/api/files) and [data](data:text/html,x)',
    )
    expect(container.querySelector('a')).toBeNull()
    expect(container.innerHTML).not.toContain('javascript')
    expect(container.textContent).toBe('click me and local and data')
  })

  it('links http(s) targets out of the app, autolinks included', () => {
    const links = [...dom('[docs](https://example.com/a) and https://example.org/b').querySelectorAll('a')]
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a',
      'https://example.org/b',
    ])
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank')
      expect(link.getAttribute('rel')).toBe('noreferrer noopener')
    }
  })

  it('never loads an image: it shows its alt text', () => {
    const container = dom('![a chart](https://example.com/chart.png) ![](data:image/png;base64,AAAA)')
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toBe('[image: a chart] [image]')
  })
})

describe('safeHref', () => {
  it('keeps absolute http(s) URLs only', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com')
    expect(safeHref('HTTP://example.com')).toBe('HTTP://example.com')
    expect(safeHref(' javascript:alert(1)')).toBe('')
    expect(safeHref('#top')).toBe('')
    expect(safeHref('mailto:a@b.c')).toBe('')
  })
})
