// Visits the nodes of a dependency graph leaves first, with an explicit stack. The front ends
// evaluate lazily and memoize; evaluating in this order first means every reference finds its
// value already there, so a long chain of references is evaluated one link at a time instead of
// one nested evaluation per link. Nodes on a cycle are not visited: the evaluator meets the cycle
// where it is first referenced and reports it there.

/** Calls `visit` once per node of `deps` that is on no cycle, each after the nodes it depends on. */
export function visitInDependencyOrder<K>(deps: ReadonlyMap<K, readonly K[]>, visit: (node: K) => void): void {
  const seen = new Set<K>();
  const onStack = new Set<K>();
  const cyclic = new Set<K>();
  for (const root of deps.keys()) {
    if (seen.has(root)) continue;
    const stack: { node: K; next: number }[] = [{ node: root, next: 0 }];
    seen.add(root);
    onStack.add(root);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const list = deps.get(top.node) ?? [];
      if (top.next < list.length) {
        const dep = list[top.next++];
        if (onStack.has(dep)) markCycle(stack, dep, cyclic);
        else if (!seen.has(dep) && deps.has(dep)) {
          seen.add(dep);
          onStack.add(dep);
          stack.push({ node: dep, next: 0 });
        }
        continue;
      }
      stack.pop();
      onStack.delete(top.node);
      if (!cyclic.has(top.node)) visit(top.node);
    }
  }
}

/** Marks the stack entries from `dep` to the top: they form a cycle. */
function markCycle<K>(stack: readonly { node: K }[], dep: K, cyclic: Set<K>): void {
  for (let i = stack.length - 1; i >= 0; i--) {
    cyclic.add(stack[i].node);
    if (stack[i].node === dep) return;
  }
}
