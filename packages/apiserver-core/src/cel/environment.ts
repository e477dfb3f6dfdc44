import { isDeepStrictEqual } from 'node:util';
import { celModule, type CelEnvironment } from './engine';
import { registerConversions } from './library/conversions';
import { registerFormat } from './library/format';
import { registerLists } from './library/lists';
import { registerQuantity } from './library/quantity';
import { registerRegex } from './library/regex';
import { registerSets } from './library/sets';
import { registerStrings } from './library/strings';
import { registerURLs } from './library/urls';

/** A CEL type name as the engine spells it: 'dyn', 'int', 'string', 'map<string, dyn>', 'list<int>'… */
export type CELTypeName = string;

/** Declared variables of an environment: `self`, `oldSelf` for CRD rules; `object`, `request`… for admission policies. */
export type CELVariables = Record<string, CELTypeName>;

/**
 * Object types with declared fields (a schema's objects), in an order where a type is declared before the types that
 * use it. Values of these types stay plain objects at run time; the declarations serve type-checking.
 */
export type CELObjectTypes = [name: string, fields: Record<string, CELTypeName>][];

let base: CelEnvironment | undefined;

/** The Kubernetes base environment: standard CEL with optionals plus kube's extension libraries, built once. */
function baseEnvironment(): CelEnvironment {
  if (!base) {
    base = new (celModule().Environment)({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
    registerConversions(base);
    registerLists(base);
    registerStrings(base);
    registerRegex(base);
    registerURLs(base);
    registerQuantity(base);
    registerSets(base);
    registerFormat(base);
  }
  return base;
}

/**
 * An environment in which expressions are compiled: the Kubernetes libraries and the given variables. Environments are
 * cheap (the libraries are registered once and shared), so each schema node with rules gets its own.
 */
export class CELEnvironment {
  readonly env: CelEnvironment;

  constructor(
    readonly variables: CELVariables,
    types: CELObjectTypes = [],
  ) {
    this.env = baseEnvironment().clone();
    for (const [name, fields] of types) {
      this.env.registerType(name, { fields });
      // Objects compare as values in CEL (`self == oldSelf` on a struct is the usual immutability rule). Not
      // semanticEqual: CEL values are not JSON (Maps, BigInt integers, byte arrays), which isDeepStrictEqual compares.
      this.env.registerOperator(`${name} == ${name}`, (a: unknown, b: unknown) => isDeepStrictEqual(a, b));
    }
    for (const [name, type] of Object.entries(variables)) this.env.registerVariable(name, type);
  }
}

export function newEnvironment(variables: CELVariables, types?: CELObjectTypes): CELEnvironment {
  return new CELEnvironment(variables, types);
}
