// Metadata as a whole: export it to a file, import (replace) it from one, reload it (sources and
// remote schemas read again), and the objects the engine cannot serve, with a way to drop them.
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';

import { describeError, metadataCall } from '../api';
import { ActionButton, ErrorMessage, ListHead, Loading, StatusMessage } from '../components';
import { useAction } from '../hooks';
import { useMetadata } from '../metadata';

const EXPORT_FILE_NAME = 'junction-metadata.json';

// Saves `text` as a file the way a browser downloads one: a Blob URL behind an <a download>.
function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; releasing it later is only tidiness.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// The metadata a file holds: a bare metadata object (export_metadata's answer), or the
// {resource_version, metadata} of export_metadata version 2.
function metadataOfFile(parsed: unknown): object {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('The file does not hold a metadata object (its JSON is not an object).');
  }
  const record = parsed as Record<string, unknown>;
  if ('resource_version' in record && 'metadata' in record) {
    const inner = record.metadata;
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
      throw new Error('The file\'s "metadata" is not an object.');
    }
    return inner;
  }
  return record;
}

export function MetadataPage() {
  const { metadata, inconsistencies, error, refresh } = useMetadata();
  const [status, setStatus] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const importing = useAction();
  const fileInput = useRef<HTMLInputElement>(null);

  // A new action starts: what the last one said no longer applies.
  function startAction() {
    setStatus(null);
    importing.setError(null);
  }

  async function afterChange(message: string) {
    setStatus(message);
    await refresh();
  }

  // The metadata in `file`, or null (with the reason shown) when it holds none.
  async function readFile(chosen: File): Promise<object | null> {
    try {
      const text = await chosen.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (failure) {
        throw new Error(`${chosen.name} is not valid JSON: ${describeError(failure)}`);
      }
      return metadataOfFile(parsed);
    } catch (failure) {
      importing.setError(failure);
      return null;
    }
  }

  async function importFile(event: FormEvent) {
    event.preventDefault();
    startAction();
    if (file === null) {
      importing.setError(new Error('Choose a metadata file to import first.'));
      return;
    }
    const imported = await readFile(file);
    if (imported === null) return;
    if (!window.confirm(`Replace all of the engine's metadata with ${file.name}?`)) return;
    await importing.run(async () => {
      await metadataCall('replace_metadata', { metadata: imported });
      if (fileInput.current !== null) fileInput.current.value = '';
      setFile(null);
      await afterChange('Metadata imported');
    });
  }

  return (
    <div className="metadata-page">
      <h1>Metadata</h1>
      <StatusMessage text={status} />

      <section className="card" aria-labelledby="metadata-export">
        <h2 id="metadata-export">Export and reload</h2>
        <div className="row">
          <ActionButton
            label="Export metadata"
            action={async () => {
              startAction();
              const exported = await metadataCall('export_metadata');
              download(JSON.stringify(exported, null, 2) + '\n', EXPORT_FILE_NAME);
              setStatus(`Metadata exported to ${EXPORT_FILE_NAME}`);
            }}
          />
          <ActionButton
            label="Reload metadata"
            action={async () => {
              startAction();
              await metadataCall('reload_metadata', {
                reload_sources: true,
                reload_remote_schemas: true,
              });
              await afterChange('Metadata reloaded');
            }}
          />
        </div>
      </section>

      <form className="card" onSubmit={importFile} aria-labelledby="metadata-import">
        <h2 id="metadata-import">Import</h2>
        <p className="muted">
          Replaces all of the engine's metadata with a file written by Export metadata (or by
          Hasura's export).
        </p>
        <label>
          Metadata file to import
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              importing.setError(null);
              setFile(event.target.files?.[0] ?? null);
            }}
          />
        </label>
        <ErrorMessage error={importing.error} />
        <button type="submit" className="primary" disabled={importing.busy}>
          Import metadata
        </button>
      </form>

      <section aria-labelledby="metadata-inconsistent">
        <h2 id="metadata-inconsistent">Inconsistent objects</h2>
        {metadata === null ? (
          <Loading error={error} />
        ) : inconsistencies.length === 0 ? (
          <p>No inconsistent objects</p>
        ) : (
          <>
            <table className="list" aria-label="Inconsistent objects">
              <ListHead columns={['Type', 'Name', 'Reason']} />
              <tbody>
                {inconsistencies.map((object, index) => (
                  <tr key={`${object.type} ${object.name} ${index}`}>
                    <td>{object.type}</td>
                    <td>{object.name}</td>
                    <td>
                      {object.reason}
                      {object.message !== undefined ? (
                        <div className="muted">{object.message}</div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <ActionButton
                label="Drop inconsistent objects"
                className="danger"
                confirm="Remove every inconsistent object from the metadata?"
                action={async () => {
                  startAction();
                  await metadataCall('drop_inconsistent_metadata');
                  await afterChange('Inconsistent objects dropped');
                }}
              />
            </p>
          </>
        )}
      </section>
    </div>
  );
}
