import { describe, expect, it } from 'vitest'
import { TEN_MB, tenMegabytesOf } from './testing/testConversations'
import { findSecretsInText, redactText, redactedSlice } from './secretPatterns'

const redact = (text: string): string => redactText(text, findSecretsInText(text))

describe('secret patterns', () => {
  it.each([
    ['openai-key', 'key sk-proj-Abc123Def456Ghi789Jkl012Mno345 end', 'key [REDACTED:openai-key] end'],
    [
      'anthropic-key',
      'ANTHROPIC=sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx_yz',
      'ANTHROPIC=[REDACTED:anthropic-key]',
    ],
    ['aws-access-key', 'id AKIAIOSFODNN7EXAMPLE,', 'id [REDACTED:aws-access-key],'],
    [
      'aws-secret-key',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [REDACTED:aws-secret-key]',
    ],
    ['github-token', 'token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'token [REDACTED:github-token]'],
    ['google-api-key', 'k=AIzaSyA-1234567890abcdefghijklmnopqrstu', 'k=[REDACTED:google-api-key]'],
    ['slack-token', 'xoxb-123456789012-abcdefghijkl', '[REDACTED:slack-token]'],
    [
      'jwt',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      '[REDACTED:jwt]',
    ],
    [
      'bearer-token',
      'Authorization: Bearer abcdef0123456789ABCDEF',
      'Authorization: Bearer [REDACTED:bearer-token]',
    ],
    [
      'url-password',
      'postgres://admin:hunter2@db.local:5432/app',
      'postgres://admin:[REDACTED:url-password]@db.local:5432/app',
    ],
    [
      'password',
      'login with password=Tr0ub4dor&3 please',
      'login with password=[REDACTED:password]&3 please',
    ],
    ['password (JSON)', '{"api_key": "abcd1234efgh"}', '{"api_key": "[REDACTED:password]"}'],
    [
      'private-key',
      'x -----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY----- y',
      'x [REDACTED:private-key] y',
    ],
  ])('%s', (_kind, text, expected) => {
    expect(redact(text)).toBe(expected)
  })

  it('prefers the provider key over the password rule that overlaps it', () => {
    const text = 'api_key=sk-proj-Abc123Def456Ghi789Jkl012Mno345'
    expect(findSecretsInText(text).map((m) => m.kind)).toEqual(['openai-key'])
    expect(redact(text)).toBe('api_key=[REDACTED:openai-key]')
  })

  it('leaves placeholders, ordinary words and already redacted text alone', () => {
    for (const text of [
      'password: null',
      'password=${DB_PASSWORD}',
      'password = "****"',
      'the secret: <your secret here>',
      'ask for the password, then retry',
      'sk-short',
      'task-1234567890123456789012345',
      'Bearer token',
      'https://example.com/a:b@c',
    ])
      expect(findSecretsInText(text), text).toEqual([])
    const once = redact('password=hunter22 and sk-proj-Abc123Def456Ghi789Jkl012Mno345')
    expect(redact(once)).toBe(once)
  })

  it('does not read keys inside longer tokens (base64 image data)', () => {
    expect(findSecretsInText('iVBORw0KGgoAIzaSyA1234567890abcdefghijklmnopqrstuAAAA')).toEqual([])
  })

  it('shows slices with any secret crossing their edge redacted whole', () => {
    const text = 'see sk-proj-Abc123Def456Ghi789Jkl012Mno345 there'
    expect(redactedSlice(text, 0, 10)).toBe('see [REDACTED:openai-key]')
    expect(redactedSlice(text, 20, text.length)).toBe('[REDACTED:openai-key] there')
  })

  // A backtracking pattern would take hours on these; each must come back (the test's timeout is the guard).
  describe('10 MB inputs built to make regexes backtrack', () => {
    it.each([
      ['sk- runs', 'sk-sk-', 0],
      ['JWT-looking runs without dots', 'eyJeyJ', 0],
      ['JWT parts that never finish', 'eyJabcde.', 1],
      ['url userinfo without @', 'a://u:p', 0],
      ['long scheme-like words', 'abcdefgh', 0],
      ['password= without a value', 'password=;', 0],
      ['password=password=…', 'password=', 38837],
      ['bearer bearer', 'Bearer ', 0],
      ['private key begins without end', '-----BEGIN PRIVATE KEY-----', 1],
      ['AKIA runs', 'AKIAAKIA', 0],
    ])('%s', (_name, unit, expected) => {
      expect(findSecretsInText(tenMegabytesOf(unit)).length).toBe(expected)
    })
    it('finds the one key in 10 MB of prose', () => {
      const text = `${tenMegabytesOf('lorem ipsum dolor ').slice(0, -1)} sk-proj-Abc123Def456Ghi789Jkl012Mno345`
      const found = findSecretsInText(text)
      expect(found).toEqual([{ kind: 'openai-key', start: TEN_MB, end: text.length }])
    })
  })
})
