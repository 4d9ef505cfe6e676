import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  Assessment,
  OtpSent,
  PublicStatus,
  SelfReportResult,
  type SelfReportBody,
  type SelfTestBody,
  type StatusBody,
} from '../../../contracts/assistance';
import { apiSend, isApiError } from '../../api/client';

/** The public endpoints of the workers' pages: no session, a one-time code instead. */
export type SelfReportInput = z.input<typeof SelfReportBody>;
export type SelfReportView = z.infer<typeof SelfReportResult>;
export type StatusView = z.infer<typeof PublicStatus>;
export type StatusItem = StatusView['items'][number];
export type AssessmentView = z.infer<typeof Assessment>;

export const useSendCode = () =>
  useMutation({ mutationFn: (phone: string) => apiSend('POST', '/api/public/otp', { phone }, OtpSent) });

export const useSelfReport = () =>
  useMutation({
    mutationFn: (body: SelfReportInput) => apiSend('POST', '/api/public/self-report', body, SelfReportResult),
  });

export const useStatusLookup = () =>
  useMutation({
    mutationFn: (body: z.input<typeof StatusBody>) =>
      apiSend('POST', '/api/public/status', body, PublicStatus),
  });

export const useSelfTest = () =>
  useMutation({
    mutationFn: (body: z.input<typeof SelfTestBody>) =>
      apiSend('POST', '/api/public/self-test', body, Assessment),
  });

/** Seconds to wait before another code (429 otp.too_soon / otp.rate_limited carry it). */
export function retryAfterOf(err: unknown): number | undefined {
  if (!isApiError(err) || err.status !== 429) return undefined;
  const value = (err.problem as Record<string, unknown> | undefined)?.retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : undefined;
}

/** `13800138000` → `*******8000`: what the screen repeats back (the last 4, as the server masks). */
export const maskPhone = (phone: string) => {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  return digits.length === 11 ? `*******${digits.slice(7)}` : phone;
};

/** What the API takes: digits only, without spaces or dashes. */
export const compactPhone = (phone: string) => phone.trim().replace(/[\s-]/g, '');
