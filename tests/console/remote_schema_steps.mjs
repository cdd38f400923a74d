// The browser test's remote-schema steps (console.mjs runs them after the explorer's first query):
// the fixtures' "users" GraphQL server added as remote schema "accounts" under a root fields
// namespace (refused without one: its root field `user` clashes with the table's), a relationship
// from its type User to the table order, one from order to it, both queried in the explorer, and
// a reload from the list.

import assert from 'node:assert/strict';

import {
  setting,
  post,
  metadataCall,
  exportedMetadata,
  visible,
  pathIs,
  openNav,
  choose,
  submitForm,
  openTable,
  relationshipForm,
  previewedCall,
  runInExplorer,
} from './support.mjs';

const USERS_REMOTE_URL = setting('CONSOLE_USERS_REMOTE_URL');

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
        table: 'order',
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
export const NAMESPACED_QUERY = '{ accounts { user(id: 1) { name orders(order_by: {id: asc}) { id } } } }';
export const TO_REMOTE_QUERY = 'query { order(order_by: {id: asc}) { id account { name } } }';

// Registers the steps with console.mjs's `step(slug, title, run)`.
export function defineRemoteSchemaSteps(step) {
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
      .getByLabel('Remote field', { exact: true })
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
}
