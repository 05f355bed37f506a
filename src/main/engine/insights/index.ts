/** Insights over plain message lists: analysis, entities, secrets and redaction, suggested actions, a graph. */
export {
  analyzeConversation,
  DEFAULT_THRESHOLD_TOKENS,
  type AnalyzeOptions,
  type ContentIssue,
  type ConversationAnalysis,
} from './analyzeConversation'
export {
  extractEntities,
  type Entity,
  type EntityExtraction,
  type EntityKind,
  type ExtractOptions,
} from './entities'
export {
  extractEntitiesWithLlm,
  llmEntityRequest,
  parseLlmEntities,
  LlmEntityError,
  type EntityLlm,
  type EntityLlmRequest,
} from './llmEntities'
export {
  conversationInsights,
  getInsights,
  type ConversationInsights,
  type Insight,
  type InsightConversation,
  type InsightOptions,
  type InsightType,
  type StoreInsights,
} from './insights'
export {
  applyRedactions,
  redactMessages,
  scanSecrets,
  type RedactionEdit,
  type SecretFinding,
  type SecretScan,
} from './redaction'
export {
  findSecretsInText,
  redactText,
  SECRET_KINDS,
  type SecretKind,
  type SecretMatch,
} from './secretPatterns'
export { suggestActions, type ActionKind, type ActionRun, type SuggestedAction } from './suggestActions'
export {
  buildKnowledgeGraph,
  factsFromMessages,
  type GraphEdge,
  type GraphNode,
  type KgFactAt,
  type KnowledgeGraph,
} from './knowledgeGraph'
export { pairToolCalls, type OrphanResult, type PairedCall, type ToolPairing } from './toolPairing'
export { viewMessages, type MessageView } from './messageView'
