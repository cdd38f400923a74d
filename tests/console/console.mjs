// The console's browser test: Debian's chromium, driven by playwright-core, through the console's
// pages against a real engine (started by tests/e2e/test_console_browser.py with an admin secret,
// two Postgres databases and the fixtures' "users" GraphQL server; a second engine has a JWT
// secret as well, for signing in there). Each step prints a line when
// it passes and leaves a numbered screenshot (01-sign-in.png, …); the first step that fails ends
// the run with status 1 and a message saying what was expected (its screenshot is
// NN-<step>-FAILED.png).
//
//   CONSOLE_ENGINE_URL            http://127.0.0.1:PORT, the engine serving the console
//   CONSOLE_ADMIN_SECRET          its admin secret
//   CONSOLE_JWT_ENGINE_URL        another engine with the same admin secret and a JWT secret
//   CONSOLE_DEFAULT_DATABASE_URL  a database holding public."order" (id, user_id, product)
//   CONSOLE_PG2_DATABASE_URL      a database holding public."user" (id, name)
//   CONSOLE_USERS_REMOTE_URL      the "users" GraphQL server (tests/e2e/remote_graphql/users.mjs)
//   CONSOLE_PSQL                  psql, to change the databases behind the engine's back
//   CONSOLE_SCREENSHOT_DIR        where the screenshots go
//
// Every wait is bounded: each action and check by ACTION_TIMEOUT_MS, the whole run by
// DEADLINE_MS, after which chromium is closed and the run fails. chromium is closed on every way
// out.
//
// The console keeps the admin secret in the page's memory only (unless "Remember on this device"
// is ticked), so the run moves between pages by clicking the console's own links, as a user
// would; a page.goto() after signing in would land on the sign-in page again.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { chromium } from 'playwright-core';

import {
  ACTION_TIMEOUT_MS,
  NAVIGATION_TIMEOUT_MS,
  DEADLINE_MS,
  POLL_TIMEOUT_MS,
  setting,
  ENGINE,
  SECRET,
  post,
  metadataCall,
  exportedMetadata,
  tableEntry,
  waitFor,
  visible,
  mainNav,
  pathIs,
  openNav,
  choose,
  submitForm,
  openTable,
  relationshipForm,
  fillRelationship,
  previewedCall,
  runInExplorer,
  editorText,
  historyLabel,
  docsFields,
  runSql,
  closedPort,
} from './support.mjs';
import {
  defineRemoteSchemaSteps,
  NAMESPACED_QUERY,
  TO_REMOTE_QUERY,
} from './remote_schema_steps.mjs';

const DATABASES = [
  { name: 'default', url: setting('CONSOLE_DEFAULT_DATABASE_URL'), table: 'order' },
  { name: 'pg2', url: setting('CONSOLE_PG2_DATABASE_URL'), table: 'user' },
];
const JWT_ENGINE = setting('CONSOLE_JWT_ENGINE_URL');
const SCREENSHOTS = setting('CONSOLE_SCREENSHOT_DIR');

// The remote relationship of the example, as the metadata API takes it: what the
// Relationships tab's form must preview and send.
const SEED_CALL = {
  type: 'pg_create_remote_relationship',
  args: {
    name: 'user',
    source: 'default',
    table: 'order',
    definition: {
      to_source: {
        relationship_type: 'object',
        source: 'pg2',
        table: 'user',
        field_mapping: { user_id: 'id' },
      },
    },
  },
};
const JOIN_QUERY = 'query { order(order_by: {id: asc}) { id user { id name } } }';
const ORDER_USER = { filter: 'user', target: 'pg2 / public.user' };

// A table the database gets in the middle of the run (the engine sees it after a reload), and an
// array relationship to it joined on two column pairs: an order's lines of its own product.
const ORDER_LINE_SQL = `
CREATE TABLE order_line (order_id int, product text);
INSERT INTO order_line VALUES (1, 'Teapot'), (1, 'Lid'), (2, 'Kettle'), (3, 'Cups'), (3, 'Saucers');
`;
const TWO_PAIRS = { id: 'order_id', product: 'product' };
const LINES_CALL = {
  type: 'pg_create_array_relationship',
  args: {
    name: 'lines',
    source: 'default',
    table: 'order',
    using: { manual_configuration: { remote_table: 'order_line', column_mapping: TWO_PAIRS } },
  },
};
const LINES_QUERY = 'query { order(order_by: {id: asc}) { id lines { product } } }';

