// `instanceof` across copies of @backprop/gradcheck: an app that `require`s it and imports an ES module that
// imports it loads two copies, whose error classes are distinct objects. Each error class's prototype
// carries a registry symbol (`Symbol.for`, the same in every copy) and its `Symbol.hasInstance` checks for
// that symbol. A user's subclass has no brand of its own and keeps the ordinary prototype-chain check.

/** Each branded class → its brand. */
const brands = new Map<object, symbol>();

/** Brands an error class with `@backprop/gradcheck.<name>`; each class calls it from its static block. */
export function brandErrorClass(cls: abstract new (...args: never) => Error, name: string): void {
  const brand = Symbol.for(`@backprop/gradcheck.${name}`);
  brands.set(cls, brand);
  Object.defineProperty(cls.prototype, brand, { value: true });
}

/** The `Symbol.hasInstance` of a branded class (and of its subclasses, which fall back to the prototype chain). */
export function isBranded(cls: object, value: unknown): boolean {
  const brand = brands.get(cls);
  if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(cls, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
