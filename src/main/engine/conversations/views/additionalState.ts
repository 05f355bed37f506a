import type { AdditionalStateView, PlanItemView } from '../../../../shared/model/document'
import { isRecord } from '../index/messageFacts'

/** `additional_state` as `Agent.save_state` writes it: `planning.plan` holds a MARSYS plan with items. */
export function viewAdditionalState(
  present: boolean,
  value: unknown,
  raw: string | null,
): AdditionalStateView {
  if (!present) return { present: false, value: null, raw: null, plan: null }
  const planning = isRecord(value) && isRecord(value.planning) ? value.planning : null
  const plan = planning && isRecord(planning.plan) ? planning.plan : null
  if (!plan) return { present: true, value, raw, plan: null }
  const items: PlanItemView[] = (Array.isArray(plan.items) ? plan.items : [])
    .filter(isRecord)
    .map((item) => ({
      id: String(item.id ?? ''),
      title: String(item.title ?? item.content ?? ''),
      status: String(item.status ?? 'pending'),
      ...(typeof item.content === 'string' ? { content: item.content } : {}),
      ...(item.priority !== undefined ? { priority: item.priority } : {}),
    }))
  return {
    present: true,
    value,
    raw,
    plan: { goal: typeof plan.goal === 'string' ? plan.goal : null, items },
  }
}