// A relationship of the export, as [name, the table it reaches, its column mapping]: the engine
// writes a manual configuration's table in its own form ({"schema", "name"}).
function describeManual(relationship) {
  const manual = relationship.using?.manual_configuration;
  const table = manual?.remote_table;
  return [relationship.name, table?.name ?? table, manual?.column_mapping];
}


// ---- the run ------------------------------------------------------------------------------------

let browser = null;
const started = Date.now();

async function closeBrowser() {
  const open = browser;
  browser = null;
  if (open !== null) await open.close().catch(() => {});
}

const deadline = setTimeout(() => {
  console.error(`FAIL: the run passed its deadline of ${DEADLINE_MS / 1000} s`);
  void closeBrowser().finally(() => process.exit(1));
}, DEADLINE_MS);

// What the page did that it should not: uncaught exceptions and console.log output (the console
// writes nothing there), and every URL it requested or navigated to (none may hold the secret).
const pageErrors = [];
const consoleLogs = [];
const urlsVisited = [];

function checkPageHealth() {
  assert.deepEqual(pageErrors, [], 'the page threw uncaught exceptions');
  assert.deepEqual(consoleLogs, [], 'the page wrote to console.log');
  const leaked = urlsVisited.filter(
    (url) => url.includes(SECRET) || url.includes(encodeURIComponent(SECRET)),
  );
  assert.deepEqual(leaked, [], 'the admin secret appeared in a URL');
}

const steps = [];
function step(slug, title, run) {
  steps.push({ slug, title, run });
}

