import { LlmSettings } from '../compaction/LlmSettings'
import { ModelSettings } from '../tokens/ModelSettings'

/** The Settings page: each feature's settings in a section of its own. */
export function SettingsPage() {
  return (
    <main className="home-view" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <ModelSettings />
      <LlmSettings />
    </main>
  )
}
