// The console's browser test: Debian's chromium, driven by playwright-core, through the console's
// pages against a real engine (started by tests/e2e/test_console_browser.py with an admin secret,
// two Postgres databases and the fixtures' "users" GraphQL server). Each step prints a line when
// it passes and leaves a numbered screenshot (01-sign-in.png, …); the first step that fails ends
// the run with status 1 and a message saying what was expected (its screenshot is
// NN-<step>-FAILED.png).
//
//   CONSOLE_ENGINE_URL            http://127.0.0.1:PORT, the engine serving the console
//   CONSOLE_ADMIN_SECRET          its admin secret
//   CONSOLE_DEFAULT_DATABASE_URL  a database holding public."order" (id, user_id, product)
//   CONSOLE_PG2_DATABASE_URL      a database holding public."user" (id, name)
//   CONSOLE_USERS_REMOTE_URL      the "users" GraphQL server (tests/e2e/remote_graphql/users.mjs)
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
  docsFields,
} from './support.mjs';


const DATABASES = [
  { name: 'default', url: setting('CONSOLE_DEFAULT_DATABASE_URL'), table: 'order' },
  { name: 'pg2', url: setting('CONSOLE_PG2_DATABASE_URL'), table: 'user' },
];
const USERS_REMOTE_URL = setting('CONSOLE_USERS_REMOTE_URL');
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

// The "users" server as remote schema "accounts". Its root field `user` clashes with the table
// `user`'s, so the engine refuses it as it is; under a root fields namespace it is accepted.
const REMOTE_SCHEMA_CALL = {
  type: 'add_remote_schema',
  args: {
    name: 'accounts',
    definition: {
      url: USERS_REMOTE_URL,
      timeout_seconds: 60,
      forward_client_headers: false,
      headers: [],
      customization: { root_fields_namespace: 'accounts' },
    },
  },
};
// From the remote type User to the table order, and from order back to the remote field user.
const REMOTE_TYPE_RELATIONSHIP_CALL = {
  type: 'create_remote_schema_remote_relationship',
  args: {
    remote_schema: 'accounts',
    type_name: 'User',
    name: 'orders',
    definition: {
      to_source: {
        source: 'default',
        table: { schema: 'public', name: 'order' },
        relationship_type: 'array',
        field_mapping: { id: 'user_id' },
      },
    },
  },
};
const TO_REMOTE_SCHEMA_CALL = {
  type: 'pg_create_remote_relationship',
  args: {
    name: 'account',
    source: 'default',
    table: 'order',
    definition: {
      to_remote_schema: {
        remote_schema: 'accounts',
        lhs_fields: ['user_id'],
        remote_field: { user: { arguments: { id: '$user_id' } } },
      },
    },
  },
};
const NAMESPACED_QUERY = '{ accounts { user(id: 1) { name orders(order_by: {id: asc}) { id } } } }';
const TO_REMOTE_QUERY = 'query { order(order_by: {id: asc}) { id account { name } } }';

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
  await fillRelationship(page, 'user', 'user_id', 'id');
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
  await fillRelationship(page, 'bad', 'product', 'id');
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

step('explorer', 'run a query joining the two databases in the explorer', async (page) => {
  const expected = await runInExplorer(page, JOIN_QUERY);
  assert.ok(
    expected.data?.order?.length === 4 && expected.data.order[0].user?.name === 'Ada',
    `the engine's own answer: ${JSON.stringify(expected)}`,
  );
  const timing = page.getByRole('status', { name: 'Response time' });
  await waitFor('the response time', async () => /\d/.test((await timing.textContent()) ?? ''));
});