// Each step takes its screenshot where it calls shot(), or at its end when it did not.
async function runSteps(page) {
  for (const [index, { slug, title, run }] of steps.entries()) {
    const number = String(index + 1).padStart(2, '0');
    const stepStarted = Date.now();
    let shotTaken = false;
    const shot = async () => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${number}-${slug}.png`) });
      shotTaken = true;
    };
    try {
      await run(page, shot);
      checkPageHealth();
      if (!shotTaken) await shot();
    } catch (error) {
      await page
        .screenshot({ path: path.join(SCREENSHOTS, `${number}-${slug}-FAILED.png`) })
        .catch(() => {});
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`step ${number} (${title}) failed at ${page.url()}:\n${message}`);
    }
    const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
    console.log(`ok ${number} ${title} (${seconds} s)`);
  }
}

// ---- the steps ----------------------------------------------------------------------------------

step('sign-in', 'sign in with the admin secret', async (page, shot) => {
  await page.goto(`${ENGINE}/console`, { timeout: NAVIGATION_TIMEOUT_MS });
  await visible(page.getByRole('heading', { name: 'Sign in' }), 'the "Sign in" page');
  const secretInput = page.getByLabel('Admin secret', { exact: true });
  assert.equal(
    await secretInput.getAttribute('type'),
    'password',
    'the admin secret field is a password field',
  );

  await secretInput.fill('not-the-admin-secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('alert'), 'an error (role alert) for a wrong admin secret');
  await secretInput.fill(SECRET);
  // The input is uncontrolled: its value is a property only, never mirrored into an attribute.
  assert.equal(
    await secretInput.getAttribute('value'),
    null,
    'the secret field has no value attribute',
  );
  assert.ok(!(await page.content()).includes(SECRET), 'the admin secret is in the DOM as typed');
  await shot();

  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitFor("the console's navigation after signing in", async () => {
    const alert = page.getByRole('alert');
    if (
      (await alert.count()) > 0 &&
      !(await page.getByRole('button', { name: 'Sign in' }).isDisabled())
    ) {
      throw new Error(
        `the sign-in page shows: ${await alert.first().textContent({ timeout: POLL_TIMEOUT_MS })}`,
      );
    }
    return mainNav(page).isVisible();
  });
  await pathIs(page, '/console/api');
  assert.ok(
    !(await page.content()).includes(SECRET),
    'the admin secret is in the DOM after signing in',
  );
  const stored = await page.evaluate(() =>
    JSON.stringify({ ...window.localStorage, ...window.sessionStorage }),
  );
  assert.ok(
    !stored.includes(SECRET),
    'the admin secret was stored although "Remember on this device" was not ticked',
  );
});

step('sources', 'connect the two databases in Data', async (page) => {
  await openNav(page, 'Data', '/console/data');
  for (const database of DATABASES) {
    await page.getByRole('button', { name: 'Connect Database' }).click();
    await page.getByLabel('Database name', { exact: true }).fill(database.name);
    await choose(page, 'Database kind', 'postgres');
    await page.getByLabel('Database URL', { exact: true }).fill(database.url);
    await submitForm(page, 'Connect Database', 'Add source');
    await visible(
      page.getByRole('main').getByRole('link', { name: database.name, exact: true }),
      `a link to the new source ${database.name}`,
    );
  }
  const metadata = await exportedMetadata();
  assert.deepEqual(
    metadata.sources.map((source) => [source.name, source.kind]),
    [
      ['default', 'postgres'],
      ['pg2', 'postgres'],
    ],
    'the sources in the engine',
  );
});

step('track-tables', 'track order on default and user on pg2', async (page, shot) => {
  for (const database of DATABASES) {
    await openNav(page, 'Data', '/console/data');
    await page.getByRole('main').getByRole('link', { name: database.name, exact: true }).click();
    await pathIs(page, `/console/data/${database.name}`);
    const track = await visible(
      page.getByRole('button', { name: `Track public.${database.table}`, exact: true }),
      `the button "Track public.${database.table}"`,
    );
    if (database.name === 'default') await shot(); // the database's page before tracking
    await track.click();
    await waitFor(`${database.table} to be tracked in the engine`, async () =>
      tableEntry(await exportedMetadata(), database.name, database.table),
    );
    await visible(
      page
        .getByRole('main')
        .getByRole('link', { name: new RegExp(`^(public\\.)?${database.table}$`) }),
      `a link to the tracked table ${database.table}`,
    );
  }
});

step('relationship', 'add the remote relationship order.user', async (page, shot) => {
  await openTable(page, 'default', 'order', 'Relationships');
  await fillRelationship(page, {
    name: 'user',
    type: 'object',
    ...ORDER_USER,
    pairs: [['user_id', 'id']],
  });
  // The very call of the seed document, key order included (the engine keeps the order it is
  // given, and exports it).
  assert.equal(
    JSON.stringify(await previewedCall(page)),
    JSON.stringify(SEED_CALL),
    'the metadata call preview',
  );
  await shot();
  await submitForm(page, 'Add Relationship', 'Create Relationship');
  await visible(
    page.getByRole('cell', { name: 'user', exact: true }),
    'the new relationship "user" in the list',
  );

  // What the console created is what the seed's call creates.
  const fromConsole = await exportedMetadata();
  assert.ok(
    tableEntry(fromConsole, 'default', 'order')?.remote_relationships?.length === 1,
    'one remote relationship on order',
  );
  await metadataCall({
    type: 'pg_delete_remote_relationship',
    args: { source: 'default', table: 'order', name: 'user' },
  });
  await metadataCall(SEED_CALL);
  assert.equal(
    JSON.stringify(await exportedMetadata()),
    JSON.stringify(fromConsole),
    "the metadata after the console's relationship vs after the seed's call",
  );
});

step('relationship-error', "a bad mapping shows the engine's error in the form", async (page) => {
  await fillRelationship(page, {
    name: 'bad',
    type: 'object',
    ...ORDER_USER,
    pairs: [['product', 'id']],
  });
  const call = await previewedCall(page);
  await page.getByRole('button', { name: 'Create Relationship' }).click();
  const alert = await visible(
    relationshipForm(page).getByRole('alert'),
    'an error (role alert) inside the relationship form',
  );
  const shown = await alert.textContent();

  const answer = await post('/v1/metadata', call);
  assert.equal(
    answer.status,
    400,
    `the same call over HTTP answers 400: ${JSON.stringify(answer.body)}`,
  );
  assert.ok(
    shown.includes(answer.body.error),
    `the form shows ${JSON.stringify(shown)}, the engine says ${JSON.stringify(answer.body.error)}`,
  );
  assert.equal(
    tableEntry(await exportedMetadata(), 'default', 'order').remote_relationships.length,
    1,
    'no relationship "bad"',
  );
});

step('reload-source', 'a table created in the database shows after Reload', async (page, shot) => {
  await openNav(page, 'Data', '/console/data');
  await page.getByRole('main').getByRole('link', { name: 'default', exact: true }).click();
  await pathIs(page, '/console/data/default');
  await visible(
    page.getByText('Every table of this database is tracked.'),
    'the words "Every table of this database is tracked."',
  );
  // Created behind the engine's back: it lists the tables as it last read them until a reload.
  await runSql(DATABASES[0].url, ORDER_LINE_SQL);
  await page.getByRole('button', { name: 'Reload default', exact: true }).click();
  await visible(
    page.getByRole('status').getByText('Database default reloaded'),
    'the words "Database default reloaded"',
  );
  const track = await visible(
    page.getByRole('button', { name: 'Track public.order_line', exact: true }),
    'the new table order_line among the untracked tables',
  );
  await shot();
  await track.click();
  await waitFor('order_line to be tracked in the engine', async () =>
    tableEntry(await exportedMetadata(), 'default', 'order_line'),
  );
});

step('two-pairs', 'an array relationship joined on two column pairs', async (page, shot) => {
  await openTable(page, 'default', 'order', 'Relationships');
  await fillRelationship(page, {
    name: 'lines',
    type: 'array',
    filter: 'order_line',
    target: 'default / public.order_line',
    pairs: Object.entries(TWO_PAIRS),
  });
  assert.deepEqual(await previewedCall(page), LINES_CALL, 'the metadata call preview');
  await shot();
  await submitForm(page, 'Add Relationship', 'Create Relationship');
  const row = page.getByRole('row').filter({
    has: page.getByRole('cell', { name: 'lines', exact: true }),
  });
  await visible(
    row.getByRole('cell', { name: 'id → order_id, product → product', exact: true }),
    'the relationship "lines" listed with both pairs',
  );
  const arrays = tableEntry(await exportedMetadata(), 'default', 'order')?.array_relationships;
  assert.deepEqual(
    arrays?.map(describeManual),
    [['lines', 'order_line', TWO_PAIRS]],
    "order's array relationships in the engine",
  );
  // The engine joins on both: order 1's lines of its own product only.
  const answer = (await post('/v1/graphql', { query: LINES_QUERY })).body;
  assert.deepEqual(
    answer.data?.order?.map((order) => order.lines.map((line) => line.product)),
    [['Teapot'], ['Kettle'], ['Cups'], []],
    `the engine's answer to ${LINES_QUERY}: ${JSON.stringify(answer)}`,
  );
});

