/** Placeholder until the page lands. */
export function HouseholdPrintPage() {
  return null;
}
