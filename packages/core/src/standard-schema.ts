/**
 * The Standard Schema v1 interface (standardschema.dev), which zod 4, valibot
 * and arktype implement: the `schema` option accepts any of them without
 * core depending on one. Written from the specification's text.
 * @example
 * const schema: StandardSchemaV1<unknown, { visits?: number }> = z.object({ visits: z.number().optional() });
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/**
 * What a Standard Schema's `validate` answers.
 * @example
 * const result = await schema["~standard"].validate(data); if (result.issues) …
 */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/**
 * One problem a validator found.
 * @example
 * { message: "Expected number", path: ["visits"] }
 */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * The data type a schema produces.
 * @example
 * type Data = InferSchemaOutput<typeof schema>;
 */
export type InferSchemaOutput<Schema> = Schema extends StandardSchemaV1<unknown, infer Output> ? Output : never;