step('edit-relationship', 'rename the relationship lines to line_items', async (page, shot) => {
  await page.getByRole('button', { name: 'Edit lines', exact: true }).click();
  const form = await visible(
    page.getByRole('form', { name: 'Edit Relationship lines' }),
    'the form "Edit Relationship lines"',
  );
  // The editor opens with both pairs.
  for (const [index, [ours, theirs]] of Object.entries(TWO_PAIRS).entries()) {
    const number = index + 1;
    const source = form.getByLabel(`Source column ${number}`, { exact: true });
    const reference = form.getByLabel(`Reference column ${number}`, { exact: true });
    assert.equal(await source.inputValue(), ours, `source column ${number} in the editor`);
    assert.equal(await reference.inputValue(), theirs, `reference column ${number} in the editor`);
  }
  await form.getByLabel('Relationship name', { exact: true }).fill('line_items');
  // A local relationship is renamed by dropping it and creating the new one, in one bulk.
  const renamed = { ...LINES_CALL, args: { ...LINES_CALL.args, name: 'line_items' } };
  assert.deepEqual(
    await previewedCall(page),
    {
      type: 'bulk',
      args: [
        {
          type: 'pg_drop_relationship',
          args: { source: 'default', table: 'order', relationship: 'lines' },
        },
        renamed,
      ],
    },
    'the metadata call preview',
  );
  await shot();
  await submitForm(page, 'Edit Relationship lines', 'Save Relationship');
  await visible(
    page.getByRole('cell', { name: 'line_items', exact: true }),
    'the relationship "line_items" in the list',
  );
  assert.equal(
    await page.getByRole('cell', { name: 'lines', exact: true }).count(),
    0,
    'the relationship "lines" is no longer listed',
  );
  const arrays = tableEntry(await exportedMetadata(), 'default', 'order')?.array_relationships;
  assert.deepEqual(
    arrays?.map(describeManual),
    [['line_items', 'order_line', TWO_PAIRS]],
    "order's array relationships in the engine",
  );
});

