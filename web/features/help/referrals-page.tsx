/** Placeholder until the page lands. */
export function ReferralsPage() {
  return null;
}
