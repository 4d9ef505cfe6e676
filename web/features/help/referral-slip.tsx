/** Placeholder until the page lands. */
export function ReferralSlipPage() {
  return null;
}