step('delete-relationship', 'delete the relationship line_items', async (page) => {
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete line_items', exact: true }).click();
  await waitFor(
    'the relationship "line_items" to leave the list',
    async () => (await page.getByRole('cell', { name: 'line_items', exact: true }).count()) === 0,
  );
  await visible(
    page.getByRole('cell', { name: 'user', exact: true }),
    'the relationship "user", still listed',
  );
  const entry = tableEntry(await exportedMetadata(), 'default', 'order');
  assert.deepEqual(
    entry?.array_relationships ?? [],
    [],
    "order's array relationships in the engine",
  );
  assert.deepEqual(
    entry?.remote_relationships?.map((relationship) => relationship.name),
    ['user'],
    "order's remote relationships in the engine",
  );
});

step('explorer', 'run a query joining the two databases in the explorer', async (page) => {
  const expected = await runInExplorer(page, JOIN_QUERY);
  assert.ok(
    expected.data?.order?.length === 4 && expected.data.order[0].user?.name === 'Ada',
    `the engine's own answer: ${JSON.stringify(expected)}`,
  );
  const timing = page.getByRole('status', { name: 'Response time' });
  await waitFor('the response time', async () => /\d/.test((await timing.textContent()) ?? ''));
});

// The remote schema's steps (remote_schema_steps.mjs): add it, relationships both ways, reload.
defineRemoteSchemaSteps(step);

step('history', "the explorer's history lists the queries run", async (page, shot) => {
  await openNav(page, 'API', '/console/api');
  const showHistory = page.getByRole('button', { name: 'Show History' });
  await (await visible(showHistory, 'the "Show History" button')).click();
  const items = page.locator('.graphiql-history-item-label');
  for (const query of [JOIN_QUERY, NAMESPACED_QUERY, TO_REMOTE_QUERY]) {
    await visible(
      items.filter({ hasText: historyLabel(query) }),
      `${JSON.stringify(query)} in the history`,
    );
  }
  // Picking one puts it back in the editor.
  await items.filter({ hasText: historyLabel(JOIN_QUERY) }).first().click();
  await waitFor(
    'the picked query in the editor',
    async () => (await editorText(page, '.graphiql-query-editor .CodeMirror')) === JOIN_QUERY,
  );
  await shot();
  await page.getByRole('button', { name: 'Hide History' }).click();
});

step('permissions', 'a select permission for role user on order', async (page, shot) => {
  await openTable(page, 'default', 'order', 'Permissions');
  await page.getByLabel('New role', { exact: true }).fill('user');
  await page.getByRole('button', { name: 'Add role' }).click();
  await page.getByRole('button', { name: 'Edit select permission for user' }).click();
  await page.getByLabel('All columns', { exact: true }).check();
  await page.getByLabel('Row filter', { exact: true }).fill('{}');
  await shot();
  await submitForm(page, 'Select permission for user', 'Save Permissions');
  const permission = await waitFor('the select permission in the engine', async () =>
    tableEntry(await exportedMetadata(), 'default', 'order')?.select_permissions?.find(
      (p) => p.role === 'user',
    ),
  );
  const columns = permission.permission.columns;
  assert.ok(
    columns === '*' || [...columns].sort().join() === 'id,product,user_id',
    `the permission's columns: ${JSON.stringify(columns)}`,
  );
  assert.deepEqual(permission.permission.filter, {}, "the permission's row filter");
});

step('role-switch', "the explorer as role user shows only user's schema", async (page) => {
  await openNav(page, 'API', '/console/api');
  // GraphiQL remembers (in localStorage) whether its docs were open.
  const showDocs = page.getByRole('button', { name: 'Show Documentation Explorer' });
  const hideDocs = page.getByRole('button', { name: 'Hide Documentation Explorer' });
  await visible(showDocs.or(hideDocs), "GraphiQL's docs button");
  if (await showDocs.isVisible()) await showDocs.click();
  await waitFor('order and user in the docs as admin', async () => {
    const fields = await docsFields(page);
    return fields?.includes('order') && fields.includes('user');
  });
  await page.getByLabel('Role', { exact: true }).fill('user');
  await waitFor('the docs as role user to list order but not user', async () => {
    const fields = await docsFields(page);
    return fields?.includes('order') && !fields.includes('user');
  });
});

