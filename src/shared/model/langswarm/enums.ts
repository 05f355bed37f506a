import { z } from 'zod'
import { ValidationError } from './errors'

/** Message roles aligned with LLM provider conventions (the Python enum's values). */
export const MessageRole = {
  USER: 'user',
  ASSISTANT: 'assistant',
  SYSTEM: 'system',
  FUNCTION: 'function',
  TOOL: 'tool',
} as const
export const messageRoleSchema = z.enum(MessageRole)
export type MessageRole = z.infer<typeof messageRoleSchema>

export const SessionStatus = {
  ACTIVE: 'active',
  PAUSED: 'paused',
  COMPLETED: 'completed',
  ARCHIVED: 'archived',
  EXPIRED: 'expired',
} as const
export const sessionStatusSchema = z.enum(SessionStatus)
export type SessionStatus = z.infer<typeof sessionStatusSchema>

export const MemoryBackendType = {
  IN_MEMORY: 'in_memory',
  SQLITE: 'sqlite',
  REDIS: 'redis',
  POSTGRES: 'postgres',
  MONGODB: 'mongodb',
  CHROMADB: 'chromadb',
  QDRANT: 'qdrant',
  BIGQUERY: 'bigquery',
  ELASTICSEARCH: 'elasticsearch',
  MEMORY_PRO: 'memory_pro',
} as const
export type MemoryBackendType = (typeof MemoryBackendType)[keyof typeof MemoryBackendType]

/**
 * The seed has no member for a JSON-file store, so this port's lowdb backend reports `json_file`. Everything
 * that accepts a backend type accepts the seed's values plus this one.
 */
export const JSON_FILE_BACKEND = 'json_file'
export const backendKindSchema = z.enum([...Object.values(MemoryBackendType), JSON_FILE_BACKEND])
export type BackendKind = z.infer<typeof backendKindSchema>

const MESSAGE_ROLES: readonly string[] = Object.values(MessageRole)
const SESSION_STATUSES: readonly string[] = Object.values(SessionStatus)

export const isMessageRole = (value: unknown): value is MessageRole =>
  typeof value === 'string' && MESSAGE_ROLES.includes(value)

export const isSessionStatus = (value: unknown): value is SessionStatus =>
  typeof value === 'string' && SESSION_STATUSES.includes(value)

export function parseMessageRole(value: unknown, path = 'role'): MessageRole {
  if (isMessageRole(value)) return value
  throw new ValidationError(
    `${path} must be one of ${MESSAGE_ROLES.join(', ')}; got ${JSON.stringify(value)}`,
    { path },
  )
}

export function parseSessionStatus(value: unknown, path = 'status'): SessionStatus {
  if (isSessionStatus(value)) return value
  throw new ValidationError(
    `${path} must be one of ${SESSION_STATUSES.join(', ')}; got ${JSON.stringify(value)}`,
    {
      path,
    },
  )
}
