// What console.mjs's steps are made of: the engine over HTTP (what the pages are compared
// with), SQL through psql (what the engine has not seen yet), bounded waiting, and helpers over
// the console's pages (its navigation, forms, the relationship editor, GraphiQL). Settings come
// from the environment, as console.mjs says.

import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { isDeepStrictEqual, promisify } from 'node:util';

export const ACTION_TIMEOUT_MS = 8_000; // a click, a fill, one element to appear, one HTTP call
export const NAVIGATION_TIMEOUT_MS = 15_000; // the first load of the console (and of GraphiQL's chunk)
export const DEADLINE_MS = 150_000; // the whole run (about 15 s on a quiet machine)
export const POLL_MS = 100;
export const POLL_TIMEOUT_MS = 1_000; // one look inside a waitFor loop

export function setting(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`FAIL: ${name} is not set (tests/e2e/test_console_browser.py sets it)`);
    process.exit(2);
  }
  return value;
}

export const ENGINE = setting('CONSOLE_ENGINE_URL');
export const SECRET = setting('CONSOLE_ADMIN_SECRET');
const PSQL = setting('CONSOLE_PSQL');

// ---- the engine over HTTP, for what the pages are compared with ---------------------------------

export async function post(pathname, body) {
  const response = await fetch(ENGINE + pathname, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hasura-Admin-Secret': SECRET },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(ACTION_TIMEOUT_MS),
  });
  return { status: response.status, body: await response.json() };
}

export async function metadataCall(body) {
  const answer = await post('/v1/metadata', body);
  if (answer.status !== 200) {
    throw new Error(
      `${body.type} over HTTP answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}

// The engine's metadata, without the resource_version (which every change moves on).
export async function exportedMetadata() {
  return (await metadataCall({ type: 'export_metadata', version: 2, args: {} })).metadata;
}

export function tableEntry(metadata, source, table) {
  const entries = metadata.sources.find((entry) => entry.name === source)?.tables ?? [];
  return entries.find((entry) => {
    const name = typeof entry.table === 'string' ? entry.table : entry.table.name;
    return name === table;
  });
}

// ---- the databases and the network, behind the engine's back ------------------------------------

// Runs `statements` in the database at `url` through psql (stopping at the first error), as a
// user's own tools would: the engine learns of the change only when it reads the database again.
export async function runSql(url, statements) {
  const args = ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-c', statements, url];
  try {
    await promisify(execFile)(PSQL, args, { timeout: ACTION_TIMEOUT_MS });
  } catch (error) {
    const reason = error.stderr || error.message;
    throw new Error(`psql failed on ${JSON.stringify(statements)}: ${reason}`);
  }
}

// A loopback port nothing listens on (it was free a moment ago): a database there is unreachable.
export async function closedPort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ---- waiting ------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `probe` until it returns a truthy value (returned), or fails after `timeout` saying what
// was awaited and what was last seen.
export async function waitFor(what, probe, timeout = ACTION_TIMEOUT_MS) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message.split('\n')[0] : error;
    }
    if (Date.now() > end) {
      const seen =
        last === undefined || last === false ? '' : ` (last seen: ${JSON.stringify(last)})`;
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${seen}`);
    }
    await sleep(POLL_MS);
  }
}

export async function visible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    throw new Error(`timed out after ${ACTION_TIMEOUT_MS / 1000} s waiting for ${what}`);
  }
  return locator.first();
}

// ---- helpers over the console's pages -----------------------------------------------------------

export const mainNav = (page) => page.getByRole('navigation', { name: 'Main' });

export async function pathIs(page, expected) {
  await waitFor(`the console to show ${expected}`, () => new URL(page.url()).pathname === expected);
}

export async function openNav(page, name, expectedPath) {
  await mainNav(page).getByRole('link', { name, exact: true }).click();
  await pathIs(page, expectedPath);
}

// A <select> found by its label, set to the option whose value or text is `choice` (any case).
// Waits for the option: some selects are text inputs until their choices have loaded.
export async function choose(page, label, choice) {
  const select = page.getByLabel(label, { exact: true });
  const wanted = choice.toLowerCase();
  const value = await waitFor(`"${label}" to offer ${JSON.stringify(choice)}`, async () => {
    const found = await select.evaluate(
      (element) =>
        element.tagName === 'SELECT'
          ? [...element.options].map((option) => ({
              value: option.value,
              text: option.textContent.trim(),
            }))
          : `a <${element.tagName.toLowerCase()}>, not a <select>`,
      undefined,
      { timeout: POLL_TIMEOUT_MS },
    );
    if (!Array.isArray(found)) throw new Error(found);
    const option = found.find(
      (o) => o.value.toLowerCase() === wanted || o.text.toLowerCase() === wanted,
    );
    if (option === undefined) throw new Error(`options ${JSON.stringify(found)}`);
    return { value: option.value };
  });
  await select.selectOption(value.value);
}

