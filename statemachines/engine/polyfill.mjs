// aws-local-stepfunctions 3.0.0 calls Promise.withResolvers (Node >= 22). Node 20 lacks it.
// Imported before the library (see execution.mjs: the library is loaded with a dynamic import
// after this module, because static imports are hoisted).
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