step('metadata', 'export, reload and import the metadata', async (page) => {
  await openNav(page, 'Metadata', '/console/metadata');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: ACTION_TIMEOUT_MS }),
    page.getByRole('button', { name: 'Export metadata' }).click(),
  ]);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  const engine = await exportedMetadata();
  assert.deepEqual(
    exported.metadata ?? exported,
    engine,
    'the downloaded metadata vs export_metadata',
  );
  await page.getByRole('button', { name: 'Reload metadata' }).click();
  await visible(
    page.getByRole('status').getByText('Metadata reloaded'),
    'the words "Metadata reloaded"',
  );
  await visible(page.getByText('No inconsistent objects'), 'the words "No inconsistent objects"');

  // Importing the exported file (after the page's "Replace all …?" confirmation) changes nothing.
  await page.getByLabel('Metadata file to import', { exact: true }).setInputFiles(file);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Import metadata' }).click();
  await visible(
    page.getByRole('status').getByText('Metadata imported'),
    'the words "Metadata imported"',
  );
  assert.deepEqual(await exportedMetadata(), engine, 'the metadata after importing its own export');
});

step('inconsistent', 'drop an inconsistent object from the metadata page', async (page, shot) => {
  // A database the engine cannot reach, put in the metadata as replace_metadata allows.
  const before = await exportedMetadata();
  const offlineUrl = `postgres://postgres@127.0.0.1:${await closedPort()}/offline`;
  await metadataCall({
    type: 'replace_metadata',
    args: {
      allow_inconsistent_metadata: true,
      metadata: {
        ...before,
        sources: [
          ...before.sources,
          {
            name: 'offline',
            kind: 'postgres',
            tables: [],
            configuration: { connection_info: { database_url: offlineUrl } },
          },
        ],
      },
    },
  });
  const report = await metadataCall({ type: 'get_inconsistent_metadata', args: {} });
  assert.equal(
    report.inconsistent_objects?.length,
    1,
    `the engine's report: ${JSON.stringify(report)}`,
  );
  const [object] = report.inconsistent_objects;

  // The page learns of it when it reads the metadata again.
  await openNav(page, 'Metadata', '/console/metadata');
  await page.getByRole('button', { name: 'Reload metadata' }).click();
  await visible(
    page.getByRole('status').getByText('Metadata reloaded'),
    'the words "Metadata reloaded"',
  );
  const listed = page.getByRole('table', { name: 'Inconsistent objects' }).getByRole('row');
  await visible(
    listed.filter({ hasText: object.reason }),
    `the inconsistent object listed with the engine's reason ${JSON.stringify(object.reason)}`,
  );
  await shot();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Drop inconsistent objects' }).click();
  await visible(
    page.getByRole('status').getByText('Inconsistent objects dropped'),
    'the words "Inconsistent objects dropped"',
  );
  await visible(page.getByText('No inconsistent objects'), 'the words "No inconsistent objects"');
  assert.deepEqual(await exportedMetadata(), before, 'the metadata after dropping "offline"');
});

step('remember', 'the secret lives in memory unless remembered', async (page, shot) => {
  // Reloading forgets a secret kept in memory only.
  await page.reload({ timeout: NAVIGATION_TIMEOUT_MS });
  await visible(
    page.getByRole('heading', { name: 'Sign in' }),
    'the "Sign in" page after a reload',
  );
  // Remembered, it survives a reload (in localStorage, never in a URL).
  await page.getByLabel('Admin secret', { exact: true }).fill(SECRET);
  await page.getByLabel('Remember on this device', { exact: true }).check();
  await shot();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(mainNav(page), "the console's navigation after signing in");
  await page.reload({ timeout: NAVIGATION_TIMEOUT_MS });
  await visible(mainNav(page), 'the console, still signed in after a reload');
  // Signing out forgets it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible(
    page.getByRole('heading', { name: 'Sign in' }),
    'the "Sign in" page after signing out',
  );
  const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }));
  assert.ok(!stored.includes(SECRET), 'the admin secret is still stored after signing out');
});

