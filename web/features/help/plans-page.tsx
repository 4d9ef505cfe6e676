/** Placeholder until the page lands. */
export function PlansPage() {
  return null;
}
