/** `13800138000` → `*******8000`: what the screen repeats back (the last 4, as the server masks). */
export const maskPhone = (phone: string) => {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  return digits.length === 11 ? `*******${digits.slice(7)}` : phone;
};

/** What the API takes: digits only, without spaces or dashes. */
export const compactPhone = (phone: string) => phone.trim().replace(/[\s-]/g, '');