step('jwt', 'an engine with JWT too asks for the admin secret', async (page, shot) => {
  // Without credentials it answers invalid-headers (no Authorization header), not access-denied:
  // the console must still see an engine that wants signing in. Opened by the app's file name,
  // which leads to the explorer.
  await page.goto(`${JWT_ENGINE}/console/index.html`, { timeout: NAVIGATION_TIMEOUT_MS });
  await visible(page.getByRole('heading', { name: 'Sign in' }), 'the "Sign in" page');
  await page.getByLabel('Admin secret', { exact: true }).fill(SECRET);
  await shot();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(mainNav(page), "the console's navigation after signing in");
  await pathIs(page, '/console/api');
  await openNav(page, 'Data', '/console/data');
  await visible(page.getByText('No database is connected yet.'), "the JWT engine's Data page");
  // Back to the first engine, signed out there (the secret was not remembered).
  await page.goto(`${ENGINE}/console`, { timeout: NAVIGATION_TIMEOUT_MS });
  await visible(
    page.getByRole('heading', { name: 'Sign in' }),
    `the "Sign in" page of ${ENGINE}`,
  );
});

step('unreachable', 'an engine that cannot be reached, then can', async (page, shot) => {
  // The browser's own network failure for every metadata call, as when the engine is down.
  const refuse = (route) => route.abort('connectionrefused');
  await page.route('**/v1/metadata', refuse);
  await page.reload({ timeout: NAVIGATION_TIMEOUT_MS });
  await visible(
    page.getByRole('heading', { name: 'Cannot reach the engine' }),
    'the "Cannot reach the engine" page',
  );
  await visible(page.getByRole('alert'), 'the reason, as an alert');
  await shot();
  await page.unroute('**/v1/metadata', refuse);
  await page.getByRole('button', { name: 'Try again' }).click();
  await visible(
    page.getByRole('heading', { name: 'Sign in' }),
    'the "Sign in" page once the engine answers',
  );
});

step('stalled', 'an engine that does not answer', async (page, shot) => {
  // The page's clock is Playwright's from here on (AbortSignal.timeout included), so the sign-in
  // probe's 10 s pass at once.
  await page.clock.install();
  const stalled = [];
  const stall = (route) => void stalled.push(route); // never answered
  await page.route('**/v1/metadata', stall);
  await page.reload({ timeout: NAVIGATION_TIMEOUT_MS });
  await visible(
    page.getByText('Connecting to the engine…'),
    'the words "Connecting to the engine…"',
  );
  await waitFor('the sign-in probe to be sent', () => stalled.length > 0);
  await page.clock.fastForward(10_000);
  await visible(
    page.getByRole('heading', { name: 'Cannot reach the engine' }),
    'the "Cannot reach the engine" page after 10 s',
  );
  const reason = await (await visible(page.getByRole('alert'), 'the reason')).textContent();
  assert.match(reason, /did not answer within 10 s/, 'the reason shown');
  await shot();
  await page.unroute('**/v1/metadata', stall);
  await page.getByRole('button', { name: 'Try again' }).click();
  await visible(
    page.getByRole('heading', { name: 'Sign in' }),
    'the "Sign in" page once the engine answers',
  );
});

// ---- main ---------------------------------------------------------------------------------------

let status = 0;
try {
  // launch() runs chromium with a fresh temporary profile (a --user-data-dir that playwright
  // creates and deletes on close), and newContext() adds an isolated context on top, with empty
  // storage: every run starts signed out, nothing outlives it, and there is no profile directory
  // of ours to clean up (which launchPersistentContext would need).
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    headless: true,
    timeout: NAVIGATION_TIMEOUT_MS,
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'log') consoleLogs.push(message.text());
  });
  page.on('request', (request) => urlsVisited.push(request.url()));
  page.on('framenavigated', (frame) => urlsVisited.push(frame.url()));
  console.log(`chromium ${browser.version()}, console at ${ENGINE}/console`);

  await runSteps(page);
  console.log(
    `all ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`FAIL: ${error instanceof Error ? error.message : String(error)}`);
  status = 1;
} finally {
  clearTimeout(deadline);
  await closeBrowser();
}
process.exit(status);
