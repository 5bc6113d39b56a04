/** Loader d imports `mnist/src/digits/<d>.json`: every digit of class d, 784 values each, concatenated. */
export declare const digitLoaders: readonly (() => Promise<{ default: { readonly data: readonly number[] } }>)[];
