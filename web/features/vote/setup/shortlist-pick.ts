/** Whether the organiser's pick is the rule's list (order does not matter): then no reason is asked. */
export function samePick(pick: readonly string[], byRule: readonly string[]): boolean {
  if (pick.length !== byRule.length) return false;
  const rule = new Set(byRule);
  return new Set(pick).size === pick.length && pick.every((id) => rule.has(id));
}
