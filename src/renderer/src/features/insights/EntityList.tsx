import { useState } from 'react'
import { ENTITY_BUCKETS, type DocumentGraph } from '../../../../shared/domains/insights/model'
import { MessageLinks } from './MessageLinks'

type Bucket = (typeof ENTITY_BUCKETS)[number]

const BUCKET_LABEL: Record<Bucket, string> = {
  people: 'people',
  organizations: 'organisations',
  places: 'places',
  dates: 'dates',
  urls: 'URLs',
  filePaths: 'file paths',
  ids: 'ids',
  topics: 'topics',
}

const KIND_LABEL: Record<string, string> = {
  person: 'person',
  organization: 'organisation',
  place: 'place',
  date: 'date',
  url: 'URL',
  'file-path': 'file path',
  id: 'id',
  topic: 'topic',
}

/** Rows shown at once; the kind filter narrows a long list. */
const SHOWN = 200

/** Every extracted entity — people to ids — with its kind, how often it occurs, and links to its messages. */
export function EntityList({ docId, entities }: { docId: string; entities: DocumentGraph['entities'] }) {
  const [bucket, setBucket] = useState<Bucket | 'all'>('all')
  const all = ENTITY_BUCKETS.flatMap((b) => entities[b])
  const rows = bucket === 'all' ? all : entities[bucket]
  return (
    <section className="insight-section entity-list" aria-label="Entities">
      <h4>Entities</h4>
      {all.length === 0 ? (
        <p className="muted">No entities found.</p>
      ) : (
        <>
          <label className="entity-filter">
            Kind{' '}
            <select value={bucket} onChange={(event) => setBucket(event.target.value as Bucket | 'all')}>
              <option value="all">all ({all.length})</option>
              {ENTITY_BUCKETS.filter((b) => entities[b].length > 0).map((b) => (
                <option key={b} value={b}>
                  {BUCKET_LABEL[b]} ({entities[b].length})
                </option>
              ))}
            </select>
          </label>
          <table className="data-table insight-table" aria-label="Entities by kind">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Entity</th>
                <th scope="col">Count</th>
                <th scope="col">Messages</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN).map((entity) => (
                <tr key={`${entity.kind}:${entity.key}`}>
                  <td>{KIND_LABEL[entity.kind] ?? entity.kind}</td>
                  <td>
                    <span className="entity-text">{entity.text}</span>
                    {entity.source === 'llm' ? (
                      <>
                        {' '}
                        <span className="chip" title="Found by the LLM only">
                          LLM
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{entity.occurrences}</td>
                  <td>
                    <MessageLinks docId={docId} indices={entity.messageIndices} max={6} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > SHOWN ? (
            <p className="muted">{rows.length - SHOWN} more not shown: choose a kind to narrow the list.</p>
          ) : null}
          {entities.nlp.charsSkipped > 0 ? (
            <p className="muted">
              Names, places and topics come from the first {entities.nlp.charsRead.toLocaleString()}{' '}
              characters;
              {` ${entities.nlp.charsSkipped.toLocaleString()}`} were not read.
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}
