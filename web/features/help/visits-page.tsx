/** Placeholder until the page lands. */
export function VisitsPage() {
  return null;
}