step('remote-schema', 'add the users service as remote schema accounts', async (page, shot) => {
  await openNav(page, 'Remote Schemas', '/console/remote-schemas');
  await page.getByRole('button', { name: 'Add Remote Schema', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add Remote Schema' });
  await form.getByLabel('Name', { exact: true }).fill('accounts');
  await form.getByLabel('GraphQL server URL', { exact: true }).fill(USERS_REMOTE_URL);

  // As it is, its root field user clashes with the table user's: the engine's refusal, in the form.
  const plain = await previewedCall(page);
  assert.equal(plain.args.definition.customization, undefined, 'no customization when none given');
  await form.getByRole('button', { name: 'Add remote schema', exact: true }).click();
  const alert = await visible(form.getByRole('alert'), 'an error (role alert) inside the form');
  const refused = await post('/v1/metadata', plain);
  assert.equal(refused.status, 400, `the same call over HTTP: ${JSON.stringify(refused.body)}`);
  const shown = await alert.textContent();
  assert.ok(
    shown.includes(refused.body.error) && /Conflicting root fields/.test(shown),
    `the form shows ${JSON.stringify(shown)}, the engine says ${JSON.stringify(refused.body)}`,
  );

  // Under a namespace it is accepted.
  await form.getByLabel('Root fields namespace', { exact: true }).fill('accounts');
  assert.deepEqual(await previewedCall(page), REMOTE_SCHEMA_CALL, 'the metadata call preview');
  await shot();
  await submitForm(page, 'Add Remote Schema', 'Add remote schema');
  const row = page.getByRole('row').filter({
    has: page.getByRole('link', { name: 'accounts', exact: true }),
  });
  await visible(
    row.getByRole('cell', { name: 'OK', exact: true }),
    'accounts listed with status OK',
  );
  const added = (await exportedMetadata()).remote_schemas?.find((s) => s.name === 'accounts');
  assert.deepEqual(
    added?.definition?.customization,
    { root_fields_namespace: 'accounts' },
    "the remote schema's customization in the engine",
  );
});

step(
  'remote-type-relationship',
  'a relationship from the remote type User to the table order',
  async (page, shot) => {
    await openNav(page, 'Remote Schemas', '/console/remote-schemas');
    await page.getByRole('main').getByRole('link', { name: 'accounts', exact: true }).click();
    await pathIs(page, '/console/remote-schemas/accounts/details');
    await page.getByRole('tab', { name: 'Relationships', exact: true }).click();
    await pathIs(page, '/console/remote-schemas/accounts/relationships');
    await page.getByRole('button', { name: 'Add Relationship', exact: true }).click();
    const form = await visible(
      page.getByRole('form', { name: 'Add Relationship' }),
      'the form "Add Relationship" (after introspecting accounts)',
    );
    await choose(page, 'Type', 'User');
    await form.getByLabel('Relationship name', { exact: true }).fill('orders');
    await form.getByLabel('To Reference', { exact: true }).fill('order');
    await (
      await visible(
        form.getByRole('option', { name: 'default / public.order', exact: true }),
        'the option "default / public.order"',
      )
    ).click();
    await choose(page, 'Relationship type', 'array');
    await choose(page, 'Field 1', 'id');
    await choose(page, 'Reference column 1', 'user_id');
    assert.deepEqual(
      await previewedCall(page),
      REMOTE_TYPE_RELATIONSHIP_CALL,
      'the metadata call preview',
    );
    await shot();
    await submitForm(page, 'Add Relationship', 'Create Relationship');
    await visible(
      page.getByRole('cell', { name: 'orders', exact: true }),
      'the new relationship "orders" in the list',
    );

    // Through the namespace, the remote user's orders come from Postgres.
    const answer = await runInExplorer(page, NAMESPACED_QUERY);
    assert.deepEqual(
      answer,
      { data: { accounts: { user: { name: 'Ada', orders: [{ id: 1 }, { id: 3 }] } } } },
      `the engine's own answer to ${NAMESPACED_QUERY}`,
    );
  },
);

step('to-remote-schema', 'a relationship from the table order to accounts', async (page, shot) => {
  await openTable(page, 'default', 'order', 'Relationships');
  await page.getByRole('button', { name: 'Add Relationship', exact: true }).click();
  const form = relationshipForm(page);
  await form.getByLabel('Relationship name', { exact: true }).fill('account');
  await form.getByLabel('To Reference', { exact: true }).fill('accounts');
  await (
    await visible(
      form.getByRole('option', { name: 'remote schema: accounts', exact: true }),
      'the option "remote schema: accounts"',
    )
  ).click();
  await (
    await visible(
      form.getByRole('checkbox', { name: 'user_id', exact: true }),
      'the join field user_id',
    )
  ).check();
  await form
    .getByRole('textbox', { name: 'Remote field', exact: true })
    .fill('{"user": {"arguments": {"id": "$user_id"}}}');
  assert.deepEqual(await previewedCall(page), TO_REMOTE_SCHEMA_CALL, 'the metadata call preview');
  await shot();
  await submitForm(page, 'Add Relationship', 'Create Relationship');
  await visible(
    page.getByRole('cell', { name: 'account', exact: true }),
    'the new relationship "account" in the list',
  );

  const answer = await runInExplorer(page, TO_REMOTE_QUERY);
  assert.deepEqual(
    answer.data?.order?.map((order) => [order.id, order.account?.name]),
    [
      [1, 'Ada'],
      [2, 'Bob'],
      [3, 'Ada'],
      [4, 'Cy'],
    ],
    `the engine's own answer to ${TO_REMOTE_QUERY}: ${JSON.stringify(answer)}`,
  );
});

step('remote-schema-reload', 'reload accounts from the list', async (page) => {
  await openNav(page, 'Remote Schemas', '/console/remote-schemas');
  await page.getByRole('button', { name: 'Reload accounts', exact: true }).click();
  await visible(
    page.getByRole('status').getByText('Remote schema accounts reloaded'),
    'the words "Remote schema accounts reloaded"',
  );
  const row = page.getByRole('row').filter({
    has: page.getByRole('link', { name: 'accounts', exact: true }),
  });
  await visible(row.getByRole('cell', { name: 'OK', exact: true }), 'accounts still OK');
  const consistency = await metadataCall({ type: 'get_inconsistent_metadata', args: {} });
  assert.deepEqual(
    consistency.inconsistent_objects,
    [],
    'the inconsistent objects after reloading',
  );
});

step('permissions', 'a select permission for role user on order', async (page, shot) => {
  await openTable(page, 'default', 'order', 'Permissions');
  await page.getByLabel('New role', { exact: true }).fill('user');
  await page.getByRole('button', { name: 'Add role' }).click();
  await page.getByRole('button', { name: 'Edit select permission for user' }).click();
  await page.getByLabel('All columns', { exact: true }).check();
  // By role: a <textarea>'s text is part of its <label>'s text, as a <select>'s options are.
  await page.getByRole('textbox', { name: 'Row filter', exact: true }).fill('{}');
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