// Clicks a form's submit button and waits for the form to close, as the console's forms do once
// the engine has accepted their call; an error the form shows instead fails the step with its text.
export async function submitForm(page, formName, buttonName) {
  const form = page.getByRole('form', { name: formName });
  await form.getByRole('button', { name: buttonName, exact: true }).click();
  await waitFor(`the form "${formName}" to close after "${buttonName}"`, async () => {
    const alert = form.getByRole('alert');
    if ((await alert.count()) > 0) {
      throw new Error(
        `the form shows an error: ${await alert.first().textContent({ timeout: POLL_TIMEOUT_MS })}`,
      );
    }
    return (await form.count()) === 0;
  });
}

// The table's page, through Data → source → table, at one of its tabs.
export async function openTable(page, source, table, tab) {
  await openNav(page, 'Data', '/console/data');
  await page.getByRole('main').getByRole('link', { name: source, exact: true }).click();
  await pathIs(page, `/console/data/${source}`);
  const link = page
    .getByRole('main')
    .getByRole('link', { name: new RegExp(`^(public\\.)?${table}$`) });
  await (await visible(link, `a link to table ${table} on ${source}'s page`)).click();
  await waitFor(`table ${table}'s page`, () =>
    new URL(page.url()).pathname.startsWith(
      `/console/data/${source}/schema/public/tables/${table}`,
    ),
  );
  if (tab !== undefined) await page.getByRole('tab', { name: tab, exact: true }).click();
}

export function relationshipForm(page) {
  return page.locator('form', { has: page.getByLabel('Relationship name', { exact: true }) });
}

// Opens the Add Relationship form of a table's Relationships tab and fills it: the name, the type,
// the target (`filter` typed into To Reference, then the option `target` picked) and the column
// `pairs` ([[ours, theirs], …]; a row is added for each pair after the first).
export async function fillRelationship(page, { name, type, filter, target, pairs }) {
  await page.getByRole('button', { name: 'Add Relationship' }).click();
  await page.getByLabel('Relationship name', { exact: true }).fill(name);
  await choose(page, 'Relationship type', type);
  await page.getByLabel('To Reference', { exact: true }).fill(filter);
  await (
    await visible(
      page.getByRole('option', { name: target, exact: true }),
      `the option "${target}"`,
    )
  ).click();
  for (const [index, [ours, theirs]] of pairs.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Add column pair' }).click();
    await choose(page, `Source column ${index + 1}`, ours);
    await choose(page, `Reference column ${index + 1}`, theirs);
  }
}

export async function previewedCall(page) {
  const preview = await visible(
    page.getByLabel('Metadata call preview', { exact: true }),
    'the metadata call preview',
  );
  const text = await preview.textContent();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`the metadata call preview is not JSON: ${text}`);
  }
}

// GraphiQL's editors are CodeMirror 5 instances; their text is read and set through the instance
// the editor's element carries, which is what a user's typing ends up in.
export async function editorText(page, selector) {
  return page.locator(selector).evaluate((element) => element.CodeMirror.getValue());
}

// Runs `query` in the explorer and checks that the result pane shows what the engine answers the
// same query over HTTP (returned). The wait is for that answer, not for any: the pane may show
// an earlier one until the new one arrives.
export async function runInExplorer(page, query) {
  await openNav(page, 'API', '/console/api');
  const editor = '.graphiql-query-editor .CodeMirror';
  await page.locator(editor).waitFor({ state: 'visible', timeout: NAVIGATION_TIMEOUT_MS });
  await page.locator(editor).evaluate((element, text) => element.CodeMirror.setValue(text), query);
  const expected = (await post('/v1/graphql', { query })).body;
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
  const what = `the result pane to show the engine's answer ${JSON.stringify(expected)}`;
  await waitFor(what, async () => {
    const text = await editorText(page, '.graphiql-response .CodeMirror');
    if (!text.includes('"data"') && !text.includes('"errors"')) return false;
    const shown = JSON.parse(text);
    if (isDeepStrictEqual(shown, expected)) return true;
    throw new Error(`the pane shows ${JSON.stringify(shown)}`);
  });
  return expected;
}

// How GraphiQL's history pane names a query that has no operation name (its formatQuery): the
// lines without comments, joined, with braces spaced out and runs of blanks made one.
export function historyLabel(query) {
  return query
    .split('\n')
    .map((line) => line.replace(/#(.*)/, ''))
    .join(' ')
    .replaceAll('{', ' { ')
    .replaceAll('}', ' } ')
    .replaceAll(/[\s]{2,}/g, ' ')
    .trim();
}

export async function docsFields(page) {
  const content = page.locator('.graphiql-doc-explorer');
  const title =
    (await content
      .locator('.graphiql-doc-explorer-title')
      .textContent()
      .catch(() => '')) ?? '';
  if (title.trim() !== 'query_root') {
    // At the docs' start: follow the query root type's link.
    const root = content
      .locator('div', {
        has: page.locator('.graphiql-doc-explorer-root-type', { hasText: /^query$/ }),
      })
      .locator('a.graphiql-doc-explorer-type-name');
    if ((await root.count()) === 0) return null;
    await root.first().click({ timeout: ACTION_TIMEOUT_MS });
  }
  return content.locator('a.graphiql-doc-explorer-field-name').allTextContents();
}
