/** The server names API fields (`body.form.annualIncomeFen`); the screen's are in yuan. */
export function screenFieldOf(serverField: string): string {
  return serverField
    .replace(/^body\.form\./, '')
    .replace(/^body\./, '')
    .replace(/IncomeFen$/, 'Income')
    .replace(/^rigidExpenseFen$/, 'rigidExpense');
}
