import { MessageRole, SessionStatus } from '../../../../shared/model/langswarm/enums'

export const SESSION_STATUSES: readonly SessionStatus[] = Object.values(SessionStatus)
export const MESSAGE_ROLES: readonly MessageRole[] = Object.values(MessageRole)

export const isStatus = (value: string): value is SessionStatus =>
  (SESSION_STATUSES as readonly string[]).includes(value)
