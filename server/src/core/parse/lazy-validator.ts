import Ajv, { type ErrorObject, type Options } from 'ajv';

/** A validator compiled on its first call; `errors` are the last call's errors. */
export interface LazyValidator {
  (value: unknown): boolean;
  readonly errors: readonly ErrorObject[];
}

/**
 * A validator for one of the package's own schemas, compiled on first use, so loading
 * the module costs nothing. The schema is not checked against the JSON Schema
 * meta-schema at run time (compiling the meta-schema costs more than compiling the
 * schema itself and would delay the first check); the tests check it instead.
 * `setUp` adds keywords or formats to the Ajv instance before compiling.
 */
export function lazyValidator(schema: object, options: Options, setUp?: (ajv: Ajv) => void): LazyValidator {
  let compiled: ((value: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;
  const validate = (value: unknown): boolean => {
    if (!compiled) {
      const ajv = new Ajv({ ...options, validateSchema: false });
      setUp?.(ajv);
      compiled = ajv.compile(schema);
    }
    return compiled(value);
  };
  return Object.defineProperty(validate, 'errors', { get: () => compiled?.errors ?? [] }) as LazyValidator;
}
