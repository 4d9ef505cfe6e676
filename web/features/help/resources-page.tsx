/** Placeholder until the page lands. */
export function ResourcesPage() {
  return null;
}
