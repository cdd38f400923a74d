// A remote schema's types as the engine introspected them (introspect_remote_schema answers the
// remote's introspection result, {"data":{"__schema":…}}). Only graphql's types are used here:
// the data pages' bundle does not carry graphql-js, which only the explorer needs.
import type {
  IntrospectionField,
  IntrospectionObjectType,
  IntrospectionQuery,
  IntrospectionSchema,
  IntrospectionTypeRef,
} from 'graphql';

import { metadataCall } from '../../api';
import { useLoaded } from '../../hooks';
import type { Loaded } from '../../hooks';

// "[User!]!" for a NON_NULL(LIST(NON_NULL(User))).
export function typeRefText(ref: IntrospectionTypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeRefText(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${typeRefText(ref.ofType)}]`;
  return ref.name;
}

export function rootTypeNames(schema: IntrospectionSchema): string[] {
  return [schema.queryType?.name, schema.mutationType?.name, schema.subscriptionType?.name].filter(
    (name): name is string => typeof name === 'string',
  );
}

// The schema's own object types (not GraphQL's __ introspection types), by name.
export function objectTypes(schema: IntrospectionSchema): IntrospectionObjectType[] {
  return schema.types
    .filter((type): type is IntrospectionObjectType => type.kind === 'OBJECT')
    .filter((type) => !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// The types a relationship can start from: object types other than the root operation types.
export function relationshipSourceTypes(schema: IntrospectionSchema): IntrospectionObjectType[] {
  const roots = new Set(rootTypeNames(schema));
  return objectTypes(schema).filter((type) => !roots.has(type.name));
}

export function findObjectType(
  schema: IntrospectionSchema,
  name: string,
): IntrospectionObjectType | undefined {
  return objectTypes(schema).find((type) => type.name === name);
}

// The fields of a type whose values can feed a join: scalars and enums (not objects or lists).
export function joinableFields(type: IntrospectionObjectType | undefined): IntrospectionField[] {
  if (type === undefined) return [];
  return type.fields.filter((field) => {
    let ref: IntrospectionTypeRef = field.type;
    if (ref.kind === 'NON_NULL') ref = ref.ofType;
    return ref.kind === 'SCALAR' || ref.kind === 'ENUM';
  });
}

export function queryFields(schema: IntrospectionSchema): readonly IntrospectionField[] {
  const name = schema.queryType?.name;
  if (name === undefined) return [];
  return findObjectType(schema, name)?.fields ?? [];
}

export type Introspection = Loaded<IntrospectionSchema>;

// Introspects the remote schema `name` (null: nothing), again with each new `version` of the
// metadata (a reload may have changed the remote's schema).
export function useRemoteIntrospection(
  name: string | null,
  version: unknown = null,
): Introspection {
  return useLoaded(
    name,
    async () => {
      const answer = await metadataCall<{ data?: IntrospectionQuery }>('introspect_remote_schema', {
        name,
      });
      const schema = answer?.data?.__schema;
      if (schema === undefined) {
        throw new Error(`The engine's introspection of ${name} has no __schema.`);
      }
      return schema;
    },
    version,
  );
}
