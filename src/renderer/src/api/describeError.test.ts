import { describe, expect, it } from 'vitest'
import { ApiError } from './apiError'
import { describeError, errorText } from './describeError'

describe('describeError', () => {
  it('names the file, JSON path and line:column main sent', () => {
    const error = new ApiError({
      code: 'PARSE_ERROR',
      message: 'Expecting value',
      details: { file: '/tmp/a.json', path: '$.messages[1]', line: 14, column: 17 },
    })
    expect(describeError(error)).toEqual({
      message: 'Expecting value',
      where: '/tmp/a.json · $.messages[1] · line 14, column 17',
      code: 'PARSE_ERROR',
    })
    expect(errorText(error)).toBe('Expecting value (/tmp/a.json · $.messages[1] · line 14, column 17)')
  })

  it('handles plain errors and non-errors', () => {
    expect(describeError(new Error('boom'))).toEqual({ message: 'boom', where: null, code: null })
    expect(errorText('nope')).toBe('nope')
  })
})
